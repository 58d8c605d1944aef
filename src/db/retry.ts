/**
 * Runs a whole transaction again when PostgreSQL chose it as the victim of a deadlock (40P01) or a
 * serialization failure (40001): both leave nothing behind, and trying again is the documented
 * remedy. A bounded number of times, with a short random pause; then the error stands.
 * `run` must be repeatable: a `database.transaction(...)` over data already in memory.
 */
import type { Database, Tx } from './database.js';

const RETRYABLE = new Set(['40P01', '40001']);

export async function retryTransient<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (e) {
      if (attempt >= attempts || !RETRYABLE.has((e as { code?: string }).code ?? '')) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 50 * attempt));
    }
  }
}

/** `database.transaction(fn)`, run again on a deadlock or serialization failure. */
export function transactionRetrying<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return retryTransient(() => database.transaction(fn));
}
