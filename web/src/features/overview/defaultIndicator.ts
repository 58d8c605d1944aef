import type { LatestItem } from '../../lib/types';

/**
 * Pick a telling indicator for the map: a percentage of digital government that many units report
 * and that is still short of its ceiling (so units differ), then any reported percentage.
 */
export function defaultIndicator(items: LatestItem[]): string | undefined {
  const withValue = items.filter((x) => x.value !== null && x.valueType !== 'boolean');
  const pick =
    withValue.find(
      (x) => x.pillar === 'government' && x.unit === '%' && x.expected > 5 && (x.value ?? 100) < 90,
    ) ??
    withValue.find((x) => x.pillar === 'government' && x.unit === '%' && x.expected > 1) ??
    withValue.find((x) => x.unit === '%' && x.expected > 1) ??
    withValue.find((x) => x.expected > 1) ??
    withValue[0];
  return pick?.indicator;
}
