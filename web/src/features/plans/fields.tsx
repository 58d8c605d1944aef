/** Form fields of the plans feature: period, units, indicator and date pickers, fields side by side. */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useIndicator, useLang, useLocalName, useOrgUnits } from '../../lib/hooks';
import { type Lang, parsePeriod, periodLabel, periodPickerGroups } from '../../lib/period';
import type { Indicator, Page } from '../../lib/types';
import { useDebounced } from '../../lib/useDebounced';
import './messages';
import { DateInput } from '../../components/DateInput';

/** Fields side by side. */
export function FieldRow({ children }: { children: React.ReactNode }) {
  return <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>{children}</div>;
}

export const blank = (v: unknown) => (typeof v === 'string' ? v.trim() || null : (v ?? null));

/** A period: years around today and recent periods of every type; any typed code that parses is offered. */
export function PeriodField({
  id,
  value,
  onChange,
  allowClear,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  allowClear?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [search, setSearch] = useState('');
  const options = useMemo(() => {
    const year = new Date().getFullYear();
    const years = Array.from({ length: 21 }, (_, i) => String(year + 10 - i));
    const groups = periodPickerGroups().filter((g) => g.type !== 'year');
    return [
      { label: t('periodType.year'), title: 'year', options: years.map((c) => opt(c, lang)) },
      ...groups.map((g) => ({
        label: t(`periodType.${g.type}`),
        title: g.type,
        options: g.codes.map((c) => opt(c, lang)),
      })),
    ];
  }, [t, lang]);
  const extra: Array<{ value: string; label: string }> = [];
  const typed = search.trim().toUpperCase();
  const known = (c: string) => options.some((g) => g.options.some((o) => o.value === c));
  if (typed && parsePeriod(typed) && !known(typed)) extra.push(opt(typed, lang));
  if (value && !known(value) && value !== typed) extra.push(opt(value, lang));
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v || undefined)}
      allowClear={allowClear}
      placeholder={t('common.choosePeriod')}
      options={[...extra, ...options]}
      showSearch={{ optionFilterProp: 'label', onSearch: setSearch }}
      popupMatchSelectWidth={false}
    />
  );
}

const opt = (c: string, lang: Lang) => ({ value: c, label: periodLabel(c, lang) });

/** Several org units, searched on the server. */
export function UnitsField({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  const debounced = useDebounced(q);
  const list = useOrgUnits({ q: debounced || undefined, limit: 50 });
  const items = list.data?.items ?? [];
  useEffect(() => {
    if (items.length)
      setNames((prev) => {
        const next = { ...prev };
        for (const u of items) next[u.code] = `${u.name} (${u.code})`;
        return next;
      });
  }, [items]);
  const options = items.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }));
  for (const c of value ?? [])
    if (!options.some((o) => o.value === c)) options.unshift({ value: c, label: names[c] ?? c });
  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      placeholder={t('common.chooseUnit')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={t('common.noMatch')}
    />
  );
}

/** An indicator, searched by name or code on the server. */
export function IndicatorField({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const local = useLocalName();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q);
  const list = useQuery({
    queryKey: ['indicators', 'picker', debounced],
    queryFn: () => api<Page<Indicator>>('/indicators', { query: { q: debounced || undefined, limit: 50 } }),
    staleTime: 60_000,
  });
  const current = useIndicator(value);
  const options = (list.data?.items ?? []).map((i) => ({ value: i.code, label: `${local(i)} (${i.code})` }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: current.data ? `${local(current.data)} (${value})` : value });
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      placeholder={t('plans.form.searchIndicator')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={t('common.noMatch')}
      popupMatchSelectWidth={false}
    />
  );
}

export function DateField({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  return <DateInput id={id} value={value} onChange={onChange} style={{ width: '100%' }} />;
}
