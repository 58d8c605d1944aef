/** The targets table: indicator, unit, baseline → current → target, pace, status, anticipated value, owner. */
import { Table, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { periodLabel, todayIso } from '../../lib/period';
import { comparatorSign, Pace, StatusTag } from './shared';
import type { TargetItem } from './types';

export function TargetsTable({
  items,
  loading,
  asOf,
}: {
  items: TargetItem[];
  loading?: boolean;
  asOf?: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const n = (v: number | null) => (v === null ? '—' : formatNumber(v, lang, 2));
  const columns: ColumnsType<TargetItem> = [
    {
      title: t('plans.indicator'),
      key: 'indicator',
      width: 260,
      render: (_, r) => (
        <Link to={`/targets/${r.id}?orgUnit=${encodeURIComponent(r.orgUnit)}${asOf ? `&asOf=${asOf}` : ''}`}>
          {r.indicatorName}
          {r.categoryOption ? ` (${r.categoryOption})` : ''}
        </Link>
      ),
      sorter: (a, b) => a.indicatorName.localeCompare(b.indicatorName, 'vi'),
    },
    {
      title: t('plans.unit'),
      dataIndex: 'orgUnitName',
      width: 160,
      sorter: (a, b) => a.orgUnitName.localeCompare(b.orgUnitName, 'vi'),
    },
    {
      title: t('plans.baseline'),
      key: 'baseline',
      align: 'right',
      render: (_, r) => <Tooltip title={periodLabel(r.baseline.period, lang)}>{n(r.baseline.value)}</Tooltip>,
    },
    {
      title: t('plans.current'),
      key: 'current',
      align: 'right',
      render: (_, r) => (
        <Tooltip title={r.current.period ? periodLabel(r.current.period, lang) : ''}>
          {n(r.current.value)}
        </Tooltip>
      ),
    },
    {
      title: t('plans.target'),
      key: 'target',
      align: 'right',
      // "≥ 100 %" on one line
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {`${comparatorSign(r.target.comparator)}\u00a0${n(r.target.value)}${r.measure ? `\u00a0${r.measure}` : ''}`}
        </span>
      ),
    },
    {
      title: t('plans.deadline'),
      key: 'deadline',
      render: (_, r) => periodLabel(r.target.period, lang),
      sorter: (a, b) => a.deadline.localeCompare(b.deadline),
    },
    {
      title: t('plans.pace'),
      key: 'pace',
      align: 'right',
      render: (_, r) => <Pace pace={r.pace} />,
      sorter: (a, b) => (a.pace ?? -1e9) - (b.pace ?? -1e9),
    },
    {
      title: t('plans.status'),
      key: 'status',
      render: (_, r) => <StatusTag status={r.status} />,
    },
    {
      title: t('plans.anticipated'),
      key: 'anticipated',
      align: 'right',
      render: (_, r) =>
        // after the deadline the result is known: no forecast
        (asOf ?? todayIso()) > r.deadline ? (
          <span className="chiso-muted">{t('plans.noForecastAfterDeadline')}</span>
        ) : r.anticipated.value === null ? (
          '—'
        ) : (
          `${n(r.anticipated.value)} (${r.anticipated.meets ? t('plans.meets') : t('plans.misses')})`
        ),
    },
    { title: t('plans.leadUnit'), key: 'lead', render: (_, r) => r.leadUnitName ?? '—' },
  ];
  return (
    <Table
      rowKey={(r) => `${r.id}:${r.orgUnit}`}
      size="small"
      loading={loading}
      columns={columns}
      dataSource={items}
      pagination={{ pageSize: 50, showSizeChanger: true }}
      scroll={{ x: 1280 }}
      locale={{ emptyText: t('plans.none') }}
    />
  );
}
