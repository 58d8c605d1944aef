/**
 * Authentication: session cookie, `Authorization: Bearer <token>` or `ApiToken <token>` (DHIS2's
 * spelling, same tokens), or `Authorization: Basic …` (DHIS2 clients and DHIS2's sync; the password
 * checked with argon2 and throttled exactly as logins are, services/auth.ts checkLogin) → request.actor.
 * Everything under /api is closed without one, except the contract's public routes.
 * Public or not is decided from the route Fastify actually matched (its pattern, marked once when the
 * route is registered), never from the raw URL: `/%61pi/indicators` routes to `/api/indicators` and is
 * closed like it. A request that matches no route is closed when its normalised path looks like /api.
 * CSRF: cookie-authenticated writes must come from the app's own origin (Origin /
 * Sec-Fetch-Site checked) and, when the header is sent, carry the session's x-csrf-token. Token
 * requests need no CSRF check (a browser never adds the header by itself). Basic is for machine
 * clients: chiso never answers with a `WWW-Authenticate: Basic` challenge (so no browser remembers
 * Basic credentials for the site), and a Basic write coming from another site is still refused.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../../access/actor.js';
import { AppError, unauthorized } from '../../errors.js';
import { appendAudit } from '../../repositories/audit.js';
import * as users from '../../repositories/users.js';
import { checkLogin, loadActor, sha256 } from '../../services/auth.js';
import { TokenFailures } from './tokenThrottle.js';

export const SESSION_COOKIE = 'chiso_session';
/** A browser that logged in before (see domain/loginThrottle.ts); sent to /api/auth only. */
export const DEVICE_COOKIE = 'chiso_device';

const PUBLIC_ROUTES = new Set(['/api/health', '/api/auth/login', '/api/openapi.json', '/api/docs']);

/** Whether a route *pattern* (as registered, e.g. `/api/open/indicators/:code/data.csv`) is public. */
export function isPublicRoute(pattern: string): boolean {
  return (
    PUBLIC_ROUTES.has(pattern) ||
    pattern.startsWith('/api/docs/') ||
    pattern.startsWith('/api/open/') ||
    !pattern.startsWith('/api/')
  );
}

/**
 * For a request that matched no route: could it be meant for the API? Decodes repeatedly, folds case,
 * duplicate slashes, dot segments and `;` parameters, so no spelling of /api slips through as public.
 */
export function looksLikeApi(rawUrl: string): boolean {
  let path = rawUrl.split('?')[0] ?? '';
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(path);
    } catch {
      return true; // undecodable: refuse rather than guess
    }
    if (next === path) break;
    path = next;
  }
  path = path.replace(/\\/g, '/').replace(/\/+/g, '/').toLowerCase();
  const segments: string[] = [];
  for (const raw of path.split('/')) {
    const seg = raw.split(';')[0]?.trim() ?? '';
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return segments[0] === 'api';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Open without login (set from the route pattern when the route is registered). */
    public?: boolean;
  }
}

function isPublicRequest(request: FastifyRequest): boolean {
  if (request.is404) return !looksLikeApi(request.url);
  return request.routeOptions.config?.public === true;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyInstance {
    /** Every route registered after the auth plugin, with whether it is open without login. */
    routeTable: { method: string; url: string; public: boolean }[];
  }
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const lastTouched = new Map<number, number>();

function sameOrigin(request: FastifyRequest, allowed: string[], trustProxy: boolean | number): boolean {
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
  /** wrong API tokens per address (this app's own, so tests and instances do not share it) */
  const tokenFailures = new TokenFailures();
  app.decorateRequest('actor', null);
  // every route registered after this plugin is marked public or not by its pattern, once
  app.decorate('routeTable', []);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? route.path;
    const open = isPublicRoute(url) || route.config?.public === true;
    if (open) route.config = { ...(route.config ?? {}), public: true };
    for (const method of [route.method].flat()) app.routeTable.push({ method, url, public: open });
  });
  app.addHook('onRequest', async (request, reply) => {
    const open = isPublicRequest(request);
    const database = app.database;
    const auth = request.headers.authorization;
    const tokenAuth = /^(Bearer|ApiToken) /i.exec(auth ?? '');
    if (auth && tokenAuth) {
      const address = request.ip ?? '';
      const wait = tokenFailures.waitSeconds(address);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new AppError(429, 'token_throttled', 'error.token_throttled', { seconds: wait });
      }
      const token = auth.slice(tokenAuth[0].length).trim();
      const row = token ? await users.findActiveToken(database, sha256(token)) : undefined;
      if (!row) {
        tokenFailures.fail(address);
        if (open) return;
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
    if (auth && /^Basic /i.test(auth)) {
      const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const username = colon > 0 ? decoded.slice(0, colon) : '';
      const password = colon > 0 ? decoded.slice(colon + 1) : '';
      if (!username || username.length > 200 || password.length > 1000) throw unauthorized();
      const result = await checkLogin(database, username, password, {
        address: request.ip,
        rememberDevice: false,
      });
      if (!result.ok) {
        await appendAudit(database, {
          userId: null,
          username,
          ip: request.ip ?? null,
          action: 'login_failed',
          entity: 'session',
          key: username,
          after: { via: 'basic' },
        });
        if (result.reason === 'wait') {
          reply.header('retry-after', String(result.retryAfterSeconds));
          throw new AppError(429, 'login_throttled', 'error.login_throttled', {
            seconds: result.retryAfterSeconds,
          });
        }
        throw unauthorized();
      }
      request.actor = await loadActor(database, result.userId, 'basic');
      if (!request.actor) throw unauthorized();
      if (
        WRITE_METHODS.has(request.method) &&
        !sameOrigin(request, app.config.corsOrigins, app.config.trustProxy)
      )
        throw new AppError(403, 'csrf', 'error.csrf');
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
        if (
          request.actor &&
          WRITE_METHODS.has(request.method) &&
          request.routeOptions.url !== '/api/auth/login'
        ) {
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
    if (!request.actor && !open) throw unauthorized();
  });
}

/** The actor of a route that is not public (the hook guarantees one). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthorized();
  return request.actor;
}
