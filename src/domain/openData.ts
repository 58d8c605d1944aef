/**
 * Rules of the open-data files (no I/O): how values are rounded for publication, how periods and
 * codes are written in SDMX-CSV, which years of a sub-annual indicator are complete enough for an
 * Open SDG (yearly) series.
 */
import { type Period, type PeriodType, periodEnd } from './period.js';

export interface DisplayShape {
  decimals: number | null;
  valueType: string;
  unit: string;
}

/**
 * Fraction digits an indicator is shown with: its `decimals` setting, else by kind — counts 0,
 * percentages 1, other numbers 2 (the web app's formatValue, web/src/lib/format.ts, does the same).
 */
export function displayDecimals(i: DisplayShape): number {
  if (i.decimals !== null && i.decimals !== undefined) return i.decimals;
  if (i.valueType === 'count') return 0;
  return i.unit === '%' ? 1 : 2;
}

/**
 * A value rounded to `decimals` fraction digits, as the display shows it (the decimal expansion of
 * the stored double, like Intl.NumberFormat); −0 becomes 0.
 */
export function roundForDisplay(value: number, decimals: number): number {
  const r = Number(value.toFixed(decimals));
  return r === 0 ? 0 : r;
}

/** SDMX frequency code (SDMX CL_FREQ) of a period type; the nine-month span has none (`_Z`, not applicable). */
export function sdmxFrequency(type: PeriodType): string {
  const codes: Record<PeriodType, string> = {
    year: 'A',
    half: 'S',
    quarter: 'Q',
    month: 'M',
    week: 'W',
    day: 'D',
    nine_months: '_Z',
  };
  return codes[type];
}

/**
 * SDMX TIME_PERIOD (SDMX 2.1 reporting periods / ISO 8601): `2025`, `2025-S1`, `2025-Q1`,
 * `2025-03`, `2025-W01`, `2025-03-15`; the nine months as a time range `2025-01-01/P9M`.
 */
export function sdmxPeriod(p: Period): string {
  switch (p.type) {
    case 'year':
      return String(p.year);
    case 'half':
      return `${p.year}-S${p.index}`;
    case 'quarter':
      return `${p.year}-Q${p.index}`;
    case 'month':
      return `${p.year}-${String(p.index).padStart(2, '0')}`;
    case 'week':
      return `${p.year}-W${String(p.index).padStart(2, '0')}`;
    case 'day':
      return periodEnd(p);
    case 'nine_months':
      return `${p.year}-01-01/P9M`;
  }
}

/** An SDMX identifier from a free code: upper case, characters outside A-Z 0-9 _ become `_`, not starting with a digit. */
export function sdmxId(code: string): string {
  const id = code.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
  return /^[A-Z_]/.test(id) ? id : `_${id}`;
}

/**
 * The years a series of stored periods covers to their end: a year counts when one of its
 * periods ends in its last week (a December month, a fourth quarter, a second half, the year
 * itself, an ISO week or day from 25 December). A year with only its first months would read as a
 * whole year in an Open SDG chart, so it is left out.
 */
export function completeYears(periods: Period[]): number[] {
  const years = new Set<number>();
  for (const p of periods) {
    const end = periodEnd(p);
    if (end.slice(5) >= '12-25') years.add(Number(end.slice(0, 4)));
  }
  return [...years].sort((a, b) => a - b);
}
