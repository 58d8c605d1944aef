/**
 * Periods (kỳ báo cáo): year `2024`, half `2024S1`, nine months `2024N9`,
 * quarter `2024Q1`, month `2024M03`. Pure functions, no I/O.
 *
 * Each period has a stable integer id that sorts by end date, then by type,
 * so "the latest period of an indicator" is simply the largest id:
 *   id = (year * 100 + endMonth) * 10 + typeDigit
 */

export const PERIOD_TYPES = ['year', 'nine_months', 'half', 'quarter', 'month'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

const TYPE_DIGIT: Record<PeriodType, number> = { year: 0, nine_months: 1, half: 2, quarter: 3, month: 4 };
const DIGIT_TYPE: PeriodType[] = ['year', 'nine_months', 'half', 'quarter', 'month'];
/** Length of a period of each type, in months. */
export const PERIOD_MONTHS: Record<PeriodType, number> = {
  year: 12,
  nine_months: 9,
  half: 6,
  quarter: 3,
  month: 1,
};

export interface Period {
  type: PeriodType;
  year: number;
  /** 1-based index inside the year: month 1..12, quarter 1..4, half 1..2; 1 for year and nine months. */
  index: number;
}

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

const PATTERNS: Array<[RegExp, PeriodType]> = [
  [/^(\d{4})$/, 'year'],
  [/^(\d{4})S([12])$/, 'half'],
  [/^(\d{4})Q([1-4])$/, 'quarter'],
  [/^(\d{4})M(0[1-9]|1[0-2])$/, 'month'],
  [/^(\d{4})N9$/, 'nine_months'],
];

/** Parses a period code; returns null when it is not one. Accepts DHIS2 month form `202403` too. */
export function parsePeriod(code: string): Period | null {
  const text = code.trim().toUpperCase();
  const dhis2Month = /^(\d{4})(0[1-9]|1[0-2])$/.exec(text);
  if (dhis2Month)
    return checkYear({ type: 'month', year: Number(dhis2Month[1]), index: Number(dhis2Month[2]) });
  for (const [re, type] of PATTERNS) {
    const m = re.exec(text);
    if (m) return checkYear({ type, year: Number(m[1]), index: m[2] ? Number(m[2]) : 1 });
  }
  return null;
}

function checkYear(p: Period): Period | null {
  return p.year >= MIN_YEAR && p.year <= MAX_YEAR ? p : null;
}

export function formatPeriod(p: Period): string {
  switch (p.type) {
    case 'year':
      return String(p.year);
    case 'half':
      return `${p.year}S${p.index}`;
    case 'quarter':
      return `${p.year}Q${p.index}`;
    case 'month':
      return `${p.year}M${String(p.index).padStart(2, '0')}`;
    case 'nine_months':
      return `${p.year}N9`;
  }
}

/** DHIS2 period form: months as `202403`, others as ours (DHIS2 has no nine-month type). */
export function formatDhis2Period(p: Period): string {
  return p.type === 'month' ? `${p.year}${String(p.index).padStart(2, '0')}` : formatPeriod(p);
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** Vietnamese label: "Tháng 3/2024", "Quý I/2024", "6 tháng đầu năm 2024", "9 tháng năm 2024", "Năm 2024". */
export function labelPeriod(p: Period, lang: 'vi' | 'en' = 'vi'): string {
  if (lang === 'en') {
    switch (p.type) {
      case 'year':
        return String(p.year);
      case 'half':
        return `${p.index === 1 ? 'First' : 'Second'} half of ${p.year}`;
      case 'quarter':
        return `Q${p.index} ${p.year}`;
      case 'month':
        return `${String(p.index).padStart(2, '0')}/${p.year}`;
      case 'nine_months':
        return `Nine months of ${p.year}`;
    }
  }
  switch (p.type) {
    case 'year':
      return `Năm ${p.year}`;
    case 'half':
      return `6 tháng ${p.index === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
    case 'quarter':
      return `Quý ${ROMAN[p.index - 1]}/${p.year}`;
    case 'month':
      return `Tháng ${p.index}/${p.year}`;
    case 'nine_months':
      return `9 tháng năm ${p.year}`;
  }
}

/** First month (1..12) of the period. */
export function startMonth(p: Period): number {
  switch (p.type) {
    case 'year':
    case 'nine_months':
      return 1;
    case 'half':
      return p.index === 1 ? 1 : 7;
    case 'quarter':
      return (p.index - 1) * 3 + 1;
    case 'month':
      return p.index;
  }
}

export function endMonth(p: Period): number {
  return startMonth(p) + PERIOD_MONTHS[p.type] - 1;
}

/** ISO date `YYYY-MM-DD` of the first day. */
export function periodStart(p: Period): string {
  return isoDate(p.year, startMonth(p), 1);
}

/** ISO date `YYYY-MM-DD` of the last day. */
export function periodEnd(p: Period): string {
  const m = endMonth(p);
  return isoDate(p.year, m, daysInMonth(p.year, m));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function periodId(p: Period): number {
  return (p.year * 100 + endMonth(p)) * 10 + TYPE_DIGIT[p.type];
}

export function periodFromId(id: number): Period {
  const type = DIGIT_TYPE[id % 10];
  const ym = Math.floor(id / 10);
  const year = Math.floor(ym / 100);
  const end = ym % 100;
  if (!type || end < 1 || end > 12) throw new RangeError(`not a period id: ${id}`);
  const index = type === 'month' ? end : type === 'quarter' ? end / 3 : type === 'half' ? end / 6 : 1;
  const p: Period = { type, year, index };
  // an id whose end month does not end a period of its type (2024043: a "quarter" ending in April)
  if (!Number.isInteger(index) || periodId(p) !== id) throw new RangeError(`not a period id: ${id}`);
  return p;
}

export function codeFromId(id: number): string {
  return formatPeriod(periodFromId(id));
}

/** Does `outer` contain `inner` (same or shorter period entirely inside)? */
export function contains(outer: Period, inner: Period): boolean {
  if (outer.year !== inner.year) return false;
  return startMonth(inner) >= startMonth(outer) && endMonth(inner) <= endMonth(outer);
}

/**
 * The periods of `type` that make up `outer`: a year of months gives 12; a quarter of months 3.
 * Returns [] when `type` is longer than `outer` or does not tile it (a half of quarters works; nine months of halves does not).
 */
export function subPeriods(outer: Period, type: PeriodType): Period[] {
  if (PERIOD_MONTHS[type] > PERIOD_MONTHS[outer.type]) return [];
  const out: Period[] = [];
  const per = PERIOD_MONTHS[type];
  const first = startMonth(outer);
  const last = endMonth(outer);
  if ((first - 1) % per !== 0 || (last - first + 1) % per !== 0) return [];
  if (type === 'nine_months') return outer.type === 'nine_months' ? [outer] : [];
  for (let m = first; m <= last; m += per) {
    const index =
      type === 'month' ? m : type === 'quarter' ? (m - 1) / 3 + 1 : type === 'half' ? (m - 1) / 6 + 1 : 1;
    out.push({ type, year: outer.year, index });
  }
  return out;
}

/** The period of `type` containing `p` (a month's quarter, a quarter's year). Null if `type` is shorter. */
export function enclosing(p: Period, type: PeriodType): Period | null {
  if (PERIOD_MONTHS[type] < PERIOD_MONTHS[p.type]) return null;
  const m = startMonth(p);
  let candidate: Period;
  switch (type) {
    case 'year':
      candidate = { type, year: p.year, index: 1 };
      break;
    case 'nine_months':
      candidate = { type, year: p.year, index: 1 };
      break;
    case 'half':
      candidate = { type, year: p.year, index: m <= 6 ? 1 : 2 };
      break;
    case 'quarter':
      candidate = { type, year: p.year, index: Math.floor((m - 1) / 3) + 1 };
      break;
    case 'month':
      candidate = { type, year: p.year, index: m };
      break;
  }
  return contains(candidate, p) ? candidate : null;
}

/** The period of the same type `n` steps later (negative: earlier). */
export function shift(p: Period, n: number): Period {
  if (p.type === 'year' || p.type === 'nine_months') return { ...p, year: p.year + n };
  const perYear = 12 / PERIOD_MONTHS[p.type];
  const zero = p.year * perYear + (p.index - 1) + n;
  return { type: p.type, year: Math.floor(zero / perYear), index: (zero % perYear) + 1 };
}

/** The same period one year earlier (cùng kỳ năm trước). */
export function sameLastYear(p: Period): Period {
  return { ...p, year: p.year - 1 };
}

/** All periods of `type` from `from` to `to` inclusive, by start. */
export function periodRange(from: Period, to: Period): Period[] {
  if (from.type !== to.type) throw new RangeError('period range needs one type');
  const out: Period[] = [];
  for (let p = from; periodId(p) <= periodId(to); p = shift(p, 1)) out.push(p);
  return out;
}

/** The period of `type` that contains the date `YYYY-MM-DD`. */
export function periodOfDate(date: string, type: PeriodType): Period {
  const [y, m] = date.split('-').map(Number);
  const month: Period = { type: 'month', year: y, index: m };
  return type === 'month' ? month : (enclosing(month, type) ?? { type: 'year', year: y, index: 1 });
}

/** The latest period of `type` that has ended on or before `date`. */
export function lastEndedPeriod(date: string, type: PeriodType): Period {
  if (type === 'nine_months') {
    // no nine-month period contains October to December: the year's own has ended by then
    const year = Number(date.slice(0, 4));
    const own: Period = { type, year, index: 1 };
    return periodEnd(own) <= date ? own : { type, year: year - 1, index: 1 };
  }
  const current = periodOfDate(date, type);
  return periodEnd(current) <= date ? current : shift(current, -1);
}

/**
 * Decree 09/2019 reporting window (thời gian chốt số liệu) of a period:
 * monthly from the 15th of the previous month to the 14th of the month;
 * quarterly from the 15th of the month before the quarter to the 14th of its last month;
 * half-year, nine months and year likewise from the 15th of the month before the first month
 * to the 14th of the last month (a year: 15 December of the previous year to 14 December).
 */
export function reportingWindow(p: Period): { from: string; to: string } {
  const sm = startMonth(p);
  const fromYear = sm === 1 ? p.year - 1 : p.year;
  const fromMonth = sm === 1 ? 12 : sm - 1;
  return { from: isoDate(fromYear, fromMonth, 15), to: isoDate(p.year, endMonth(p), 14) };
}

export function isPeriodType(x: string): x is PeriodType {
  return (PERIOD_TYPES as readonly string[]).includes(x);
}
