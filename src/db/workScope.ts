/**
 * The unit of work a database call belongs to (one HTTP request): its kind, whether its client is
 * still there, and the statement_timeout its reads run under. Carried by AsyncLocalStorage, so the
 * database adapters see it without every repository passing it along. Outside a request (CLI,
 * tests, start-up) there is no scope and nothing changes.
 *
 * - PostgreSQL (./postgres.ts): a statement running for a scope whose client went away is cancelled
 *   on the server (a protocol cancel request), and its connection is not reused; reads run under
 *   `statementTimeoutMs`.
 * - PGlite (./pglite.ts): one connection, statements cannot be interrupted; the scope's next
 *   statements are refused instead of queued.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

/** Kinds of work, each admitted by its own bounded gate (src/server/plugins/admission.ts). */
export type WorkKind = 'read' | 'write' | 'import' | 'export';

export interface WorkScope {
  kind: WorkKind;
  /** Aborted when the client has gone (or the work was refused). */
  signal: AbortSignal;
  /** statement_timeout (ms) for this work's statements outside transactions; undefined: the connection's. */
  statementTimeoutMs?: number;
}

const storage = new AsyncLocalStorage<WorkScope>();

export function runInScope<T>(scope: WorkScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentScope(): WorkScope | undefined {
  return storage.getStore();
}

/** Thrown instead of running a statement for work whose client has gone. */
export class WorkCancelled extends Error {
  readonly code = 'chiso_cancelled';
  constructor() {
    super('the client has gone: statement not run');
  }
}

export function throwIfCancelled(scope: WorkScope | undefined = storage.getStore()): void {
  if (scope?.signal.aborted) throw new WorkCancelled();
}
