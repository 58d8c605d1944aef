/** Helpers for the series drawn on charts. */

/** The axis ends at the data: periods after the last value (of the unit or its parent) are dropped. */
export function untilLastValue<R extends { period: string; value: number | null }>(
  rows: R[],
  other: R[] = [],
): R[] {
  const withValue = new Set(other.filter((r) => r.value !== null).map((r) => r.period));
  let last = -1;
  rows.forEach((r, i) => {
    if (r.value !== null || withValue.has(r.period)) last = i;
  });
  return last < 0 ? rows : rows.slice(0, last + 1);
}
