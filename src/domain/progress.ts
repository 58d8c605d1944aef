/**
 * Progress status of a target (PRODUCT.md, "Progress status of a target"). Pure, no I/O.
 *
 * Baseline b at period p0, target T at deadline p1, latest value x at period p (p0 < p):
 *   done      r = (x − b) / (T − b)
 *   elapsed   τ = (end(p) − end(p0)) / (end(p1) − end(p0))   (in days)
 *   pace        = r / τ
 * status:
 *   achieved  x meets T by the comparator (≥, ≤, =);
 *   overdue   otherwise, when p1 has ended (end(p1) ≤ asOf);
 *   on_track  pace ≥ onTrack (0.95), at_risk onTrack > pace ≥ atRisk (0.60), off_track below;
 *   no_data   no value of a period after p0 (that ended on or before asOf).
 * Decreasing targets (≤, T < b) need no special case: both x − b and T − b are negative.
 *
 * Choices where the brief is silent (documented, tested):
 *  - values of periods after the deadline do not count: the state at the deadline is final
 *    (a 2024 target met only in 2025 stays `overdue`);
 *  - T = b (hold a level): no required change, so r and pace are null; not meeting T then is
 *    `off_track` (the level has been lost), or `overdue` after the deadline;
 *  - no baseline value: r and pace are null; an unmet, not-yet-due target is then judged by its
 *    anticipated value: `on_track` when it would meet T, `off_track` when it would not, `at_risk`
 *    when there is no trend yet (a single value);
 *  - pace is rounded to 9 decimals before it is compared, so that 0.95 computed in floating point
 *    is 0.95;
 *  - `=` compares with a tolerance of 1e-9 × max(1, |T|).
 */
import { formatPeriod, type Period, parsePeriod, periodEnd } from './period.js';

export const COMPARATORS = ['>=', '<=', '='] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const PROGRESS_STATUSES = [
  'achieved',
  'on_track',
  'at_risk',
  'off_track',
  'overdue',
  'no_data',
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export interface Thresholds {
  /** pace at or above: on track. */
  onTrack: number;
  /** pace at or above (and below onTrack): at risk; below: off track. */
  atRisk: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { onTrack: 0.95, atRisk: 0.6 };

/** Problems with a thresholds setting ([] when fine). */
export function thresholdProblems(t: Thresholds): string[] {
  const out: string[] = [];
  if (!Number.isFinite(t.onTrack) || !Number.isFinite(t.atRisk)) out.push('thresholds must be numbers');
  else {
    if (t.atRisk < 0) out.push('atRisk must not be negative');
    if (t.atRisk > t.onTrack) out.push('atRisk must not exceed onTrack');
    if (t.onTrack > 10) out.push('onTrack must not exceed 10');
  }
  return out;
}

export interface HistoryPoint {
  /** Period (or its code) of the value. */
  period: Period | string;
  value: number | null;
}

export interface ProgressInput {
  baseline: { value: number | null; period: Period | string };
  target: { value: number; period: Period | string; comparator: Comparator };
  /** Values of the indicator for the unit, any order; periods not yet ended at asOf are ignored. */
  history: HistoryPoint[];
  /** `YYYY-MM-DD`: only periods that ended on or before this date count. */
  asOf: string;
  thresholds?: Thresholds;
}

export interface ProgressResult {
  status: ProgressStatus;
  current: { value: number; period: string } | null;
  /** r: share of the required change done (null without baseline or when T = b). */
  done: number | null;
  /** τ: share of the time elapsed, from end(p0) to end(p) over end(p0) to end(p1). */
  elapsed: number | null;
  pace: number | null;
  anticipated: { value: number; meets: boolean } | null;
}

const DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
}

function toPeriod(p: Period | string): Period {
  if (typeof p !== 'string') return p;
  const parsed = parsePeriod(p);
  if (!parsed) throw new RangeError(`not a period: ${p}`);
  return parsed;
}

function code(p: Period | string): string {
  return typeof p === 'string' ? p.trim().toUpperCase() : formatPeriod(p);
}

/** Does x meet T by the comparator? */
export function meets(x: number, t: number, comparator: Comparator): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(t));
  if (comparator === '>=') return x >= t - eps;
  if (comparator === '<=') return x <= t + eps;
  return Math.abs(x - t) <= eps;
}

/** Status from pace by the thresholds (the not-achieved, not-overdue case). */
export function statusOfPace(pace: number, thresholds: Thresholds = DEFAULT_THRESHOLDS): ProgressStatus {
  if (pace >= thresholds.onTrack) return 'on_track';
  if (pace >= thresholds.atRisk) return 'at_risk';
  return 'off_track';
}

/**
 * Least-squares line through (t, y) points, evaluated at `at`. Null with fewer than two distinct t.
 */
export function linearForecast(points: Array<{ t: number; y: number }>, at: number): number | null {
  const n = points.length;
  if (n < 2) return null;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.t - mt) * (p.t - mt);
    sxy += (p.t - mt) * (p.y - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return my + slope * (at - mt);
}

const round = (x: number) => Math.round(x * 1e9) / 1e9;

/** The progress of one target for one unit as of a date. */
export function computeProgress(input: ProgressInput): ProgressResult {
  const thresholds = input.thresholds ?? DEFAULT_THRESHOLDS;
  const p0 = toPeriod(input.baseline.period);
  const p1 = toPeriod(input.target.period);
  const end0 = periodEnd(p0);
  const end1 = periodEnd(p1);
  const asOf = input.asOf;
  const b = input.baseline.value;
  const T = input.target.value;
  const cmp = input.target.comparator;

  // the values that count: ended by asOf, after-or-at the baseline, not after the deadline
  const pts = input.history
    .filter((h): h is HistoryPoint & { value: number } => h.value !== null && Number.isFinite(h.value))
    .map((h) => ({ period: toPeriod(h.period), code: code(h.period), value: h.value }))
    .map((h) => ({ ...h, end: periodEnd(h.period) }))
    .filter((h) => h.end <= asOf && h.end >= end0 && h.end <= end1)
    .sort((a, b2) => (a.end === b2.end ? 0 : a.end < b2.end ? -1 : 1));

  const after = pts.filter((h) => h.end > end0);
  const last = after[after.length - 1];
  const deadlinePassed = end1 <= asOf;

  // anticipated value at the deadline: least-squares line over the history (baseline included)
  const trendPts = pts.map((h) => ({ t: dayNumber(h.end), y: h.value }));
  if (b !== null && !pts.some((h) => h.end === end0)) trendPts.unshift({ t: dayNumber(end0), y: b });
  const forecast = linearForecast(trendPts, dayNumber(end1));
  const anticipated = forecast === null ? null : { value: round(forecast), meets: meets(forecast, T, cmp) };

  if (!last) {
    return { status: 'no_data', current: null, done: null, elapsed: null, pace: null, anticipated };
  }
  const x = last.value;
  const current = { value: x, period: last.code };
  const span = dayNumber(end1) - dayNumber(end0);
  const elapsed = span > 0 ? (dayNumber(last.end) - dayNumber(end0)) / span : null;
  const done = b === null || T === b ? null : (x - b) / (T - b);
  const pace = done === null || elapsed === null || elapsed <= 0 ? null : done / elapsed;
  const result = {
    current,
    done: done === null ? null : round(done),
    elapsed: elapsed === null ? null : round(elapsed),
    pace: pace === null ? null : round(pace),
    anticipated,
  };

  if (meets(x, T, cmp)) return { status: 'achieved', ...result };
  if (deadlinePassed) return { status: 'overdue', ...result };
  if (result.pace !== null) return { status: statusOfPace(result.pace, thresholds), ...result };
  if (b !== null && T === b) return { status: 'off_track', ...result };
  // no baseline: judge by the anticipated value
  if (anticipated?.meets) return { status: 'on_track', ...result };
  return { status: anticipated ? 'off_track' : 'at_risk', ...result };
}
