/**
 * The reporting feature's API: query keys, queries and mutations (entry grid, submit and review,
 * holidays, new forms). Each mutation invalidates what it changes.
 */
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Entry, ReportForm, SaveResult, SubmissionState } from './types';

export const reportKeys = {
  forms: ['report-forms'] as const,
  schedules: ['form-schedule'] as const,
  schedule: (form: string | null | undefined, year: number) => ['form-schedule', form, year] as const,
  entries: ['report-entry'] as const,
  entry: (form: string, unit: string, period: string) => ['report-entry', form, unit, period] as const,
  timeliness: ['timeliness'] as const,
  lateUnits: ['late-units'] as const,
  holidays: ['holidays'] as const,
};

/** After data or a submission changed: the grid, the timeliness reports and the late units. */
export const afterEntryChange = (qc: QueryClient, key: readonly unknown[] = reportKeys.entries) =>
  Promise.all([
    qc.invalidateQueries({ queryKey: key }),
    qc.invalidateQueries({ queryKey: reportKeys.timeliness }),
    qc.invalidateQueries({ queryKey: reportKeys.lateUnits }),
  ]);

const formPath = (form: string, action: string) => `/forms/${encodeURIComponent(form)}/${action}`;

export function useEntry(form: string, unit: string, period: string) {
  return useQuery({
    queryKey: reportKeys.entry(form, unit, period),
    queryFn: () => api<Entry>(formPath(form, 'entry'), { query: { orgUnit: unit, period } }),
  });
}

export interface EntryValue {
  indicator: string;
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  comment?: string | null;
}

/** Saves values of the grid (a draft); the grid is fetched again before it resolves. */
export function useSaveEntry(form: string, unit: string, period: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (values: EntryValue[]) =>
      api<SaveResult>(formPath(form, 'entry'), {
        method: 'PUT',
        query: { orgUnit: unit, period },
        json: { values },
      }),
    onSuccess: () => afterEntryChange(qc, reportKeys.entry(form, unit, period)),
  });
}

export type EntryAction = 'submit' | 'approve' | 'return' | 'unlock';

/** Submit, approve, return (with a reason) or unlock one report. */
export function useEntryAction(form: string, unit: string, period: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      action,
      reason,
      confirmWarnings,
    }: {
      action: EntryAction;
      reason?: string;
      confirmWarnings?: boolean;
    }) =>
      api<SubmissionState>(formPath(form, action), {
        json: {
          orgUnit: unit,
          period,
          ...(reason ? { reason } : {}),
          ...(confirmWarnings ? { confirmWarnings: true } : {}),
        },
      }),
    onSuccess: () => afterEntryChange(qc, reportKeys.entry(form, unit, period)),
  });
}

/** After an Excel upload (sent by XMLHttpRequest for its progress): what it may have changed. */
export function useAfterUpload() {
  const qc = useQueryClient();
  return () => void afterEntryChange(qc);
}

export interface Holiday {
  date: string;
  name: string;
}

export function useHolidays(enabled = true) {
  return useQuery({
    queryKey: reportKeys.holidays,
    queryFn: () => api<{ holidays: Holiday[] }>('/reporting/holidays'),
    enabled,
    staleTime: 5 * 60_000,
  });
}

/** Replaces the holiday calendar; the forms' schedules follow it. */
export function useSaveHolidays() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (holidays: Holiday[]) => api('/reporting/holidays', { method: 'PUT', json: { holidays } }),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: reportKeys.holidays }),
        qc.invalidateQueries({ queryKey: reportKeys.schedules }),
      ]),
  });
}

export function useCreateForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<ReportForm>('/forms', { json: body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: reportKeys.forms }),
  });
}
