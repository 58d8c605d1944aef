/** Login, logout and who-am-I. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permissionsOf, policy } from '../../../../access/index.js';
import { AppError, forbidden } from '../../../../errors.js';
import { appendAudit } from '../../../../repositories/audit.js';
import { isDeviceOfSomeone } from '../../../../repositories/loginThrottle.js';
import * as users from '../../../../repositories/users.js';
import { checkLogin, homeUnitOf, loadActor, sha256, startSession } from '../../../../services/auth.js';
import { okShape } from '../../../openapi.js';
import { actorOf, DEVICE_COOKIE, SESSION_COOKIE } from '../../../plugins/auth.js';
import { ipOf } from '../../helpers.js';
import { loginBody, loginResponse, meResponse } from './schema.js';

export default async function auth(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/auth/login',
    {
      schema: {
        operationId: 'login',
        tags: ['auth'],
        summary: 'Log in; sets an HttpOnly session cookie',
        security: [],
        body: loginBody,
        response: { 200: loginResponse },
      },
      config: {
        rateLimit: {
          max: 20,
          timeWindow: '1 minute',
          keyGenerator: (req) => `${req.ip}`,
          // a browser that logged in before is not held back by others' failures from its address
          // (a shared office NAT); its own attempts still meet the account throttles
          allowList: async (req) => {
            const device = req.cookies?.[DEVICE_COOKIE];
            return !!device && (await isDeviceOfSomeone(app.database, sha256(device)));
          },
        },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const result = await checkLogin(app.database, username, password, {
        address: request.ip,
        deviceToken: request.cookies?.[DEVICE_COOKIE],
      });
      if (!result.ok) {
        await appendAudit(app.database, {
          userId: null,
          username,
          ip: ipOf(request),
          action: 'login_failed',
          entity: 'session',
          key: username,
        });
        if (result.reason === 'wait') {
          reply.header('retry-after', String(result.retryAfterSeconds));
          throw new AppError(429, 'login_throttled', 'error.login_throttled', {
            seconds: result.retryAfterSeconds,
          });
        }
        throw new AppError(401, 'login_failed', 'error.login_failed');
      }
      const { cookie, csrfToken } = await startSession(app.database, result.userId, {
        ip: request.ip,
        userAgent: String(request.headers['user-agent'] ?? '').slice(0, 300),
        hours: app.config.sessionHours,
      });
      const actor = (await loadActor(app.database, result.userId, 'session'))!;
      await appendAudit(app.database, {
        userId: actor.id,
        username: actor.username,
        ip: ipOf(request),
        action: 'login',
        entity: 'session',
        key: actor.username,
      });
      reply.setCookie(SESSION_COOKIE, cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: app.config.secureCookies,
        maxAge: app.config.sessionHours * 3600,
      });
      // this browser is now known to the account: it passes while the account is attacked from elsewhere
      reply.setCookie(DEVICE_COOKIE, result.deviceToken, {
        path: '/api/auth',
        httpOnly: true,
        sameSite: 'strict',
        secure: app.config.secureCookies,
        maxAge: 365 * 24 * 3600,
      });
      return {
        user: { username: actor.username, displayName: actor.displayName, isAdmin: actor.isAdmin },
        csrfToken,
      };
    },
  );

  r.post(
    '/auth/logout',
    {
      schema: {
        operationId: 'logout',
        tags: ['auth'],
        summary: 'End this session (or every session with ?everywhere=true)',
        querystring: z.object({
          // not z.coerce.boolean(): "false" would be true
          everywhere: z
            .enum(['true', 'false', '1', '0'])
            .optional()
            .transform((v) => v === 'true' || v === '1'),
        }),
        response: { 200: okShape },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (request.query.everywhere && !policy.canEndAllSessions(actor)) throw forbidden();
      if (request.query.everywhere) await users.deleteSessionsOf(app.database, actor.id);
      else if (actor.sessionHash) await users.deleteSession(app.database, actor.sessionHash);
      // a token has no session of its own to end: nothing happened, nothing to record
      else return { ok: true };
      await appendAudit(app.database, {
        userId: actor.id,
        username: actor.username,
        ip: ipOf(request),
        action: 'logout',
        entity: 'session',
        key: actor.username,
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  r.get(
    '/me',
    {
      schema: {
        operationId: 'getMe',
        tags: ['auth'],
        summary: 'The logged-in user, grants and what they may do',
        response: { 200: meResponse },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const home = await homeUnitOf(app.database, actor);
      return {
        user: { username: actor.username, displayName: actor.displayName, isAdmin: actor.isAdmin },
        grants: actor.grants.map((g) => ({
          role: g.role,
          orgUnit: g.orgUnitCode,
          orgUnitName: g.orgUnitName,
          validFrom: g.validFrom ?? null,
          validTo: g.validTo ?? null,
          ...(g.via ? { via: g.via } : {}),
        })),
        permissions: permissionsOf(actor),
        csrfToken: actor.csrfToken ?? null,
        home,
      };
    },
  );
}
