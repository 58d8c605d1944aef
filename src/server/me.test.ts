/**
 * `GET /api/me` has a typed response schema (src/server/routes/api/auth/schema.ts): the OpenAPI
 * document describes it, and every field permissionsOf returns is part of it (none stripped).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionsOf } from '../access/index.js';
import * as users from '../repositories/users.js';
import { createApiToken, loadActor } from '../services/auth.js';
import { startTestApp, type TestApp } from '../test/harness.js';
import { meResponse } from './routes/api/auth/schema.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const PERMISSION_KEYS = [
  'administer',
  'manageCalendar',
  'manageCatalogue',
  'manageFormsIn',
  'managePlansIn',
  'readIn',
  'writeDataIn',
];

describe('/api/me', () => {
  it('is described in the OpenAPI document, permissions field by field', async () => {
    const doc = JSON.parse((await t.request({ method: 'GET', url: '/api/openapi.json' })).body);
    const schema = doc.paths['/api/me'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties).sort()).toEqual([
      'csrfToken',
      'grants',
      'home',
      'permissions',
      'user',
    ]);
    expect(Object.keys(schema.properties.permissions.properties).sort()).toEqual(PERMISSION_KEYS);
    expect(Object.keys(schema.properties.grants.items.properties).sort()).toEqual([
      'orgUnit',
      'orgUnitName',
      'role',
      'validFrom',
      'validTo',
      'via',
    ]);
  });

  it('answers what the schema says, with every permission permissionsOf gives', async () => {
    const res = await t.request({ method: 'GET', url: '/api/me', headers: await t.login('admin') });
    expect(res.statusCode).toBe(200);
    const body = JSON.parse(res.body);
    expect(meResponse.parse(body)).toEqual(body);
    expect(body.user).toEqual({ username: 'admin', displayName: expect.any(String), isAdmin: true });
    expect(typeof body.csrfToken).toBe('string');
    const actor = await loadActor(
      t.database,
      (await users.findUserByUsername(t.database, 'admin'))!.id,
      'session',
    );
    expect(Object.keys(permissionsOf(actor!)).sort()).toEqual(PERMISSION_KEYS);
    expect(body.permissions).toEqual(permissionsOf(actor!));
  });

  it('with a read-only token: no CSRF token, and no write or management powers', async () => {
    const user = await users.findUserByUsername(t.database, 'admin');
    const { token } = await createApiToken(t.database, user!.id, {
      name: 'me-test',
      scope: 'read',
      expiresAt: null,
    });
    const res = await t.request({
      method: 'GET',
      url: '/api/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(200);
    const body = meResponse.parse(JSON.parse(res.body));
    expect(body.csrfToken).toBeNull();
    expect(body.permissions).toMatchObject({
      administer: false,
      manageCatalogue: false,
      manageFormsIn: [],
      writeDataIn: [],
      readIn: ['*'],
    });
  });
});
