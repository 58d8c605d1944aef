import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeFromId,
  contains,
  daysInMonth,
  enclosing,
  endMonth,
  formatDhis2Period,
  formatPeriod,
  isPeriodType,
  labelPeriod,
  lastEndedPeriod,
  MAX_YEAR,
  MIN_YEAR,
  type Period,
  type PeriodType,
  parsePeriod,
  periodEnd,
  periodFromId,
  periodId,
  periodOfDate,
  periodRange,
  periodStart,
  reportingWindow,
  sameLastYear,
  shift,
  startMonth,
  subPeriods,
} from './period.js';

const p = (code: string): Period => {
  const r = parsePeriod(code);
  if (!r) throw new Error(`bad test period ${code}`);
  return r;
};
const codes = (ps: Period[]) => ps.map(formatPeriod);

/** Every period of every type from 2023 to 2025. */
function allPeriods(): Period[] {
  const out: Period[] = [];
  for (let year = 2023; year <= 2025; year++) {
    out.push({ type: 'year', year, index: 1 }, { type: 'nine_months', year, index: 1 });
    for (let i = 1; i <= 2; i++) out.push({ type: 'half', year, index: i });
    for (let i = 1; i <= 4; i++) out.push({ type: 'quarter', year, index: i });
    for (let i = 1; i <= 12; i++) out.push({ type: 'month', year, index: i });
  }
  return out;
}

const periodArb: fc.Arbitrary<Period> = fc.oneof(
  fc.record({
    type: fc.constant<PeriodType>('year'),
    year: fc.integer({ min: 1990, max: 2100 }),
    index: fc.constant(1),
  }),
  fc.record({
    type: fc.constant<PeriodType>('nine_months'),
    year: fc.integer({ min: 1990, max: 2100 }),
    index: fc.constant(1),
  }),
  fc.record({
    type: fc.constant<PeriodType>('half'),
    year: fc.integer({ min: 1990, max: 2100 }),
    index: fc.integer({ min: 1, max: 2 }),
  }),
  fc.record({
    type: fc.constant<PeriodType>('quarter'),
    year: fc.integer({ min: 1990, max: 2100 }),
    index: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    type: fc.constant<PeriodType>('month'),
    year: fc.integer({ min: 1990, max: 2100 }),
    index: fc.integer({ min: 1, max: 12 }),
  }),
);

describe('parsePeriod', () => {
  it.each([
    ['2024', { type: 'year', year: 2024, index: 1 }],
    ['2024S1', { type: 'half', year: 2024, index: 1 }],
    ['2024S2', { type: 'half', year: 2024, index: 2 }],
    ['2024N9', { type: 'nine_months', year: 2024, index: 1 }],
    ['2024Q1', { type: 'quarter', year: 2024, index: 1 }],
    ['2024Q4', { type: 'quarter', year: 2024, index: 4 }],
    ['2024M01', { type: 'month', year: 2024, index: 1 }],
    ['2024M03', { type: 'month', year: 2024, index: 3 }],
    ['2024M12', { type: 'month', year: 2024, index: 12 }],
  ])('reads %s', (code, expected) => {
    expect(parsePeriod(code)).toEqual(expected);
  });

  it('reads the DHIS2 month form 202403 as 2024M03', () => {
    expect(parsePeriod('202403')).toEqual({ type: 'month', year: 2024, index: 3 });
    expect(parsePeriod('202412')).toEqual({ type: 'month', year: 2024, index: 12 });
    expect(parsePeriod('202401')).toEqual({ type: 'month', year: 2024, index: 1 });
  });

  it('ignores surrounding spaces and letter case', () => {
    expect(parsePeriod(' 2024q2 ')).toEqual({ type: 'quarter', year: 2024, index: 2 });
    expect(parsePeriod('2024s1')).toEqual({ type: 'half', year: 2024, index: 1 });
    expect(parsePeriod('2024m07')).toEqual({ type: 'month', year: 2024, index: 7 });
    expect(parsePeriod('2024n9')).toEqual({ type: 'nine_months', year: 2024, index: 1 });
  });

  it.each([
    '2024M13',
    '2024M00',
    '2024M3',
    '2024M003',
    '2024Q5',
    '2024Q0',
    '2024S3',
    '2024S0',
    '2024N6',
    '2024N',
    '202413',
    '202400',
    '2024-03',
    '24',
    '20245',
    '2024W01',
    '2024 Q1',
    'Q1 2024',
    '',
    '   ',
    'abc',
    '２０２４',
  ])('refuses %j', (code) => {
    expect(parsePeriod(code)).toBeNull();
  });

  it('refuses years out of range', () => {
    expect(parsePeriod(String(MIN_YEAR))).not.toBeNull();
    expect(parsePeriod(String(MAX_YEAR))).not.toBeNull();
    expect(parsePeriod(String(MIN_YEAR - 1))).toBeNull();
    expect(parsePeriod(String(MAX_YEAR + 1))).toBeNull();
    expect(parsePeriod('1989Q1')).toBeNull();
    expect(parsePeriod('2101M01')).toBeNull();
    expect(parsePeriod('0000')).toBeNull();
    expect(parsePeriod('9999S1')).toBeNull();
    expect(parsePeriod('198912')).toBeNull();
    expect(parsePeriod('210101')).toBeNull();
  });
});

describe('formatPeriod and formatDhis2Period', () => {
  it('formats every type', () => {
    expect(formatPeriod({ type: 'year', year: 2024, index: 1 })).toBe('2024');
    expect(formatPeriod({ type: 'half', year: 2024, index: 2 })).toBe('2024S2');
    expect(formatPeriod({ type: 'nine_months', year: 2024, index: 1 })).toBe('2024N9');
    expect(formatPeriod({ type: 'quarter', year: 2024, index: 3 })).toBe('2024Q3');
    expect(formatPeriod({ type: 'month', year: 2024, index: 3 })).toBe('2024M03');
    expect(formatPeriod({ type: 'month', year: 2024, index: 11 })).toBe('2024M11');
  });

  it('formats DHIS2 months as 202403 and other types as ours', () => {
    expect(formatDhis2Period(p('2024M03'))).toBe('202403');
    expect(formatDhis2Period(p('2024M12'))).toBe('202412');
    expect(formatDhis2Period(p('2024Q1'))).toBe('2024Q1');
    expect(formatDhis2Period(p('2024S2'))).toBe('2024S2');
    expect(formatDhis2Period(p('2024'))).toBe('2024');
  });

  it('round-trips parse ∘ format and parse ∘ formatDhis2 for every period', () => {
    fc.assert(
      fc.property(periodArb, (q) => {
        expect(parsePeriod(formatPeriod(q))).toEqual(q);
        expect(parsePeriod(formatDhis2Period(q))).toEqual(q);
      }),
    );
  });
});

describe('labelPeriod', () => {
  it('labels in Vietnamese by default', () => {
    expect(labelPeriod(p('2024M03'))).toBe('Tháng 3/2024');
    expect(labelPeriod(p('2024M12'), 'vi')).toBe('Tháng 12/2024');
    expect(labelPeriod(p('2024Q1'))).toBe('Quý I/2024');
    expect(labelPeriod(p('2024Q2'))).toBe('Quý II/2024');
    expect(labelPeriod(p('2024Q3'))).toBe('Quý III/2024');
    expect(labelPeriod(p('2024Q4'))).toBe('Quý IV/2024');
    expect(labelPeriod(p('2024S1'))).toBe('6 tháng đầu năm 2024');
    expect(labelPeriod(p('2024S2'))).toBe('6 tháng cuối năm 2024');
    expect(labelPeriod(p('2024N9'))).toBe('9 tháng năm 2024');
    expect(labelPeriod(p('2024'))).toBe('Năm 2024');
  });

  it('labels in English', () => {
    expect(labelPeriod(p('2024M03'), 'en')).toBe('03/2024');
    expect(labelPeriod(p('2024Q4'), 'en')).toBe('Q4 2024');
    expect(labelPeriod(p('2024S1'), 'en')).toBe('First half of 2024');
    expect(labelPeriod(p('2024S2'), 'en')).toBe('Second half of 2024');
    expect(labelPeriod(p('2024N9'), 'en')).toBe('Nine months of 2024');
    expect(labelPeriod(p('2024'), 'en')).toBe('2024');
  });

  it('labels in NFC so they compare with typed text', () => {
    for (const q of allPeriods()) expect(labelPeriod(q)).toBe(labelPeriod(q).normalize('NFC'));
  });
});

describe('start and end', () => {
  it.each([
    ['2024', '2024-01-01', '2024-12-31', 1, 12],
    ['2024N9', '2024-01-01', '2024-09-30', 1, 9],
    ['2024S1', '2024-01-01', '2024-06-30', 1, 6],
    ['2024S2', '2024-07-01', '2024-12-31', 7, 12],
    ['2024Q1', '2024-01-01', '2024-03-31', 1, 3],
    ['2024Q2', '2024-04-01', '2024-06-30', 4, 6],
    ['2024Q3', '2024-07-01', '2024-09-30', 7, 9],
    ['2024Q4', '2024-10-01', '2024-12-31', 10, 12],
    ['2024M02', '2024-02-01', '2024-02-29', 2, 2],
    ['2023M02', '2023-02-01', '2023-02-28', 2, 2],
    ['2000M02', '2000-02-01', '2000-02-29', 2, 2],
    ['2100M02', '2100-02-01', '2100-02-28', 2, 2],
    ['2024M04', '2024-04-01', '2024-04-30', 4, 4],
    ['2024M12', '2024-12-01', '2024-12-31', 12, 12],
  ])('%s runs %s to %s', (code, start, end, sm, em) => {
    const q = p(code);
    expect(periodStart(q)).toBe(start);
    expect(periodEnd(q)).toBe(end);
    expect(startMonth(q)).toBe(sm);
    expect(endMonth(q)).toBe(em);
  });

  it('counts days in months, leap years included', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2023, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2024, 1)).toBe(31);
    expect(daysInMonth(2024, 11)).toBe(30);
  });
});

describe('periodId', () => {
  it('encodes end month and type', () => {
    expect(periodId(p('2024M03'))).toBe(2024034);
    expect(periodId(p('2024Q1'))).toBe(2024033);
    expect(periodId(p('2024S1'))).toBe(2024062);
    expect(periodId(p('2024N9'))).toBe(2024091);
    expect(periodId(p('2024'))).toBe(2024120);
  });

  it('sorts by end date, then longer before shorter', () => {
    const sorted = [...allPeriods()].sort((a, b) => periodId(a) - periodId(b));
    for (let i = 1; i < sorted.length; i++) {
      expect(periodEnd(sorted[i - 1]) <= periodEnd(sorted[i])).toBe(true);
    }
    const dec = sorted.filter((q) => q.year === 2024 && endMonth(q) === 12);
    expect(codes(dec)).toEqual(['2024', '2024S2', '2024Q4', '2024M12']);
    const sep = sorted.filter((q) => q.year === 2024 && endMonth(q) === 9);
    expect(codes(sep)).toEqual(['2024N9', '2024Q3', '2024M09']);
    // the last month of 2023 comes before anything of 2024
    expect(periodId(p('2023M12'))).toBeLessThan(periodId(p('2024M01')));
    expect(periodId(p('2023'))).toBeLessThan(periodId(p('2024Q1')));
  });

  it('is unique per period', () => {
    const all = allPeriods();
    expect(new Set(all.map(periodId)).size).toBe(all.length);
  });

  it('round-trips through periodFromId and codeFromId', () => {
    fc.assert(
      fc.property(periodArb, (q) => {
        expect(periodFromId(periodId(q))).toEqual(q);
        expect(codeFromId(periodId(q))).toBe(formatPeriod(q));
      }),
    );
    expect(codeFromId(2024034)).toBe('2024M03');
    expect(codeFromId(2024091)).toBe('2024N9');
  });

  it.each([
    2024005, // end month 0
    2024134, // end month 13
    2024035, // no type digit 5
    2024043, // a quarter cannot end in April
    2024032, // a half cannot end in March
    2024061, // nine months end in September
    2024060, // a year ends in December
    2024099,
  ])('refuses the id %d', (id) => {
    expect(() => periodFromId(id)).toThrow(RangeError);
  });
});

describe('contains', () => {
  it('contains itself and shorter periods inside', () => {
    expect(contains(p('2024'), p('2024'))).toBe(true);
    expect(contains(p('2024'), p('2024M12'))).toBe(true);
    expect(contains(p('2024S2'), p('2024Q3'))).toBe(true);
    expect(contains(p('2024N9'), p('2024Q3'))).toBe(true);
    expect(contains(p('2024N9'), p('2024M09'))).toBe(true);
    expect(contains(p('2024Q1'), p('2024M03'))).toBe(true);
  });

  it('does not contain periods outside, longer or of another year', () => {
    expect(contains(p('2024N9'), p('2024M10'))).toBe(false);
    expect(contains(p('2024N9'), p('2024Q4'))).toBe(false);
    expect(contains(p('2024N9'), p('2024S2'))).toBe(false);
    expect(contains(p('2024S1'), p('2024Q3'))).toBe(false);
    expect(contains(p('2024Q1'), p('2024'))).toBe(false);
    expect(contains(p('2024M03'), p('2024Q1'))).toBe(false);
    expect(contains(p('2024'), p('2023M12'))).toBe(false);
    expect(contains(p('2024Q1'), p('2025M01'))).toBe(false);
  });
});

describe('subPeriods', () => {
  it('splits a year into months, quarters and halves', () => {
    expect(codes(subPeriods(p('2024'), 'month'))).toEqual([
      '2024M01',
      '2024M02',
      '2024M03',
      '2024M04',
      '2024M05',
      '2024M06',
      '2024M07',
      '2024M08',
      '2024M09',
      '2024M10',
      '2024M11',
      '2024M12',
    ]);
    expect(codes(subPeriods(p('2024'), 'quarter'))).toEqual(['2024Q1', '2024Q2', '2024Q3', '2024Q4']);
    expect(codes(subPeriods(p('2024'), 'half'))).toEqual(['2024S1', '2024S2']);
    expect(codes(subPeriods(p('2024'), 'year'))).toEqual(['2024']);
  });

  it('splits nine months into quarters and months', () => {
    expect(codes(subPeriods(p('2024N9'), 'quarter'))).toEqual(['2024Q1', '2024Q2', '2024Q3']);
    expect(codes(subPeriods(p('2024N9'), 'month'))).toHaveLength(9);
    expect(codes(subPeriods(p('2024N9'), 'month'))[8]).toBe('2024M09');
    expect(codes(subPeriods(p('2024N9'), 'nine_months'))).toEqual(['2024N9']);
  });

  it('splits halves and quarters', () => {
    expect(codes(subPeriods(p('2024S1'), 'quarter'))).toEqual(['2024Q1', '2024Q2']);
    expect(codes(subPeriods(p('2024S2'), 'quarter'))).toEqual(['2024Q3', '2024Q4']);
    expect(codes(subPeriods(p('2024S2'), 'month'))).toEqual([
      '2024M07',
      '2024M08',
      '2024M09',
      '2024M10',
      '2024M11',
      '2024M12',
    ]);
    expect(codes(subPeriods(p('2024Q4'), 'month'))).toEqual(['2024M10', '2024M11', '2024M12']);
    expect(codes(subPeriods(p('2024M05'), 'month'))).toEqual(['2024M05']);
  });

  it('returns [] when the type does not tile the period or is longer', () => {
    expect(subPeriods(p('2024N9'), 'half')).toEqual([]);
    expect(subPeriods(p('2024'), 'nine_months')).toEqual([]);
    expect(subPeriods(p('2024N9'), 'year')).toEqual([]);
    expect(subPeriods(p('2024Q1'), 'half')).toEqual([]);
    expect(subPeriods(p('2024M01'), 'quarter')).toEqual([]);
    expect(subPeriods(p('2024S1'), 'year')).toEqual([]);
    expect(subPeriods(p('2024S1'), 'nine_months')).toEqual([]);
  });

  it('tiles exactly: the parts are contained, adjacent and cover the whole', () => {
    for (const outer of allPeriods()) {
      for (const type of ['year', 'nine_months', 'half', 'quarter', 'month'] as const) {
        const parts = subPeriods(outer, type);
        if (parts.length === 0) continue;
        expect(parts.every((x) => x.type === type && contains(outer, x))).toBe(true);
        expect(periodStart(parts[0])).toBe(periodStart(outer));
        expect(periodEnd(parts[parts.length - 1])).toBe(periodEnd(outer));
        for (let i = 1; i < parts.length; i++) expect(shift(parts[i - 1], 1)).toEqual(parts[i]);
      }
    }
  });
});

describe('enclosing', () => {
  it('finds the longer period containing a shorter one', () => {
    expect(enclosing(p('2024M05'), 'quarter')).toEqual(p('2024Q2'));
    expect(enclosing(p('2024M07'), 'half')).toEqual(p('2024S2'));
    expect(enclosing(p('2024M06'), 'half')).toEqual(p('2024S1'));
    expect(enclosing(p('2024M09'), 'nine_months')).toEqual(p('2024N9'));
    expect(enclosing(p('2024Q3'), 'nine_months')).toEqual(p('2024N9'));
    expect(enclosing(p('2024Q4'), 'year')).toEqual(p('2024'));
    expect(enclosing(p('2024N9'), 'year')).toEqual(p('2024'));
    expect(enclosing(p('2024M12'), 'month')).toEqual(p('2024M12'));
    expect(enclosing(p('2024Q2'), 'quarter')).toEqual(p('2024Q2'));
  });

  it('is null when no such period contains it or the type is shorter', () => {
    expect(enclosing(p('2024M10'), 'nine_months')).toBeNull();
    expect(enclosing(p('2024Q4'), 'nine_months')).toBeNull();
    expect(enclosing(p('2024S2'), 'nine_months')).toBeNull();
    expect(enclosing(p('2024S1'), 'nine_months')).toEqual(p('2024N9'));
    expect(enclosing(p('2024'), 'quarter')).toBeNull();
    expect(enclosing(p('2024N9'), 'half')).toBeNull();
    expect(enclosing(p('2024Q1'), 'month')).toBeNull();
  });
});

describe('shift and sameLastYear', () => {
  it('moves across year ends both ways', () => {
    expect(shift(p('2024M12'), 1)).toEqual(p('2025M01'));
    expect(shift(p('2024M01'), -1)).toEqual(p('2023M12'));
    expect(shift(p('2024M03'), -15)).toEqual(p('2022M12'));
    expect(shift(p('2024M03'), 24)).toEqual(p('2026M03'));
    expect(shift(p('2024Q4'), 1)).toEqual(p('2025Q1'));
    expect(shift(p('2024Q1'), -1)).toEqual(p('2023Q4'));
    expect(shift(p('2024Q2'), -9)).toEqual(p('2022Q1'));
    expect(shift(p('2024S2'), 1)).toEqual(p('2025S1'));
    expect(shift(p('2024S1'), -1)).toEqual(p('2023S2'));
    expect(shift(p('2024'), -3)).toEqual(p('2021'));
    expect(shift(p('2024N9'), 1)).toEqual(p('2025N9'));
    expect(shift(p('2024M07'), 0)).toEqual(p('2024M07'));
  });

  it('is undone by the opposite shift', () => {
    fc.assert(
      fc.property(periodArb, fc.integer({ min: -60, max: 60 }), (q, n) => {
        expect(shift(shift(q, n), -n)).toEqual(q);
        if (n > 0) expect(periodId(shift(q, n))).toBeGreaterThan(periodId(q));
      }),
    );
  });

  it('gives the same period one year earlier', () => {
    expect(sameLastYear(p('2024M03'))).toEqual(p('2023M03'));
    expect(sameLastYear(p('2024Q4'))).toEqual(p('2023Q4'));
    expect(sameLastYear(p('2024N9'))).toEqual(p('2023N9'));
    for (const type of ['month', 'quarter', 'half'] as const) {
      const q = subPeriods(p('2024'), type)[0];
      expect(sameLastYear(q)).toEqual(shift(q, -12 / (type === 'month' ? 1 : type === 'quarter' ? 3 : 6)));
    }
  });
});

describe('periodRange', () => {
  it('lists periods inclusively across a year end', () => {
    expect(codes(periodRange(p('2023M11'), p('2024M02')))).toEqual([
      '2023M11',
      '2023M12',
      '2024M01',
      '2024M02',
    ]);
    expect(codes(periodRange(p('2023Q4'), p('2024Q2')))).toEqual(['2023Q4', '2024Q1', '2024Q2']);
    expect(codes(periodRange(p('2022'), p('2024')))).toEqual(['2022', '2023', '2024']);
    expect(codes(periodRange(p('2023N9'), p('2024N9')))).toEqual(['2023N9', '2024N9']);
  });

  it('gives one period when from = to and none when from > to', () => {
    expect(codes(periodRange(p('2024S1'), p('2024S1')))).toEqual(['2024S1']);
    expect(periodRange(p('2024M05'), p('2024M04'))).toEqual([]);
  });

  it('refuses mixed types', () => {
    expect(() => periodRange(p('2024M01'), p('2024Q4'))).toThrow(RangeError);
  });
});

describe('periodOfDate and lastEndedPeriod', () => {
  it('finds the period containing a date', () => {
    expect(periodOfDate('2024-02-29', 'month')).toEqual(p('2024M02'));
    expect(periodOfDate('2024-05-01', 'quarter')).toEqual(p('2024Q2'));
    expect(periodOfDate('2024-07-01', 'half')).toEqual(p('2024S2'));
    expect(periodOfDate('2024-09-30', 'nine_months')).toEqual(p('2024N9'));
    expect(periodOfDate('2024-12-31', 'year')).toEqual(p('2024'));
  });

  it('finds the latest ended period', () => {
    expect(lastEndedPeriod('2024-03-31', 'month')).toEqual(p('2024M03'));
    expect(lastEndedPeriod('2024-03-30', 'month')).toEqual(p('2024M02'));
    expect(lastEndedPeriod('2024-01-15', 'month')).toEqual(p('2023M12'));
    expect(lastEndedPeriod('2024-02-29', 'month')).toEqual(p('2024M02'));
    expect(lastEndedPeriod('2024-02-28', 'month')).toEqual(p('2024M01'));
    expect(lastEndedPeriod('2024-03-31', 'quarter')).toEqual(p('2024Q1'));
    expect(lastEndedPeriod('2024-02-10', 'quarter')).toEqual(p('2023Q4'));
    expect(lastEndedPeriod('2024-06-30', 'half')).toEqual(p('2024S1'));
    expect(lastEndedPeriod('2024-06-29', 'half')).toEqual(p('2023S2'));
    expect(lastEndedPeriod('2024-12-31', 'year')).toEqual(p('2024'));
    expect(lastEndedPeriod('2024-12-30', 'year')).toEqual(p('2023'));
  });

  it('finds the latest ended nine months at every time of the year', () => {
    expect(lastEndedPeriod('2024-09-29', 'nine_months')).toEqual(p('2023N9'));
    expect(lastEndedPeriod('2024-09-30', 'nine_months')).toEqual(p('2024N9'));
    expect(lastEndedPeriod('2024-10-05', 'nine_months')).toEqual(p('2024N9'));
    expect(lastEndedPeriod('2024-12-31', 'nine_months')).toEqual(p('2024N9'));
    expect(lastEndedPeriod('2024-01-01', 'nine_months')).toEqual(p('2023N9'));
  });

  it('always returns a period of the asked type that has ended', () => {
    const dateArb = fc
      .date({
        min: new Date('1995-01-01T00:00:00Z'),
        max: new Date('2095-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const typeArb = fc.constantFrom<PeriodType>('year', 'nine_months', 'half', 'quarter', 'month');
    fc.assert(
      fc.property(dateArb, typeArb, (date, type) => {
        const q = lastEndedPeriod(date, type);
        expect(q.type).toBe(type);
        expect(periodEnd(q) <= date).toBe(true);
        // and it is the latest one: the next has not ended
        expect(periodEnd(shift(q, 1)) > date).toBe(true);
      }),
    );
  });
});

describe('reportingWindow (Decree 09/2019)', () => {
  it('monthly: the 15th of the previous month to the 14th', () => {
    expect(reportingWindow(p('2024M03'))).toEqual({ from: '2024-02-15', to: '2024-03-14' });
    expect(reportingWindow(p('2024M12'))).toEqual({ from: '2024-11-15', to: '2024-12-14' });
  });

  it("January's window starts on 15 December of the previous year", () => {
    expect(reportingWindow(p('2024M01'))).toEqual({ from: '2023-12-15', to: '2024-01-14' });
  });

  it('quarters, halves, nine months and years', () => {
    expect(reportingWindow(p('2024Q1'))).toEqual({ from: '2023-12-15', to: '2024-03-14' });
    expect(reportingWindow(p('2024Q2'))).toEqual({ from: '2024-03-15', to: '2024-06-14' });
    expect(reportingWindow(p('2024Q4'))).toEqual({ from: '2024-09-15', to: '2024-12-14' });
    expect(reportingWindow(p('2024S1'))).toEqual({ from: '2023-12-15', to: '2024-06-14' });
    expect(reportingWindow(p('2024S2'))).toEqual({ from: '2024-06-15', to: '2024-12-14' });
    expect(reportingWindow(p('2024N9'))).toEqual({ from: '2023-12-15', to: '2024-09-14' });
    expect(reportingWindow(p('2024'))).toEqual({ from: '2023-12-15', to: '2024-12-14' });
  });

  it('consecutive monthly windows leave no gap and do not overlap', () => {
    const months = periodRange(p('2023M01'), p('2025M12'));
    for (let i = 1; i < months.length; i++) {
      const prev = reportingWindow(months[i - 1]);
      const next = reportingWindow(months[i]);
      const dayAfter = new Date(`${prev.to}T00:00:00Z`);
      dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
      expect(next.from).toBe(dayAfter.toISOString().slice(0, 10));
    }
  });
});

describe('isPeriodType', () => {
  it('accepts the seven types only', () => {
    for (const t of ['year', 'nine_months', 'half', 'quarter', 'month', 'week', 'day'])
      expect(isPeriodType(t)).toBe(true);
    for (const t of ['weekly', 'Month', '', 'nine-months']) expect(isPeriodType(t)).toBe(false);
  });
});

describe('weeks and days', () => {
  it('parses ISO weeks and days, with ids that sort by end date and never move the old ones', () => {
    const w1 = parsePeriod('2024W1')!;
    expect(w1).toEqual({ type: 'week', year: 2024, index: 1 });
    expect([periodStart(w1), periodEnd(w1)]).toEqual(['2024-01-01', '2024-01-07']);
    // ISO week-year: 2020W53 ends on 3 January 2021; 2021W1 starts on 4 January
    expect(periodEnd(parsePeriod('2020W53')!)).toBe('2021-01-03');
    expect(periodStart(parsePeriod('2021W1')!)).toBe('2021-01-04');
    expect(parsePeriod('2021W53')).toBeNull();
    const d = parsePeriod('20240115')!;
    expect(d).toEqual({ type: 'day', year: 2024, index: 15 });
    expect(formatPeriod(d)).toBe('20240115');
    expect(parsePeriod('2024W01')).toBeNull(); // one spelling, DHIS2's
    expect(parsePeriod('20240230')).toBeNull();
    expect(periodId(w1)).toBe(202401075);
    expect(periodId(d)).toBe(202401156);
    expect(periodId(parsePeriod('2024Q1')!)).toBe(2024033); // unchanged
    for (const code of ['2024W1', '2020W53', '20240229', '20241231', '2024M03', '2024N9'])
      expect(codeFromId(periodId(parsePeriod(code)!))).toBe(formatPeriod(parsePeriod(code)!));
    const days = periodRange(parsePeriod('20231230')!, parsePeriod('20240102')!).map(formatPeriod);
    expect(days).toEqual(['20231230', '20231231', '20240101', '20240102']);
    expect(periodRange(parsePeriod('2020W52')!, parsePeriod('2021W2')!).map(formatPeriod)).toEqual([
      '2020W52',
      '2020W53',
      '2021W1',
      '2021W2',
    ]);
  });

  it('a week belongs to the month, quarter and year of its Thursday; days tile every period', () => {
    // 2024W5: 29 Jan – 4 Feb, Thursday 1 Feb → February
    expect(formatPeriod(enclosing(parsePeriod('2024W5')!, 'month')!)).toBe('2024M02');
    expect(subPeriods(parsePeriod('2024M01')!, 'week').map(formatPeriod)).toEqual([
      '2024W1',
      '2024W2',
      '2024W3',
      '2024W4',
    ]);
    expect(subPeriods(parsePeriod('2024')!, 'week')).toHaveLength(52);
    expect(subPeriods(parsePeriod('2020')!, 'week')).toHaveLength(53);
    expect(subPeriods(parsePeriod('2024Q1')!, 'day')).toHaveLength(91);
    expect(formatPeriod(enclosing(parsePeriod('20240115')!, 'quarter')!)).toBe('2024Q1');
    expect(formatPeriod(enclosing(parsePeriod('20240115')!, 'week')!)).toBe('2024W3');
    expect(enclosing(parsePeriod('2024W1')!, 'day')).toBeNull();
    expect(lastEndedPeriod('2024-01-10', 'week')).toEqual(parsePeriod('2024W1'));
    expect(lastEndedPeriod('2024-01-10', 'day')).toEqual(parsePeriod('20240110'));
    expect(labelPeriod(parsePeriod('2024W1')!)).toBe('Tuần 1/2024');
    expect(labelPeriod(parsePeriod('20240115')!, 'en')).toBe('15/01/2024');
  });
});
