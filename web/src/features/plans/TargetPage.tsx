/**
 * One target: its definition, the chart of one unit (actual values, the target line, the expected
 * straight path from baseline to target, the anticipated value from the trend), the items per unit
 * and the linked tasks. Route: /targets/:id (?orgUnit=&asOf=)
 */
import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, List, Select, Space } from 'antd';
import type { EChartsOption } from 'echarts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { Chart } from '../../components/charts/Chart';
import { ErrorState, PageSkeleton, PageTitle } from '../../components/PageStates';
import { api } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { periodLabel } from '../../lib/period';
import { DeleteButton, TargetFormModal } from './PlanForms';
import { AsOfInput, comparatorSign, Pace, StatusTag, TaskStatusTag, useAsOf } from './shared';
import { TargetsTable } from './TargetsTable';
import type { TargetDetail } from './types';

export default function TargetPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const lang = useLang();
  const [asOf, setAsOf] = useAsOf();
  const [params, setParams] = useSearchParams();
  const orgUnit = params.get('orgUnit') ?? undefined;
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const detail = useQuery({
    queryKey: ['target', id, asOf, orgUnit],
    queryFn: () => api<TargetDetail>(`/targets/${encodeURIComponent(id)}`, { query: { asOf, orgUnit } }),
  });
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => detail.refetch()} />;
  if (!detail.data) return <PageSkeleton />;
  const d = detail.data;
  const def = d.definition;
  const item = d.items.find((i) => i.orgUnit === d.chart?.orgUnit) ?? d.items[0];
  const n = (v: number | null | undefined) =>
    v === null || v === undefined ? '—' : formatNumber(v, lang, 2);
  const chart = d.chart;
  let option: EChartsOption | null = null;
  if (chart) {
    const labels = chart.periods.map((p) => periodLabel(p, lang));
    const actual = new Map(chart.series.map((s) => [s.period, s.value]));
    const last = chart.periods.length - 1;
    option = {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 24, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: labels },
      yAxis: { type: 'value', scale: true },
      series: [
        {
          name: t('plans.series.actual'),
          type: 'line',
          data: chart.periods.map((p) => actual.get(p) ?? null),
          connectNulls: true,
          symbolSize: 6,
        },
        {
          name: t('plans.series.expected'),
          type: 'line',
          data: chart.expected.map((e) => e.value),
          lineStyle: { type: 'dashed' },
          symbol: 'none',
        },
        {
          name: t('plans.series.target'),
          type: 'line',
          data: chart.periods.map(() => chart.target.value),
          lineStyle: { type: 'dotted', width: 2 },
          symbol: 'none',
        },
        {
          name: t('plans.series.anticipated'),
          type: 'line',
          data: chart.periods.map((_, i) =>
            i === last && chart.anticipated ? chart.anticipated.value : null,
          ),
          symbol: 'diamond',
          symbolSize: 12,
        },
      ],
    };
  }
  return (
    <>
      <PageTitle
        title={item ? item.indicatorName : def.indicator}
        sub={`${def.plan} · ${comparatorSign(def.target.comparator)} ${n(def.target.value)} ${item?.measure ?? ''} · ${periodLabel(def.target.period, lang)}`}
        extra={
          <>
            <AsOfInput value={asOf} onChange={setAsOf} />
            {def.abilities.update && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('plans.form.editTarget')}
              </Button>
            )}
            {def.abilities.delete && (
              <DeleteButton
                title={t('plans.form.confirmDeleteTarget')}
                onDelete={async () => {
                  await api(`/targets/${def.id}`, { method: 'DELETE' });
                  void qc.invalidateQueries({ queryKey: ['targets'] });
                  void qc.invalidateQueries({ queryKey: ['plans'] });
                  navigate(`/plans/${encodeURIComponent(def.plan)}`);
                }}
              />
            )}
          </>
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 2, lg: 3 }}>
            <Descriptions.Item label={t('plans.baseline')}>
              {n(item?.baseline.value ?? def.baseline.value)} ({periodLabel(def.baseline.period, lang)})
            </Descriptions.Item>
            <Descriptions.Item label={t('plans.current')}>
              {n(item?.current.value)}{' '}
              {item?.current.period ? `(${periodLabel(item.current.period, lang)})` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('plans.pace')}>
              <Pace pace={item?.pace ?? null} /> {item && <StatusTag status={item.status} />}
            </Descriptions.Item>
            <Descriptions.Item label={t('plans.anticipated')}>
              {n(item?.anticipated.value)}{' '}
              {item?.anticipated.meets === null || !item
                ? ''
                : item.anticipated.meets
                  ? t('plans.meets')
                  : t('plans.misses')}
            </Descriptions.Item>
            <Descriptions.Item label={t('plans.leadUnit')}>{def.leadUnitName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('plans.responsible')}>
              {def.responsiblePerson ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          {def.notes && <p className="chiso-muted">{def.notes}</p>}
        </Card>
        <Card
          title={t('plans.trend')}
          extra={
            d.items.length > 1 && (
              <Select
                showSearch
                optionFilterProp="label"
                aria-label={t('plans.unit')}
                style={{ minWidth: 220 }}
                value={chart?.orgUnit}
                onChange={(v) => {
                  const next = new URLSearchParams(params);
                  next.set('orgUnit', v);
                  setParams(next, { replace: true });
                }}
                options={d.items.map((i) => ({ value: i.orgUnit, label: i.orgUnitName }))}
              />
            )
          }
        >
          {option && chart ? (
            <Chart option={option} height={340} ariaLabel={`${t('plans.trend')}: ${chart.orgUnitName}`} />
          ) : (
            <span className="chiso-muted">—</span>
          )}
        </Card>
        {d.items.length > 1 && (
          <Card title={t('plans.items')}>
            <TargetsTable items={d.items} asOf={asOf} />
          </Card>
        )}
        <Card title={t('plans.linkedTasks')}>
          <List
            size="small"
            dataSource={d.tasks}
            locale={{ emptyText: t('plans.noTasks') }}
            renderItem={(k) => (
              <List.Item>
                <span>{k.title}</span>
                <span>
                  {k.leadUnitName} · {formatDate(k.dueDate)} · {k.percentComplete}%{' '}
                  <TaskStatusTag task={{ status: k.status, overdue: false }} />
                </span>
              </List.Item>
            )}
          />
        </Card>
      </Space>
      <TargetFormModal
        open={editing}
        plan={{ code: def.plan, scopeUnit: def.orgUnit }}
        definition={def}
        onClose={() => setEditing(false)}
      />
    </>
  );
}
