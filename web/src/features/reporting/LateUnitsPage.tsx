/** Units late or overdue in a period (đơn vị chậm trễ), one form or every form of the period. Route: /reports/late */
import { useQuery } from '@tanstack/react-query';
import { Card, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, PageTitle } from '../../components/PageStates';
import { PeriodPicker } from '../../components/PeriodPicker';
import { api } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { periodLabel, recentPeriods } from '../../lib/period';
import { useSearchPatch } from '../../lib/searchParams';
import {
  entryLink,
  FormPeriodSelect,
  FormSelect,
  formName,
  SubmissionTag,
  TimelinessTag,
  UnitName,
  useForms,
} from './shared';
import type { LateItem } from './types';

export default function LateUnitsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const forms = useForms();
  const [params, set] = useSearchPatch();
  const form = params.get('form') ?? undefined;
  const period = params.get('period') ?? recentPeriods('month', 1)[0];
  const late = useQuery({
    queryKey: ['late-units', form, period],
    queryFn: () => api<{ period: string; items: LateItem[] }>('/reports/late', { query: { period, form } }),
  });
  const byCode = new Map((forms.data ?? []).map((f) => [f.code, f]));

  return (
    <>
      <PageTitle
        title={t('rep.lateUnits')}
        sub={periodLabel(period, lang)}
        extra={
          <>
            <Link to="/reports">{t('rep.title')}</Link>
            <Link to={`/reports/timeliness?${new URLSearchParams({ ...(form ? { form } : {}), period })}`}>
              {t('rep.timelinessTitle')}
            </Link>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <FormSelect
            forms={forms.data}
            allowClear
            placeholder={t('rep.allForms')}
            value={form}
            loading={forms.isPending}
            onChange={(v: string | undefined) => {
              const f = v ? byCode.get(v) : undefined;
              const keep = f && period && new RegExp(f.periodType === 'month' ? 'M' : 'Q').test(period);
              set({ form: v, period: keep || !f ? period : undefined });
            }}
          />
          {form ? (
            <FormPeriodSelect form={form} value={period} onChange={(p) => set({ period: p })} />
          ) : (
            <PeriodPicker value={period} onChange={(p) => set({ period: p })} />
          )}
        </Space>
      </Card>
      <Card>
        {late.isError ? (
          <ErrorState error={late.error} onRetry={() => late.refetch()} />
        ) : (
          <Table
            data-testid="late-units"
            rowKey={(r) => `${r.form}-${r.orgUnit}`}
            size="small"
            loading={late.isPending}
            dataSource={late.data?.items ?? []}
            pagination={(late.data?.items.length ?? 0) > 30 ? { pageSize: 30 } : false}
            locale={{ emptyText: <EmptyState description={t('rep.noLate')} /> }}
            columns={[
              {
                title: t('rep.unit'),
                key: 'unit',
                render: (_, r: LateItem) => <UnitName name={r.name} code={r.orgUnit} />,
              },
              {
                title: t('rep.form'),
                key: 'form',
                render: (_, r: LateItem) => formName(byCode.get(r.form) ?? { name: r.formName }, lang),
              },
              {
                title: t('rep.timeliness'),
                key: 'st',
                render: (_, r: LateItem) => <TimelinessTag status={r.status} />,
              },
              {
                title: t('rep.status'),
                key: 'sub',
                render: (_, r: LateItem) => <SubmissionTag status={r.submissionStatus} />,
              },
              { title: t('rep.dueDate'), key: 'due', render: (_, r: LateItem) => formatDate(r.dueDate) },
              {
                title: t('rep.submittedAt'),
                key: 'at',
                render: (_, r: LateItem) => formatDateTime(r.submittedAt),
              },
              {
                title: t('rep.daysLate'),
                key: 'days',
                align: 'right',
                sorter: (a: LateItem, b: LateItem) => a.daysLate - b.daysLate,
                render: (_, r: LateItem) => (
                  <Tag color={r.status === 'overdue' ? 'error' : 'warning'}>
                    {t('rep.daysLateN', { count: r.daysLate })}
                  </Tag>
                ),
              },
              {
                title: '',
                key: 'open',
                align: 'right',
                render: (_, r: LateItem) => (
                  <Link to={entryLink(r.form, r.orgUnit, period)}>{t('rep.view')}</Link>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
