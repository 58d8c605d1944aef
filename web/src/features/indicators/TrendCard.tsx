import { Card, Table } from 'antd';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { ChoiceSwitch } from '../../components/ChoiceSwitch';
import { Chart } from '../../components/charts/Chart';
import { EstimatedValue } from '../../components/EstimatedValue';
import { BlockSkeleton, EmptyState, ErrorState } from '../../components/PageStates';
import { splitEstimated } from '../../lib/estimated';
import { formatDate, formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { periodLabel } from '../../lib/period';
import { tooltipHtml } from '../../lib/safe';
import { untilLastValue } from '../../lib/series';
import type { TrendRow } from '../../lib/types';

/** How a series crossing a restructuring is read: in the units of one date, or each period as recorded. */
export type UnitsMode = 'current' | 'recorded';

interface Series {
  name: string;
  rows: TrendRow[];
}

interface Props {
  own: Series;
  /** The parent unit's series (same periods), drawn for comparison. */
  parent?: Series;
  /** The period marked by a vertical line (the page's chosen period). */
  period?: string;
  mode: UnitsMode;
  onMode: (mode: UnitsMode) => void;
  /** The date whose units the series are expressed in (mode `current`). */
  geography: string;
  fmt: (v: number | null | undefined) => string;
  percent: boolean;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  ariaLabel: string;
}

/**
 * The trend of a unit and its parent. In the current units (the default) a series runs on across
 * 1 July 2025 read through lineage; estimated stretches are dashed on a shaded band. The switch reads
 * each period as recorded instead. A table under the chart gives the same points as text.
 */
export function TrendCard(props: Props) {
  const { own, parent, mode, onMode, geography, loading, error, onRetry } = props;
  const { t } = useTranslation();
  return (
    <Card
      title={t('indicators.trend')}
      extra={
        <ChoiceSwitch<UnitsMode>
          label={t('time.unitsSwitch')}
          value={mode}
          onChange={onMode}
          choices={[
            ['current', t('time.currentUnits')],
            ['recorded', t('time.asRecorded')],
          ]}
        />
      }
    >
      <div className="chiso-muted" style={{ fontSize: 12, marginBottom: 8 }}>
        {mode === 'current'
          ? t('time.currentUnitsHelp', { date: formatDate(geography) })
          : t('time.asRecordedHelp')}
      </div>
      {loading ? (
        <BlockSkeleton rows={8} />
      ) : error ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : own.rows.length === 0 ? (
        <EmptyState />
      ) : (
        <TrendBody {...props} parent={parent} />
      )}
    </Card>
  );
}

function TrendBody({ own: all, parent, period, fmt, percent, ariaLabel }: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const own = { ...all, rows: untilLastValue(all.rows, parent?.rows) };
  const periods = own.rows.map((r) => r.period);
  const labels = periods.map((p) => periodLabel(p, lang));
  const parentBy = new Map((parent?.rows ?? []).map((r) => [r.period, r]));
  const parentRows = periods.map((p) => parentBy.get(p));
  const split = splitEstimated(own.rows);
  const anyEstimated = split.ranges.length > 0 || parentRows.some((r) => r?.estimated && r.value !== null);
  const estimatedName = t('time.estimatedLegend', { name: own.name });
  const pointText = (r: TrendRow | undefined) => {
    if (!r) return '—';
    if (r.value === null && r.note) return t(`time.note.${r.note}`, { defaultValue: r.note });
    return `${fmt(r.value)}${r.estimated && r.value !== null ? ` (${t('time.estimated')})` : ''}`;
  };

  const option: EChartsOption = {
    tooltip: {
      trigger: 'axis',
      formatter: (p: unknown) => {
        const i = (Array.isArray(p) ? p[0] : p)?.dataIndex as number | undefined;
        if (i === undefined) return '';
        return tooltipHtml(labels[i], [
          `${own.name}: ${pointText(own.rows[i])}`,
          parent ? `${parent.name}: ${pointText(parentRows[i])}` : null,
        ]);
      },
    },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: labels, boundaryGap: false },
    yAxis: {
      type: 'value',
      scale: !percent,
      axisLabel: { formatter: (v: number) => formatNumber(v, lang, 1) + (percent ? '%' : '') },
    },
    dataZoom: periods.length > 24 ? [{ type: 'slider', height: 18, bottom: 6 }] : undefined,
    series: [
      {
        type: 'line',
        name: own.name,
        data: split.exact,
        connectNulls: false,
        symbolSize: 6,
        z: 3,
        lineStyle: { width: 3 },
        areaStyle: { opacity: 0.08 },
        markLine: period
          ? {
              symbol: 'none',
              silent: true,
              lineStyle: { type: 'dashed', color: '#7a8a99' },
              label: { show: false },
              data: [{ xAxis: periodLabel(period, lang) }],
            }
          : undefined,
      },
      ...(split.ranges.length
        ? [
            {
              type: 'line' as const,
              name: estimatedName,
              data: split.estimated,
              connectNulls: false,
              symbol: 'emptyCircle',
              symbolSize: 6,
              z: 2,
              color: '#e0a030',
              lineStyle: { width: 3, type: 'dashed' as const },
              markArea: {
                silent: true,
                itemStyle: { color: 'rgba(224, 160, 48, 0.12)' },
                data: split.ranges.map(
                  ([a, b]) =>
                    [{ xAxis: labels[a] }, { xAxis: labels[b] }] as [{ xAxis: string }, { xAxis: string }],
                ),
              },
            },
          ]
        : []),
      ...(parent
        ? [
            {
              type: 'line' as const,
              name: parent.name,
              data: parentRows.map((r) => r?.value ?? null),
              symbolSize: 4,
              lineStyle: { width: 2, type: 'dotted' as const },
            },
          ]
        : []),
    ],
  };

  return (
    <div>
      <div data-testid="trend-chart" data-periods={periods.join(',')}>
        <Chart option={option} height={320} ariaLabel={ariaLabel} />
      </div>
      {anyEstimated && (
        <div className="chiso-muted" style={{ fontSize: 12 }} data-testid="trend-estimated-note">
          {t('time.estimatedHelp')}
        </div>
      )}
      <details style={{ marginTop: 8 }} data-testid="trend-table">
        <summary style={{ cursor: 'pointer' }}>{t('time.dataTable')}</summary>
        <Table<TrendRow>
          size="small"
          rowKey="period"
          dataSource={own.rows}
          pagination={false}
          scroll={{ y: 280 }}
          onRow={(r) => ({ 'data-period': r.period }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('common.period'), key: 'period', render: (_, r) => periodLabel(r.period, lang) },
            {
              title: own.name,
              key: 'own',
              className: 'chiso-trend-own',
              align: 'right',
              render: (_, r) => <EstimatedValue row={r} fmt={fmt} />,
            },
            ...(parent
              ? [
                  {
                    title: parent.name,
                    key: 'parent',
                    align: 'right' as const,
                    render: (_: unknown, r: TrendRow) => (
                      <EstimatedValue row={parentBy.get(r.period)} fmt={fmt} />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </details>
    </div>
  );
}
