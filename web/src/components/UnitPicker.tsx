import { Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAsOf } from '../lib/asOf';
import { useOrgUnit, useOrgUnits } from '../lib/hooks';
import { useDebounced } from '../lib/useDebounced';
import { AsOfPicker } from './AsOfPicker';

interface Props {
  value?: string | null;
  onChange: (code: string | undefined) => void;
  /** Restrict to these kinds (comma separated), e.g. `department,agency`. */
  kind?: string;
  allowClear?: boolean;
  placeholder?: string;
  id?: string;
  style?: React.CSSProperties;
  'aria-label'?: string;
  /**
   * Show the as-of date beside the unit (kept in the URL as `asOf`): the list offers the units valid
   * on that date, and the chosen code is read at it.
   */
  withDate?: boolean;
}

/** Pick an org unit by name or code; searches on the server (diacritics ignored). */
export function UnitPicker({ withDate, ...props }: Props) {
  return withDate ? <DatedUnitPicker {...props} /> : <UnitSelect {...props} />;
}

function DatedUnitPicker(props: Omit<Props, 'withDate'>) {
  const [asOf] = useAsOf();
  return (
    <Space.Compact>
      <UnitSelect {...props} asOf={asOf} />
      <AsOfPicker />
    </Space.Compact>
  );
}

function UnitSelect({
  value,
  onChange,
  kind,
  allowClear,
  placeholder,
  id,
  style,
  asOf,
  ...rest
}: Omit<Props, 'withDate'> & { asOf?: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q);
  const list = useOrgUnits({ q: debounced || undefined, kind, limit: 50, asOf });
  const current = useOrgUnit(value, asOf);
  const options = (list.data?.items ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }));
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: current.data ? `${current.data.name} (${value})` : value });
  }
  return (
    <Select
      id={id}
      aria-label={rest['aria-label'] ?? t('common.unit')}
      style={{ minWidth: 220, ...style }}
      value={value ?? undefined}
      placeholder={placeholder ?? t('common.chooseUnit')}
      allowClear={allowClear}
      loading={list.isFetching}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onChange={(v) => onChange(v ?? undefined)}
      notFoundContent={list.isError ? t('errors.loadFailed') : t('common.noMatch')}
      popupMatchSelectWidth={false}
    />
  );
}
