/** Accounts and roles on the org tree (admins), and one's own password. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { policy } from '../../../../access/index.js';
import { forbidden } from '../../../../errors.js';
import * as users from '../../../../services/users.js';
import { actorOf } from '../../../plugins/auth.js';
import { ipOf } from '../../helpers.js';
import {
  grantInput,
  grantParams,
  grantResult,
  grantsAfter,
  listQuery,
  ownPassword,
  passwordReset,
  userInput,
  usernameParams,
  userPatch,
  userShape,
} from './schema.js';

const ok = z.object({ ok: z.boolean() });

export default async function userRoutes(app: FastifyInstance) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/users',
    {
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: 'Accounts with their roles (admins)',
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(userShape), total: z.number() }) },
      },
    },
    async (request) => {
      if (!policy.canListUsers(actorOf(request))) throw forbidden();
      return users.listUsers(app.database, request.query);
    },
  );

  r.post(
    '/users',
    {
      schema: {
        operationId: 'createUser',
        tags: ['users'],
        summary:
          'Create an account (admins); password policy: 10+ characters with letters and digits, or 16+',
        body: userInput,
        response: { 201: userShape },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!policy.canManageUsers(actor)) throw forbidden();
      const created = await users.createUser(app.database, actor, request.body, ipOf(request));
      return reply.status(201).send(created);
    },
  );

  r.get(
    '/users/:username',
    {
      schema: {
        operationId: 'getUser',
        tags: ['users'],
        summary: 'One account with its roles (admins)',
        params: usernameParams,
        response: { 200: userShape },
      },
    },
    async (request) => {
      if (!policy.canListUsers(actorOf(request))) throw forbidden();
      return users.getUser(app.database, request.params.username);
    },
  );

  r.put(
    '/users/:username',
    {
      schema: {
        operationId: 'updateUser',
        tags: ['users'],
        summary:
          'Change display name, e-mail, disabled, administrator, home unit (admins); disabling ends sessions',
        params: usernameParams,
        body: userPatch,
        response: { 200: userShape },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!policy.canManageUsers(actor)) throw forbidden();
      return users.updateUser(app.database, actor, request.params.username, request.body, ipOf(request));
    },
  );

  r.post(
    '/users/:username/password',
    {
      schema: {
        operationId: 'setUserPassword',
        tags: ['users'],
        summary: "Set a user's password (admins); ends every session of the user",
        params: usernameParams,
        body: passwordReset,
        response: { 200: ok },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!policy.canManageUsers(actor)) throw forbidden();
      return users.resetPassword(
        app.database,
        actor,
        request.params.username,
        request.body.password,
        ipOf(request),
      );
    },
  );

  r.post(
    '/users/:username/grants',
    {
      schema: {
        operationId: 'addGrant',
        tags: ['users'],
        summary: 'Grant a role on an org-unit subtree (admins)',
        params: usernameParams,
        body: grantInput,
        response: { 200: grantResult, 201: grantResult },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      if (!policy.canManageUsers(actor)) throw forbidden();
      const g = await users.addGrant(
        app.database,
        actor,
        request.params.username,
        request.body,
        ipOf(request),
      );
      return reply.status(g.created ? 201 : 200).send(g);
    },
  );

  r.delete(
    '/users/:username/grants/:id',
    {
      schema: {
        operationId: 'removeGrant',
        tags: ['users'],
        summary: 'Withdraw a grant (admins)',
        params: grantParams,
        response: { 200: grantsAfter },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!policy.canManageUsers(actor)) throw forbidden();
      return users.removeGrant(
        app.database,
        actor,
        request.params.username,
        request.params.id,
        ipOf(request),
      );
    },
  );

  r.post(
    '/me/password',
    {
      schema: {
        operationId: 'changeOwnPassword',
        tags: ['auth'],
        summary: 'Change your own password (current password required); your other sessions end',
        body: ownPassword,
        response: { 200: ok },
      },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request) => {
      const actor = actorOf(request);
      if (!policy.canChangeOwnPassword(actor)) throw forbidden();
      return users.changeOwnPassword(
        app.database,
        actor,
        request.body.currentPassword,
        request.body.newPassword,
        ipOf(request),
      );
    },
  );
}
