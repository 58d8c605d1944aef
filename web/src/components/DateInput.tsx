/**
 * A date field shown DD/MM/YYYY (the Vietnamese order, in both languages) whatever the browser's language,
 * holding an ISO date (YYYY-MM-DD). Native `<input type="date">` follows the browser and showed
 * "12/01/2026" month first; antd's DatePicker with dayjs follows the app.
 */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';

export const DATE_FORMAT = 'DD/MM/YYYY';

export function DateInput({
  id,
  value,
  onChange,
  allowClear = true,
  style,
  placeholder,
  'aria-label': ariaLabel,
}: {
  id?: string;
  value?: string | null;
  onChange?: (iso: string | null) => void;
  allowClear?: boolean;
  style?: CSSProperties;
  placeholder?: string;
  'aria-label'?: string;
}) {
  return (
    <DatePicker
      id={id}
      aria-label={ariaLabel}
      format={DATE_FORMAT}
      placeholder={placeholder ?? 'dd/mm/yyyy'}
      allowClear={allowClear}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      style={{ width: 140, ...style }}
    />
  );
}
