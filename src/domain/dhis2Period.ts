/**
 * DHIS2 period ids (https://docs.dhis2.org, "Date and period format") read against chiso's periods.
 * chiso stores years, nine months, halves, quarters, months, ISO weeks and days; DHIS2 has more
 * types. A DHIS2 period is taken when it is one of ours (`2024`, `2024S1`, `2024Q1`, `202403`,
 * `2024W1`, `20240115`), or when its dates are exactly those of a period of the indicator's
 * frequency; any other (bi-monthly `202401B`, financial years `2024April`…, bi-weekly `2024BiW1`,
 * six-monthly April `2024AprilS1`…) is recognised and refused by name, never stretched or split.
 */
import {
  addDays,
  daysInMonth,
  isoDate,
  type Period,
  type PeriodType,
  parsePeriod,
  periodEnd,
  periodOfDate,
  periodStart,
} from './period.js';

export type Dhis2PeriodReading =
  | { ok: true; period: Period }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'no_match'; dhis2Type: string; start?: string; end?: string };

const FINANCIAL: Record<string, number> = { Feb: 2, April: 4, July: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11 };

/** First and last day of `months` months from (year, month). */
function monthSpan(year: number, month: number, months: number): { start: string; end: string } {
  const last = month + months - 1;
  const ey = year + Math.floor((last - 1) / 12);
  const em = ((last - 1) % 12) + 1;
  return { start: isoDate(year, month, 1), end: isoDate(ey, em, daysInMonth(ey, em)) };
}

/** The DHIS2 period types chiso does not store, with their dates where DHIS2 defines them plainly. */
function otherDhis2Period(text: string): { dhis2Type: string; start?: string; end?: string } | null {
  let m = /^(\d{4})(0[1-9]|1[0-2])B$/.exec(text);
  if (m) {
    const month = Number(m[2]);
    // DHIS2 numbers bi-months 01..06 (Jan–Feb … Nov–Dec)
    if (month > 6) return null;
    return { dhis2Type: 'BiMonthly', ...monthSpan(Number(m[1]), month * 2 - 1, 2) };
  }
  m = /^(\d{4})(Feb|April|July|Aug|Sep|Oct|Nov)$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    const month = FINANCIAL[m[2]];
    // FinancialNov is named after the year it ends in (2024Nov = Nov 2023 – Oct 2024)
    return { dhis2Type: `Financial${m[2]}`, ...monthSpan(m[2] === 'Nov' ? year - 1 : year, month, 12) };
  }
  m = /^(\d{4})AprilS([12])$/.exec(text);
  if (m) return { dhis2Type: 'SixMonthlyApril', ...monthSpan(Number(m[1]), m[2] === '1' ? 4 : 10, 6) };
  m = /^(\d{4})BiW([1-9]|[1-4]\d|5[0-3])$/.exec(text);
  if (m) {
    const first = parsePeriod(`${m[1]}W${Number(m[2]) * 2 - 1}`);
    return first
      ? { dhis2Type: 'BiWeekly', start: periodStart(first), end: addDays(periodStart(first), 13) }
      : null;
  }
  if (/^\d{4}(Wed|Thu|Sat|Sun|Fri)W\d{1,2}$/.test(text)) return { dhis2Type: 'Weekly (other start day)' };
  if (/^\d{4}NovQ[1-4]$/.test(text)) return { dhis2Type: 'QuarterlyNov' };
  if (/^\d{4}NovS[12]$/.test(text)) return { dhis2Type: 'SixMonthlyNov' };
  return null;
}

/**
 * Reads a DHIS2 period id for an indicator of `frequency` (unknown indicator: undefined). Our own
 * period forms are taken as they are (the row rules then check the type against the frequency).
 */
export function readDhis2Period(code: string, frequency: PeriodType | undefined): Dhis2PeriodReading {
  const own = parsePeriod(code);
  if (own) return { ok: true, period: own };
  const other = otherDhis2Period(code.trim());
  if (!other) return { ok: false, reason: 'invalid' };
  if (frequency && other.start && other.end) {
    const p = periodOfDate(other.start, frequency);
    if (periodStart(p) === other.start && periodEnd(p) === other.end) return { ok: true, period: p };
  }
  return { ok: false, reason: 'no_match', ...other };
}
