/** New plan or change one, in a modal. Validation problems from the API go onto their fields. */
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../../components/UnitPicker';
import { useSavePlan } from './api';
import { FormModal } from './FormModal';
import { blank, DateField, FieldRow, PeriodField } from './fields';
import './messages';
import type { Plan } from './types';

const PLAN_STATUSES = ['draft', 'active', 'completed', 'cancelled'] as const;

interface PlanValues {
  code: string;
  name: string;
  nameEn?: string | null;
  issuingBody?: string | null;
  documentNumber?: string | null;
  documentDate?: string | null;
  periodFrom?: string;
  periodTo?: string;
  scopeUnit?: string;
  status: string;
}

/** New plan (plan = null) or change one. */
export function PlanFormModal({
  open,
  plan,
  onClose,
}: {
  open: boolean;
  plan: Plan | null;
  onClose: (saved?: Plan) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<PlanValues>();
  const savePlan = useSavePlan(plan?.code ?? null);
  const initial: Partial<PlanValues> = plan
    ? {
        code: plan.code,
        name: plan.name,
        nameEn: plan.nameEn,
        issuingBody: plan.issuingBody,
        documentNumber: plan.documentNumber,
        documentDate: plan.documentDate,
        periodFrom: plan.periodFrom,
        periodTo: plan.periodTo,
        scopeUnit: plan.scopeUnit,
        status: plan.status,
      }
    : { status: 'active' };

  async function save(v: PlanValues) {
    const body = {
      name: v.name?.trim(),
      nameEn: blank(v.nameEn),
      issuingBody: blank(v.issuingBody),
      documentNumber: blank(v.documentNumber),
      documentDate: blank(v.documentDate),
      periodFrom: v.periodFrom,
      periodTo: v.periodTo,
      scopeUnit: v.scopeUnit,
      status: v.status,
    };
    onClose(await savePlan.mutateAsync(plan ? body : { code: v.code?.trim(), ...body }));
  }

  return (
    <FormModal
      open={open}
      title={plan ? t('plans.form.editPlan') : t('plans.form.newPlan')}
      form={form}
      name="plan"
      initialValues={initial}
      save={save}
      onCancel={() => onClose()}
      saving={savePlan.isPending}
    >
      <Form.Item
        name="code"
        label={t('plans.code')}
        rules={[{ required: true, message: t('plans.form.required') }]}
        extra={t('plans.form.codeHint')}
      >
        <Input disabled={!!plan} maxLength={64} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t('plans.name')}
        rules={[{ required: true, whitespace: true, message: t('plans.form.required') }]}
      >
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="nameEn" label={t('plans.form.nameEn')}>
        <Input maxLength={500} />
      </Form.Item>
      <Form.Item name="issuingBody" label={t('plans.issuingBody')}>
        <Input maxLength={300} />
      </Form.Item>
      <FieldRow>
        <Form.Item name="documentNumber" label={t('plans.form.documentNumber')} style={{ flex: 1 }}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="documentDate" label={t('plans.documentDate')} style={{ flex: 1 }}>
          <DateField />
        </Form.Item>
      </FieldRow>
      <FieldRow>
        <Form.Item
          name="periodFrom"
          label={t('plans.form.periodFrom')}
          rules={[{ required: true, message: t('plans.form.required') }]}
          style={{ flex: 1 }}
        >
          <PeriodField />
        </Form.Item>
        <Form.Item
          name="periodTo"
          label={t('plans.form.periodTo')}
          rules={[{ required: true, message: t('plans.form.required') }]}
          style={{ flex: 1 }}
        >
          <PeriodField />
        </Form.Item>
      </FieldRow>
      <Form.Item
        name="scopeUnit"
        label={t('plans.form.scopeUnit')}
        rules={[{ required: true, message: t('plans.form.required') }]}
      >
        <UnitPicker aria-label={t('plans.form.scopeUnit')} onChange={() => undefined} />
      </Form.Item>
      <Form.Item name="status" label={t('plans.status')}>
        <Select options={PLAN_STATUSES.map((s) => ({ value: s, label: t(`plans.planStatus.${s}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
