import { ArrowLeftOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Progress,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EstimatedValue } from '../../components/EstimatedValue';
import { BlockSkeleton, EmptyState, ErrorState, PageSkeleton, PageTitle } from '../../components/PageStates';
import { PeriodPicker } from '../../components/PeriodPicker';
import { UnitPicker } from '../../components/UnitPicker';
import { api, buildUrl, currentLang } from '../../lib/api';
import { useAsOf } from '../../lib/asOf';
import { formatNumber, formatShare, formatValue } from '../../lib/format';
import { useCatalogNames, useIndicator, useLang, useLocalName, useMe, useOrgUnit } from '../../lib/hooks';
import { periodLabel, trendRange } from '../../lib/period';
import { useSearchPatch, withParams } from '../../lib/searchParams';
import type { AnalyticsRow, Indicator, TrendRow } from '../../lib/types';
import { TrendCard, type UnitsMode } from './TrendCard';

/** The trend over the last years; `geography` (YYYY-MM-DD) expresses every period in that date's units. */
function useTrend(indicator: Indicator | undefined, orgUnit: string | null | undefined, geography?: string) {
  const range = indicator ? trendRange(indicator.frequency, indicator.frequency === 'month' ? 3 : 5) : null;
  return useQuery({
    queryKey: ['trend', indicator?.code, orgUnit, range?.from, range?.to, geography ?? null],
    queryFn: () =>
      api<{ rows: TrendRow[] }>('/analytics/trend', {
        query: { indicator: indicator!.code, orgUnit: orgUnit!, from: range!.from, to: range!.to, geography },
      }),
    enabled: !!indicator && !!orgUnit,
    placeholderData: keepPreviousData,
  });
}

export default function IndicatorPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const localName = useLocalName();
  const names = useCatalogNames();
  const me = useMe();
  const [params, update] = useSearchPatch();
  const unitCode = params.get('unit') || me.data?.home || '';
  const [asOf] = useAsOf();
  // In the current units (default), every period is read in the units valid on the as-of date.
  const mode: UnitsMode = params.get('units') === 'recorded' ? 'recorded' : 'current';
  const geography = mode === 'current' ? asOf : undefined;
  const indicator = useIndicator(code);
  const unit = useOrgUnit(unitCode, asOf);
  const parentCode = unit.data?.parentCode ?? null;
  const trend = useTrend(indicator.data, unitCode, geography);
  const parentTrend = useTrend(indicator.data, parentCode, geography);
  // Default period: this unit's latest with data, else its parent's (so the comparison still shows).
  const lastOf = (rows: TrendRow[] | undefined) =>
    [...(rows ?? [])].reverse().find((r) => r.value !== null)?.period;
  const lastWithValue = lastOf(trend.data?.rows) ?? lastOf(parentTrend.data?.rows);
  // the picker marks the periods of the trend with no value here or in the parent
  const trendRows = [...(trend.data?.rows ?? []), ...(parentTrend.data?.rows ?? [])];
  const trendPeriods = new Set(trendRows.map((r) => r.period));
  const periodsWithData = new Set(trendRows.filter((r) => r.value !== null).map((r) => r.period));
  const period = params.get('period') || lastWithValue;

  const childLevel = (unit.data?.level ?? 0) + 1;
  const children = useQuery({
    queryKey: ['analytics-children', code, unitCode, period, childLevel, geography ?? null],
    queryFn: () =>
      api<{ rows: AnalyticsRow[] }>('/analytics', {
        query: { indicator: code, orgUnit: unitCode, period, level: childLevel, geography },
      }),
    enabled: !!period && !!unit.data,
  });
  const compare = useQuery({
    queryKey: ['analytics-compare', code, unitCode, parentCode, period, geography ?? null],
    queryFn: () =>
      api<{ rows: AnalyticsRow[] }>('/analytics', {
        query: {
          indicator: code,
          orgUnit: [unitCode, parentCode].filter(Boolean).join(','),
          period,
          geography,
        },
      }),
    enabled: !!period && !!unit.data,
  });

  if (indicator.isPending || me.isPending) return <PageSkeleton />;
  if (indicator.isError) return <ErrorState error={indicator.error} onRetry={() => indicator.refetch()} />;
  const ind = indicator.data;
  const shape = { unit: ind.unit, valueType: ind.valueType, decimals: ind.decimals };
  const yesNo: [string, string] = [t('common.yes'), t('common.no')];
  const fmt = (v: number | null | undefined) => formatValue(v, shape, lang, yesNo);
  const own = compare.data?.rows.find((r) => r.orgUnit === unitCode);
  const parent = parentCode ? compare.data?.rows.find((r) => r.orgUnit === parentCode) : undefined;
  const parentName = unit.data?.ancestors.find((a) => a.code === parentCode)?.name ?? parentCode ?? '';
  // the download is the table below: the same query as `children` (analytics, not stored values,
  // which a unit whose figures are reported by the units below it does not have)
  const exportUrl = (format: 'csv' | 'xlsx') =>
    buildUrl('/analytics/export', {
      indicator: code,
      orgUnit: unitCode,
      period,
      level: childLevel,
      geography,
      format,
      // the file's headers and periods in the app's language (a link sends the browser's)
      lang: currentLang(),
    });

  const childRows = (children.data?.rows ?? [])
    // no row for a unit not expected to report (a district-only indicator lists no departments as "— 0/0")
    .filter((r) => r.orgUnit !== unitCode && !(r.expected === 0 && r.value === null))
    .sort((a, b) => {
      if (a.value === null) return 1;
      if (b.value === null) return -1;
      return ind.polarity === 'lower' ? a.value - b.value : b.value - a.value;
    });
  const maxChild = Math.max(1e-9, ...childRows.map((r) => Math.abs(r.value ?? 0)));

  return (
    <div>
      <Link to="/indicators" style={{ display: 'inline-block', marginBottom: 8 }}>
        <ArrowLeftOutlined /> {t('indicators.back')}
      </Link>
      <PageTitle
        title={localName(ind)}
        sub={
          <Space wrap size={6}>
            <Tag>{ind.code}</Tag>
            <Tag color="blue">{names.pillar(ind.pillar)}</Tag>
            <Tag>{names.field(ind.field)}</Tag>
            <Tag>{t(`frequency.${ind.frequency}`)}</Tag>
            {ind.published && <Tag color="green">{t('indicators.published')}</Tag>}
          </Space>
        }
        extra={
          <>
            <UnitPicker withDate value={unitCode} onChange={(v) => v && update({ unit: v })} />
            <PeriodPicker
              value={period}
              onChange={(v) => update({ period: v })}
              isEmpty={(c) => trendPeriods.has(c) && !periodsWithData.has(c)}
            />
            <Button icon={<FileTextOutlined />} href={exportUrl('csv')} download disabled={!period}>
              {t('common.downloadCsv')}
            </Button>
            <Button icon={<FileExcelOutlined />} href={exportUrl('xlsx')} download disabled={!period}>
              {t('common.downloadExcel')}
            </Button>
          </>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Card title={t('indicators.metadata')} style={{ height: '100%' }}>
            {(lang === 'en' ? ind.definitionEn || ind.definition : ind.definition) && (
              <Typography.Paragraph>
                {lang === 'en' ? ind.definitionEn || ind.definition : ind.definition}
              </Typography.Paragraph>
            )}
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                {
                  key: 'name',
                  label: t('indicators.nameOther'),
                  children: lang === 'en' ? ind.name : ind.nameEn,
                },
                { key: 'unit', label: t('indicators.unitOfMeasure'), children: ind.unit || '—' },
                {
                  key: 'valueType',
                  label: t('indicators.valueType'),
                  children: t(`valueType.${ind.valueType}`),
                },
                {
                  key: 'agg',
                  label: t('indicators.aggregation'),
                  children: t(`aggregation.${ind.aggregation}`),
                },
                {
                  key: 'time',
                  label: t('indicators.timeAggregation'),
                  children: ind.timeAggregation ? t(`timeAggregation.${ind.timeAggregation}`) : '—',
                },
                {
                  key: 'polarity',
                  label: t('indicators.polarity'),
                  children: ind.polarity ? t(`polarity.${ind.polarity}`) : '—',
                },
                { key: 'owner', label: t('indicators.owner'), children: ind.ownerName ?? ind.owner ?? '—' },
                { key: 'source', label: t('indicators.source'), children: ind.source || '—' },
                {
                  key: 'kinds',
                  label: t('indicators.reportingKinds'),
                  children: ind.reportingKinds?.length
                    ? ind.reportingKinds.map((k) => t(`unitKind.${k}`)).join(', ')
                    : t('common.all'),
                },
                ...(ind.formula
                  ? [{ key: 'formula', label: t('indicators.formula'), children: <code>{ind.formula}</code> }]
                  : []),
                ...(ind.category
                  ? [{ key: 'category', label: t('indicators.category'), children: ind.category }]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card
            title={
              period
                ? t('indicators.compare', { period: periodLabel(period, lang) })
                : t('indicators.compareNoPeriod')
            }
            style={{ marginBottom: 16 }}
          >
            {compare.isError ? (
              <ErrorState error={compare.error} onRetry={() => compare.refetch()} />
            ) : compare.isPending && period ? (
              <BlockSkeleton rows={2} />
            ) : !period ? (
              <EmptyState description={t('indicators.noData')} />
            ) : (
              <Row gutter={16}>
                <Col xs={24} sm={parentCode ? 12 : 24}>
                  <Statistic title={unit.data?.name ?? unitCode} value={fmt(own?.value)} />
                  {own?.estimated && own.value !== null && <Tag color="orange">{t('time.estimated')}</Tag>}
                  {own && own.expected > 0 && (
                    <span className="chiso-muted">
                      {t('overview.reportedOf', { reported: own.reported, expected: own.expected })}
                    </span>
                  )}
                </Col>
                {parentCode && (
                  <Col xs={24} sm={12}>
                    <Statistic
                      title={`${parentName} (${t('indicators.parentUnit')})`}
                      value={fmt(parent?.value)}
                    />
                    {own?.value != null && parent?.value != null && (
                      <span className="chiso-muted">
                        {t('indicators.diffParent', {
                          diff: formatValue(
                            own.value - parent.value,
                            { ...shape, valueType: 'number' },
                            lang,
                          ),
                        })}
                      </span>
                    )}
                  </Col>
                )}
              </Row>
            )}
          </Card>
          <TrendCard
            own={{ name: unit.data?.name ?? unitCode, rows: trend.data?.rows ?? [] }}
            parent={parentCode ? { name: parentName, rows: parentTrend.data?.rows ?? [] } : undefined}
            period={period}
            mode={mode}
            onMode={(m) => update({ units: m === 'recorded' ? m : undefined })}
            geography={asOf}
            fmt={fmt}
            percent={ind.unit === '%'}
            loading={trend.isPending}
            error={trend.isError ? trend.error : null}
            onRetry={() => void trend.refetch()}
            ariaLabel={t('indicators.trendAria', { name: localName(ind) })}
          />
        </Col>
      </Row>
      <Card
        title={
          period
            ? t('indicators.byChild', { period: periodLabel(period, lang) })
            : t('indicators.byChildNoPeriod')
        }
        style={{ marginTop: 16 }}
      >
        {children.isError ? (
          <ErrorState error={children.error} onRetry={() => children.refetch()} />
        ) : (
          <Table<AnalyticsRow>
            rowKey="orgUnit"
            size="small"
            loading={children.isFetching || (!!period && children.isPending)}
            dataSource={childRows}
            pagination={childRows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 640 }}
            locale={{ emptyText: <EmptyState description={t('overview.noChildData')} /> }}
            columns={[
              {
                title: '#',
                key: 'rank',
                width: 48,
                render: (_, r, i) => (r.value === null ? '' : i + 1),
              },
              {
                title: t('common.unit'),
                key: 'unit',
                render: (_, r) => (
                  <Link
                    to={`/indicators/${encodeURIComponent(code)}?${withParams(params, { unit: r.orgUnit, period })}`}
                  >
                    {r.orgUnitName ?? r.orgUnit}
                  </Link>
                ),
              },
              {
                title: t('common.value'),
                key: 'value',
                align: 'right',
                width: 160,
                sorter: (a, b) =>
                  (a.value ?? Number.NEGATIVE_INFINITY) - (b.value ?? Number.NEGATIVE_INFINITY),
                render: (_, r) => <EstimatedValue row={r} fmt={fmt} />,
              },
              {
                title: '',
                key: 'bar',
                width: 180,
                render: (_, r) =>
                  r.value === null ? null : (
                    <Progress
                      percent={(Math.abs(r.value) / maxChild) * 100}
                      showInfo={false}
                      size="small"
                      aria-hidden="true"
                    />
                  ),
              },
              ...(ind.valueType === 'ratio'
                ? [
                    {
                      title: t('indicators.numDen'),
                      key: 'nd',
                      width: 180,
                      align: 'right' as const,
                      render: (_: unknown, r: AnalyticsRow) =>
                        r.numerator != null && r.denominator != null
                          ? `${formatNumber(r.numerator, lang)} / ${formatNumber(r.denominator, lang)}`
                          : '—',
                    },
                  ]
                : []),
              {
                title: t('indicators.reportedExpected'),
                key: 'rep',
                width: 170,
                align: 'right',
                render: (_, r) => (
                  <span className="chiso-num">
                    {r.reported}/{r.expected}
                    {r.expected > 0 && (
                      <span className="chiso-muted"> ({formatShare(r.reported / r.expected, lang, 0)})</span>
                    )}
                  </span>
                ),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
