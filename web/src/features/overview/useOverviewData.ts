/**
 * What the overview and the wall screen both show: a unit, its latest value of every indicator, the
 * indicator of the map (the URL's, else a telling one) and that indicator's values in the unit's
 * children for its latest period. The same query keys for both, so they share the cache.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { useOrgUnit } from '../../lib/hooks';
import type { AnalyticsRow, LatestItem } from '../../lib/types';
import { defaultIndicator } from './defaultIndicator';

export function useOverviewData({
  unitCode,
  unitAsOf,
  asOf,
  indicator: chosen,
  refetchSeconds,
}: {
  unitCode: string;
  /** The date the unit is read on (its name, level and children then). */
  unitAsOf?: string;
  /** The latest data stop at this date (undefined: today). */
  asOf?: string;
  /** The indicator named in the URL, if any. */
  indicator?: string | null;
  /** Refetch every so many seconds, also in the background (the wall screen). */
  refetchSeconds?: number;
}) {
  const refetch = refetchSeconds
    ? ({ refetchInterval: refetchSeconds * 1000, refetchIntervalInBackground: true } as const)
    : {};
  const unit = useOrgUnit(unitCode, unitAsOf);
  const latest = useQuery({
    queryKey: ['latest', unitCode, asOf ?? null],
    queryFn: () =>
      api<{ orgUnit: string; items: LatestItem[] }>('/analytics/latest', {
        query: { orgUnit: unitCode, asOf },
      }),
    enabled: !!unitCode,
    placeholderData: keepPreviousData,
    ...refetch,
  });
  const items = latest.data?.items ?? [];
  const indicatorCode = chosen || defaultIndicator(items);
  const indicator = items.find((x) => x.indicator === indicatorCode);

  const childLevel = (unit.data?.level ?? 0) + 1;
  const children = useQuery({
    queryKey: ['analytics-children', indicatorCode, unitCode, indicator?.period, childLevel],
    queryFn: () =>
      api<{ rows: AnalyticsRow[] }>('/analytics', {
        query: {
          indicator: indicatorCode,
          orgUnit: unitCode,
          period: indicator?.period ?? undefined,
          level: childLevel,
        },
      }),
    enabled: !!indicatorCode && !!indicator?.period && !!unit.data,
    placeholderData: keepPreviousData,
    ...refetch,
  });
  const childRows = (children.data?.rows ?? []).filter((r) => r.orgUnit !== unitCode);
  return { unit, latest, items, indicatorCode, indicator, children, childRows };
}
