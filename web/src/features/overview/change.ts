import { formatNumber, formatPercent } from '../../lib/format';
import type { Lang } from '../../lib/period';

export interface Change {
  /** Text like "+2,5 điểm %" or "+4,1%". */
  text: string;
  /** 'good' | 'bad' | 'flat' given the indicator's polarity. */
  tone: 'good' | 'bad' | 'flat';
  direction: 'up' | 'down' | 'flat';
}

/** Change from the previous period: percentage points for % indicators, relative change otherwise. */
export function changeOf(
  value: number | null | undefined,
  previous: number | null | undefined,
  unit: string | undefined,
  polarity: string | undefined,
  lang: Lang,
  pointsLabel: string,
): Change | null {
  if (value === null || value === undefined || previous === null || previous === undefined) return null;
  const delta = value - previous;
  const direction = Math.abs(delta) < 1e-9 ? 'flat' : delta > 0 ? 'up' : 'down';
  const better = polarity === 'lower' ? delta < 0 : delta > 0;
  const tone = direction === 'flat' ? 'flat' : better ? 'good' : 'bad';
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '';
  let text: string;
  if (unit === '%') text = `${sign}${formatNumber(Math.abs(delta), lang, 1)} ${pointsLabel}`;
  else if (previous !== 0)
    text = `${sign}${formatPercent((Math.abs(delta) / Math.abs(previous)) * 100, lang, 1)}`;
  else text = `${sign}${formatNumber(Math.abs(delta), lang, 2)}`;
  return { text, tone, direction };
}
