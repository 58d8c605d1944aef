import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAsOf } from '../lib/asOf';

/** The date on which unit codes are read, DD/MM/YYYY, kept in the URL as `asOf` (see lib/asOf). */
export function AsOfPicker({ style }: { style?: React.CSSProperties }) {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useAsOf();
  return (
    <DatePicker
      aria-label={t('time.asOf')}
      title={t('time.asOfHelp')}
      value={dayjs(asOf)}
      format="DD/MM/YYYY"
      allowClear={false}
      style={{ width: 136, ...style }}
      onChange={(d) => d && setAsOf(d.format('YYYY-MM-DD'))}
    />
  );
}
