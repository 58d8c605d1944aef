/** Settings from the environment, read once at start. */
import type { WorkKind } from './db/workScope.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  demo: boolean;
  adminPassword?: string;
  demoPassword?: string;
  /** Largest request body in bytes (CSV/JSON imports). */
  bodyLimit: number;
  sessionHours: number;
  /** Origins allowed to call the API from a browser besides the app's own. */
  corsOrigins: string[];
  webDir: string;
  logLevel: string;
  secureCookies: boolean;
  uploadDir: string;
  /** Behind a reverse proxy: believe X-Forwarded-For / -Host. */
  /** false, or how many proxies in front of us to believe in X-Forwarded-For (true: all — tests only) */
  trustProxy: boolean | number;
  /**
   * Admission control (src/server/plugins/admission.ts): how many requests of each kind of work run
   * at once, how many may wait, and how long one may wait before a 503 with Retry-After.
   */
  admission: Record<WorkKind, WorkLimit>;
  /** PostgreSQL: statement_timeout of reads (GET requests; milliseconds, 0 = the connection's own). */
  readTimeoutMs: number;
  /** PostgreSQL: time limits on every connection (milliseconds, 0 = none). */
  dbSession: {
    statementTimeoutMs: number;
    idleInTransactionTimeoutMs: number;
    clientCheckMs: number;
    /** PostgreSQL's JIT compiler (CHISO_DB_JIT=on); off by default (docs/decisions/0010-jit-off.md). */
    jit?: boolean;
    /** work_mem in MiB on every connection (CHISO_DB_WORK_MEM_MB, default 32). */
    workMemMb?: number;
  };
}

export interface WorkLimit {
  /** requests of this kind running at once */
  concurrency: number;
  /** requests waiting for a turn; one more is refused at once (503) */
  queue: number;
  /** longest wait for a turn (ms); then 503 */
  maxWaitMs: number;
}

/**
 * Defaults for 2 cores and a 10-connection pool: reads 5 + writes 2 + imports 1 + exports 2 =
 * the pool, so admitted work never waits for a connection. `CHISO_LIMIT_<KIND>` =
 * `concurrency,queue,maxWaitMs` (e.g. `CHISO_LIMIT_READ=8,200,1000`).
 */
export const DEFAULT_LIMITS: Record<WorkKind, WorkLimit> = {
  read: { concurrency: 5, queue: 100, maxWaitMs: 1000 },
  write: { concurrency: 2, queue: 50, maxWaitMs: 5000 },
  import: { concurrency: 1, queue: 4, maxWaitMs: 60_000 },
  export: { concurrency: 2, queue: 10, maxWaitMs: 10_000 },
};

function limit(value: string | undefined, fallback: WorkLimit): WorkLimit {
  const [c, q, w] = (value ?? '').split(',').map((x) => Number(x.trim()));
  const ok = (n: number | undefined, min: number) => n !== undefined && Number.isInteger(n) && n >= min;
  return {
    concurrency: ok(c, 1) ? c : fallback.concurrency,
    queue: ok(q, 0) ? q : fallback.queue,
    maxWaitMs: ok(w, 0) ? w : fallback.maxWaitMs,
  };
}

/** A non-negative number of milliseconds from the environment, or the default. */
function millis(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? Math.round(n) : fallback;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.CHISO_DATA_DIR || './data';
  return {
    port: Number(env.PORT || 3000),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    demo: env.CHISO_DEMO !== '0',
    adminPassword: env.CHISO_ADMIN_PASSWORD || undefined,
    demoPassword: env.CHISO_DEMO_PASSWORD || undefined,
    bodyLimit: Number(env.CHISO_BODY_LIMIT || 64 * 1024 * 1024),
    sessionHours: Number(env.CHISO_SESSION_HOURS || 12),
    corsOrigins: (env.CHISO_CORS_ORIGINS || '').split(',').filter(Boolean),
    webDir: env.CHISO_WEB_DIR || new URL('../dist/web/', import.meta.url).pathname,
    logLevel: env.LOG_LEVEL || 'info',
    secureCookies: env.CHISO_SECURE_COOKIES === '1',
    uploadDir: env.CHISO_UPLOAD_DIR || `${dataDir}/uploads`,
    trustProxy: proxyHops(env.CHISO_TRUST_PROXY),
    admission: {
      read: limit(env.CHISO_LIMIT_READ, DEFAULT_LIMITS.read),
      write: limit(env.CHISO_LIMIT_WRITE, DEFAULT_LIMITS.write),
      import: limit(env.CHISO_LIMIT_IMPORT, DEFAULT_LIMITS.import),
      export: limit(env.CHISO_LIMIT_EXPORT, DEFAULT_LIMITS.export),
    },
    readTimeoutMs: millis(env.CHISO_READ_TIMEOUT_MS, 15_000),
    dbSession: {
      statementTimeoutMs: millis(env.CHISO_STATEMENT_TIMEOUT_MS, 10 * 60_000),
      idleInTransactionTimeoutMs: millis(env.CHISO_IDLE_TX_TIMEOUT_MS, 2 * 60_000),
      clientCheckMs: millis(env.CHISO_CLIENT_CHECK_MS, 1000),
      jit: env.CHISO_DB_JIT === 'on',
      workMemMb: millis(env.CHISO_DB_WORK_MEM_MB, 32) || 32,
    },
  };
}

/**
 * CHISO_TRUST_PROXY: the number of reverse proxies in front of chiso ('1' for one). Only that many
 * hops of X-Forwarded-For are believed, counted from the right: the client cannot forge its address
 * by sending the header itself.
 */
function proxyHops(v: string | undefined): false | number {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : false;
}
