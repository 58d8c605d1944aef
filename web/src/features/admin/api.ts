/**
 * The admin feature's API: the indicator catalogue (list, create, change, publish) and the org-unit
 * imports (CSV, GeoJSON). Each mutation invalidates what it changes.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { GeoFeatureCollection, GeoImportResult, ImportResult, Indicator, Page } from '../../lib/types';

export const adminKeys = {
  indicators: ['indicators'] as const,
  indicatorList: (query: Record<string, unknown>) => ['indicators', query] as const,
  indicator: (code: string) => ['indicator', code] as const,
  openIndicators: ['open-indicators'] as const,
  orgUnits: ['org-units'] as const,
  orgUnit: ['org-unit'] as const,
  geojson: ['geojson'] as const,
};

export function useAdminIndicators(query: { q?: string; pillar?: string; limit: number; offset: number }) {
  return useQuery({
    queryKey: adminKeys.indicatorList(query),
    queryFn: () => api<Page<Indicator>>('/indicators', { query }),
    placeholderData: keepPreviousData,
  });
}

/** Creates an indicator (`code` = null) or changes the fields sent (PATCH). */
export function useSaveIndicator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, body }: { code: string | null; body: Record<string, unknown> }) =>
      code
        ? api<Indicator>(`/indicators/${encodeURIComponent(code)}`, { method: 'PATCH', json: body })
        : api<Indicator>('/indicators', { method: 'POST', json: body }),
    onSuccess: (_, { code }) => {
      void qc.invalidateQueries({ queryKey: adminKeys.indicators });
      if (code) void qc.invalidateQueries({ queryKey: adminKeys.indicator(code) });
    },
  });
}

export function usePublishIndicator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, published }: { code: string; published: boolean }) =>
      api(`/indicators/${encodeURIComponent(code)}/publish`, { method: 'POST', json: { published } }),
    onSuccess: (_, { code }) => {
      void qc.invalidateQueries({ queryKey: adminKeys.indicators });
      void qc.invalidateQueries({ queryKey: adminKeys.indicator(code) });
      void qc.invalidateQueries({ queryKey: adminKeys.openIndicators });
    },
  });
}

/** Imports org units from CSV text (a 422 carries the rows' errors in its body). */
export function useImportUnitsCsv() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api<ImportResult>('/org-units/import', {
        method: 'POST',
        body: text,
        contentType: 'text/csv; charset=utf-8',
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: adminKeys.orgUnits });
      void qc.invalidateQueries({ queryKey: adminKeys.orgUnit });
    },
  });
}

/** Matches (dry run) or saves the boundaries of a GeoJSON file onto org units. */
export function useImportGeo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ data, dryRun }: { data: GeoFeatureCollection; dryRun: boolean }) =>
      api<GeoImportResult>('/org-units/geojson', { method: 'POST', json: data, query: { dryRun } }),
    onSuccess: (_, { dryRun }) => {
      if (dryRun) return;
      void qc.invalidateQueries({ queryKey: adminKeys.geojson });
      void qc.invalidateQueries({ queryKey: adminKeys.orgUnit });
      void qc.invalidateQueries({ queryKey: adminKeys.orgUnits });
    },
  });
}
