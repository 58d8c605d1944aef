/**
 * Period helpers for the web app. The pure period arithmetic is shared with the server
 * (src/domain/period.ts); this module adds what the UI needs: labels in the current
 * language, safe parsing and lists of recent periods for pickers.
 */
import {
  labelPeriod,
  lastEndedPeriod,
  type Period,
  type PeriodType,
  parsePeriod,
  formatPeriod as periodCode,
  periodEnd,
  periodId,
  periodOfDate,
  periodRange,
  shift,
} from '../../../src/domain/period';

export type { Period, PeriodType };
export { parsePeriod, periodCode, periodEnd, periodId, shift };

export type Lang = 'vi' | 'en';

/** "Quý I/2024" / "Q1 2024"; unknown codes are shown as they are. */
export function periodLabel(code: string | null | undefined, lang: Lang): string {
  if (!code) return '';
  const p = parsePeriod(code);
  return p ? labelPeriod(p, lang) : code;
}

/** Sort key of a period code (end date, then type); unknown codes sort first. */
export function periodSortKey(code: string | null | undefined): number {
  const p = code ? parsePeriod(code) : null;
  return p ? periodId(p) : 0;
}

export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The last `count` ended periods of `type` before `date`, newest first. */
export function recentPeriods(type: PeriodType, count: number, date = todayIso()): string[] {
  const last = lastEndedPeriod(date, type);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(periodCode(shift(last, -i)));
  return out;
}

/** Options for a period picker: years, nine months, halves, quarters and months that have ended. */
export function periodPickerGroups(date = todayIso()): Array<{ type: PeriodType; codes: string[] }> {
  return [
    { type: 'year', codes: recentPeriods('year', 6, date) },
    { type: 'nine_months', codes: recentPeriods('nine_months', 3, date) },
    { type: 'half', codes: recentPeriods('half', 6, date) },
    { type: 'quarter', codes: recentPeriods('quarter', 8, date) },
    { type: 'month', codes: recentPeriods('month', 18, date) },
  ];
}

/** A from/to range of `years` years of periods of `type`, ending with the current one. */
export function trendRange(type: PeriodType, years: number, date = todayIso()): { from: string; to: string } {
  const current = periodOfDate(date, type);
  const from =
    type === 'year' || type === 'nine_months'
      ? { ...current, year: current.year - years + 1 }
      : shift(current, -(years * periodsPerYear(type)) + 1);
  return { from: periodCode(from), to: periodCode(current) };
}

export function periodsPerYear(type: PeriodType): number {
  switch (type) {
    case 'year':
    case 'nine_months':
      return 1;
    case 'half':
      return 2;
    case 'quarter':
      return 4;
    case 'month':
      return 12;
    case 'week':
      return 52;
    case 'day':
      return 365;
  }
}

/** All period codes from `from` to `to` (same type), for filling gaps in a series. */
export function periodCodes(from: string, to: string): string[] {
  const a = parsePeriod(from);
  const b = parsePeriod(to);
  if (!a || !b || a.type !== b.type) return [];
  return periodRange(a, b).map(periodCode);
}

/** ISO end date of a period code, or undefined. */
export function periodEndDate(code: string | null | undefined): string | undefined {
  const p = code ? parsePeriod(code) : null;
  return p ? periodEnd(p) : undefined;
}

export function periodTypeOf(code: string | null | undefined): PeriodType | undefined {
  return (code && parsePeriod(code)?.type) || undefined;
}
