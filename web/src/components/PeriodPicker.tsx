import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLang } from '../lib/hooks';
import { periodLabel, periodPickerGroups } from '../lib/period';

interface Props {
  value?: string | null;
  onChange: (code: string | undefined) => void;
  /** Show a "latest" choice (empty value). */
  allowLatest?: boolean;
  id?: string;
  style?: React.CSSProperties;
  /** Periods known to hold no data: marked "no data" in the list (they stay choosable). */
  isEmpty?: (code: string) => boolean;
}

/** Choose a reporting period: recent years, 9 months, halves, quarters and months. */
export function PeriodPicker({ value, onChange, allowLatest, id, style, isEmpty }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const groups = periodPickerGroups().map((g) => ({
    label: t(`periodType.${g.type}`),
    title: t(`periodType.${g.type}`),
    options: g.codes.map((c) => ({
      value: c,
      label: isEmpty?.(c)
        ? `${periodLabel(c, lang)} · ${t('common.noData').toLowerCase()}`
        : periodLabel(c, lang),
    })),
  }));
  const options = allowLatest ? [{ value: '', label: t('common.latest') }, ...groups] : groups;
  const known = groups.some((g) => g.options.some((o) => o.value === value));
  if (value && !known) options.unshift({ value, label: periodLabel(value, lang) });
  return (
    <Select
      id={id}
      aria-label={t('common.period')}
      style={{ minWidth: 190, ...style }}
      value={value ?? (allowLatest ? '' : undefined)}
      placeholder={t('common.choosePeriod')}
      options={options}
      onChange={(v: string) => onChange(v || undefined)}
      showSearch={{ optionFilterProp: 'label' }}
      popupMatchSelectWidth={false}
    />
  );
}
