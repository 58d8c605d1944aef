/**
 * The SQL engine against the spec: for every valid valueType × unit rule × time rule, random
 * values go in through POST /api/data-values and GET /api/analytics must answer what
 * src/domain/aggregate.ts computes from the same values (value, numerator, denominator,
 * reported, expected). Missing units, zero denominators and values at every level are included.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Aggregate, aggregate, type RawValue } from '../domain/aggregate.js';
import {
  AGGREGATIONS,
  type Aggregation,
  type IndicatorRules,
  TIME_AGGREGATIONS,
  type TimeAggregation,
  VALUE_TYPES,
  type ValueType,
} from '../domain/catalog.js';
import { MIN_MAGNITUDE } from '../domain/dataValueRow.js';
import { type Period, parsePeriod, periodId } from '../domain/period.js';
import { startTestApp, type TestApp } from '../test/harness.js';

// province → 2 districts → 2 communes each
const UNITS = [
  { code: '80', name: 'Tỉnh Thử', type: 'Tỉnh', level: 1, parent: '' },
  { code: '801', name: 'Huyện Một', type: 'Huyện', level: 2, parent: '80' },
  { code: '802', name: 'Huyện Hai', type: 'Huyện', level: 2, parent: '80' },
  { code: '80101', name: 'Xã Một Một', type: 'Xã', level: 3, parent: '801' },
  { code: '80102', name: 'Xã Một Hai', type: 'Xã', level: 3, parent: '801' },
  { code: '80201', name: 'Xã Hai Một', type: 'Xã', level: 3, parent: '802' },
  { code: '80202', name: 'Xã Hai Hai', type: 'Xã', level: 3, parent: '802' },
] as const;
const PROVINCE = '80';
const DISTRICTS = ['801', '802'];
const levelOf = new Map(UNITS.map((u) => [u.code as string, u.level as number]));
const parentOf = new Map(UNITS.map((u) => [u.code as string, u.parent as string]));
/** The unit itself and its ancestors. */
const lineOf = (code: string): string[] => (code ? [code, ...lineOf(parentOf.get(code) ?? '')] : []);
const inSubtree = (code: string, root: string) => lineOf(code).includes(root);

/** Every combination the catalogue accepts (unit rule `ratio` needs a ratio indicator). */
const COMBOS: Array<{ valueType: ValueType; aggregation: Aggregation; timeAggregation: TimeAggregation }> =
  VALUE_TYPES.flatMap((valueType) =>
    AGGREGATIONS.filter((a) => a !== 'ratio' || valueType === 'ratio').flatMap((aggregation) =>
      TIME_AGGREGATIONS.map((timeAggregation) => ({ valueType, aggregation, timeAggregation })),
    ),
  );
const RUNS = 6;

interface Entry {
  unit: string;
  month: number;
  value: number | boolean | null;
  numerator: number | null;
  denominator: number | null;
}

/** Figures below the smallest size entry takes (rule.magnitude) are zero here. */
const storable = (x: number) => (Math.abs(x) < MIN_MAGNITUDE ? 0 : x);
const numberValue = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.integer({ min: -10_000_000, max: 10_000_000 }).map((x) => x / 100),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }).map(storable),
  fc.constantFrom(MIN_MAGNITUDE, -MIN_MAGNITUDE),
);
const valuesOf: Record<ValueType, fc.Arbitrary<Omit<Entry, 'unit' | 'month'>>> = {
  number: numberValue.map((value) => ({ value, numerator: null, denominator: null })),
  count: fc.nat(5000).map((value) => ({ value, numerator: null, denominator: null })),
  boolean: fc.boolean().map((value) => ({ value, numerator: null, denominator: null })),
  // scale 100: 0 ≤ numerator ≤ denominator; zero denominators on purpose
  ratio: fc
    .oneof(
      fc.constant(0),
      fc.nat(1000),
      fc.nat(100_000).map((x) => x / 100),
    )
    .chain((d) =>
      fc.oneof(fc.constant(0), fc.constant(d), fc.double({ min: 0, max: d, noNaN: true })).map((n) => ({
        value: null,
        numerator: storable(n),
        denominator: d,
      })),
    ),
};

/** Random values: some units and months missing, at every level of the tree; one value per unit × month. */
const dataOf = (valueType: ValueType) =>
  fc
    .array(
      fc.record({
        unit: fc.constantFrom(...UNITS.map((u) => u.code as string)),
        month: fc.integer({ min: 1, max: 12 }),
        v: valuesOf[valueType],
      }),
      { maxLength: 24 },
    )
    .map((xs) => {
      const byKey = new Map<string, Entry>();
      for (const x of xs) byKey.set(`${x.unit}:${x.month}`, { unit: x.unit, month: x.month, ...x.v });
      return [...byKey.values()];
    });

const monthCode = (year: number, m: number) => `${year}M${String(m).padStart(2, '0')}`;
const pid = (code: string) => periodId(parsePeriod(code) as Period);

/** The spec's answer for one target: aggregate() on its subtree; expected by docs/decisions/0002. */
function specFor(rules: IndicatorRules, year: number, data: Entry[], target: string, targets: string[]) {
  const raw = (rows: Entry[]): RawValue[] =>
    rows.map((e) => ({
      unit: e.unit,
      periodId: pid(monthCode(year, e.month)),
      value: typeof e.value === 'boolean' ? (e.value ? 1 : 0) : e.value,
      numerator: e.numerator,
      denominator: e.denominator,
    }));
  // no reporting kinds declared: expected units are those at the levels that reported under any target
  const levels = new Set(
    data.filter((e) => targets.some((t) => inSubtree(e.unit, t))).map((e) => levelOf.get(e.unit)),
  );
  const expected = UNITS.filter((u) => inSubtree(u.code, target) && levels.has(u.level)).length;
  return aggregate(rules, raw(data.filter((e) => inSubtree(e.unit, target))), expected);
}

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-6 + 1e-9 * Math.abs(b);

function agrees(got: Aggregate, want: Aggregate): boolean {
  return (
    close(got.value, want.value) &&
    close(got.numerator, want.numerator) &&
    close(got.denominator, want.denominator) &&
    got.reported === want.reported &&
    got.expected === want.expected
  );
}

let t: TestApp;
let admin: Record<string, string>;
let nextRun = 1;
const year = 2024;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const csv = [
    'code,name,type,level,parent_code',
    ...UNITS.map((u) => `${u.code},${u.name},${u.type},${u.level},${u.parent}`),
  ].join('\n');
  const res = await t.request({
    method: 'POST',
    url: '/api/org-units/import',
    headers: { ...admin, 'content-type': 'text/csv' },
    payload: `${csv}\n`,
  });
  expect(res.statusCode, res.body).toBe(200);
  expect(JSON.parse(res.body).errors).toEqual([]);
});
afterAll(async () => t?.close());

describe(`GET /api/analytics equals the spec (${COMBOS.length} combinations × ${RUNS} runs)`, () => {
  it('covers every valid combination', () => {
    // 4 value types × 5 unit rules + the ratio rule for ratios, × 3 time rules
    expect(COMBOS.length).toBe((4 * 5 + 1) * 3);
  });

  it.each(COMBOS)('$valueType × $aggregation × time $timeAggregation', async (combo) => {
    const name = `${combo.valueType}_${combo.aggregation}_${combo.timeAggregation}`.toUpperCase();
    await fc.assert(
      fc.asyncProperty(dataOf(combo.valueType), async (data) => {
        // each run (shrinking included) has an indicator of its own
        const code = `P_${name}_${nextRun++}`;
        const made = await t.request({
          method: 'POST',
          url: '/api/indicators',
          headers: admin,
          payload: { code, name: code, pillar: 'government', frequency: 'month', ...combo },
        });
        expect(made.statusCode, made.body).toBe(201);
        const rules: IndicatorRules = {
          ...combo,
          frequency: 'month',
          ratioScale: (JSON.parse(made.body) as { ratioScale: number }).ratioScale,
        };
        if (data.length) {
          const w = await t.request({
            method: 'POST',
            url: '/api/data-values',
            headers: admin,
            payload: {
              values: data.map((e) => ({
                indicator: code,
                orgUnit: e.unit,
                period: monthCode(year, e.month),
                value: e.value,
                numerator: e.numerator,
                denominator: e.denominator,
              })),
            },
          });
          expect(w.statusCode, w.body).toBe(200);
        }
        for (const [query, targets] of [
          [`orgUnit=${PROVINCE}&level=2`, DISTRICTS],
          [`orgUnit=${PROVINCE}`, [PROVINCE]],
        ] as const) {
          const r = await t.request({
            method: 'GET',
            url: `/api/analytics?indicator=${code}&period=${year}&${query}`,
            headers: admin,
          });
          expect(r.statusCode, r.body).toBe(200);
          const rows = (JSON.parse(r.body) as { rows: Array<Aggregate & { orgUnit: string }> }).rows;
          expect(rows.map((x) => x.orgUnit)).toEqual(targets);
          for (const row of rows) {
            const want = specFor(rules, year, data, row.orgUnit, [...targets]);
            const got = {
              value: row.value,
              numerator: row.numerator,
              denominator: row.denominator,
              reported: row.reported,
              expected: row.expected,
            };
            if (!agrees(got, want))
              expect({ unit: row.orgUnit, ...got }).toEqual({ unit: row.orgUnit, ...want });
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('stored values can never make the engine fail', () => {
  // float8 arithmetic in PostgreSQL raises on underflow and overflow ("value out of range"):
  // 5e-324 / 968.84 or 1e308 + 1e308 turned GET /api/analytics into a 500
  const post = (code: string, values: Array<Record<string, unknown>>) =>
    t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: { values: values.map((v) => ({ indicator: code, period: '2030M01', ...v })) },
    });
  const indicator = async (code: string, extra: Record<string, unknown>) =>
    t.request({
      method: 'POST',
      url: '/api/indicators',
      headers: admin,
      payload: { code, name: code, pillar: 'government', frequency: 'month', ...extra },
    });

  it('refuses figures too large or too small to aggregate, with a row error', async () => {
    expect((await indicator('X_RATIO', { valueType: 'ratio' })).statusCode).toBe(201);
    expect((await indicator('X_NUMBER', { valueType: 'number', aggregation: 'sum' })).statusCode).toBe(201);
    const tiny = await post('X_RATIO', [{ orgUnit: '80101', numerator: 5e-324, denominator: 968.84 }]);
    expect(tiny.statusCode, tiny.body).toBe(422);
    expect(
      JSON.parse(tiny.body).errors.map((e: { field: string; rule: string }) => [e.field, e.rule]),
    ).toEqual([['numerator', 'magnitude']]);
    const huge = await post('X_NUMBER', [
      { orgUnit: '80101', value: 1e308 },
      { orgUnit: '80102', value: 1e308 },
    ]);
    expect(huge.statusCode, huge.body).toBe(422);
    expect(JSON.parse(huge.body).errors.map((e: { rule: string }) => e.rule)).toEqual([
      'magnitude',
      'magnitude',
    ]);
    // zero and ordinary figures still go in
    const fine = await post('X_RATIO', [{ orgUnit: '80101', numerator: 0, denominator: 1e12 }]);
    expect(fine.statusCode, fine.body).toBe(200);
    for (const code of ['X_RATIO', 'X_NUMBER']) {
      const r = await t.request({
        method: 'GET',
        url: `/api/analytics?indicator=${code}&orgUnit=${PROVINCE}&period=2030`,
        headers: admin,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
  });

  it('refuses a ratio scale that would underflow or overflow', async () => {
    for (const ratioScale of [1e-300, 1e300]) {
      const r = await indicator(`X_SCALE_${ratioScale > 1 ? 'BIG' : 'SMALL'}`, {
        valueType: 'ratio',
        ratioScale,
      });
      expect(r.statusCode, r.body).toBe(400);
    }
  });
});
