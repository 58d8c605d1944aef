import { describe, expect, it } from 'vitest';
import {
  CSV_FIELDS,
  type FieldNames,
  type IndicatorMeta,
  JSON_FIELDS,
  type RowInput,
  type RowProblem,
  type UnitMeta,
  validateRow,
} from './dataValueRow.js';
import { type Period, parsePeriod, periodId } from './period.js';

const indicator = (over: Partial<IndicatorMeta> = {}): IndicatorMeta => ({
  id: 11,
  code: 'CQS_DVC',
  valueType: 'number',
  frequency: 'month',
  ratioScale: 1,
  reportingKinds: [],
  category: null,
  formula: null,
  ...over,
});
const PERCENT = indicator({ code: 'CQS_TL', valueType: 'ratio', ratioScale: 100 });
const COUNT = indicator({ code: 'KTS_DN', valueType: 'count' });
const BOOL = indicator({ code: 'NT_QC', valueType: 'boolean' });

const unit = (over: Partial<UnitMeta> = {}): UnitMeta => ({
  id: 7,
  code: '25747',
  kind: 'commune',
  provinceId: 1,
  validFrom: null,
  validTo: null,
  ...over,
});

const input = (over: Partial<RowInput> = {}): RowInput => ({
  row: 2,
  indicator: 'CQS_DVC',
  orgUnit: '25747',
  period: '2024M03',
  value: '5',
  numerator: null,
  denominator: null,
  ...over,
});

type Outcome = ReturnType<typeof validateRow>;
function run(
  over: Partial<RowInput>,
  ind: IndicatorMeta | null = indicator(),
  u: UnitMeta | null = unit(),
  f: FieldNames = CSV_FIELDS,
  options?: Map<string, number>,
): Outcome {
  // null, not undefined, stands for "not found": undefined would take the defaults
  return validateRow(
    input({ indicator: ind?.code ?? 'X', ...over }),
    f,
    ind ?? undefined,
    u ?? undefined,
    options,
  );
}
const problems = (o: Outcome): RowProblem[] => (o.ok ? [] : o.problems);
const rules = (o: Outcome) => problems(o).map((p) => `${p.field}:${p.rule}`);
const ok = (o: Outcome) => {
  if (!o.ok) throw new Error(`expected ok, got ${JSON.stringify(o.problems)}`);
  return o.value;
};
const M03 = periodId(parsePeriod('2024M03') as Period);

describe('a valid row', () => {
  it('resolves ids, period id and province', () => {
    expect(ok(run({ value: '80,2', comment: 'ghi chú' }))).toEqual({
      row: 2,
      indicatorId: 11,
      orgUnitId: 7,
      provinceId: 1,
      periodId: M03,
      optionId: 0,
      value: 80.2,
      numerator: null,
      denominator: null,
      comment: 'ghi chú',
    });
  });

  it('a province is its own province; an empty comment is null', () => {
    const v = ok(run({ comment: '' }, indicator(), unit({ provinceId: null, id: 1, kind: 'province' })));
    expect(v.provinceId).toBe(1);
    expect(v.comment).toBeNull();
  });

  it('accepts a JSON number and the DHIS2 month form', () => {
    const v = ok(run({ value: 12.5, period: '202403' }, indicator(), unit(), JSON_FIELDS));
    expect(v.value).toBe(12.5);
    expect(v.periodId).toBe(M03);
  });

  it('accepts negative numbers for a plain number indicator (e.g. a growth rate)', () => {
    expect(ok(run({ value: '-3,5' })).value).toBe(-3.5);
  });
});

describe('required fields and references', () => {
  it('each missing field is required', () => {
    const o = run({ indicator: '', orgUnit: '', period: '' }, null, null);
    expect(rules(o)).toEqual(['indicator:rule.required', 'org_unit:rule.required', 'period:rule.required']);
    expect(problems(o).every((p) => p.row === 2)).toBe(true);
  });

  it('an unknown indicator and unit are named with the value given', () => {
    const o = run({ indicator: 'NOPE', orgUnit: '99999' }, null, null);
    expect(problems(o)).toEqual([
      { row: 2, field: 'indicator', rule: 'rule.unknown_indicator', params: { value: 'NOPE' } },
      { row: 2, field: 'org_unit', rule: 'rule.unknown_unit', params: { value: '99999' } },
    ]);
  });

  it('a missing value is required', () => {
    for (const value of ['', '  ', null, undefined])
      expect(rules(run({ value }))).toEqual(['value:rule.required']);
  });
});

describe('period', () => {
  it.each(['2024M13', '2024Q5', '2024S3', '1989', 'tháng 3', '2024-03'])('refuses %s', (period) => {
    expect(problems(run({ period }))).toEqual([
      { row: 2, field: 'period', rule: 'rule.period', params: { value: period } },
    ]);
  });

  it('refuses a period of another type than the indicator frequency', () => {
    expect(problems(run({ period: '2024Q1' }))).toEqual([
      {
        row: 2,
        field: 'period',
        rule: 'rule.period_type',
        params: { indicator: 'CQS_DVC', frequencyKey: 'frequency.month', value: '2024Q1' },
      },
    ]);
    expect(ok(run({ period: '2024N9' }, indicator({ frequency: 'nine_months' }))).periodId).toBe(2024091);
  });
});

describe('indicator rules', () => {
  it('refuses data for a derived indicator', () => {
    expect(problems(run({}, indicator({ formula: '{A} / {B} * 100' })))).toEqual([
      { row: 2, field: 'indicator', rule: 'rule.derived', params: { indicator: 'CQS_DVC' } },
    ]);
  });

  it('refuses a unit of a kind that does not report the indicator', () => {
    const ind = indicator({ reportingKinds: ['department', 'province'] });
    expect(problems(run({}, ind))).toEqual([
      {
        row: 2,
        field: 'org_unit',
        rule: 'rule.kind',
        params: { unit: '25747', kind: 'commune', indicator: 'CQS_DVC', kinds: 'department, province' },
      },
    ]);
    expect(run({}, ind, unit({ kind: 'department' })).ok).toBe(true);
    expect(run({}, indicator({ reportingKinds: [] }), unit({ kind: 'hamlet' })).ok).toBe(true);
  });
});

describe('unit validity dates', () => {
  it('refuses a period wholly before the unit opened or after it closed', () => {
    const opened = unit({ validFrom: '2025-07-01' });
    expect(problems(run({ period: '2025M06' }, indicator(), opened))).toEqual([
      {
        row: 2,
        field: 'org_unit',
        rule: 'rule.unit_validity',
        params: { unit: '25747', period: '2025M06', validFrom: '2025-07-01', validTo: '…' },
      },
    ]);
    const closed = unit({ validTo: '2025-06-30' });
    expect(rules(run({ period: '2025M07' }, indicator(), closed))).toEqual(['org_unit:rule.unit_validity']);
  });

  it('accepts periods overlapping the validity, to the day', () => {
    expect(run({ period: '2025M07' }, indicator(), unit({ validFrom: '2025-07-01' })).ok).toBe(true);
    expect(run({ period: '2025M06' }, indicator(), unit({ validTo: '2025-06-30' })).ok).toBe(true);
    // a unit closed mid-month still reports that month
    expect(run({ period: '2025M06' }, indicator(), unit({ validTo: '2025-06-15' })).ok).toBe(true);
    // a yearly value of a unit formed mid-year
    const yearly = indicator({ frequency: 'year' });
    expect(run({ period: '2025' }, yearly, unit({ validFrom: '2025-07-01' })).ok).toBe(true);
    expect(run({ period: '2024' }, yearly, unit({ validFrom: '2025-07-01' })).ok).toBe(false);
    // but a unit closed mid-year does not answer for the year: its state at the end is its successor's
    expect(run({ period: '2025' }, yearly, unit({ validTo: '2025-06-30' })).ok).toBe(false);
    expect(
      run({ period: '2025S1' }, indicator({ frequency: 'half' }), unit({ validTo: '2025-06-30' })).ok,
    ).toBe(true);
  });
});

describe('category options', () => {
  const sector = indicator({ category: 'sector' });
  const options = new Map([
    ['ict', 3],
    ['agri', 4],
  ]);

  it('resolves a known option', () => {
    expect(ok(run({ categoryOption: 'agri' }, sector, unit(), CSV_FIELDS, options)).optionId).toBe(4);
  });

  it('requires an option when the indicator has a category', () => {
    expect(problems(run({}, sector, unit(), CSV_FIELDS, options))).toEqual([
      {
        row: 2,
        field: 'category_option',
        rule: 'rule.option_required',
        params: { indicator: 'CQS_DVC', category: 'sector' },
      },
    ]);
  });

  it('refuses an unknown option', () => {
    expect(problems(run({ categoryOption: 'mining' }, sector, unit(), CSV_FIELDS, options))).toEqual([
      {
        row: 2,
        field: 'category_option',
        rule: 'rule.unknown_option',
        params: { indicator: 'CQS_DVC', value: 'mining' },
      },
    ]);
    expect(rules(run({ categoryOption: 'ict' }, sector, unit(), CSV_FIELDS, undefined))).toEqual([
      'category_option:rule.unknown_option',
    ]);
  });

  it('refuses an option for an indicator without a category', () => {
    expect(problems(run({ categoryOption: 'ict' }, indicator(), unit(), JSON_FIELDS, options))).toEqual([
      { row: 2, field: 'categoryOption', rule: 'rule.no_category', params: { indicator: 'CQS_DVC' } },
    ]);
  });
});

describe('ratio indicators', () => {
  const ratio = (over: Partial<RowInput>, f: FieldNames = CSV_FIELDS) =>
    run({ value: null, ...over }, PERCENT, unit(), f);

  it('derive the value from numerator and denominator', () => {
    const v = ok(ratio({ numerator: '30', denominator: '40' }));
    expect([v.value, v.numerator, v.denominator]).toEqual([75, 30, 40]);
    const j = ok(ratio({ numerator: 1, denominator: 3 }, JSON_FIELDS));
    expect(j.value).toBeCloseTo(100 / 3, 10);
  });

  it('need both parts', () => {
    expect(rules(ratio({}))).toEqual(['numerator:rule.ratio_parts']);
    expect(rules(ratio({ value: '75' }))).toEqual(['numerator:rule.ratio_parts']);
    expect(rules(ratio({ numerator: '', denominator: '' }))).toEqual(['numerator:rule.ratio_parts']);
    expect(rules(ratio({ denominator: '40' }))).toEqual(['numerator:rule.ratio_parts']);
    expect(rules(ratio({ numerator: '30' }))).toEqual(['denominator:rule.ratio_parts']);
  });

  it('refuse a numerator above the denominator for a percentage', () => {
    expect(problems(ratio({ numerator: '41', denominator: '40' }))).toEqual([
      {
        row: 2,
        field: 'numerator',
        rule: 'rule.numerator_le_denominator',
        params: { numerator: 41, denominator: 40 },
      },
    ]);
    expect(rules(ratio({ numerator: '1', denominator: '0' }))).toEqual([
      'numerator:rule.numerator_le_denominator',
    ]);
    expect(ratio({ numerator: '40', denominator: '40' }).ok).toBe(true);
  });

  it('allow a numerator above the denominator when the ratio is not a percentage', () => {
    const perCapita = indicator({ valueType: 'ratio', ratioScale: 1 });
    expect(ok(run({ value: null, numerator: '150', denominator: '100' }, perCapita)).value).toBe(1.5);
  });

  it('accept 0/0 with no value', () => {
    const v = ok(ratio({ numerator: '0', denominator: '0' }));
    expect([v.value, v.numerator, v.denominator]).toEqual([null, 0, 0]);
  });

  it('refuse negative parts', () => {
    expect(rules(ratio({ numerator: '-1', denominator: '10' }))).toEqual(['numerator:rule.non_negative']);
    expect(rules(ratio({ numerator: '1', denominator: '-10' }))).toEqual(['denominator:rule.non_negative']);
  });

  it('refuse parts that are not numbers', () => {
    expect(rules(ratio({ numerator: 'abc', denominator: '10' }))).toEqual(['numerator:rule.number']);
    expect(rules(ratio({ numerator: '1', denominator: '1.000.000' }))).toEqual(['denominator:rule.number']);
    expect(rules(ratio({ numerator: Number.NaN, denominator: 10 }, JSON_FIELDS))).toEqual([
      'numerator:rule.number',
    ]);
    expect(rules(ratio({ numerator: 1, denominator: Number.POSITIVE_INFINITY }, JSON_FIELDS))).toEqual([
      'denominator:rule.number',
    ]);
  });

  it('accept a given value that matches, within rounding', () => {
    expect(ratio({ numerator: '1', denominator: '3', value: '33,33' }).ok).toBe(true);
    expect(ratio({ numerator: '1', denominator: '3', value: 33.3 }).ok).toBe(true);
    expect(ratio({ numerator: '30', denominator: '40', value: '75' }).ok).toBe(true);
  });

  it('refuse an inconsistent given value', () => {
    expect(problems(ratio({ numerator: '30', denominator: '40', value: '80' }))).toEqual([
      { row: 2, field: 'value', rule: 'rule.ratio_value', params: { value: 80, expected: 75 } },
    ]);
    expect(problems(ratio({ numerator: '1', denominator: '3', value: '30' }))[0].params).toEqual({
      value: 30,
      expected: 33.33,
    });
    expect(rules(ratio({ numerator: '30', denominator: '40', value: 'n/a' }))).toEqual(['value:rule.number']);
  });
});

describe('count indicators', () => {
  it('must be integers ≥ 0', () => {
    expect(ok(run({ value: '1039' }, COUNT)).value).toBe(1039);
    expect(ok(run({ value: '0' }, COUNT)).value).toBe(0);
    expect(rules(run({ value: '1,5' }, COUNT))).toEqual(['value:rule.integer']);
    expect(rules(run({ value: 2.5 }, COUNT, unit(), JSON_FIELDS))).toEqual(['value:rule.integer']);
    expect(rules(run({ value: '-1' }, COUNT))).toEqual(['value:rule.non_negative']);
  });

  it('does not read 1.039 as 1039 (thousands separators are refused, not guessed)', () => {
    expect(rules(run({ value: '1.039' }, COUNT))).toEqual(['value:rule.integer']);
    expect(rules(run({ value: '1.039.000' }, COUNT))).toEqual(['value:rule.number']);
  });
});

describe('boolean indicators', () => {
  it.each([
    ['1', 1],
    ['0', 0],
    ['có', 1],
    ['Có', 1],
    ['CÓ', 1],
    ['co', 1],
    ['không', 0],
    ['Không', 0],
    ['khong', 0],
    ['yes', 1],
    ['no', 0],
    ['true', 1],
    ['FALSE', 0],
    ['x', 1],
    [' có ', 1],
  ])('reads %j as %d', (value, expected) => {
    expect(ok(run({ value }, BOOL)).value).toBe(expected);
  });

  it('reads decomposed (NFD) "có" and "không" too', () => {
    expect(ok(run({ value: 'có'.normalize('NFD') }, BOOL)).value).toBe(1);
    expect(ok(run({ value: 'không'.normalize('NFD') }, BOOL)).value).toBe(0);
  });

  it('reads JSON true/false and 0/1', () => {
    expect(ok(run({ value: true }, BOOL, unit(), JSON_FIELDS)).value).toBe(1);
    expect(ok(run({ value: false }, BOOL, unit(), JSON_FIELDS)).value).toBe(0);
    expect(ok(run({ value: 1 }, BOOL, unit(), JSON_FIELDS)).value).toBe(1);
  });

  it('refuses anything else', () => {
    for (const value of ['2', 'maybe', 'chưa', '0.5'])
      expect(rules(run({ value }, BOOL))).toEqual(['value:rule.boolean']);
    expect(rules(run({ value: 2 }, BOOL, unit(), JSON_FIELDS))).toEqual(['value:rule.boolean']);
    expect(rules(run({ value: '' }, BOOL))).toEqual(['value:rule.required']);
  });
});

describe('JSON true/false for a non-boolean indicator', () => {
  it('is not silently taken as 1 or 0', () => {
    expect(rules(run({ value: true }, COUNT, unit(), JSON_FIELDS))).toEqual(['value:rule.number']);
    expect(rules(run({ value: false }, indicator(), unit(), JSON_FIELDS))).toEqual(['value:rule.number']);
    expect(
      rules(run({ value: null, numerator: true as unknown as number, denominator: 2 }, PERCENT)),
    ).toEqual(['numerator:rule.number']);
  });
});

describe('non-ratio indicators with ratio parts', () => {
  it('refuses a numerator or denominator, naming the column given', () => {
    expect(problems(run({ numerator: '3' }))).toEqual([
      { row: 2, field: 'numerator', rule: 'rule.not_ratio', params: { indicator: 'CQS_DVC' } },
    ]);
    expect(rules(run({ denominator: '4' }))).toEqual(['denominator:rule.not_ratio']);
    expect(rules(run({ numerator: 0, denominator: 4 }, indicator(), unit(), JSON_FIELDS))).toEqual([
      'numerator:rule.not_ratio',
    ]);
    expect(run({ numerator: '', denominator: '' }).ok).toBe(true);
  });
});

describe('comment', () => {
  it('may be up to 2000 characters', () => {
    expect(ok(run({ comment: 'ữ'.repeat(2000) })).comment).toHaveLength(2000);
    expect(problems(run({ comment: 'a'.repeat(2001) }))).toEqual([
      { row: 2, field: 'comment', rule: 'rule.too_long', params: { max: 2000 } },
    ]);
  });
});

describe('field names', () => {
  it('follow CSV naming (org_unit, category_option) for files', () => {
    const o = run(
      { orgUnit: '', categoryOption: 'ict', comment: 'x'.repeat(2001) },
      indicator(),
      null,
      CSV_FIELDS,
      new Map(),
    );
    expect(rules(o)).toEqual([
      'org_unit:rule.required',
      'category_option:rule.no_category',
      'comment:rule.too_long',
    ]);
  });

  it('follow JSON naming (orgUnit, categoryOption) for API bodies', () => {
    const o = run(
      { orgUnit: 'NOPE', categoryOption: 'ict', comment: 'x'.repeat(2001) },
      indicator(),
      null,
      JSON_FIELDS,
      new Map(),
    );
    expect(rules(o)).toEqual([
      'orgUnit:rule.unknown_unit',
      'categoryOption:rule.no_category',
      'comment:rule.too_long',
    ]);
  });

  it('field sets differ only where the two namings differ', () => {
    const differ = (Object.keys(CSV_FIELDS) as Array<keyof FieldNames>).filter(
      (k) => CSV_FIELDS[k] !== JSON_FIELDS[k],
    );
    expect(differ.sort()).toEqual(['categoryOption', 'orgUnit']);
  });
});

describe('several problems at once', () => {
  it('are all reported, each with the row number', () => {
    const o = validateRow(
      input({ row: 17, period: '2024Q1', value: '-2', numerator: '1', comment: 'x'.repeat(2001) }),
      CSV_FIELDS,
      COUNT,
      unit({ validTo: '2020-12-31' }),
      undefined,
    );
    expect(rules(o)).toEqual([
      'period:rule.period_type',
      'org_unit:rule.unit_validity',
      'comment:rule.too_long',
      'numerator:rule.not_ratio',
      'value:rule.non_negative',
    ]);
    expect(problems(o).every((p) => p.row === 17)).toBe(true);
  });

  it('a row with an unknown indicator is never ok even with no other problem', () => {
    const o = validateRow(input(), CSV_FIELDS, undefined, unit(), undefined);
    expect(o.ok).toBe(false);
  });
});
