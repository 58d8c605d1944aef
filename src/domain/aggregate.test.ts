import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acrossUnits, aggregate, perUnit, type RawValue, ratioValue, type UnitValue } from './aggregate.js';
import type { Aggregation, IndicatorRules, TimeAggregation } from './catalog.js';
import { type Period, parsePeriod, periodId } from './period.js';

const pid = (code: string): number => periodId(parsePeriod(code) as Period);
const M01 = pid('2024M01');
const M02 = pid('2024M02');
const M03 = pid('2024M03');

const rules = (over: Partial<IndicatorRules> = {}): IndicatorRules => ({
  valueType: 'number',
  aggregation: 'sum',
  timeAggregation: 'sum',
  frequency: 'month',
  ratioScale: 1,
  ...over,
});
const percent = (over: Partial<IndicatorRules> = {}): IndicatorRules =>
  rules({ valueType: 'ratio', aggregation: 'ratio', timeAggregation: 'last', ratioScale: 100, ...over });

const v = (unit: string, periodId: number, value: number | null, option?: number): RawValue => ({
  unit,
  periodId,
  value,
  ...(option === undefined ? {} : { option }),
});
const r = (
  unit: string,
  periodId: number,
  numerator: number | null,
  denominator: number | null,
  option?: number,
) => ({
  unit,
  periodId,
  value: null,
  numerator,
  denominator,
  ...(option === undefined ? {} : { option }),
});

describe('ratioValue', () => {
  it('is numerator / denominator × scale', () => {
    expect(ratioValue(30, 40, 100)).toBe(75);
    expect(ratioValue(1, 4, 1)).toBe(0.25);
    expect(ratioValue(0, 5, 100)).toBe(0);
  });
  it('is null for a zero or missing denominator or a missing numerator', () => {
    expect(ratioValue(5, 0, 100)).toBeNull();
    expect(ratioValue(0, 0, 100)).toBeNull();
    expect(ratioValue(null, 5, 100)).toBeNull();
    expect(ratioValue(5, null, 100)).toBeNull();
    expect(ratioValue(Number.NaN, 5, 100)).toBeNull();
    expect(ratioValue(5, Number.POSITIVE_INFINITY, 100)).toBeNull();
  });
});

describe('ratios across units', () => {
  it('are Σnumerator/Σdenominator, never the average of percentages (30/40 and 10/60 → 40%)', () => {
    const a = aggregate(percent(), [r('A', M03, 30, 40), r('B', M03, 10, 60)], 2);
    expect(a.value).toBeCloseTo(40, 10);
    expect(a.value).not.toBeCloseTo((75 + 100 / 6) / 2, 1); // 45.8%
    expect(a).toEqual({ value: a.value, numerator: 40, denominator: 100, reported: 2, expected: 2 });
  });

  it('aggregation "sum" on a ratio indicator adds the parts, not the percentages', () => {
    const a = aggregate(percent({ aggregation: 'sum' }), [r('A', M03, 30, 40), r('B', M03, 10, 60)], 2);
    expect(a.value).toBeCloseTo(40, 10);
    expect(a.numerator).toBe(40);
    expect(a.denominator).toBe(100);
  });

  it('counts a unit whose denominator is zero as reported, and the total still divides', () => {
    const a = aggregate(percent(), [r('A', M03, 0, 0), r('B', M03, 5, 10)], 3);
    expect(a).toEqual({ value: 50, numerator: 5, denominator: 10, reported: 2, expected: 3 });
    const units = perUnit(percent(), [r('A', M03, 0, 0)]);
    expect(units).toEqual([{ unit: 'A', value: null, numerator: 0, denominator: 0 }]);
  });

  it('gives no value when every denominator is zero', () => {
    const a = aggregate(percent(), [r('A', M03, 0, 0), r('B', M03, 0, 0)], 2);
    expect(a).toEqual({ value: null, numerator: 0, denominator: 0, reported: 2, expected: 2 });
  });

  it('uses the ratio scale (1 for a plain ratio, 1000 for per-mille)', () => {
    expect(aggregate(percent({ ratioScale: 1 }), [r('A', M03, 1, 4)], 1).value).toBe(0.25);
    expect(aggregate(percent({ ratioScale: 1000 }), [r('A', M03, 3, 4)], 1).value).toBe(750);
  });

  it('a ratio row without both parts is missing, not zero', () => {
    const a = aggregate(
      percent(),
      [
        r('A', M03, 30, 40),
        r('B', M03, 10, null),
        r('C', M03, null, 60),
        { unit: 'D', periodId: M03, value: 50 },
      ],
      4,
    );
    expect(a).toEqual({ value: 75, numerator: 30, denominator: 40, reported: 1, expected: 4 });
  });

  it('min and max of a ratio indicator pick unit percentages', () => {
    const data = [r('A', M03, 30, 40), r('B', M03, 10, 60)];
    expect(aggregate(percent({ aggregation: 'min' }), data, 2).value).toBeCloseTo(100 / 6, 10);
    expect(aggregate(percent({ aggregation: 'max' }), data, 2).value).toBe(75);
  });
});

describe('missing units', () => {
  it('are missing, not zero: the result says reported out of expected', () => {
    const a = aggregate(rules(), [v('A', M03, 10), v('B', M03, 20)], 5);
    expect(a).toEqual({ value: 30, numerator: null, denominator: null, reported: 2, expected: 5 });
  });

  it('a unit whose only values are null did not report', () => {
    const a = aggregate(rules({ aggregation: 'average' }), [v('A', M03, 10), v('B', M03, null)], 2);
    expect(a).toEqual({ value: 10, numerator: null, denominator: null, reported: 1, expected: 2 });
  });

  it('no data at all gives a null value, never 0', () => {
    for (const aggregation of ['sum', 'average', 'ratio', 'min', 'max', 'none'] as Aggregation[]) {
      expect(aggregate(rules({ aggregation }), [], 7)).toEqual({
        value: null,
        numerator: null,
        denominator: null,
        reported: 0,
        expected: 7,
      });
      expect(aggregate(percent({ aggregation }), [], 7).value).toBeNull();
    }
  });

  it('a zero that was reported is a value, not missing', () => {
    const a = aggregate(rules({ aggregation: 'min' }), [v('A', M03, 0), v('B', M03, 4)], 2);
    expect(a.value).toBe(0);
    expect(a.reported).toBe(2);
  });

  it('each unit counts once however many periods and options it has', () => {
    const a = aggregate(
      rules(),
      [v('A', M01, 1, 1), v('A', M01, 2, 2), v('A', M02, 3, 1), v('B', M03, 4)],
      2,
    );
    expect(a.reported).toBe(2);
    expect(a.value).toBe(10);
  });

  it('ignores non-finite numbers', () => {
    const a = aggregate(
      rules(),
      [v('A', M03, Number.NaN), v('B', M03, Number.POSITIVE_INFINITY), v('C', M03, 2)],
      3,
    );
    expect(a).toEqual({ value: 2, numerator: null, denominator: null, reported: 1, expected: 3 });
  });
});

describe('unit rules', () => {
  const data = [v('A', M03, 10), v('B', M03, 40), v('C', M03, 25)];
  it.each([
    ['sum', 75],
    ['average', 25],
    ['min', 10],
    ['max', 40],
  ] as Array<[Aggregation, number]>)('%s', (aggregation, expected) => {
    const a = aggregate(rules({ aggregation }), data, 4);
    expect(a).toEqual({ value: expected, numerator: null, denominator: null, reported: 3, expected: 4 });
  });

  it('min and max with negative numbers', () => {
    const d = [v('A', M03, -3), v('B', M03, -1), v('C', M03, -7)];
    expect(aggregate(rules({ aggregation: 'min' }), d, 3).value).toBe(-7);
    expect(aggregate(rules({ aggregation: 'max' }), d, 3).value).toBe(-1);
  });

  it('min and max over very many units (no stack overflow)', () => {
    const units: UnitValue[] = Array.from({ length: 200_000 }, (_, i) => ({
      unit: `U${i}`,
      value: i === 123_456 ? -5 : i === 77 ? 1e9 : i % 1000,
      numerator: null,
      denominator: null,
    }));
    expect(acrossUnits(rules({ aggregation: 'min' }), units, 200_000).value).toBe(-5);
    expect(acrossUnits(rules({ aggregation: 'max' }), units, 200_000).value).toBe(1e9);
  });

  it('"none" gives a single unit its own value and nothing for several', () => {
    const one = aggregate(rules({ aggregation: 'none' }), [v('A', M03, 12)], 1);
    expect(one).toEqual({ value: 12, numerator: null, denominator: null, reported: 1, expected: 1 });
    const oneRatio = aggregate(percent({ aggregation: 'none' }), [r('A', M03, 1, 4)], 3);
    expect(oneRatio).toEqual({ value: 25, numerator: 1, denominator: 4, reported: 1, expected: 3 });
    const many = aggregate(rules({ aggregation: 'none' }), data, 3);
    expect(many).toEqual({ value: null, numerator: null, denominator: null, reported: 3, expected: 3 });
  });

  it('"ratio" on a non-ratio indicator falls back to the sum', () => {
    const a = aggregate(rules({ aggregation: 'ratio' }), data, 3);
    expect(a).toEqual({ value: 75, numerator: null, denominator: null, reported: 3, expected: 3 });
  });

  it('boolean milestones: min says whether every unit has it, max whether any has, average the share', () => {
    const b = (over: Partial<IndicatorRules>) =>
      rules({ valueType: 'boolean', timeAggregation: 'last', ...over });
    const d = [v('A', M03, 1), v('B', M03, 0), v('C', M03, 1), v('D', M03, 1)];
    expect(aggregate(b({ aggregation: 'min' }), d, 5)).toMatchObject({ value: 0, reported: 4, expected: 5 });
    expect(aggregate(b({ aggregation: 'max' }), d, 5).value).toBe(1);
    expect(aggregate(b({ aggregation: 'sum' }), d, 5).value).toBe(3);
    expect(aggregate(b({ aggregation: 'average' }), d, 5).value).toBe(0.75);
    expect(aggregate(b({ aggregation: 'min' }), [v('A', M03, 1), v('C', M03, 1)], 5).value).toBe(1);
  });

  it('sums exactly enough for mixed magnitudes', () => {
    const d = [v('A', M03, 1e16), v('B', M03, 1), v('C', M03, -1e16), v('D', M03, 1)];
    expect(aggregate(rules(), d, 4).value).toBe(2);
    const tenths = Array.from({ length: 10 }, (_, i) => v(`U${i}`, M03, 0.1));
    expect(aggregate(rules(), tenths, 10).value).toBe(1);
  });
});

describe('disaggregation options add up before anything else', () => {
  it('for sums, then the time rule "last" sees one value per period', () => {
    const d = [v('A', M01, 5, 1), v('A', M01, 7, 2), v('A', M02, 1, 1), v('A', M02, 2, 2)];
    expect(perUnit(rules({ timeAggregation: 'last' }), d)).toEqual([
      { unit: 'A', value: 3, numerator: null, denominator: null },
    ]);
    expect(perUnit(rules({ timeAggregation: 'average' }), d)[0].value).toBe(7.5);
    expect(perUnit(rules({ timeAggregation: 'sum' }), d)[0].value).toBe(15);
  });

  it('for max across units, the unit total (not one option) is compared', () => {
    const d = [v('A', M03, 6, 1), v('A', M03, 6, 2), v('B', M03, 10, 1)];
    expect(aggregate(rules({ aggregation: 'max' }), d, 2).value).toBe(12);
    expect(aggregate(rules({ aggregation: 'average' }), d, 2).value).toBe(11);
  });

  it('for ratios, numerators and denominators of options add up', () => {
    const d = [r('A', M03, 1, 2, 1), r('A', M03, 3, 8, 2)];
    expect(perUnit(percent(), d)).toEqual([{ unit: 'A', value: 40, numerator: 4, denominator: 10 }]);
  });

  it('an option with a null value does not blank the others', () => {
    const d = [v('A', M03, 5, 1), v('A', M03, null, 2)];
    expect(perUnit(rules(), d)).toEqual([{ unit: 'A', value: 5, numerator: null, denominator: null }]);
  });
});

describe('time roll-ups (one unit, several periods)', () => {
  const months = [v('A', M01, 10), v('A', M02, 20), v('A', M03, 60)];

  it.each([
    ['sum', 90],
    ['average', 30],
    ['last', 60],
  ] as Array<[TimeAggregation, number]>)('%s', (timeAggregation, expected) => {
    expect(perUnit(rules({ timeAggregation }), months)).toEqual([
      { unit: 'A', value: expected, numerator: null, denominator: null },
    ]);
  });

  it('does not depend on the order of the rows', () => {
    const shuffled = [months[2], months[0], months[1]];
    for (const timeAggregation of ['sum', 'average', 'last'] as TimeAggregation[])
      expect(perUnit(rules({ timeAggregation }), shuffled)).toEqual(
        perUnit(rules({ timeAggregation }), months),
      );
  });

  it('"last" takes each unit\'s latest period that HAS a value', () => {
    const d = [
      v('A', M01, 10),
      v('A', M02, 20),
      v('A', M03, null),
      v('B', M01, 7),
      v('B', M02, null),
      v('C', M03, 1),
    ];
    const units = perUnit(rules({ timeAggregation: 'last' }), d);
    expect(units.map((u) => [u.unit, u.value])).toEqual([
      ['A', 20],
      ['B', 7],
      ['C', 1],
    ]);
    expect(aggregate(rules({ timeAggregation: 'last' }), d, 4)).toMatchObject({
      value: 28,
      reported: 3,
      expected: 4,
    });
  });

  it('"last" on a ratio skips a latest period without both parts', () => {
    const d = [r('A', M01, 3, 4), r('A', M02, 1, null), r('B', M02, 1, 2)];
    expect(perUnit(percent(), d)).toEqual([
      { unit: 'A', value: 75, numerator: 3, denominator: 4 },
      { unit: 'B', value: 50, numerator: 1, denominator: 2 },
    ]);
  });

  it('"average" ignores periods without a value (they are missing, not zero)', () => {
    const d = [v('A', M01, 10), v('A', M02, null), v('A', M03, 20)];
    expect(perUnit(rules({ timeAggregation: 'average' }), d)[0].value).toBe(15);
  });

  it('ratios combine parts over time: sum and average give Σn/Σd, not the mean of rates', () => {
    const d = [r('A', M01, 1, 1), r('A', M02, 1, 9)];
    const s = perUnit(percent({ timeAggregation: 'sum' }), d)[0];
    expect(s).toEqual({ unit: 'A', numerator: 2, denominator: 10, value: 20 });
    const a = perUnit(percent({ timeAggregation: 'average' }), d)[0];
    expect(a.numerator).toBe(1);
    expect(a.denominator).toBe(5);
    expect(a.value).toBe(20);
    expect(perUnit(percent({ timeAggregation: 'last' }), d)[0].value).toBeCloseTo(100 / 9, 10);
  });

  it("time first, then units: a year of monthly stock values takes each unit's last month", () => {
    const d = [v('A', M01, 100), v('A', M03, 120), v('B', M01, 50), v('B', M02, 55)];
    expect(aggregate(rules({ timeAggregation: 'last', aggregation: 'sum' }), d, 2).value).toBe(175);
    expect(aggregate(rules({ timeAggregation: 'sum', aggregation: 'sum' }), d, 2).value).toBe(325);
    expect(aggregate(rules({ timeAggregation: 'sum', aggregation: 'max' }), d, 2).value).toBe(220);
  });

  it('units come out sorted by code', () => {
    const d = [v('c', M01, 1), v('A', M01, 1), v('B', M01, 1)];
    expect(perUnit(rules(), d).map((u) => u.unit)).toEqual(['A', 'B', 'c']);
  });
});

describe('property: ratio is Σn/Σd and reported counts distinct units with a value', () => {
  const rowArb = fc.record({
    unit: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'),
    periodId: fc.constantFrom(M01, M02, M03),
    option: fc.constantFrom(0, 1, 2),
    numerator: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
    denominator: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  });

  it('with one value per unit, period and option', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(rowArb, { selector: (x) => `${x.unit}|${x.periodId}|${x.option}`, maxLength: 40 }),
        fc.constantFrom<TimeAggregation>('sum', 'last', 'average'),
        (rows, timeAggregation) => {
          const data: RawValue[] = rows.map((x) => ({ ...x, value: null }));
          const rr = percent({ timeAggregation });
          const result = aggregate(rr, data, 6);

          // model: options add up per cell; a cell is present when both sums exist
          const cells = new Map<string, { unit: string; p: number; n: number | null; d: number | null }>();
          for (const x of rows) {
            const k = `${x.unit}|${x.periodId}`;
            const c = cells.get(k) ?? { unit: x.unit, p: x.periodId, n: null, d: null };
            if (x.numerator !== null) c.n = (c.n ?? 0) + x.numerator;
            if (x.denominator !== null) c.d = (c.d ?? 0) + x.denominator;
            cells.set(k, c);
          }
          const present = [...cells.values()].filter((c) => c.n !== null && c.d !== null);
          const units = [...new Set(present.map((c) => c.unit))];
          expect(result.reported).toBe(units.length);
          expect(result.expected).toBe(6);
          if (units.length === 0) {
            expect(result.value).toBeNull();
            return;
          }
          let sn = 0;
          let sd = 0;
          for (const u of units) {
            const mine = present.filter((c) => c.unit === u);
            if (timeAggregation === 'last') {
              const last = mine.reduce((a, b) => (b.p > a.p ? b : a));
              sn += last.n as number;
              sd += last.d as number;
            } else {
              const k = timeAggregation === 'average' ? mine.length : 1;
              sn += mine.reduce((s, c) => s + (c.n as number), 0) / k;
              sd += mine.reduce((s, c) => s + (c.d as number), 0) / k;
            }
          }
          expect(result.numerator).toBeCloseTo(sn, 9);
          expect(result.denominator).toBeCloseTo(sd, 9);
          if (sd === 0) expect(result.value).toBeNull();
          else expect(result.value).toBeCloseTo((sn / sd) * 100, 9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('for number indicators: sum equals the plain total and reported the distinct units', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            unit: fc.constantFrom('A', 'B', 'C', 'D'),
            periodId: fc.constant(M03),
            option: fc.integer({ min: 0, max: 100 }),
            value: fc.option(fc.integer({ min: -1000, max: 1000 }), { nil: null }),
          }),
          { maxLength: 30 },
        ),
        (rows) => {
          const result = aggregate(rules(), rows, 4);
          const withValue = rows.filter((x) => x.value !== null);
          expect(result.reported).toBe(new Set(withValue.map((x) => x.unit)).size);
          expect(result.value).toBe(
            withValue.length ? withValue.reduce((s, x) => s + (x.value as number), 0) : null,
          );
        },
      ),
    );
  });
});
