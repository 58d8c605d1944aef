import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Select, Space, Table, Tag, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Chart } from '../../components/charts/Chart';
import { BlockSkeleton, EmptyState, ErrorState } from '../../components/PageStates';
import { api, buildUrl } from '../../lib/api';
import { formatNumber, formatValue } from '../../lib/format';
import { useLang, useLocalName } from '../../lib/hooks';
import { periodLabel, periodSortKey } from '../../lib/period';
import type { OpenIndicatorDetail, OpenRow } from '../../lib/types';

/** The files of a published indicator (services/openData.ts), for people and for machines. */
const DOWNLOADS = [
  { file: 'data.csv', label: 'common.downloadCsv' },
  { file: 'data.json', label: 'open.json' },
  { file: 'open-sdg.csv', label: 'open.openSdg' },
  { file: 'sdmx.csv', label: 'open.sdmx' },
] as const;

/** GET /api/open/indicators/CODE (no login), shared by the page title and the view. */
export function useOpenIndicator(code: string) {
  return useQuery({
    queryKey: ['open-indicator', code],
    queryFn: () =>
      api<OpenIndicatorDetail>(`/open/indicators/${encodeURIComponent(code)}`, { allow401: true }),
  });
}

/**
 * One published indicator for everyone (no login): its metadata, the chart and table of one unit's
 * public figures (the total and each option of its breakdown) and the downloads.
 */
export function OpenIndicatorView({ code }: { code: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const localName = useLocalName();
  const [params, setParams] = useSearchParams();
  const path = `/open/indicators/${encodeURIComponent(code)}`;
  const meta = useOpenIndicator(code);
  const series = useQuery({
    queryKey: ['open-series', code],
    queryFn: () => api<{ rows: OpenRow[] }>(`${path}/series`, { allow401: true }),
  });
  if (meta.isError) return <ErrorState error={meta.error} onRetry={() => meta.refetch()} />;
  if (meta.isPending) return <BlockSkeleton rows={8} />;
  const ind = meta.data;
  const allRows = series.data?.rows ?? [];

  // units with figures, the widest first; the default is the widest with the latest figure
  const unitInfo = new Map<string, { name: string; last: number }>();
  for (const r of allRows) {
    const key = periodSortKey(r.period);
    const u = unitInfo.get(r.orgUnit);
    if (!u || u.last < key) unitInfo.set(r.orgUnit, { name: r.orgUnitName, last: key });
  }
  const units = [...unitInfo.entries()].sort((a, b) => a[0].length - b[0].length || a[0].localeCompare(b[0]));
  const widest = units.filter(([c]) => c.length === units[0]?.[0].length);
  const fallback = [...widest].sort((a, b) => b[1].last - a[1].last)[0]?.[0];
  const unitParam = params.get('unit');
  const unit = unitInfo.has(unitParam ?? '') ? unitParam : fallback;
  const rows = allRows.filter((r) => r.orgUnit === unit);
  const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => periodSortKey(a) - periodSortKey(b));
  const options = ind.category?.options ?? [];
  const valueAt = (period: string, option: string | null) =>
    rows.find((r) => r.period === period && r.categoryOption === option)?.value ?? null;
  const fmt = (v: number | null | undefined) => formatValue(v, ind, lang);
  const optionName = (o: { name: string; nameEn: string }) => localName(o);
  const lines = [
    { name: t('open.total'), option: null as string | null },
    ...options.map((o) => ({ name: optionName(o), option: o.code as string | null })),
  ].filter((l) => periods.some((p) => valueAt(p, l.option) !== null));
  // lines for long series or several of them; bars for a few periods (a lone point reads badly as a line)
  const many = periods.length > 3 && (periods.length > 16 || lines.length > 1);

  const chart: EChartsOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(typeof v === 'number' ? v : null) },
    legend: lines.length > 1 ? { top: 0 } : undefined,
    grid: { left: 8, right: 16, top: lines.length > 1 ? 36 : 16, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: periods.map((p) => periodLabel(p, lang)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, lang, ind.decimals) } },
    series: lines.map((l) =>
      many
        ? {
            type: 'line' as const,
            name: l.name,
            data: periods.map((p) => valueAt(p, l.option)),
            symbolSize: 5,
            lineStyle: { width: l.option === null ? 3 : 2 },
          }
        : {
            type: 'bar' as const,
            name: l.name,
            data: periods.map((p) => valueAt(p, l.option)),
            barMaxWidth: 36,
          },
    ),
  };

  return (
    <div data-testid="open-indicator">
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag>{ind.code}</Tag>
        <Tag color="blue">{t(`pillar.${ind.pillar}`, { defaultValue: ind.pillar })}</Tag>
        <Tag>{t(`frequency.${ind.frequency}`)}</Tag>
        {ind.unit && <Tag>{ind.unit}</Tag>}
        {units.length > 1 && (
          <Select
            aria-label={t('common.unit')}
            value={unit}
            style={{ minWidth: 240 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={units.map(([value, u]) => ({ value, label: u.name }))}
            onChange={(v: string) =>
              setParams((prev) => {
                const next = new URLSearchParams(prev);
                next.set('unit', v);
                return next;
              })
            }
          />
        )}
      </Space>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'definition',
            label: t('open.definition'),
            span: 2,
            children: (lang === 'en' && ind.definitionEn) || ind.definition || '—',
          },
          { key: 'unit', label: t('indicators.unitOfMeasure'), children: ind.unit || '—' },
          { key: 'frequency', label: t('indicators.frequency'), children: t(`frequency.${ind.frequency}`) },
          { key: 'source', label: t('indicators.source'), children: ind.source || '—' },
          { key: 'owner', label: t('indicators.owner'), children: ind.owner?.name ?? '—' },
          ...(ind.category
            ? [
                {
                  key: 'category',
                  label: t('indicators.category'),
                  span: 2,
                  children: `${localName(ind.category)}: ${options.map(optionName).join(', ')}`,
                },
              ]
            : []),
        ]}
      />
      {series.isPending ? (
        <BlockSkeleton rows={8} />
      ) : series.isError ? (
        <ErrorState error={series.error} onRetry={() => series.refetch()} />
      ) : periods.length === 0 ? (
        <EmptyState />
      ) : (
        <>
          <Chart option={chart} height={340} ariaLabel={t('open.chartAria', { name: localName(ind) })} />
          <Table
            size="small"
            rowKey="period"
            style={{ marginTop: 12 }}
            scroll={{ x: true }}
            dataSource={[...periods].reverse().map((period) => ({ period }))}
            pagination={periods.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
            columns={[
              { title: t('common.period'), key: 'p', render: (_, r) => periodLabel(r.period, lang) },
              ...lines.map((l) => ({
                title: l.name,
                key: l.option ?? '_total',
                align: 'right' as const,
                render: (_: unknown, r: { period: string }) => (
                  <span className="chiso-num">{fmt(valueAt(r.period, l.option))}</span>
                ),
              })),
            ]}
          />
        </>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('open.downloads')}
      </Typography.Title>
      <Space wrap>
        {DOWNLOADS.map((d) => (
          <Button key={d.file} icon={<DownloadOutlined />} href={buildUrl(`${path}/${d.file}`)} download>
            {t(d.label)}
          </Button>
        ))}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('open.downloadsHint')} {t('open.license')}
      </Typography.Paragraph>
    </div>
  );
}
