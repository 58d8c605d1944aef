/**
 * The public-holiday calendar skipped when due dates are counted in working days
 * (GET/PUT /api/reporting/holidays; changing it is for the secretariat and administrators).
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Drawer, Input, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/api';
import './messages';
import { useHolidays, useSaveHolidays } from './api';

interface HolidayRow {
  date: string;
  name: string;
}
interface Row extends HolidayRow {
  key: number;
}

export function HolidaysDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useHolidays(open);
  const saveHolidays = useSaveHolidays();
  const [rows, setRows] = useState<Row[]>([]);
  const [nextKey, setNextKey] = useState(0);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState<number | 'all'>(new Date().getFullYear());

  useEffect(() => {
    if (!open || !list.data) return;
    setRows(list.data.holidays.map((h, i) => ({ ...h, key: i })));
    setNextKey(list.data.holidays.length);
    setError(null);
  }, [open, list.data]);

  const update = (key: number, patch: Partial<HolidayRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const years = [...new Set(rows.map((r) => Number(r.date.slice(0, 4))).filter((y) => y > 0))].sort();
  const shown = rows.filter((r) => year === 'all' || !r.date || r.date.startsWith(String(year)));

  const save = async () => {
    const bad = rows.find((r) => !/^\d{4}-\d{2}-\d{2}$/.test(r.date) || !r.name.trim());
    if (bad) {
      setError(t('rep.hol.incomplete'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await saveHolidays.mutateAsync(rows.map((r) => ({ date: r.date, name: r.name.trim() })));
      message.success(t('rep.hol.saved'));
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={620}
      title={t('rep.hol.title')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={save} disabled={!list.data}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('rep.hol.help')}
      </Typography.Paragraph>
      {list.isError && <Alert type="error" showIcon title={errorMessage(list.error)} />}
      <Space wrap style={{ marginBottom: 12 }}>
        {[...years, 'all' as const].map((y) => (
          <Button key={y} size="small" type={year === y ? 'primary' : 'default'} onClick={() => setYear(y)}>
            {y === 'all' ? t('common.all') : y}
          </Button>
        ))}
      </Space>
      <Table<Row>
        data-testid="holidays-table"
        rowKey="key"
        size="small"
        loading={list.isPending && open}
        dataSource={shown}
        pagination={false}
        columns={[
          {
            title: t('rep.hol.date'),
            key: 'date',
            width: 170,
            render: (_, r) => (
              <DatePicker
                aria-label={t('rep.hol.date')}
                format="DD/MM/YYYY"
                value={r.date ? dayjs(r.date) : null}
                onChange={(d) => update(r.key, { date: d ? d.format('YYYY-MM-DD') : '' })}
              />
            ),
          },
          {
            title: t('rep.hol.name'),
            key: 'name',
            render: (_, r) => (
              <Input
                aria-label={t('rep.hol.name')}
                value={r.name}
                maxLength={200}
                onChange={(e) => update(r.key, { name: e.target.value })}
              />
            ),
          },
          {
            title: '',
            key: 'x',
            width: 48,
            render: (_, r) => (
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('rep.hol.remove')}
                onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}
              />
            ),
          },
        ]}
      />
      <Button
        style={{ marginTop: 12 }}
        icon={<PlusOutlined />}
        onClick={() => {
          setRows((rs) => [...rs, { key: nextKey, date: '', name: '' }]);
          setNextKey((k) => k + 1);
          setYear('all');
        }}
      >
        {t('rep.hol.add')}
      </Button>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} role="alert" />}
    </Drawer>
  );
}

export default HolidaysDrawer;
