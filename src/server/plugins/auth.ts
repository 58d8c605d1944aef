/**
 * Authentication: session cookie or `Authorization: Bearer <token>` → request.actor.
 * Everything under /api is closed without one, except the contract's public paths.
 * CSRF: cookie-authenticated writes must come from the app's own origin (Origin /
 * Sec-Fetch-Site checked) and, when the header is sent, carry the session's x-csrf-token.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as users from '../../repositories/users.js';
import { type Actor, loadActor, sha256 } from '../../services/auth.js';
import { AppError, unauthorized } from '../errors.js';

export const SESSION_COOKIE = 'chiso_session';

const PUBLIC_EXACT = new Set(['/api/health', '/api/auth/login', '/api/openapi.json', '/api/docs']);

export function isPublicPath(path: string): boolean {
  return (
    PUBLIC_EXACT.has(path) ||
    path.startsWith('/api/docs/') ||
    path.startsWith('/api/open/') ||
    !path.startsWith('/api/')
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const lastTouched = new Map<number, number>();

function sameOrigin(request: FastifyRequest, allowed: string[], trustProxy: boolean): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site') return false;
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser cross-origin request (curl, scripts); SameSite=Strict covers the rest
  const host = (trustProxy && request.headers['x-forwarded-host']) || request.headers.host;
  try {
    const o = new URL(origin);
    return o.host === host || allowed.includes(origin);
  } catch {
    return false;
  }
}

export async function authPlugin(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0];
    const database = app.database;
    const auth = request.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const token = auth.slice(7).trim();
      const row = token ? await users.findActiveToken(database, sha256(token)) : undefined;
      if (!row) {
        if (isPublicPath(path)) return;
        throw unauthorized();
      }
      request.actor = await loadActor(database, row.user_id, 'token', {
        tokenScope: row.scope as 'read' | 'write',
      });
      if (!request.actor) throw unauthorized();
      // "last used" needs minute precision, not a write on every request
      const now = Date.now();
      if ((lastTouched.get(row.id) ?? 0) < now - 60_000) {
        lastTouched.set(row.id, now);
        void users.touchToken(database, row.id).catch(() => {});
      }
      return;
    }
    const cookie = request.cookies?.[SESSION_COOKIE];
    if (cookie) {
      const hash = sha256(cookie);
      const session = await users.findSession(database, hash);
      if (session) {
        request.actor = await loadActor(database, session.user_id, 'session', {
          sessionHash: hash,
          csrfToken: session.csrf_token,
        });
        if (request.actor && WRITE_METHODS.has(request.method) && path !== '/api/auth/login') {
          const header = request.headers['x-csrf-token'];
          if (
            !sameOrigin(request, app.config.corsOrigins, app.config.trustProxy) ||
            (header !== undefined && header !== session.csrf_token)
          ) {
            throw new AppError(403, 'csrf', 'error.csrf');
          }
        }
      }
    }
    if (!request.actor && !isPublicPath(path)) throw unauthorized();
  });
}

/** The actor of a route that is not public (the hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
