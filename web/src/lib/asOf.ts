/**
 * The date on which unit codes are read ("as of"): units are versions with dates, and a code names one
 * unit at one date. Kept in the URL (`asOf=YYYY-MM-DD`) so a deep link shows the same units; without it,
 * today — or, for a user whose units have all closed (an old Bình Dương account), the last day they
 * were valid, so such a user still lands on units with data.
 */
import { useCallback } from 'react';
import { useMe, useOrgUnit } from './hooks';
import { todayIso } from './period';
import { useSearchPatch } from './searchParams';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** The latest validTo among the given ends, when every one of them lies before `today`; else undefined. */
export function closedUntil(ends: Array<string | null | undefined>, today = todayIso()): string | undefined {
  if (ends.length === 0 || ends.some((e) => !e || e >= today)) return undefined;
  return (ends as string[]).reduce((a, b) => (a > b ? a : b));
}

/** The as-of date a user starts on: today, or the end of validity of their units when all are closed. */
export function useDefaultAsOf(): string {
  const me = useMe();
  const home = useOrgUnit(me.data?.home);
  const today = todayIso();
  // Grants carry their unit version's validity (inherited ones too: the units a unit was formed from).
  const fromGrants = closedUntil(
    (me.data?.grants ?? []).map((g) => g.validTo),
    today,
  );
  return fromGrants ?? closedUntil([home.data?.validTo], today) ?? today;
}

/** `[asOf, setAsOf]`: the date from the URL, else the user's default; setting the default clears the URL key. */
export function useAsOf(): [string, (date: string | undefined) => void] {
  const [params, update] = useSearchPatch();
  const fallback = useDefaultAsOf();
  const raw = params.get('asOf');
  const asOf = raw && ISO.test(raw) ? raw : fallback;
  const set = useCallback(
    (date: string | undefined) => update({ asOf: date && date !== fallback ? date : undefined }),
    [update, fallback],
  );
  return [asOf, set];
}
