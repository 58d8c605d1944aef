/** New target of a plan or change one, in a modal. Validation problems from the API go onto their fields. */
import { Form, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../../components/UnitPicker';
import { useSaveTarget } from './api';
import { FormModal } from './FormModal';
import { blank, FieldRow, IndicatorField, PeriodField, UnitsField } from './fields';
import './messages';
import type { Plan, TargetDetail } from './types';

const KINDS = ['district', 'commune', 'hamlet', 'department', 'agency', 'community_team'] as const;

interface TargetValues {
  indicator?: string;
  scopeMode: 'unit' | 'level';
  orgUnit?: string;
  level?: number | null;
  kind?: string | null;
  baseline?: { value?: number | null; period?: string | null };
  target?: { value?: number | null; period?: string; comparator?: string | null };
  leadUnit?: string | null;
  cooperatingUnits?: string[];
  responsiblePerson?: string | null;
  notes?: string | null;
}

type TargetDefinition = TargetDetail['definition'];

/** New target of a plan (definition = null) or change one. */
export function TargetFormModal({
  open,
  plan,
  definition,
  onClose,
}: {
  open: boolean;
  plan: Pick<Plan, 'code' | 'scopeUnit'>;
  definition: TargetDefinition | null;
  onClose: (saved?: TargetDefinition) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TargetValues>();
  const saveTarget = useSaveTarget(definition?.id ?? null, plan.code);
  const mode = Form.useWatch('scopeMode', form);
  const d = definition;
  const initial: TargetValues = d
    ? {
        indicator: d.indicator,
        scopeMode: d.level ? 'level' : 'unit',
        orgUnit: d.orgUnit,
        level: d.level,
        kind: d.kind,
        baseline: { value: d.baseline.value, period: d.baseline.period },
        target: { value: d.target.value, period: d.target.period, comparator: d.target.comparator },
        leadUnit: d.leadUnit,
        cooperatingUnits: d.cooperatingUnits,
        responsiblePerson: d.responsiblePerson,
        notes: d.notes,
      }
    : { scopeMode: 'unit', orgUnit: plan.scopeUnit, cooperatingUnits: [] };

  async function save(v: TargetValues) {
    const level = v.scopeMode === 'level';
    const body = {
      plan: plan.code,
      indicator: v.indicator,
      orgUnit: v.orgUnit,
      level: level ? (v.level ?? null) : null,
      kind: level ? (v.kind ?? null) : null,
      baseline: {
        value: v.baseline?.value ?? null,
        ...(v.baseline?.period ? { period: v.baseline.period } : {}),
      },
      target: {
        value: v.target?.value ?? undefined,
        period: v.target?.period,
        ...(v.target?.comparator ? { comparator: v.target.comparator } : {}),
      },
      leadUnit: v.leadUnit ?? null,
      cooperatingUnits: v.cooperatingUnits ?? [],
      responsiblePerson: blank(v.responsiblePerson),
      notes: blank(v.notes),
    };
    onClose(await saveTarget.mutateAsync(body));
  }

  const required = [{ required: true, message: t('plans.form.required') }];
  return (
    <FormModal
      open={open}
      title={d ? t('plans.form.editTarget') : t('plans.form.newTarget')}
      form={form}
      name="target"
      initialValues={initial}
      save={save}
      onCancel={() => onClose()}
      saving={saveTarget.isPending}
      width={760}
    >
      <Form.Item name="indicator" label={t('plans.indicator')} rules={required}>
        <IndicatorField />
      </Form.Item>
      <Form.Item name="scopeMode" label={t('plans.form.scope')}>
        <Radio.Group
          options={[
            { value: 'unit', label: t('plans.form.scopeUnitOnly') },
            { value: 'level', label: t('plans.form.scopeLevel') },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="orgUnit"
        label={mode === 'level' ? t('plans.form.insideUnit') : t('plans.unit')}
        rules={required}
      >
        <UnitPicker
          aria-label={mode === 'level' ? t('plans.form.insideUnit') : t('plans.unit')}
          onChange={() => undefined}
        />
      </Form.Item>
      {mode === 'level' && (
        <FieldRow>
          <Form.Item name="level" label={t('plans.level')} rules={required} style={{ flex: 1 }}>
            <Select
              options={[2, 3, 4].map((l) => ({ value: l, label: t(`plans.level.${l}`) }))}
              placeholder={t('plans.level')}
            />
          </Form.Item>
          <Form.Item name="kind" label={t('plans.form.kind')} style={{ flex: 1 }}>
            <Select
              allowClear
              placeholder={t('plans.form.anyKind')}
              options={KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))}
            />
          </Form.Item>
        </FieldRow>
      )}
      <FieldRow>
        <Form.Item
          name={['baseline', 'value']}
          label={t('plans.form.baselineValue')}
          extra={t('plans.form.baselineHint')}
          style={{ flex: 1 }}
        >
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name={['baseline', 'period']} label={t('plans.form.baselinePeriod')} style={{ flex: 1 }}>
          <PeriodField allowClear />
        </Form.Item>
      </FieldRow>
      <FieldRow>
        <Form.Item name={['target', 'comparator']} label={t('plans.form.comparator')} style={{ flex: 1 }}>
          <Select
            allowClear
            placeholder={t('plans.form.comparatorDefault')}
            options={[
              { value: '>=', label: `≥ ${t('plans.form.atLeast')}` },
              { value: '<=', label: `≤ ${t('plans.form.atMost')}` },
              { value: '=', label: `= ${t('plans.form.exactly')}` },
            ]}
          />
        </Form.Item>
        <Form.Item
          name={['target', 'value']}
          label={t('plans.form.targetValue')}
          rules={required}
          style={{ flex: 1 }}
        >
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name={['target', 'period']}
          label={t('plans.form.deadline')}
          rules={required}
          style={{ flex: 1 }}
        >
          <PeriodField />
        </Form.Item>
      </FieldRow>
      <Form.Item name="leadUnit" label={t('plans.leadUnit')}>
        <UnitPicker aria-label={t('plans.leadUnit')} allowClear onChange={() => undefined} />
      </Form.Item>
      <Form.Item name="cooperatingUnits" label={t('plans.form.cooperatingUnits')}>
        <UnitsField />
      </Form.Item>
      <Form.Item name="responsiblePerson" label={t('plans.responsible')}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="notes" label={t('plans.form.notes')}>
        <Input.TextArea rows={2} maxLength={10000} />
      </Form.Item>
    </FormModal>
  );
}
