/**
 * "Bản in" (the A4 print page, in a new tab) and "PDF" (the same page made into a PDF by the server)
 * for a document at `path` (e.g. `/api/reviews/5/print`). Both carry the app's language, not the
 * browser's.
 */
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import { useLang } from '../lib/hooks';

i18n.addResourceBundle('vi', 'translation', { 'print.print': 'Bản in', 'print.pdf': 'PDF' }, true, false);
i18n.addResourceBundle('en', 'translation', { 'print.print': 'Print view', 'print.pdf': 'PDF' }, true, false);

export function PrintLinks({
  path,
  query = {},
  size = 'middle',
}: {
  path: string;
  query?: Record<string, string | number | undefined | null>;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const qs = new URLSearchParams({ lang });
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  return (
    <Space size={4}>
      <Button size={size} icon={<PrinterOutlined />} href={`${path}?${qs}`} target="_blank" rel="noreferrer">
        {t('print.print')}
      </Button>
      <Button size={size} icon={<FilePdfOutlined />} href={`${path}.pdf?${qs}`} download>
        {t('print.pdf')}
      </Button>
    </Space>
  );
}
