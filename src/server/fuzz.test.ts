/**
 * Fuzzing every JSON and CSV input with fast-check: whatever arrives, the answer is never a 5xx,
 * and a rejection (4xx) writes nothing (row counts of the touched tables, and the audit trail,
 * are the same before and after).
 */
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, startFixture } from '../test/fixture.js';

let f: Fixture;
const tried: Record<string, number> = {};
const found5xx: string[] = [];

beforeAll(async () => {
  f = await startFixture();
}, 120_000);
afterAll(async () => {
  const total = Object.values(tried).reduce((a, b) => a + b, 0);
  console.log(
    `fuzz: ${total} generated cases (${Object.entries(tried)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}), ${found5xx.length} 5xx`,
  );
  await f?.t.close();
});

type Counts = Record<string, number>;
async function counts(): Promise<Counts> {
  const r = await sql<Counts>`SELECT
      (SELECT count(*)::int FROM data_value) AS data_value,
      (SELECT count(*)::int FROM data_value_history) AS data_value_history,
      (SELECT count(*)::int FROM org_unit) AS org_unit,
      (SELECT count(*)::int FROM org_unit_closure) AS org_unit_closure,
      (SELECT count(*)::int FROM org_unit_lineage) AS org_unit_lineage,
      (SELECT count(*)::int FROM indicator) AS indicator,
      (SELECT count(*)::int FROM app_user) AS app_user,
      (SELECT count(*)::int FROM user_grant) AS user_grant,
      (SELECT count(*)::int FROM user_session) AS user_session,
      (SELECT count(*)::int FROM audit_log WHERE action <> 'login_failed') AS audit_log`.execute(
    f.t.database.db,
  );
  return r.rows[0];
}

let known: Counts | undefined;
/** Sends one generated request; checks no 5xx and, on a rejection, no write (against the counts after the last success). */
async function probe(
  name: string,
  opts: {
    method?: 'POST';
    url: string;
    payload: string | Buffer;
    contentType: string;
    headers?: Record<string, string>;
  },
) {
  tried[name] = (tried[name] ?? 0) + 1;
  known ??= await counts();
  const before = known;
  const res = await f.t.request({
    method: opts.method ?? 'POST',
    url: opts.url,
    headers: { ...f.admin, 'content-type': opts.contentType, ...opts.headers },
    payload: opts.payload,
  });
  if (res.statusCode >= 500)
    found5xx.push(
      `${name}: ${res.statusCode} ${res.body.slice(0, 200)} ← ${String(opts.payload).slice(0, 200)}`,
    );
  expect(
    res.statusCode,
    `${name}: ${res.body.slice(0, 300)}\n← ${String(opts.payload).slice(0, 300)}`,
  ).toBeLessThan(500);
  known = await counts();
  if (res.statusCode >= 400) {
    expect(known, `${name} ${res.statusCode} wrote rows\n← ${String(opts.payload).slice(0, 300)}`).toEqual(
      before,
    );
  }
  // the error shape for every rejection that is not a row report
  if (res.statusCode >= 400 && res.statusCode !== 422 && res.statusCode !== 403) {
    const body = JSON.parse(res.body);
    expect(typeof body.error?.code).toBe('string');
    expect(typeof body.error?.message).toBe('string');
  }
  return res;
}

// ───── building blocks ─────
const UNITS = ['74', '725', '724', '25978', '25987', '25942', '25945'];
const INDICATORS = ['APPS', 'ONLINE_FILES', 'TEAMS'];
const PERIODS = [
  '2024',
  '2024M01',
  '2024M13',
  '2024Q1',
  '2024Q5',
  '2024S1',
  '2024N9',
  '2023M12',
  '1900M01',
  '9999M12',
  '2024-01',
  '',
];
const nasty = fc.constantFrom(
  "'; DROP TABLE data_value; --",
  '=HYPERLINK("http://x")',
  '\u0000',
  '\uFEFF',
  '"',
  '""',
  ',',
  '\n',
  '\r\n',
  '../../etc/passwd',
  '%00',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'Thuận An',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x10',
  '1,5',
  '80,2%',
  ' 12 ',
  'true',
  'null',
  '{}',
  '[]',
  'a'.repeat(5000),
);
const text = fc.oneof(fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 20 }), nasty);
const code = (known: string[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: text });
const numberish = fc.oneof(
  fc.integer({ min: -1000, max: 100000 }),
  fc.double(),
  fc.constantFrom(0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1),
  text,
  fc.boolean(),
  fc.constant(null),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });

// ───── generators per input ─────
const dvRow = fc.record(
  {
    indicator: fc.oneof({ weight: 5, arbitrary: code(INDICATORS) }, { weight: 1, arbitrary: anyJson }),
    orgUnit: fc.oneof({ weight: 5, arbitrary: code(UNITS) }, { weight: 1, arbitrary: anyJson }),
    period: fc.oneof({ weight: 5, arbitrary: code(PERIODS) }, { weight: 1, arbitrary: anyJson }),
    value: fc.oneof({ weight: 5, arbitrary: numberish }, { weight: 1, arbitrary: anyJson }),
    numerator: numberish,
    denominator: numberish,
    comment: fc.oneof(text, anyJson),
    categoryOption: text,
  },
  { requiredKeys: [] },
);
const dvBody = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        values: fc.array(fc.oneof({ weight: 9, arbitrary: dvRow }, { weight: 1, arbitrary: anyJson }), {
          maxLength: 8,
        }),
        mode: fc.oneof(fc.constantFrom('atomic', 'partial'), text, fc.constant(undefined)),
      },
      { requiredKeys: ['values'] },
    ),
  },
  { weight: 1, arbitrary: anyJson },
  { weight: 1, arbitrary: fc.record({ values: anyJson }) },
);

const csvCell = fc.oneof(
  code([...INDICATORS, ...UNITS, ...PERIODS]),
  fc.integer({ min: -5, max: 500 }).map(String),
  text,
);
const csvText = (header: fc.Arbitrary<readonly string[]>, cells: fc.Arbitrary<string>) =>
  fc
    .tuple(
      header,
      fc.array(fc.array(cells, { maxLength: 8 }), { maxLength: 8 }),
      fc.constantFrom('\n', '\r\n'),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([h, rows, eol, bom, quote]) => {
      const q = (c: string) => (quote && /[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
      return `${bom ? '\uFEFF' : ''}${[h.join(','), ...rows.map((r) => r.map(q).join(','))].join(eol)}${eol}`;
    });
const DV_HEADER = ['indicator', 'org_unit', 'period', 'value', 'numerator', 'denominator'];
const dvHeader = fc.oneof(
  { weight: 6, arbitrary: fc.constant(DV_HEADER) },
  {
    weight: 2,
    arbitrary: fc.shuffledSubarray([...DV_HEADER, 'comment', 'category_option'], { minLength: 1 }),
  },
  { weight: 1, arbitrary: fc.array(text, { maxLength: 6 }) },
);
const dvCsv = fc.oneof(
  { weight: 8, arbitrary: csvText(dvHeader, csvCell).map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 100 })
      .map((b) =>
        Buffer.concat([
          Buffer.from(`${DV_HEADER.join(',')}\nAPPS,25978,2024M01,`),
          Buffer.from(b),
          Buffer.from('\n'),
        ]),
      ),
  },
);

const UNIT_HEADER = ['code', 'name', 'type', 'level', 'parent_code'];
const unitCell = fc.oneof(
  fc.constantFrom(
    'Tỉnh',
    'Thành phố',
    'Huyện',
    'Xã',
    'Phường',
    'Thị trấn',
    'Sở',
    '1',
    '2',
    '3',
    '4',
    '0',
    '11',
    '-1',
    '2024-01-01',
    '2024-13-45',
  ),
  code([...UNITS, 'F1', 'F2', 'F3']),
  text,
);
const unitCsv = fc.oneof(
  {
    weight: 8,
    arbitrary: csvText(
      fc.oneof(
        { weight: 6, arbitrary: fc.constant(UNIT_HEADER) },
        { weight: 1, arbitrary: fc.constant([...UNIT_HEADER, 'valid_from', 'valid_to']) },
        { weight: 1, arbitrary: fc.shuffledSubarray([...UNIT_HEADER, 'kind'], { minLength: 1 }) },
      ),
      unitCell,
    ).map((s) => Buffer.from(s)),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)) },
);

const LINEAGE_HEADER = ['new_code', 'level', 'old_code', 'kind'];
const lineageCsv = fc.oneof(
  {
    weight: 8,
    arbitrary: csvText(
      fc.oneof(
        { weight: 5, arbitrary: fc.constant(LINEAGE_HEADER) },
        { weight: 2, arbitrary: fc.constant([...LINEAGE_HEADER, 'share']) },
        { weight: 1, arbitrary: fc.shuffledSubarray([...LINEAGE_HEADER, 'share'], { minLength: 1 }) },
      ),
      fc.oneof(
        fc.constantFrom('full', 'partial', '1', '2', '3', '0', '0.5', '1.5', '-1', 'NaN', '1e-300', ''),
        code([...UNITS, 'F1']),
        text,
      ),
    ).map((s) => Buffer.from(s)),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)) },
);

const indicatorBody = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record(
      {
        code: fc.oneof(
          fc.constantFrom('APPS', 'F_NEW', 'f-1', 'x.y'),
          fc.stringMatching(/^[A-Z_]{1,10}$/),
          text,
        ),
        name: text,
        nameEn: fc.oneof(text, anyJson),
        unit: text,
        valueType: fc.oneof(fc.constantFrom('number', 'count', 'ratio', 'boolean'), text),
        aggregation: fc.oneof(fc.constantFrom('sum', 'average', 'ratio', 'min', 'max', 'none'), text),
        timeAggregation: fc.oneof(fc.constantFrom('sum', 'last', 'average'), text),
        pillar: fc.oneof(
          fc.constantFrom('government', 'economy', 'society', 'foundation', 'chính quyền số'),
          text,
        ),
        field: fc.oneof(text, fc.constant(null)),
        frequency: fc.oneof(
          fc.constantFrom('month', 'quarter', 'half', 'nine_months', 'year', 'tháng'),
          text,
        ),
        polarity: fc.oneof(fc.constantFrom('higher', 'lower'), text),
        ratioScale: numberish,
        decimals: numberish,
        owner: fc.oneof(code(UNITS), fc.constant(null)),
        reportingKinds: fc.oneof(
          fc.array(fc.constantFrom('province', 'district', 'commune', 'space')),
          anyJson,
        ),
        category: fc.oneof(text, fc.constant(null)),
        formula: fc.oneof(
          fc.constantFrom('APPS / 2', 'APPS +', '(((', 'APPS * ONLINE_FILES', 'NOPE + 1', 'x'.repeat(2000)),
          text,
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyJson },
);

const loginBody = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        username: fc.oneof(fc.constantFrom('admin', 'thuanan', 'nobody'), text, anyJson),
        password: fc.oneof(text, anyJson, fc.string({ minLength: 150, maxLength: 400 })),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyJson },
);

const userBody = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record(
      {
        username: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9._-]{1,12}$/), text, anyJson),
        displayName: fc.oneof(text, anyJson),
        email: fc.oneof(fc.emailAddress(), text, fc.constant(null)),
        password: fc.oneof(
          fc.constantFrom('Good-pass-12345', 'short', 'password123', 'aaaaaaaaaaaaaaaaaaaa'),
          text,
        ),
        isAdmin: fc.oneof(fc.boolean(), anyJson),
        disabled: fc.oneof(fc.boolean(), anyJson),
        homeUnit: fc.oneof(code(UNITS), fc.constant(null)),
        grants: fc.oneof(
          fc.array(
            fc.record({
              role: fc.oneof(fc.constantFrom('admin', 'leader', 'secretariat', 'reporter', 'viewer'), text),
              orgUnit: code(UNITS),
            }),
            { maxLength: 3 },
          ),
          anyJson,
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyJson },
);

const RUNS = { dvJson: 700, dvCsv: 600, units: 400, lineage: 300, indicators: 500, login: 200, users: 300 };
let ipSeq = 0;

describe('fuzzing every input (no 5xx; a rejection writes nothing)', () => {
  it('POST /api/data-values (JSON)', async () => {
    await fc.assert(
      fc.asyncProperty(dvBody, async (body) => {
        await probe('data-values JSON', {
          url: '/api/data-values',
          payload: JSON.stringify(body) ?? 'null',
          contentType: 'application/json',
        });
      }),
      { numRuns: RUNS.dvJson, seed: 20250701 },
    );
  }, 120_000);

  it('POST /api/data-values (JSON, malformed text)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.constantFrom(
            '{',
            '{"values":',
            '{"values":[{]}',
            '[1,2',
            '{"values":[1e999999]}',
            '\u0000',
            '{"__proto__":{"x":1},"values":[]}',
            '{"constructor":{"prototype":{"admin":true}},"values":[]}',
          ),
        ),
        async (s) => {
          await probe('data-values bad JSON', {
            url: '/api/data-values',
            payload: s,
            contentType: 'application/json',
          });
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  }, 60_000);

  it('POST /api/data-values (CSV)', async () => {
    await fc.assert(
      fc.asyncProperty(dvCsv, fc.constantFrom('atomic', 'partial'), async (body, mode) => {
        await probe('data-values CSV', {
          url: `/api/data-values?mode=${mode}`,
          payload: body,
          contentType: 'text/csv',
        });
      }),
      { numRuns: RUNS.dvCsv, seed: 20250702 },
    );
  }, 120_000);

  it('POST /api/org-units/import (CSV)', async () => {
    await fc.assert(
      fc.asyncProperty(unitCsv, async (body) => {
        await probe('org-units import', {
          url: '/api/org-units/import',
          payload: body,
          contentType: 'text/csv',
        });
      }),
      { numRuns: RUNS.units, seed: 20250703 },
    );
  }, 120_000);

  it('POST /api/org-units/lineage (CSV)', async () => {
    await fc.assert(
      fc.asyncProperty(
        lineageCsv,
        fc.constantFrom('2025-07-01', '0001-01-01', '9999-12-31'),
        async (body, d) => {
          await probe('org-units lineage', {
            url: `/api/org-units/lineage?effective=${d}`,
            payload: body,
            contentType: 'text/csv',
          });
        },
      ),
      { numRuns: RUNS.lineage, seed: 20250707 },
    );
  }, 120_000);

  it('POST /api/indicators', async () => {
    await fc.assert(
      fc.asyncProperty(indicatorBody, async (body) => {
        await probe('indicators', {
          url: '/api/indicators',
          payload: JSON.stringify(body) ?? 'null',
          contentType: 'application/json',
        });
      }),
      { numRuns: RUNS.indicators, seed: 20250704 },
    );
  }, 120_000);

  it('POST /api/auth/login', async () => {
    await fc.assert(
      fc.asyncProperty(loginBody, async (body) => {
        ipSeq++;
        await probe('login', {
          url: '/api/auth/login',
          payload: JSON.stringify(body) ?? 'null',
          contentType: 'application/json',
          headers: { cookie: '', 'x-forwarded-for': `10.${(ipSeq >> 8) & 255}.${ipSeq & 255}.7` },
        });
      }),
      { numRuns: RUNS.login, seed: 20250705 },
    );
  }, 120_000);

  it('POST /api/users', async () => {
    await fc.assert(
      fc.asyncProperty(userBody, async (body) => {
        await probe('users', {
          url: '/api/users',
          payload: JSON.stringify(body) ?? 'null',
          contentType: 'application/json',
        });
      }),
      { numRuns: RUNS.users, seed: 20250706 },
    );
  }, 120_000);

  it('tried thousands of cases and found no 5xx', () => {
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(2500);
    expect(found5xx).toEqual([]);
  });
});
