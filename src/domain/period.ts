/**
 * Periods (kỳ báo cáo): year `2024`, half `2024S1`, nine months `2024N9`,
 * quarter `2024Q1`, month `2024M03`, ISO week `2024W1` and day `20240115`. Pure functions, no I/O.
 *
 * Each period has a stable integer id that sorts by end date, then by type,
 * so "the latest period of an indicator" is simply the largest id:
 *   month-based types: id = (year * 100 + endMonth) * 10 + typeDigit   (2024Q1 → 2024033)
 *   week and day:      id = yyyymmdd of the last day * 10 + typeDigit  (2024W1 → 202401075)
 * The month-based ids (7 digits) are unchanged since the first release; weeks and days (9 digits)
 * live above them, so within each type — the only order an indicator needs, its values all having
 * its frequency — ids sort by end date, and a week and a day ending on the same date sort
 * week first, as longer periods do.
 */

export const PERIOD_TYPES = ['year', 'nine_months', 'half', 'quarter', 'month', 'week', 'day'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];
/** The month-based types (the Decree 09 schedule; report forms use these). */
export const MONTH_PERIOD_TYPES = ['year', 'nine_months', 'half', 'quarter', 'month'] as const;

const TYPE_DIGIT: Record<PeriodType, number> = {
  year: 0,
  nine_months: 1,
  half: 2,
  quarter: 3,
  month: 4,
  week: 5,
  day: 6,
};
const DIGIT_TYPE: PeriodType[] = ['year', 'nine_months', 'half', 'quarter', 'month', 'week', 'day'];
/** Length of a period of each type, in months (a week and a day: their share of an average month). */
export const PERIOD_MONTHS: Record<PeriodType, number> = {
  year: 12,
  nine_months: 9,
  half: 6,
  quarter: 3,
  month: 1,
  week: 7 / 30.4375,
  day: 1 / 30.4375,
};

export interface Period {
  type: PeriodType;
  /** the calendar year; for a week its ISO week-year (the year of its Thursday) */
  year: number;
  /**
   * 1-based index inside the year: month 1..12, quarter 1..4, half 1..2, ISO week 1..53, day of the
   * year 1..366; 1 for year and nine months.
   */
  index: number;
}

export const isDayBased = (t: PeriodType): t is 'week' | 'day' => t === 'week' || t === 'day';
const DAY_MS = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (iso: string, n: number) => isoOf(utc(iso) + n * DAY_MS);

/** Monday of ISO week 1 of an ISO week-year (the week with the year's first Thursday). */
function isoWeekOneMonday(year: number): string {
  const jan4 = utc(isoDate(year, 1, 4));
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return isoOf(jan4 - dow * DAY_MS);
}

/** ISO weeks in an ISO week-year (52 or 53). */
export function isoWeeksIn(year: number): number {
  return (utc(isoWeekOneMonday(year + 1)) - utc(isoWeekOneMonday(year))) / (7 * DAY_MS);
}

/** The ISO week (week-year and number) containing a date. */
function isoWeekOf(date: string): Period {
  const ms = utc(date);
  const dow = (new Date(ms).getUTCDay() + 6) % 7;
  const thursday = isoOf(ms + (3 - dow) * DAY_MS);
  const year = Number(thursday.slice(0, 4));
  const index = Math.floor((utc(thursday) - utc(isoWeekOneMonday(year))) / (7 * DAY_MS)) + 1;
  return { type: 'week', year, index };
}

function dayOf(date: string): Period {
  const year = Number(date.slice(0, 4));
  return { type: 'day', year, index: (utc(date) - utc(isoDate(year, 1, 1))) / DAY_MS + 1 };
}

/** The Thursday of a week (it decides the month, quarter… and ISO year the week belongs to). */
function weekThursday(p: Period): string {
  return addDays(periodStart(p), 3);
}

/** A date inside a day-based period that decides which month-based period holds it. */
function anchorDate(p: Period): string {
  return p.type === 'week' ? weekThursday(p) : periodStart(p);
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

/**
 * Parses a period code; returns null when it is not one. Accepts DHIS2 month form `202403` too,
 * ISO weeks `2024W1` (DHIS2's spelling, no leading zero) and days `20240115`.
 */
export function parsePeriod(code: string): Period | null {
  const text = code.trim().toUpperCase();
  const dhis2Month = /^(\d{4})(0[1-9]|1[0-2])$/.exec(text);
  if (dhis2Month)
    return checkYear({ type: 'month', year: Number(dhis2Month[1]), index: Number(dhis2Month[2]) });
  const week = /^(\d{4})W([1-9]|[1-4]\d|5[0-3])$/.exec(text);
  if (week) {
    const year = Number(week[1]);
    const index = Number(week[2]);
    return index <= isoWeeksIn(year) ? checkYear({ type: 'week', year, index }) : null;
  }
  const day = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
    return checkYear(dayOf(isoDate(y, m, d)));
  }
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
    case 'week':
      return `${p.year}W${p.index}`;
    case 'day':
      return periodStart(p).replaceAll('-', '');
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
      case 'week':
        return `Week ${p.index} of ${p.year}`;
      case 'day':
        return dmy(periodStart(p));
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
    case 'week':
      return `Tuần ${p.index}/${p.year}`;
    case 'day':
      return dmy(periodStart(p));
  }
}

const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** First month (1..12) of the period (a week or day: the month of its first day). */
export function startMonth(p: Period): number {
  switch (p.type) {
    case 'week':
    case 'day':
      return Number(periodStart(p).slice(5, 7));
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
  if (isDayBased(p.type)) return Number(periodEnd(p).slice(5, 7));
  return startMonth(p) + PERIOD_MONTHS[p.type] - 1;
}

/** ISO date `YYYY-MM-DD` of the first day. */
export function periodStart(p: Period): string {
  if (p.type === 'week') return addDays(isoWeekOneMonday(p.year), (p.index - 1) * 7);
  if (p.type === 'day') return addDays(isoDate(p.year, 1, 1), p.index - 1);
  return isoDate(p.year, startMonth(p), 1);
}

/** ISO date `YYYY-MM-DD` of the last day. */
export function periodEnd(p: Period): string {
  if (p.type === 'week') return addDays(periodStart(p), 6);
  if (p.type === 'day') return periodStart(p);
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
  if (isDayBased(p.type)) return Number(periodEnd(p).replaceAll('-', '')) * 10 + TYPE_DIGIT[p.type];
  return (p.year * 100 + endMonth(p)) * 10 + TYPE_DIGIT[p.type];
}

export function periodFromId(id: number): Period {
  const type = DIGIT_TYPE[id % 10];
  if (type && isDayBased(type)) {
    const ymd = String(Math.floor(id / 10));
    const end = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
    const p =
      ymd.length === 8 && !Number.isNaN(utc(end)) ? (type === 'day' ? dayOf(end) : isoWeekOf(end)) : null;
    if (!p || periodId(p) !== id) throw new RangeError(`not a period id: ${id}`);
    return p;
  }
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

/**
 * Does `outer` contain `inner` (same or shorter period entirely inside)? A week belongs to the
 * period holding its Thursday (the ISO rule that gives a week its year), so weeks tile every month,
 * quarter, half and year.
 */
export function contains(outer: Period, inner: Period): boolean {
  if (outer.type === 'week' && inner.type === 'week')
    return outer.year === inner.year && outer.index === inner.index;
  if (isDayBased(outer.type) || isDayBased(inner.type)) {
    const a = inner.type === 'week' && outer.type !== 'week' ? weekThursday(inner) : periodStart(inner);
    const b = inner.type === 'week' && outer.type !== 'week' ? a : periodEnd(inner);
    return periodStart(outer) <= a && b <= periodEnd(outer);
  }
  if (outer.year !== inner.year) return false;
  return startMonth(inner) >= startMonth(outer) && endMonth(inner) <= endMonth(outer);
}

/**
 * The periods of `type` that make up `outer`: a year of months gives 12; a quarter of months 3.
 * Returns [] when `type` is longer than `outer` or does not tile it (a half of quarters works; nine months of halves does not).
 */
export function subPeriods(outer: Period, type: PeriodType): Period[] {
  if (PERIOD_MONTHS[type] > PERIOD_MONTHS[outer.type]) return [];
  if (isDayBased(type)) {
    // days of the period; weeks whose Thursday falls in it (see contains)
    const out: Period[] = [];
    if (type === 'week' && outer.type === 'week') return [outer];
    const last = periodEnd(outer);
    let p = type === 'day' ? dayOf(periodStart(outer)) : isoWeekOf(periodStart(outer));
    if (type === 'week' && weekThursday(p) < periodStart(outer)) p = shift(p, 1);
    for (; anchorDate(p) <= last; p = shift(p, 1)) out.push(p);
    return out;
  }
  if (isDayBased(outer.type)) return [];
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
  if (type === p.type) return p;
  if (isDayBased(p.type)) {
    const candidate = periodOfDate(anchorDate(p), type);
    return contains(candidate, p) ? candidate : null;
  }
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
    default:
      return null; // a week or a day is shorter than any month-based period
  }
  return contains(candidate, p) ? candidate : null;
}

/** The period of the same type `n` steps later (negative: earlier). */
export function shift(p: Period, n: number): Period {
  if (p.type === 'year' || p.type === 'nine_months') return { ...p, year: p.year + n };
  if (p.type === 'day') return dayOf(addDays(periodStart(p), n));
  if (p.type === 'week') return isoWeekOf(addDays(periodStart(p), 7 * n));
  const perYear = 12 / PERIOD_MONTHS[p.type];
  const zero = p.year * perYear + (p.index - 1) + n;
  return { type: p.type, year: Math.floor(zero / perYear), index: (zero % perYear) + 1 };
}

/** The same period one year earlier (cùng kỳ năm trước). */
export function sameLastYear(p: Period): Period {
  if (p.type === 'day') {
    const d = periodStart(p);
    const y = Number(d.slice(0, 4)) - 1;
    const m = Number(d.slice(5, 7));
    return dayOf(isoDate(y, m, Math.min(Number(d.slice(8, 10)), daysInMonth(y, m))));
  }
  if (p.type === 'week') return { ...p, year: p.year - 1, index: Math.min(p.index, isoWeeksIn(p.year - 1)) };
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
  if (type === 'day') return dayOf(date);
  if (type === 'week') return isoWeekOf(date);
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
  // Decree 09 has no weekly or daily schedule: such a period's window is the period itself
  if (isDayBased(p.type)) return { from: periodStart(p), to: periodEnd(p) };
  const sm = startMonth(p);
  const fromYear = sm === 1 ? p.year - 1 : p.year;
  const fromMonth = sm === 1 ? 12 : sm - 1;
  return { from: isoDate(fromYear, fromMonth, 15), to: isoDate(p.year, endMonth(p), 14) };
}

export function isPeriodType(x: string): x is PeriodType {
  return (PERIOD_TYPES as readonly string[]).includes(x);
}

/** A month-based type (what report forms and the Decree 09 windows use). */
export function isMonthPeriodType(x: string): x is (typeof MONTH_PERIOD_TYPES)[number] {
  return (MONTH_PERIOD_TYPES as readonly string[]).includes(x);
}
