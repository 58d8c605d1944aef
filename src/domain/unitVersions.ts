/**
 * Units over time, as pure functions. A code names one unit at one date: each version of a unit
 * has its own validity [validFrom, validTo] (ISO dates, inclusive; null = open). Versions of one
 * code never overlap (the database enforces it). Every place that takes a unit code resolves it
 * at a date: the period's dates where there is a period, `asOf` where given, today otherwise.
 */

export interface Validity {
  validFrom: string | null;
  validTo: string | null;
}

/** A date window, inclusive on both ends (a period's start and end, or one day twice). */
export interface DateWindow {
  from: string;
  to: string;
}

/** Whether a version is valid on a date. */
export function validOn(v: Validity, date: string): boolean {
  return (v.validFrom === null || v.validFrom <= date) && (v.validTo === null || v.validTo >= date);
}

/** Whether a version is valid at some time within a window. */
export function overlaps(v: Validity, w: DateWindow): boolean {
  return (v.validFrom === null || v.validFrom <= w.to) && (v.validTo === null || v.validTo >= w.from);
}

/**
 * Whether a version may hold a value for a period [start, end]: it had opened by the period's end
 * (a unit formed mid-year reports the year), and it had not closed before the period's last month
 * began — or before the period began, for one shorter than a month. A province closed on 2025-06-30
 * reports 2025Q2 but not 2025 (whose state at the end is its successor's).
 */
export function mayReport(v: Validity, start: string, end: string): boolean {
  if (v.validFrom !== null && v.validFrom > end) return false;
  const lastMonth = `${end.slice(0, 8)}01`;
  return v.validTo === null || v.validTo >= (start > lastMonth ? start : lastMonth);
}

/**
 * The version of a code that answers for a window: one valid within it, the latest-starting when a
 * restructuring falls inside the window (the version valid at its end). Undefined when none is.
 */
export function versionFor<V extends Validity>(versions: readonly V[], w: DateWindow): V | undefined {
  let best: V | undefined;
  for (const v of versions) {
    if (!overlaps(v, w)) continue;
    if (!best || (v.validFrom ?? '') > (best.validFrom ?? '')) best = v;
  }
  return best;
}

/**
 * The version a code names when no date was asked: the one valid today, else the most recent one
 * (so a closed unit's history stays addressable by its code).
 */
export function currentVersion<V extends Validity>(versions: readonly V[], today: string): V | undefined {
  const now = versions.find((v) => validOn(v, today));
  if (now) return now;
  let latest: V | undefined;
  for (const v of versions) if (!latest || (v.validFrom ?? '') > (latest.validFrom ?? '')) latest = v;
  return latest;
}

/** The version nearest to a window, for an error message when none is valid within it. */
export function nearestVersion<V extends Validity>(versions: readonly V[], w: DateWindow): V | undefined {
  const distance = (v: Validity) =>
    v.validTo !== null && v.validTo < w.from
      ? Date.parse(w.from) - Date.parse(v.validTo)
      : v.validFrom !== null && v.validFrom > w.to
        ? Date.parse(v.validFrom) - Date.parse(w.to)
        : 0;
  let best: V | undefined;
  for (const v of versions) if (!best || distance(v) < distance(best)) best = v;
  return best;
}

/** ISO date of the day before `date` (a restructuring effective D closes units on D − 1). */
export function dayBefore(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Today's date (UTC) as YYYY-MM-DD; one place, so tests and the demo agree. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
