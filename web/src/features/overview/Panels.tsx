import { useQuery } from '@tanstack/react-query';
import { Button, Col, Progress, Row, Table, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Chart } from '../../components/charts/Chart';
import { BlockSkeleton, EmptyState } from '../../components/PageStates';
import { ApiError, api } from '../../lib/api';
import { formatValue } from '../../lib/format';
import { useCatalogNames, useLang, useLocalName } from '../../lib/hooks';
import { periodEndDate, periodLabel, periodSortKey } from '../../lib/period';
import type { AnalyticsRow, LatestItem, TargetItem, TargetStatus } from '../../lib/types';

/** Units that lead and lag most on the chosen indicator (polarity-aware). */
export function LagLead({
  indicator,
  rows,
  loading,
  onDrill,
}: {
  indicator: LatestItem | undefined;
  rows: AnalyticsRow[];
  loading: boolean;
  onDrill: (code: string) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (loading) return <BlockSkeleton rows={8} />;
  const withValue = rows.filter((r) => typeof r.value === 'number');
  if (!indicator || withValue.length === 0) return <EmptyState description={t('overview.noChildData')} />;
  const lowerBetter = indicator.polarity === 'lower';
  const sorted = [...withValue].sort((a, b) => (lowerBetter ? a.value! - b.value! : b.value! - a.value!));
  const n = Math.max(1, Math.min(5, Math.floor(sorted.length / 2)));
  const leaders = sorted.slice(0, n);
  const laggards = sorted.slice(-n).reverse();
  const max = Math.max(...withValue.map((r) => Math.abs(r.value!)), 1e-9);
  const yesNo: [string, string] = [t('common.yes'), t('common.no')];
  const list = (items: AnalyticsRow[], tone: 'good' | 'bad', title: string) => (
    <div>
      <Typography.Title
        level={3}
        style={{
          fontSize: 14,
          marginTop: 0,
          color: tone === 'good' ? 'var(--chiso-good)' : 'var(--chiso-bad)',
        }}
      >
        {title}
      </Typography.Title>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((r) => (
          <li key={r.orgUnit} style={{ marginBottom: 8 }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}>
              <Button
                type="link"
                size="small"
                style={{
                  padding: 0,
                  height: 'auto',
                  minWidth: 0,
                  flex: '1 1 auto',
                  justifyContent: 'flex-start',
                }}
                onClick={() => onDrill(r.orgUnit)}
                title={r.orgUnitName ?? r.orgUnit}
              >
                <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                  {r.orgUnitName ?? r.orgUnit}
                </span>
              </Button>
              <span className="chiso-num" style={{ fontWeight: 600, flex: '0 0 auto', whiteSpace: 'nowrap' }}>
                {formatValue(
                  r.value,
                  { unit: indicator.unit, valueType: indicator.valueType, decimals: indicator.decimals },
                  lang,
                  yesNo,
                )}
              </span>
            </div>
            <Progress
              percent={(Math.abs(r.value!) / max) * 100}
              showInfo={false}
              size="small"
              strokeColor={tone === 'good' ? '#2f8f5b' : '#c2423a'}
              aria-hidden="true"
            />
            {r.expected > 1 && (
              <div className="chiso-muted" style={{ fontSize: 12 }}>
                {t('overview.reportedOf', { reported: r.reported, expected: r.expected })}
              </div>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
  return (
    <Row gutter={24}>
      <Col xs={24} md={12}>
        {list(leaders, 'good', t('overview.leaders'))}
      </Col>
      <Col xs={24} md={12}>
        {list(laggards, 'bad', t('overview.laggards'))}
      </Col>
    </Row>
  );
}

/** The indicators most recently reported in this unit's subtree. */
export function RecentData({ items, unit }: { items: LatestItem[]; unit: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const localName = useLocalName();
  const yesNo: [string, string] = [t('common.yes'), t('common.no')];
  const recent = items
    .filter((x) => x.period)
    .sort((a, b) => periodSortKey(b.period) - periodSortKey(a.period))
    .slice(0, 8);
  if (recent.length === 0) return <EmptyState />;
  return (
    <Table<LatestItem>
      size="small"
      pagination={false}
      rowKey="indicator"
      dataSource={recent}
      tableLayout="fixed"
      columns={[
        {
          title: t('common.indicator'),
          key: 'name',
          render: (_, r) => (
            <Link
              to={`/indicators/${encodeURIComponent(r.indicator)}?unit=${encodeURIComponent(unit)}&period=${r.period}`}
            >
              {localName(r)}
            </Link>
          ),
        },
        {
          title: t('common.period'),
          key: 'period',
          width: 120,
          render: (_, r) => periodLabel(r.period, lang),
        },
        {
          title: t('common.value'),
          key: 'value',
          align: 'right',
          width: 130,
          render: (_, r) => (
            <span className="chiso-num">
              {formatValue(
                r.value,
                { unit: r.unit, valueType: r.valueType, decimals: r.decimals },
                lang,
                yesNo,
              )}
            </span>
          ),
        },
      ]}
    />
  );
}

const STATUS_COLORS: Record<TargetStatus, string> = {
  achieved: '#2f8f5b',
  on_track: '#7cc08a',
  at_risk: '#e0a030',
  off_track: '#d9564b',
  overdue: '#8e2c26',
  no_data: '#b8c2cc',
};
const STATUSES = Object.keys(STATUS_COLORS) as TargetStatus[];

/**
 * How indicators stand against what is expected of them: targets by progress status per pillar;
 * without targets, the reporting completeness (reported ÷ expected units) per pillar.
 */
export function Distribution({
  items,
  unit,
  period,
  height = 300,
}: {
  items: LatestItem[];
  unit: string;
  period?: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const names = useCatalogNames();
  const asOf = periodEndDate(period);
  const targets = useQuery({
    queryKey: ['targets', unit, asOf],
    queryFn: () => api<{ items: TargetItem[] }>('/targets', { query: { orgUnit: unit, asOf } }),
    retry: (n, err) => !(err instanceof ApiError) && n < 1,
  });
  if (targets.isPending) return <BlockSkeleton rows={7} />;
  const pillarOf = new Map(items.map((x) => [x.indicator, x.pillar]));
  const pillars = ['foundation', 'government', 'economy', 'society'];
  const targetItems = targets.data?.items ?? [];

  if (targetItems.length > 0) {
    const count = (pillar: string, status: TargetStatus) =>
      targetItems.filter((x) => (pillarOf.get(x.indicator) ?? 'foundation') === pillar && x.status === status)
        .length;
    const option: EChartsOption = {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
      grid: { left: 8, right: 16, top: 8, bottom: 56, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: pillars.map((p) => names.pillar(p)), inverse: true },
      series: STATUSES.map((s) => ({
        type: 'bar',
        stack: 'all',
        name: t(`targetStatus.${s}`),
        itemStyle: { color: STATUS_COLORS[s] },
        data: pillars.map((p) => count(p, s)),
        barMaxWidth: 28,
      })),
    };
    return (
      <div>
        <div className="chiso-muted" style={{ fontSize: 12 }}>
          {t('overview.targetsCaption', { count: targetItems.length })}
        </div>
        <Chart option={option} height={height} ariaLabel={t('overview.distribution')} />
      </div>
    );
  }

  // No targets (or the endpoint is unavailable): reporting completeness per pillar.
  const bucket = (x: LatestItem) =>
    x.value === null || x.reported === 0 ? 'none' : x.reported >= x.expected ? 'full' : 'partial';
  const buckets = ['full', 'partial', 'none'] as const;
  const colors = { full: '#2f8f5b', partial: '#e0a030', none: '#b8c2cc' };
  const option: EChartsOption = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 16, top: 8, bottom: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: pillars.map((p) => names.pillar(p)), inverse: true },
    series: buckets.map((b) => ({
      type: 'bar',
      stack: 'all',
      name: t(`overview.completeness.${b}`),
      itemStyle: { color: colors[b] },
      data: pillars.map((p) => items.filter((x) => x.pillar === p && bucket(x) === b).length),
      barMaxWidth: 28,
    })),
  };
  return (
    <div>
      <div className="chiso-muted" style={{ fontSize: 12 }}>
        {t('overview.completenessCaption')}
      </div>
      <Chart option={option} height={height} ariaLabel={t('overview.distribution')} />
    </div>
  );
}
