/** Shared pieces of the reporting screens: data hooks, the form's period picker, status tags. */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Select, type SelectProps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useLang, useMe } from '../../lib/hooks';
import { periodLabel, periodSortKey, todayIso } from '../../lib/period';
import type { Me } from '../../lib/types';
import { reportKeys } from './api';
import './messages';
import type { ReportForm, ScheduleItem, SubmissionStatus, Timeliness } from './types';

/** /api/me also says where the user may read and write (its `permissions`). */
export type MeWithPermissions = Me;

export function useMeFull() {
  const me = useMe();
  return me;
}

export function useForms() {
  return useQuery({
    queryKey: reportKeys.forms,
    queryFn: () => api<{ items: ReportForm[] }>('/forms'),
    staleTime: 60_000,
    select: (d) => d.items,
  });
}

/** The periods of a form for last year, this year and next year, with their dates. */
export function useFormPeriods(form: string | null | undefined) {
  const year = Number(todayIso().slice(0, 4));
  const years = [year - 1, year, year + 1];
  const results = useQueries({
    queries: years.map((y) => ({
      queryKey: reportKeys.schedule(form, y),
      queryFn: () =>
        api<{ form: string; items: ScheduleItem[] }>(`/forms/${encodeURIComponent(form!)}/schedule`, {
          query: { year: y },
        }),
      enabled: !!form,
      staleTime: 10 * 60_000,
    })),
  });
  const items = results.flatMap((r) => r.data?.items ?? []);
  items.sort((a, b) => periodSortKey(a.period) - periodSortKey(b.period));
  return {
    items,
    isPending: !!form && results.some((r) => r.isPending),
    isError: results.some((r) => r.isError),
    error: results.find((r) => r.error)?.error,
  };
}

/**
 * The period to report now: of the periods already open for entry, the earliest one whose entry is
 * not yet locked and whose due date is closest; failing that the latest open one.
 */
export function currentPeriod(items: ScheduleItem[], today = todayIso()): ScheduleItem | undefined {
  const opened = items.filter((i) => i.opensOn <= today);
  const notDue = opened.filter((i) => i.dueDate >= today);
  if (notDue.length) return notDue[0];
  const unlocked = opened.filter((i) => i.lockOn >= today);
  if (unlocked.length) return unlocked[unlocked.length - 1];
  return opened[opened.length - 1];
}

/** Choose a period of a form (only periods already open for entry, newest first). */
export function FormPeriodSelect({
  form,
  value,
  onChange,
  style,
}: {
  form: string | null | undefined;
  value: string | null | undefined;
  onChange: (period: string) => void;
  style?: React.CSSProperties;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const periods = useFormPeriods(form);
  const today = todayIso();
  const options = periods.items
    .filter((i) => i.opensOn <= today)
    .reverse()
    .map((i) => ({ value: i.period, label: periodLabel(i.period, lang) }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: periodLabel(value, lang) });
  return (
    <Select
      aria-label={t('common.period')}
      style={{ minWidth: 170, ...style }}
      value={value ?? undefined}
      placeholder={t('common.choosePeriod')}
      loading={periods.isPending}
      options={options}
      onChange={onChange}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
    />
  );
}

const SUB_COLOR: Record<string, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  returned: 'warning',
  none: 'default',
};

export function SubmissionTag({ status }: { status: SubmissionStatus | string }) {
  const { t } = useTranslation();
  return (
    <Tag color={SUB_COLOR[status] ?? 'default'} data-status={status}>
      {t(`rep.sub.${status}`, { defaultValue: status })}
    </Tag>
  );
}

const TIME_COLOR: Record<Timeliness, string> = {
  on_time: 'success',
  late: 'warning',
  overdue: 'error',
  pending: 'default',
};

export function TimelinessTag({ status }: { status: Timeliness }) {
  const { t } = useTranslation();
  return (
    <Tag color={TIME_COLOR[status] ?? 'default'} data-timeliness={status}>
      {t(`rep.time.${status}`)}
    </Tag>
  );
}

export function formName(f: { name: string; nameEn?: string } | undefined, lang: string): string {
  if (!f) return '';
  return lang === 'en' && f.nameEn ? f.nameEn : f.name;
}

export function entryLink(form: string, unit: string, period: string): string {
  const q = new URLSearchParams({ form, unit, period });
  return `/reports/entry?${q.toString()}`;
}

/** A unit as the report tables show it: its name, then its code, muted. */
export function UnitName({ name, code }: { name: string; code: string }) {
  return (
    <span>
      {name} <span className="chiso-muted">({code})</span>
    </span>
  );
}

/** The select of report forms heading the reporting screens (name in the UI language, menu as wide as needed). */
export function FormSelect<V extends string | undefined>(
  props: Omit<SelectProps<V>, 'options'> & { forms: ReportForm[] | undefined },
) {
  const { t } = useTranslation();
  const lang = useLang();
  const { forms, ...rest } = props;
  return (
    <Select<V>
      aria-label={t('rep.form')}
      style={{ minWidth: 'min(320px, 100%)', maxWidth: '100%' }}
      popupMatchSelectWidth={false}
      {...rest}
      options={(forms ?? []).map((f) => ({ value: f.code as V, label: formName(f, lang) }))}
    />
  );
}
