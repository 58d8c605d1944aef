/** Report forms with their schedule and this period's status for the user's units. Route: /reports */
import { CalendarOutlined, CopyOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Modal, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, PageSkeleton, PageTitle } from '../../components/PageStates';
import { api } from '../../lib/api';
import { formatDate, formatDateTime, formatShare } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { periodLabel } from '../../lib/period';
import { ExcelPanel } from './ExcelPanel';
import {
  currentPeriod,
  entryLink,
  FormPeriodSelect,
  formName,
  SubmissionTag,
  TimelinessTag,
  UnitName,
  useFormPeriods,
  useForms,
  useMeFull,
} from './shared';
import type { ReportForm, TimelinessItem, TimelinessReport } from './types';

const FormEditorDrawer = lazy(() => import('./FormEditor'));
const HolidaysDrawer = lazy(() => import('./HolidaysDrawer'));

/**
 * May the user create forms (somewhere: the server checks each form's units against the grant's
 * subtree) and edit the province-wide holiday calendar (GET /api/me permissions)?
 */
function useCanManage(): { forms: boolean; calendar: boolean } {
  const me = useMeFull();
  const p = me.data?.permissions;
  const admin = !!me.data?.user?.isAdmin;
  return {
    forms: admin || (p?.manageFormsIn?.length ?? 0) > 0,
    calendar: admin || !!p?.manageCalendar,
  };
}

export default function ReportsPage() {
  const { t } = useTranslation();
  const forms = useForms();
  const canManage = useCanManage();
  // undefined: closed; null: a new form; a form: a copy of it
  const [editing, setEditing] = useState<ReportForm | null | undefined>(undefined);
  const [holidays, setHolidays] = useState(false);
  if (forms.isError) return <ErrorState error={forms.error} onRetry={() => forms.refetch()} />;
  if (forms.isPending) return <PageSkeleton />;
  return (
    <>
      <PageTitle
        title={t('rep.title')}
        sub={t('rep.intro')}
        extra={
          <>
            <Link to="/reports/late">{t('rep.lateUnits')}</Link>
            <Link to="/reports/timeliness">{t('rep.timelinessTitle')}</Link>
            {canManage.calendar && (
              <Button icon={<CalendarOutlined />} onClick={() => setHolidays(true)}>
                {t('rep.hol.open')}
              </Button>
            )}
            {canManage.forms && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
                {t('rep.ed.new')}
              </Button>
            )}
          </>
        }
      />
      {forms.data.length === 0 ? (
        <Card>
          <EmptyState description={t('rep.noForms')} />
        </Card>
      ) : (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          {forms.data.map((f) => (
            <FormCard key={f.code} form={f} onCopy={canManage.forms ? () => setEditing(f) : undefined} />
          ))}
        </Space>
      )}
      <Suspense fallback={null}>
        {canManage.forms && editing !== undefined && (
          <FormEditorDrawer open copyFrom={editing} onClose={() => setEditing(undefined)} />
        )}
        {canManage.calendar && holidays && <HolidaysDrawer open onClose={() => setHolidays(false)} />}
      </Suspense>
    </>
  );
}

function FormCard({ form, onCopy }: { form: ReportForm; onCopy?: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const periods = useFormPeriods(form.code);
  const [chosen, setChosen] = useState<string | undefined>();
  const [excel, setExcel] = useState(false);
  const current = currentPeriod(periods.items);
  const period = chosen ?? current?.period;
  const sch = periods.items.find((p) => p.period === period);
  const report = useQuery({
    queryKey: ['timeliness', form.code, period],
    queryFn: () => api<TimelinessReport>('/reports/timeliness', { query: { form: form.code, period } }),
    enabled: !!period,
  });

  return (
    <Card
      data-form={form.code}
      title={
        <Space wrap>
          <span>{formName(form, lang)}</span>
          <Tag>{form.code}</Tag>
          <Tag color="blue">{t(`frequency.${form.periodType}`)}</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          <FormPeriodSelect form={form.code} value={period} onChange={setChosen} />
          <Button icon={<FileExcelOutlined />} onClick={() => setExcel(true)} disabled={!period}>
            {t('rep.excel')}
          </Button>
          {onCopy && (
            <Button
              icon={<CopyOutlined />}
              onClick={onCopy}
              aria-label={t('rep.ed.copy')}
              title={t('rep.ed.copy')}
            />
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('rep.indicatorCount', { count: form.indicators.length })} ·{' '}
        {t('rep.dueRule', { days: form.dueWorkingDays, lock: form.lockDays })}
      </Typography.Paragraph>
      {periods.isError && <ErrorState error={periods.error} />}
      {sch && (
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 5 }}
          items={[
            {
              key: 'p',
              label: t('rep.thisPeriod'),
              children: <strong>{periodLabel(sch.period, lang)}</strong>,
            },
            {
              key: 'w',
              label: t('rep.window'),
              children: `${formatDate(sch.window.from)} – ${formatDate(sch.window.to)}`,
            },
            { key: 'o', label: t('rep.opensOn'), children: formatDate(sch.opensOn) },
            { key: 'd', label: t('rep.dueDate'), children: <strong>{formatDate(sch.dueDate)}</strong> },
            { key: 'l', label: t('rep.lockOn'), children: formatDate(sch.lockOn) },
          ]}
        />
      )}
      {report.isError && <ErrorState error={report.error} onRetry={() => report.refetch()} />}
      {report.data && (
        <>
          <Space size={32} wrap style={{ margin: '12px 0' }}>
            <Statistic title={t('rep.expected')} value={report.data.expected} />
            <Statistic title={t('rep.submitted')} value={report.data.submitted} />
            <Statistic title={t('rep.late')} value={report.data.late} />
            <Statistic title={t('rep.overdue')} value={report.data.overdue} />
            <Statistic title={t('rep.completeness')} value={formatShare(report.data.completeness, lang)} />
          </Space>
          {report.data.items.length === 0 ? (
            <EmptyState description={t('rep.noUnits')} />
          ) : (
            <UnitTable form={form.code} period={report.data.period} items={report.data.items} />
          )}
        </>
      )}
      <Modal
        open={excel}
        onCancel={() => setExcel(false)}
        footer={null}
        width={760}
        title={`${t('rep.excelTitle')} — ${formName(form, lang)} · ${periodLabel(period, lang)}`}
        destroyOnHidden
      >
        {period && <ExcelPanel form={form.code} period={period} />}
      </Modal>
    </Card>
  );
}

function UnitTable({ form, period, items }: { form: string; period: string; items: TimelinessItem[] }) {
  const { t } = useTranslation();
  return (
    <Table
      rowKey="orgUnit"
      size="small"
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20 } : false}
      columns={[
        {
          title: t('rep.unit'),
          key: 'unit',
          render: (_, r) => <UnitName name={r.name} code={r.orgUnit} />,
        },
        {
          title: t('rep.status'),
          key: 'sub',
          render: (_, r) => <SubmissionTag status={r.submissionStatus} />,
        },
        { title: t('rep.timeliness'), key: 'time', render: (_, r) => <TimelinessTag status={r.status} /> },
        { title: t('rep.submittedAt'), key: 'at', render: (_, r) => formatDateTime(r.submittedAt) },
        {
          title: '',
          key: 'open',
          align: 'right',
          render: (_, r) => (
            <Link to={entryLink(form, r.orgUnit, period)}>
              {r.submissionStatus === 'approved' ? t('rep.view') : t('rep.open')}
            </Link>
          ),
        },
      ]}
    />
  );
}
