/**
 * Validation of one data-value row against the catalogue, as a pure function: the import service
 * resolves codes and passes what it found; this decides, naming the field and the rule.
 */
import type { MessageKey } from '../i18n/index.js';
import { ratioValue } from './aggregate.js';
import { type Period, parsePeriod, periodEnd, periodId, periodStart } from './period.js';
import { mayReport } from './unitVersions.js';
import { isProblemValue, parseNumber } from './validate.js';

export interface RowInput {
  row: number;
  indicator: string;
  orgUnit: string;
  period: string;
  categoryOption?: string;
  value: string | number | boolean | null | undefined;
  numerator: string | number | null | undefined;
  denominator: string | number | null | undefined;
  comment?: string | null;
  /** DHIS2's follow-up mark; absent: the stored one stays */
  followup?: boolean;
}

export interface IndicatorMeta {
  id: number;
  code: string;
  valueType: string;
  frequency: string;
  ratioScale: number;
  reportingKinds: string[];
  category: string | null;
  formula: string | null;
}

export interface UnitMeta {
  id: number;
  code: string;
  kind: string;
  provinceId: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface ValidRow {
  row: number;
  indicatorId: number;
  orgUnitId: number;
  provinceId: number;
  periodId: number;
  optionId: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  /** DHIS2's follow-up mark; absent: the stored one stays */
  followup?: boolean;
}

export interface RowProblem {
  row: number;
  field: string;
  rule: MessageKey;
  params?: Record<string, unknown>;
}

/** Field names as the caller wrote them (CSV uses org_unit; JSON uses orgUnit). */
export interface FieldNames {
  indicator: string;
  orgUnit: string;
  period: string;
  value: string;
  numerator: string;
  denominator: string;
  categoryOption: string;
  comment: string;
}

export const JSON_FIELDS: FieldNames = {
  indicator: 'indicator',
  orgUnit: 'orgUnit',
  period: 'period',
  value: 'value',
  numerator: 'numerator',
  denominator: 'denominator',
  categoryOption: 'categoryOption',
  comment: 'comment',
};
export const CSV_FIELDS: FieldNames = {
  indicator: 'indicator',
  orgUnit: 'org_unit',
  period: 'period',
  value: 'value',
  numerator: 'numerator',
  denominator: 'denominator',
  categoryOption: 'category_option',
  comment: 'comment',
};

const BOOL_TRUE = new Set(['1', 'true', 'yes', 'có', 'co', 'x']);
const BOOL_FALSE = new Set(['0', 'false', 'no', 'không', 'khong']);

/**
 * The sizes a stored figure may have (besides 0). Beyond them the engine's double-precision
 * sums, averages and ratios would overflow or underflow, which PostgreSQL refuses with an error;
 * no real indicator (VND, counts, percentages, Mbps) comes near either bound.
 */
export const MAX_MAGNITUDE = 1e18;
export const MIN_MAGNITUDE = 1e-9;

function num(x: string | number | boolean | null | undefined): number | null | { rule: MessageKey } {
  if (x === null || x === undefined) return null;
  // true/false is a yes/no answer, not a number (the boolean branch below takes it)
  if (typeof x === 'boolean') return { rule: 'rule.number' };
  const r =
    typeof x === 'number' ? (Number.isFinite(x) ? x : { rule: 'rule.number' as const }) : parseNumber(x);
  if (r === null) return null;
  if (isProblemValue(r)) return { rule: r.rule };
  if (r !== 0 && (Math.abs(r) > MAX_MAGNITUDE || Math.abs(r) < MIN_MAGNITUDE))
    return { rule: 'rule.magnitude' };
  return r;
}

// A file repeats the same few period codes thousands of times: parse each once.
const periodCache = new Map<string, Period | null>();
const periodIdCache = new WeakMap<Period, number>();
function cachedPeriod(code: string): Period | null {
  let p = periodCache.get(code);
  if (p === undefined) {
    p = parsePeriod(code);
    if (periodCache.size > 10000) periodCache.clear();
    periodCache.set(code, p);
    if (p) periodIdCache.set(p, periodId(p));
  }
  return p;
}

export function validateRow(
  input: RowInput,
  f: FieldNames,
  indicator: IndicatorMeta | undefined,
  unit: UnitMeta | undefined,
  options: Map<string, number> | undefined,
  /** false for a deletion: the value may be left out (a value given is still checked) */
  needValue = true,
): { ok: true; value: ValidRow } | { ok: false; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const add = (field: string, rule: MessageKey, params?: Record<string, unknown>) =>
    problems.push({ row: input.row, field, rule, params });

  if (!input.indicator) add(f.indicator, 'rule.required');
  else if (!indicator) add(f.indicator, 'rule.unknown_indicator', { value: input.indicator });
  if (!input.orgUnit) add(f.orgUnit, 'rule.required');
  else if (!unit) add(f.orgUnit, 'rule.unknown_unit', { value: input.orgUnit });

  let period: Period | null = null;
  if (!input.period) add(f.period, 'rule.required');
  else {
    period = cachedPeriod(input.period);
    if (!period) add(f.period, 'rule.period', { value: input.period });
    else if (indicator && period.type !== indicator.frequency)
      add(f.period, 'rule.period_type', {
        indicator: indicator.code,
        frequencyKey: `frequency.${indicator.frequency}`,
        value: input.period,
      });
  }

  if (indicator?.formula) add(f.indicator, 'rule.derived', { indicator: indicator.code });

  if (
    indicator &&
    unit &&
    indicator.reportingKinds.length > 0 &&
    !indicator.reportingKinds.includes(unit.kind)
  ) {
    add(f.orgUnit, 'rule.kind', {
      unit: unit.code,
      kind: unit.kind,
      indicator: indicator.code,
      kinds: indicator.reportingKinds.join(', '),
    });
  }
  if (unit && period) {
    if (!mayReport(unit, periodStart(period), periodEnd(period))) {
      add(f.orgUnit, 'rule.unit_validity', {
        unit: unit.code,
        period: input.period,
        validFrom: unit.validFrom ?? '…',
        validTo: unit.validTo ?? '…',
      });
    }
  }

  let optionId = 0;
  if (indicator) {
    if (indicator.category) {
      if (!input.categoryOption)
        add(f.categoryOption, 'rule.option_required', {
          indicator: indicator.code,
          category: indicator.category,
        });
      else {
        const id = options?.get(input.categoryOption);
        if (id === undefined)
          add(f.categoryOption, 'rule.unknown_option', {
            indicator: indicator.code,
            value: input.categoryOption,
          });
        else optionId = id;
      }
    } else if (input.categoryOption) add(f.categoryOption, 'rule.no_category', { indicator: indicator.code });
  }

  if (input.comment && input.comment.length > 2000) add(f.comment, 'rule.too_long', { max: 2000 });

  let value: number | null = null;
  let numerator: number | null = null;
  let denominator: number | null = null;
  if (indicator) {
    const blank = (x: unknown) => x === null || x === undefined || x === '';
    if (!needValue && blank(input.value) && blank(input.numerator) && blank(input.denominator)) {
      // a deletion names the cell only
    } else if (indicator.valueType === 'ratio') {
      const n = num(input.numerator);
      const d = num(input.denominator);
      if (n !== null && typeof n === 'object') add(f.numerator, n.rule);
      if (d !== null && typeof d === 'object') add(f.denominator, d.rule);
      if (n === null && d === null)
        add(
          input.value !== null && input.value !== undefined && input.value !== '' ? f.numerator : f.numerator,
          'rule.ratio_parts',
        );
      else if (n === null) add(f.numerator, 'rule.ratio_parts');
      else if (d === null) add(f.denominator, 'rule.ratio_parts');
      if (typeof n === 'number' && typeof d === 'number') {
        if (n < 0) add(f.numerator, 'rule.non_negative');
        if (d < 0) add(f.denominator, 'rule.non_negative');
        if (n >= 0 && d >= 0 && indicator.ratioScale === 100 && n > d)
          add(f.numerator, 'rule.numerator_le_denominator', { numerator: n, denominator: d });
        numerator = n;
        denominator = d;
        value = ratioValue(n, d, indicator.ratioScale);
        const given = num(input.value);
        if (given !== null && typeof given === 'object') add(f.value, given.rule);
        else if (
          typeof given === 'number' &&
          value !== null &&
          Math.abs(given - value) > 0.005 * Math.max(1, Math.abs(value))
        )
          add(f.value, 'rule.ratio_value', { value: given, expected: Math.round(value * 100) / 100 });
      }
    } else {
      const given = (x: string | number | null | undefined) => x !== null && x !== undefined && x !== '';
      if (given(input.numerator) || given(input.denominator))
        add(given(input.numerator) ? f.numerator : f.denominator, 'rule.not_ratio', {
          indicator: indicator.code,
        });
      let v: number | null | { rule: MessageKey };
      if (indicator.valueType === 'boolean' && typeof input.value === 'boolean') v = input.value ? 1 : 0;
      else if (indicator.valueType === 'boolean' && typeof input.value === 'string') {
        const s = input.value.trim().normalize('NFC').toLowerCase();
        v = s === '' ? null : BOOL_TRUE.has(s) ? 1 : BOOL_FALSE.has(s) ? 0 : { rule: 'rule.boolean' };
      } else v = num(input.value);
      if (v === null) add(f.value, 'rule.required');
      else if (typeof v === 'object') add(f.value, v.rule);
      else {
        if (indicator.valueType === 'count') {
          if (!Number.isInteger(v)) add(f.value, 'rule.integer');
          else if (v < 0) add(f.value, 'rule.non_negative');
        }
        if (indicator.valueType === 'boolean' && v !== 0 && v !== 1) add(f.value, 'rule.boolean');
        value = v;
      }
    }
  }

  if (problems.length > 0 || !indicator || !unit || !period) return { ok: false, problems };
  return {
    ok: true,
    value: {
      row: input.row,
      indicatorId: indicator.id,
      orgUnitId: unit.id,
      provinceId: unit.provinceId ?? unit.id,
      periodId: periodIdCache.get(period) ?? periodId(period),
      optionId,
      value,
      numerator,
      denominator,
      comment: input.comment ? input.comment : null,
      ...(input.followup !== undefined ? { followup: input.followup } : {}),
    },
  };
}
