/**
 * The data-entry page of one report: choose form × unit × period, then the entry workspace.
 * Route: /reports/entry?form=&unit=&period=
 */
import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState, ErrorState, PageSkeleton, PageTitle } from '../../components/PageStates';
import { PrintLinks } from '../../components/PrintLinks';
import { UnitPicker } from '../../components/UnitPicker';
import { useLang } from '../../lib/hooks';
import { useSearchPatch } from '../../lib/searchParams';
import { EntryWorkspace } from './EntryWorkspace';
import {
  currentPeriod,
  FormPeriodSelect,
  FormSelect,
  formName,
  useFormPeriods,
  useForms,
  useMeFull,
} from './shared';

export default function EntryPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, set] = useSearchPatch();
  const forms = useForms();
  const me = useMeFull();
  const formCode = params.get('form') ?? forms.data?.[0]?.code ?? null;
  const form = forms.data?.find((f) => f.code === formCode);
  const periods = useFormPeriods(formCode);
  const unit = params.get('unit') ?? me.data?.permissions?.writeDataIn?.[0] ?? me.data?.home ?? null;
  const period = params.get('period') ?? currentPeriod(periods.items)?.period ?? null;

  if (forms.isError) return <ErrorState error={forms.error} onRetry={() => forms.refetch()} />;
  if (forms.isPending) return <PageSkeleton />;

  return (
    <>
      <PageTitle
        title={t('rep.entryTitle')}
        sub={form ? formName(form, lang) : undefined}
        extra={
          <>
            {form && unit && period && (
              <PrintLinks
                path={`/api/forms/${encodeURIComponent(form.code)}/entry/print`}
                query={{ orgUnit: unit, period }}
              />
            )}
            <Link to="/reports">{t('rep.title')}</Link>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <FormSelect
            forms={forms.data}
            value={formCode ?? undefined}
            placeholder={t('rep.chooseForm')}
            onChange={(v: string) => set({ form: v, period: undefined })}
          />
          <UnitPicker
            value={unit}
            kind={form?.unitsWithin?.kind}
            onChange={(v) => set({ unit: v })}
            aria-label={t('rep.unit')}
          />
          <FormPeriodSelect form={formCode} value={period} onChange={(p) => set({ period: p })} />
        </Space>
      </Card>
      {form && unit && period ? (
        <EntryWorkspace key={`${form.code}|${unit}|${period}`} form={form} unit={unit} period={period} />
      ) : periods.isPending || me.isPending ? (
        <PageSkeleton />
      ) : (
        <Card>
          <EmptyState description={t('rep.chooseAll')} />
        </Card>
      )}
    </>
  );
}
