import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Chart } from '../../components/charts/Chart';
import { BlockSkeleton, EmptyState, ErrorState, PageTitle } from '../../components/PageStates';
import { api, buildUrl } from '../../lib/api';
import { formatNumber, formatValue } from '../../lib/format';
import { useLang, useLocalName } from '../../lib/hooks';
import { periodLabel, periodSortKey } from '../../lib/period';
import type { OpenIndicator } from '../../lib/types';

interface SeriesRow {
  period: string;
  value: number | null;
  orgUnit?: string;
  orgUnitName?: string;
}

/** Lower-case without diacritics, so "dich vu cong" finds "Dịch vụ công". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export default function OpenDataPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const localName = useLocalName();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['open-indicators'],
    queryFn: () => api<{ items: OpenIndicator[] }>('/open/indicators', { allow401: true }),
  });
  const items = list.data?.items ?? [];
  const code = params.get('indicator') || items[0]?.code;
  const selected = items.find((x) => x.code === code);
  const series = useQuery({
    queryKey: ['open-series', code],
    queryFn: () =>
      api<{ rows: SeriesRow[] }>(`/open/indicators/${encodeURIComponent(code!)}/series`, { allow401: true }),
    enabled: !!code,
  });
  // The series may hold every unit: offer them, the widest unit (shortest GSO code) first.
  const allRows = series.data?.rows ?? [];
  const unitNames = new Map<string, string>();
  for (const r of allRows) if (r.orgUnit) unitNames.set(r.orgUnit, r.orgUnitName ?? r.orgUnit);
  const units = [...unitNames.entries()].sort(
    (a, b) => a[0].length - b[0].length || a[0].localeCompare(b[0]),
  );
  const unitParam = params.get('unit');
  const unit = units.some(([c]) => c === unitParam) ? unitParam : units[0]?.[0];
  const rows = allRows
    .filter((r) => !unit || r.orgUnit === unit)
    .sort((a, b) => periodSortKey(a.period) - periodSortKey(b.period));
  const filtered = q ? items.filter((x) => fold(`${x.name} ${x.nameEn} ${x.code}`).includes(fold(q))) : items;
  const shape = { unit: selected?.unit };
  const fmt = (v: number | null | undefined) => formatValue(v, shape, lang);

  const option: EChartsOption = {
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => fmt(typeof v === 'number' ? v : null) },
    grid: { left: 8, right: 16, top: 16, bottom: 24, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => periodLabel(r.period, lang)) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatNumber(v, lang, 1) } },
    series: [
      rows.length > 16
        ? {
            type: 'line',
            data: rows.map((r) => r.value),
            symbolSize: 5,
            lineStyle: { width: 3 },
            areaStyle: { opacity: 0.08 },
          }
        : { type: 'bar', data: rows.map((r) => r.value), barMaxWidth: 36 },
    ],
  };

  return (
    <div>
      <PageTitle title={t('open.title')} sub={t('open.sub')} />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card title={t('open.published', { count: items.length })}>
              <label htmlFor="open-search" className="chiso-muted" style={{ fontSize: 12 }}>
                {t('indicators.search')}
              </label>
              <Input
                id="open-search"
                allowClear
                prefix={<SearchOutlined />}
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={t('indicators.searchPlaceholder')}
                style={{ marginBottom: 12 }}
              />
              {list.isPending ? (
                <BlockSkeleton rows={8} />
              ) : filtered.length === 0 ? (
                <EmptyState description={items.length ? t('common.noMatch') : t('open.none')} />
              ) : (
                <ul style={{ listStyle: 'none', padding: 0, margin: 0, maxHeight: 560, overflow: 'auto' }}>
                  {filtered.map((x) => (
                    <li key={x.code}>
                      <button
                        type="button"
                        aria-current={x.code === code ? 'true' : undefined}
                        onClick={() => setParams({ indicator: x.code })}
                        style={{
                          width: '100%',
                          textAlign: 'left',
                          padding: '8px 10px',
                          border: 0,
                          borderRadius: 6,
                          marginBottom: 2,
                          background: x.code === code ? '#e6f0f4' : 'transparent',
                          cursor: 'pointer',
                          font: 'inherit',
                        }}
                      >
                        <div style={{ fontWeight: x.code === code ? 600 : 400 }}>{localName(x)}</div>
                        <div className="chiso-muted" style={{ fontSize: 12 }}>
                          {t(`pillar.${x.pillar}`, { defaultValue: x.pillar })} ·{' '}
                          {t(`frequency.${x.frequency}`)}
                        </div>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            <Card
              title={selected ? localName(selected) : t('open.pick')}
              extra={
                selected && (
                  <Button
                    icon={<DownloadOutlined />}
                    href={buildUrl(`/open/indicators/${encodeURIComponent(selected.code)}/data.csv`)}
                    download
                  >
                    {t('common.downloadCsv')}
                  </Button>
                )
              }
            >
              {!selected ? (
                list.isPending ? (
                  <BlockSkeleton rows={8} />
                ) : (
                  <EmptyState description={t('open.none')} />
                )
              ) : (
                <>
                  <Space wrap style={{ marginBottom: 12 }}>
                    <Tag>{selected.code}</Tag>
                    <Tag color="blue">
                      {t(`pillar.${selected.pillar}`, { defaultValue: selected.pillar })}
                    </Tag>
                    <Tag>{t(`frequency.${selected.frequency}`)}</Tag>
                    {selected.unit && <Tag>{selected.unit}</Tag>}
                    {units.length > 1 && (
                      <Select
                        aria-label={t('common.unit')}
                        value={unit}
                        style={{ minWidth: 220 }}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={units.map(([value, label]) => ({ value, label }))}
                        onChange={(v: string) => setParams({ indicator: selected.code, unit: v })}
                      />
                    )}
                  </Space>
                  {series.isPending ? (
                    <BlockSkeleton rows={8} />
                  ) : series.isError ? (
                    <ErrorState error={series.error} onRetry={() => series.refetch()} />
                  ) : rows.length === 0 ? (
                    <EmptyState />
                  ) : (
                    <>
                      <Chart
                        option={option}
                        height={320}
                        ariaLabel={t('indicators.trendAria', { name: localName(selected) })}
                      />
                      <Table
                        size="small"
                        rowKey="period"
                        style={{ marginTop: 12 }}
                        dataSource={[...rows].reverse()}
                        pagination={rows.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
                        columns={[
                          {
                            title: t('common.period'),
                            key: 'p',
                            render: (_, r) => periodLabel(r.period, lang),
                          },
                          {
                            title: t('common.value'),
                            key: 'v',
                            align: 'right',
                            render: (_, r) => <span className="chiso-num">{fmt(r.value)}</span>,
                          },
                        ]}
                      />
                    </>
                  )}
                  <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
                    {t('open.license')}
                  </Typography.Paragraph>
                </>
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
