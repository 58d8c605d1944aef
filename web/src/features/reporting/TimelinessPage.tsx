/** Timeliness and completeness of a form for a period: expected, submitted, on time, late, overdue. Route: /reports/timeliness */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Progress, Row, Space, Statistic, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, PageSkeleton, PageTitle } from '../../components/PageStates';
import { UnitPicker } from '../../components/UnitPicker';
import { api } from '../../lib/api';
import { formatDate, formatDateTime, formatShare } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { periodLabel } from '../../lib/period';
import { useSearchPatch } from '../../lib/searchParams';
import {
  currentPeriod,
  entryLink,
  FormPeriodSelect,
  FormSelect,
  SubmissionTag,
  TimelinessTag,
  UnitName,
  useFormPeriods,
  useForms,
} from './shared';
import type { TimelinessItem, TimelinessReport } from './types';

export default function TimelinessPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const forms = useForms();
  const [params, set] = useSearchPatch();
  const form = params.get('form') ?? forms.data?.[0]?.code;
  const periods = useFormPeriods(form);
  const period = params.get('period') ?? currentPeriod(periods.items)?.period;
  const orgUnit = params.get('orgUnit') ?? undefined;
  const report = useQuery({
    queryKey: ['timeliness', form, period, orgUnit],
    queryFn: () => api<TimelinessReport>('/reports/timeliness', { query: { form, period, orgUnit } }),
    enabled: !!form && !!period,
  });
  if (forms.isError) return <ErrorState error={forms.error} onRetry={() => forms.refetch()} />;
  if (forms.isPending) return <PageSkeleton />;
  const r = report.data;

  return (
    <>
      <PageTitle
        title={t('rep.timelinessTitle')}
        sub={period ? periodLabel(period, lang) : undefined}
        extra={
          <>
            <Link to="/reports">{t('rep.title')}</Link>
            {period && (
              <Link to={`/reports/late?${new URLSearchParams({ ...(form ? { form } : {}), period })}`}>
                {t('rep.lateUnits')}
              </Link>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <FormSelect
            forms={forms.data}
            value={form}
            onChange={(v: string) => set({ form: v, period: undefined })}
          />
          <FormPeriodSelect form={form} value={period} onChange={(p) => set({ period: p })} />
          <UnitPicker value={orgUnit} allowClear onChange={(v) => set({ orgUnit: v })} />
        </Space>
      </Card>
      {report.isError && <ErrorState error={report.error} onRetry={() => report.refetch()} />}
      {!form || !period ? (
        <Card>
          <EmptyState />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {(
              [
                ['expected', r?.expected],
                ['submitted', r?.submitted],
                ['onTime', r?.onTime],
                ['late', r?.late],
                ['overdue', r?.overdue],
                ['pending', r?.pending],
              ] as const
            ).map(([k, v]) => (
              <Col key={k} xs={12} sm={8} lg={4}>
                <Card size="small" loading={report.isPending}>
                  <Statistic title={t(`rep.${k}`)} value={v ?? 0} />
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            loading={report.isPending}
            title={`${t('rep.completeness')}: ${r ? formatShare(r.completeness, lang) : '—'}`}
            extra={r ? `${t('rep.dueDate')}: ${formatDate(r.dueDate)}` : undefined}
          >
            {r && (
              <>
                <Progress percent={Math.round(r.completeness * 1000) / 10} style={{ marginBottom: 12 }} />
                <Table
                  data-testid="timeliness-table"
                  rowKey="orgUnit"
                  size="small"
                  dataSource={r.items}
                  pagination={r.items.length > 30 ? { pageSize: 30 } : false}
                  columns={[
                    {
                      title: t('rep.unit'),
                      key: 'u',
                      sorter: (a: TimelinessItem, b: TimelinessItem) => a.name.localeCompare(b.name, 'vi'),
                      render: (_, x: TimelinessItem) => <UnitName name={x.name} code={x.orgUnit} />,
                    },
                    {
                      title: t('rep.timeliness'),
                      key: 't',
                      filters: (['on_time', 'late', 'overdue', 'pending'] as const).map((s) => ({
                        text: t(`rep.time.${s}`),
                        value: s,
                      })),
                      onFilter: (v, x: TimelinessItem) => x.status === v,
                      render: (_, x: TimelinessItem) => <TimelinessTag status={x.status} />,
                    },
                    {
                      title: t('rep.status'),
                      key: 's',
                      render: (_, x: TimelinessItem) => <SubmissionTag status={x.submissionStatus} />,
                    },
                    {
                      title: t('rep.submittedAt'),
                      key: 'at',
                      render: (_, x: TimelinessItem) => formatDateTime(x.submittedAt),
                    },
                    {
                      title: '',
                      key: 'o',
                      align: 'right',
                      render: (_, x: TimelinessItem) => (
                        <Link to={entryLink(r.form, x.orgUnit, r.period)}>{t('rep.view')}</Link>
                      ),
                    },
                  ]}
                />
              </>
            )}
          </Card>
        </>
      )}
    </>
  );
}
