/** New plan or change one, in a modal. Validation problems from the API go onto their fields. */
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../../components/UnitPicker';
import { applyServerErrors } from '../../lib/formErrors';
import { useSavePlan } from './api';
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
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) setError(null);
  }, [open]);
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
    setError(null);
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
    try {
      onClose(await savePlan.mutateAsync(plan ? body : { code: v.code?.trim(), ...body }));
    } catch (err) {
      setError(applyServerErrors(form, err).message);
    }
  }

  return (
    <Modal
      open={open}
      title={plan ? t('plans.form.editPlan') : t('plans.form.newPlan')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText={t('plans.save')}
      cancelText={t('common.cancel')}
      confirmLoading={savePlan.isPending}
      destroyOnHidden
      width={720}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="plan" layout="vertical" initialValues={initial} onFinish={save}>
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
      </Form>
    </Modal>
  );
}
