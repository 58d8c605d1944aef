/** GET /api/org-units/geojson: the boundaries of one level on a date (the national map of provinces). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../test/harness.js';
import { addUser, type Headers, startWith } from '../test/setup.js';

const UNITS_CSV = `code,name,type,level,parent_code,valid_from,valid_to
74,Bình Dương,Tỉnh,1,,,2025-06-30
79,Hồ Chí Minh,Thành phố,1,,,
725,Thuận An,Thành phố,2,74,,2025-06-30
`;

const square = (x: number, y: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + 1, y],
      [x + 1, y + 1],
      [x, y + 1],
      [x, y],
    ],
  ],
});

let t: TestApp;
let admin: Headers;
const json = (res: { body: string }) => JSON.parse(res.body);
const codes = (res: { body: string }) =>
  (json(res).features as Array<{ properties: { code: string } }>).map((f) => f.properties.code);

beforeAll(async () => {
  ({ t, admin } = await startWith({ units: UNITS_CSV }));
  const res = await t.request({
    method: 'POST',
    url: '/api/org-units/geojson',
    headers: admin,
    payload: {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code: '74' }, geometry: square(106, 11) },
        { type: 'Feature', properties: { code: '79' }, geometry: square(106, 10) },
        { type: 'Feature', properties: { code: '725' }, geometry: square(106.5, 11) },
      ],
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(json(res).updated).toBe(3);
});
afterAll(async () => t?.close());

describe('GET /api/org-units/geojson', () => {
  it("draws today's provinces by default: a closed province is left out", async () => {
    const res = await t.request({ method: 'GET', url: '/api/org-units/geojson', headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    const body = json(res);
    expect(body.type).toBe('FeatureCollection');
    expect(codes(res)).toEqual(['79']);
    expect(body.features[0]).toMatchObject({
      type: 'Feature',
      properties: { code: '79', name: 'Hồ Chí Minh' },
      geometry: { type: 'Polygon' },
    });
  });

  it('draws the units of a level valid on asOf', async () => {
    const before = await t.request({
      method: 'GET',
      url: '/api/org-units/geojson?asOf=2025-06-30',
      headers: admin,
    });
    expect(codes(before)).toEqual(['74', '79']);
    const districts = await t.request({
      method: 'GET',
      url: '/api/org-units/geojson?level=2&asOf=2025-06-01',
      headers: admin,
    });
    expect(codes(districts)).toEqual(['725']);
  });

  it('is for signed-in users (any scope: boundaries are public geography) and checks its input', async () => {
    expect((await t.request({ method: 'GET', url: '/api/org-units/geojson' })).statusCode).toBe(401);
    const viewer = await addUser(t, {
      username: 'xem725',
      role: 'viewer',
      unit: '725',
      password: 'xem-Pass-725',
    });
    const res = await t.request({ method: 'GET', url: '/api/org-units/geojson', headers: viewer });
    expect(res.statusCode).toBe(200);
    expect(codes(res)).toEqual(['79']);
    const bad = await t.request({
      method: 'GET',
      url: '/api/org-units/geojson?asOf=2025-13-01',
      headers: admin,
    });
    expect(bad.statusCode).toBe(400);
    expect(json(bad).error.code).toBeTruthy();
  });
});
