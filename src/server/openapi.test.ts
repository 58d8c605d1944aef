/**
 * The OpenAPI document (src/server/openapi.ts): an independent linter (Redocly, `recommended`)
 * finds nothing in it; every operation is complete; and every documented GET, plus representative
 * writes, answers on the demo what the document says — each live body validated with Ajv against
 * the operation's response schema, the app built with strict responses (a field a schema lacks is an
 * error rather than silently dropped).
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Ajv } from 'ajv';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';

// biome-ignore lint/suspicious/noExplicitAny: the parsed document is walked freely
type Json = Record<string, any>;
type Operation = {
  operationId?: string;
  summary?: string;
  requestBody?: { content: Json };
  responses: Record<string, { content?: Json; description: string }>;
};

let t: TestApp;
let doc: Json;
let admin: Record<string, string>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

beforeAll(async () => {
  t = await startTestApp({ demo: true, strictResponses: true });
  doc = JSON.parse((await t.request({ method: 'GET', url: '/api/openapi.json' })).body);
  admin = await t.login('admin');
}, 300_000);
afterAll(async () => t?.close());

const operations = () =>
  Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] as Operation })),
  );

describe('the document', () => {
  it('has no problem under Redocly recommended rules', async () => {
    const config = await createConfig({
      extends: ['recommended'],
      // chiso declares no licence (package.json is private, the repository has no LICENSE): naming one
      // in the API document would invent it
      rules: { 'info-license': 'off' },
    });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: '/api/openapi.json',
      config,
    });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} ${p.location[0]?.pointer}`)).toEqual(
      [],
    );
  });

  it('names a server and the one error shape', () => {
    expect(doc.servers.length).toBeGreaterThan(0);
    expect(Object.keys(doc.components.schemas.ApiError.properties.error.properties).sort()).toEqual([
      'code',
      'details',
      'message',
    ]);
  });

  it('gives every operation an id, a summary, its 2xx body, its request body and the error shape', () => {
    const ids = new Set<string>();
    const ops = operations();
    expect(ops.length).toBeGreaterThan(90);
    for (const { path, method, op } of ops) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][A-Za-z0-9]*$/);
      expect(ids.has(op.operationId as string), `${where} repeats ${op.operationId}`).toBe(false);
      ids.add(op.operationId as string);
      expect(op.summary, where).toBeTruthy();
      const ok = Object.entries(op.responses).filter(([code]) => code.startsWith('2'));
      expect(ok.length, where).toBeGreaterThan(0);
      for (const [code, r] of ok) {
        if (code === '204') expect(r.content, where).toBeUndefined();
        else
          expect(
            Object.values(r.content ?? {}).every((c) => c.schema),
            `${where} ${code}`,
          ).toBe(true);
      }
      for (const range of ['4XX', '5XX'])
        expect(op.responses[range]?.content?.['application/json'].schema, `${where} ${range}`).toEqual({
          $ref: '#/components/schemas/ApiError',
        });
      // logout and marking notifications read take no body; every other write documents the bodies it reads
      if (
        ['post', 'put', 'patch'].includes(method) &&
        ![
          'post /api/auth/logout',
          'post /api/notifications/{id}/read',
          'post /api/notifications/read-all',
        ].includes(where)
      )
        expect(Object.keys(op.requestBody?.content ?? {}).length, where).toBeGreaterThan(0);
    }
  });

  it('documents the bodies read by hand: CSV, .xlsx, DHIS2 CSV, multipart', () => {
    const types = (path: string, method = 'post') => Object.keys(doc.paths[path][method].requestBody.content);
    expect(types('/api/data-values')).toEqual([
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/octet-stream',
      'multipart/form-data',
    ]);
    expect(types('/api/dataValueSets')).toEqual(['application/json', 'application/csv', 'text/csv']);
    expect(types('/api/org-units/import')).toEqual(['text/csv', 'multipart/form-data']);
    expect(types('/api/org-units/lineage')).toEqual(['text/csv', 'multipart/form-data']);
    expect(types('/api/forms/{code}/upload')).toContain(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(types('/api/plans/extract')).toContain('multipart/form-data');
  });
});

describe('live answers match the document (demo, admin)', () => {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const validators = new Map<string, ReturnType<Ajv['compile']>>();
  /** Ajv's validator for a JSON schema of the document (its $refs resolve into the document). */
  const validatorOf = (schema: Json) => {
    const key = JSON.stringify(schema);
    let v = validators.get(key);
    if (!v) {
      v = ajv.compile({ ...schema, components: doc.components });
      validators.set(key, v);
    }
    return v;
  };
  /** The documented path a URL calls: the matching template with the fewest parameters. */
  const pathOf = (url: string) => {
    const bare = url.split('?')[0];
    const matching = Object.keys(doc.paths).filter((p) =>
      new RegExp(`^${p.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare),
    );
    matching.sort((x, y) => (x.match(/\{/g)?.length ?? 0) - (y.match(/\{/g)?.length ?? 0));
    return matching[0] ?? bare;
  };
  const covered = new Set<string>();

  /** Calls and checks the answer against the operation's response for its status. */
  async function check(method: string, url: string, payload?: unknown, expectStatus?: number) {
    const path = pathOf(url);
    const op = doc.paths[path]?.[method.toLowerCase()] as Operation | undefined;
    expect(op, `${method} ${path} is documented`).toBeDefined();
    const res: LightMyRequestResponse = await t.request({
      method: method as 'GET',
      url,
      headers: admin,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const status = String(res.statusCode);
    expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBe(
      expectStatus ?? res.statusCode,
    );
    if (!expectStatus)
      expect(res.statusCode, `${method} ${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
    const documented = op!.responses[status] ?? op!.responses[`${status[0]}XX`];
    expect(documented, `${method} ${url} documents ${status}`).toBeDefined();
    covered.add(`${method.toLowerCase()} ${path}`);
    if (res.statusCode === 204) return res;
    const type = String(res.headers['content-type']).split(';')[0];
    const content = documented.content ?? {};
    expect(Object.keys(content), `${method} ${url} answers ${type}`).toContain(type);
    if (type === 'application/json') {
      const validate = validatorOf(content[type].schema);
      const body = JSON.parse(res.body);
      expect(validate(body) ? [] : validate.errors, `${method} ${url}`).toEqual([]);
    } else {
      expect(res.rawPayload.length, `${method} ${url} sends a file`).toBeGreaterThan(0);
    }
    return res;
  }
  const json = (r: LightMyRequestResponse) => JSON.parse(r.body);

  it('answers every documented GET as documented, and representative writes', async () => {
    const indicators = json(await check('GET', '/api/indicators?limit=500')).items as Json[];
    const indicator = indicators.find((i) => !i.formula && i.frequency === 'year') ?? indicators[0];
    const units = json(await check('GET', '/api/org-units')).items as Json[];
    const province = units.find((u) => u.level === 1) ?? units[0];
    const district = units.find((u) => u.level === 2) ?? province;
    const ind = indicator.code as string;
    const unit = province.code as string;

    await check('GET', `/api/indicators/${ind}`);
    await check('GET', `/api/org-units/${unit}`);
    await check('GET', `/api/org-units/${unit}/geojson`);
    await check('GET', '/api/org-units/geojson?level=1');
    await check('GET', '/api/health');
    await check('GET', '/api/me');
    await check('GET', '/api/pillars');
    await check('GET', '/api/fields');
    await check('GET', '/api/categories');
    await check('GET', `/api/analytics?indicator=${ind}&orgUnit=${unit}&period=2024&level=2`);
    await check('GET', `/api/analytics/latest?orgUnit=${unit}`);
    await check('GET', `/api/analytics/trend?indicator=${ind}&orgUnit=${unit}&from=2022&to=2024`);
    const values = json(await check('GET', `/api/data-values?indicator=${ind}&limit=20`)).items as Json[];
    expect(values.length).toBeGreaterThan(0);
    const v = values[0];
    await check(
      'GET',
      `/api/data-values/history?indicator=${v.indicator}&orgUnit=${v.orgUnit}&period=${v.period}`,
    );
    await check('GET', `/api/data-values/export?indicator=${ind}&orgUnit=${unit}&format=csv`);
    await check('GET', `/api/data-values/export?indicator=${ind}&orgUnit=${unit}&format=xlsx`);
    await check('GET', `/api/dataValueSets?dataElement=${ind}&period=2024&orgUnit=${unit}&children=true`);
    await check('GET', '/api/dataValueSets', undefined, 409); // DHIS2's E2001…: documented 409
    await check('GET', '/api/audit?limit=20');
    await check('GET', '/api/users');
    await check('GET', '/api/users/admin');
    await check('GET', '/api/warnings');
    await check('GET', '/api/progress-thresholds');
    await check('GET', '/api/reporting/holidays');

    // representative writes, then what they make readable
    const token = json(await check('POST', '/api/tokens', { name: 'openapi test', scope: 'read' }, 201));
    await check('GET', '/api/tokens');
    await check('DELETE', `/api/tokens/${token.id}`);
    await check('POST', `/api/indicators/${ind}/publish`, { published: true });
    await check('GET', '/api/open/indicators');
    await check('GET', `/api/open/indicators/${ind}/series?orgUnit=${unit}`);
    await check('GET', `/api/open/indicators/${ind}/data.csv`);
    await check('GET', `/api/open/indicators/${ind}`);
    await check('GET', `/api/open/indicators/${ind}/data.json`);
    await check('GET', `/api/open/indicators/${ind}/open-sdg.csv`);
    await check('GET', `/api/open/indicators/${ind}/sdmx.csv`);
    await check('GET', `/api/analytics/export?indicator=${ind}&orgUnit=${unit}&period=2024&format=xlsx`);
    await check('GET', '/api/notifications?limit=5');
    await check('GET', '/api/notifications/preferences');
    await check('PUT', '/api/notifications/preferences', { digest: { email: false } });
    await check('POST', '/api/notifications/read-all');
    await check('POST', '/api/data-values', {
      values: [
        {
          indicator: v.indicator,
          orgUnit: v.orgUnit,
          period: v.period,
          value: v.value,
          numerator: v.numerator,
          denominator: v.denominator,
          ...(v.categoryOption ? { categoryOption: v.categoryOption } : {}),
        },
      ],
    });
    await check(
      'POST',
      '/api/dataValueSets?dryRun=true',
      {
        dataValues: [{ dataElement: 'NO_SUCH_ELEMENT', period: '2024', orgUnit: unit, value: '1' }],
      },
      409,
    );
    await check(
      'PUT',
      '/api/reporting/holidays',
      json(await t.request({ method: 'GET', url: '/api/reporting/holidays', headers: admin })),
    );

    // reporting
    const forms = json(await check('GET', '/api/forms')).items as Json[];
    expect(forms.length).toBeGreaterThan(0);
    const form = forms[0];
    const year = 2025;
    const schedule = json(await check('GET', `/api/forms/${form.code}/schedule?year=${year}`))
      .items as Json[];
    const period = schedule[0].period as string;
    await check('GET', `/api/forms/${form.code}/template.xlsx?period=${period}`);
    await check('GET', `/api/reports/timeliness?form=${form.code}&period=${period}`);
    await check('GET', `/api/reports/late?period=${period}`);
    const timeliness = json(
      await t.request({
        method: 'GET',
        url: `/api/reports/timeliness?form=${form.code}&period=${period}`,
        headers: admin,
      }),
    );
    const reporter = (timeliness.items as Json[])[0]?.orgUnit ?? district.code;
    await check('GET', `/api/forms/${form.code}/entry?orgUnit=${reporter}&period=${period}`);
    await check('POST', `/api/forms/${form.code}/validate`, { orgUnit: reporter, period });

    // plans
    const plans = json(await check('GET', '/api/plans')).items as Json[];
    expect(plans.length).toBeGreaterThan(0);
    await check('GET', `/api/plans/${plans[0].code}`);
    const targets = json(await check('GET', '/api/targets')).items as Json[];
    await check('GET', `/api/targets/${targets[0].id}`);
    await check('GET', '/api/targets/export?format=xlsx');
    const tasks = json(await check('GET', '/api/tasks')).items as Json[];
    await check('GET', `/api/tasks/${tasks[0].id}`);
    await check('GET', '/api/tasks/export?format=csv');

    // scorecards and reviews
    const scorecards = json(await check('GET', '/api/scorecards')).items as Json[];
    expect(scorecards.length).toBeGreaterThan(0);
    const sc = scorecards[0].code as string;
    await check('GET', `/api/scorecards/${sc}`);
    const ranking = json(await check('GET', `/api/scorecards/${sc}/ranking?period=2024`));
    const ranked = (ranking.items as Json[])[0]?.orgUnit ?? unit;
    await check('GET', `/api/scorecards/${sc}/advice?orgUnit=${ranked}&period=2024&top=3`);
    await check('GET', `/api/scorecards/${sc}/assessments?orgUnit=${ranked}&period=2024`);
    let reviews = json(await check('GET', '/api/reviews')).items as Json[];
    if (reviews.length < 2) {
      for (const title of ['Sơ kết A', 'Sơ kết B'])
        await check(
          'POST',
          '/api/reviews',
          { scorecard: sc, period: '2024', title, kind: 'interim', date: '2025-01-15' },
          201,
        );
      reviews = json(await check('GET', '/api/reviews')).items as Json[];
    }
    const [a, b] = reviews;
    await check('GET', `/api/reviews/${a.id}`);
    await check('GET', `/api/reviews/compare?a=${a.id}&b=${b.id}`);
    await check('GET', `/api/reviews/${a.id}/export.xlsx`);
    await check('GET', `/api/reviews/${a.id}/print`);
    await check('GET', `/api/scorecards/${sc}/ranking/print?period=2024`);
    await check('GET', `/api/plans/${plans[0].code}/print`);
    await check('GET', `/api/forms/${form.code}/entry/print?orgUnit=${reporter}&period=${period}`);

    // every documented GET was called, save these (and why)
    const pdf = 'renders in Chromium: src/server/print.test.ts checks a real A4 PDF';
    const skipped: Record<string, string> = {
      'get /api/reviews/{id}/print.pdf': pdf,
      'get /api/scorecards/{code}/ranking/print.pdf': pdf,
      'get /api/forms/{code}/entry/print.pdf': pdf,
      'get /api/plans/{code}/print.pdf': pdf,
    };
    const gets = operations()
      .filter((o) => o.method === 'get')
      .map((o) => `get ${o.path}`)
      .filter((k) => !(k in skipped));
    expect(gets.filter((k) => !covered.has(k))).toEqual([]);
  }, 300_000);
});
