/**
 * Admission control: each kind of work (reads, writes, imports, exports) runs at most N requests
 * at once, with a bounded queue behind them. A request that finds the queue full, or waits longer
 * than its kind allows, is refused at once with 503, `Retry-After` and the error shape — never left
 * hanging. Work runs in a scope (src/db/workScope.ts) that the database adapters see: when the
 * client goes away, a waiting request leaves the queue and a running statement is cancelled; reads
 * run under their own statement_timeout (config.readTimeoutMs), and a read that trips it gets a 503.
 *
 * Limits are per process (config.admission, CHISO_LIMIT_<KIND>). Health, the API docs and the web
 * app's files are never queued.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { WorkLimit } from '../../config.js';
import { runInScope, WorkCancelled, type WorkKind, type WorkScope } from '../../db/workScope.js';
import { type MessageKey, registerMessages } from '../../i18n/index.js';
import { langOf } from '../routes/helpers.js';
import { sendError } from './errors.js';

registerMessages(
  {
    'error.overloaded': 'Máy chủ đang bận ({{kind}}). Vui lòng thử lại sau {{seconds}} giây.',
    'error.query_timeout':
      'Truy vấn chạy quá {{seconds}} giây và đã bị dừng. Hãy thu hẹp phạm vi (đơn vị, kỳ, chỉ tiêu) hoặc thử lại sau.',
  },
  {
    'error.overloaded': 'The server is busy ({{kind}}). Please try again in {{seconds}} seconds.',
    'error.query_timeout':
      'The query ran longer than {{seconds}} seconds and was stopped. Narrow it (units, periods, indicators) or try again later.',
  },
);

/** Requests bodies at least this large to an import route count as imports; smaller ones as writes. */
export const IMPORT_BYTES = 256 * 1024;

const IMPORT_ROUTE = /\/(data-values|dataValueSets|import|upload|extract)$/;
const EXPORT_ROUTE = /(\/export|\.xlsx|\.csv|\/print)$/;

/** The kind of work of a request, by method and route pattern; null: never queued. */
export function workKind(method: string, route: string | undefined, bodyBytes: number): WorkKind | null {
  if (!route?.startsWith('/api/') || route === '/api/health' || route === '/api/openapi.json') return null;
  if (route.startsWith('/api/docs') || method === 'OPTIONS') return null;
  if (method === 'GET' || method === 'HEAD') return EXPORT_ROUTE.test(route) ? 'export' : 'read';
  // a form's upload or a plan's text is a file whatever its size; values in bulk by size
  if (/\/(upload|extract|import)$/.test(route)) return 'import';
  return IMPORT_ROUTE.test(route) && bodyBytes >= IMPORT_BYTES ? 'import' : 'write';
}

/** Why a request was not admitted. */
type Refusal = 'full' | 'waited';

interface Waiter {
  admit(): void;
  refuse(why: Refusal): void;
}

/** A counting gate with a bounded FIFO queue and a longest wait. */
export class Gate {
  private active = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly limit: WorkLimit) {}

  get running() {
    return this.active;
  }

  get queued() {
    return this.waiting.length;
  }

  /** Resolves with a release function once admitted; rejects with the refusal. */
  enter(signal: AbortSignal): Promise<() => void> {
    if (this.active < this.limit.concurrency) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.limit.queue) return Promise.reject('full' satisfies Refusal);
    return new Promise((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
      };
      const waiter: Waiter = {
        admit: () => {
          leave();
          resolve(this.releaser());
        },
        refuse: (why) => {
          leave();
          reject(why);
        },
      };
      const timer = setTimeout(() => waiter.refuse('waited'), this.limit.maxWaitMs);
      // a client that gave up waiting leaves the queue (nobody will read the answer)
      const onAbort = () => waiter.refuse('full');
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) next.admit();
      else this.active--;
    };
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    workScope?: WorkScope;
  }
  interface FastifyInstance {
    gates: Record<WorkKind, Gate>;
  }
}

/** Seconds a refused client should wait: about one full queue's worth of waiting, at least 1. */
function retryAfter(limit: WorkLimit): number {
  return Math.max(1, Math.ceil(limit.maxWaitMs / 1000));
}

function refuse(request: FastifyRequest, reply: FastifyReply, kind: WorkKind, limit: WorkLimit) {
  const seconds = retryAfter(limit);
  reply.header('retry-after', String(seconds));
  return sendError(reply, langOf(request), 503, 'overloaded', 'error.overloaded' as MessageKey, {
    kind,
    seconds,
  });
}

export function registerAdmission(app: FastifyInstance) {
  const limits = app.config.admission;
  const gates = {
    read: new Gate(limits.read),
    write: new Gate(limits.write),
    import: new Gate(limits.import),
    export: new Gate(limits.export),
  } satisfies Record<WorkKind, Gate>;
  app.decorate('gates', gates);
  app.decorateRequest('workScope', undefined);
  const releases = new WeakMap<FastifyRequest, () => void>();

  app.addHook('onRequest', (request, reply, done) => {
    const bytes = Number(request.headers['content-length'] ?? 0) || 0;
    const kind = workKind(request.method, request.routeOptions.url, bytes);
    if (!kind) return done();
    const abort = new AbortController();
    const scope: WorkScope = {
      kind,
      signal: abort.signal,
      statementTimeoutMs:
        kind === 'read' && app.config.readTimeoutMs > 0 ? app.config.readTimeoutMs : undefined,
    };
    request.workScope = scope;
    // 'close' before the response was written: the client has gone
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort.abort();
    });
    gates[kind].enter(abort.signal).then(
      (release) => {
        releases.set(request, release);
        reply.raw.once('close', release);
        // the client may have gone while it waited
        if (reply.raw.destroyed) release();
        runInScope(scope, done);
      },
      () => {
        if (!abort.signal.aborted) refuse(request, reply, kind, gates[kind].limit);
      },
    );
  });
  // the body is read outside the request's async context: enter the scope again before the handler
  const reenter = (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    // a client gone before its handler starts: none of its work is done
    if (request.workScope?.signal.aborted) done(new WorkCancelled());
    else if (request.workScope) runInScope(request.workScope, done);
    else done();
  };
  app.addHook('preValidation', reenter);
  app.addHook('preHandler', reenter);
  // release on response as well (inject's replies may not emit 'close')
  app.addHook('onResponse', (request, _reply, done) => {
    releases.get(request)?.();
    done();
  });
}
