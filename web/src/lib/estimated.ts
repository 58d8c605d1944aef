/**
 * A series read in another year's geography (`geography=` on the analytics API) may carry estimated
 * points (a partial share of a divided unit went in). Charts draw them as a dashed stretch on a shaded
 * band, so the reader sees where the line is exact and where it is estimated.
 */

export interface SeriesPoint {
  value: number | null;
  estimated?: boolean;
}

export interface SplitSeries {
  /** Values of the exact points (null elsewhere): the solid line. */
  exact: Array<number | null>;
  /** Values of the estimated points and of the exact points next to them (null elsewhere): the dashed line
   * joins the solid one without a gap. */
  estimated: Array<number | null>;
  /** Index ranges [first, last] of consecutive estimated points, for a shaded band. */
  ranges: Array<[number, number]>;
}

export function splitEstimated(points: SeriesPoint[]): SplitSeries {
  const est = points.map((p) => p.value !== null && p.estimated === true);
  const exact = points.map((p, i) => (est[i] ? null : p.value));
  const estimated = points.map((p, i) => (est[i] || est[i - 1] || est[i + 1] ? p.value : null));
  const ranges: Array<[number, number]> = [];
  est.forEach((on, i) => {
    if (!on) return;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else ranges.push([i, i]);
  });
  return { exact, estimated, ranges };
}
