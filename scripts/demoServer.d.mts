/** The demo's passwords in browser tests and page benchmarks. */
export const E2E_PASSWORDS: { admin: string; demo: string };
/** Starts chiso with its demo on a free port (PGlite, or a fresh schema on `databaseUrl`). */
export function startDemoServer(opts?: {
  databaseUrl?: string;
  env?: Record<string, string>;
  waitSeconds?: number;
}): Promise<{ base: string; pid: number | undefined; stop: () => Promise<void> }>;
