import { Alert, Col, Form, type FormInstance, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../../components/UnitPicker';
import { useFields, useLocalName, usePillars } from '../../lib/hooks';
import type { Indicator, ValueType } from '../../lib/types';
import {
  AGGREGATIONS,
  FREQUENCIES,
  optionsOf,
  POLARITIES,
  TIME_AGGREGATIONS,
  UNIT_KINDS,
  VALUE_TYPES,
} from '../indicators/options';

export type IndicatorValues = Omit<Indicator, 'ownerName'>;

export const EMPTY_INDICATOR: Partial<IndicatorValues> = {
  valueType: 'number',
  aggregation: 'sum',
  timeAggregation: 'last',
  polarity: 'higher',
  frequency: 'year',
  decimals: 2,
  ratioScale: 1,
  reportingKinds: [],
  published: false,
};

/** The rules a value type implies (same defaults as the server's catalogue). */
export function defaultsFor(
  valueType: ValueType,
): Pick<IndicatorValues, 'aggregation' | 'timeAggregation' | 'ratioScale'> {
  switch (valueType) {
    case 'ratio':
      return { aggregation: 'ratio', timeAggregation: 'last', ratioScale: 100 };
    case 'boolean':
      return { aggregation: 'min', timeAggregation: 'last', ratioScale: 1 };
    default:
      return { aggregation: 'sum', timeAggregation: 'last', ratioScale: 1 };
  }
}

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

interface Props {
  form: FormInstance<IndicatorValues>;
  editing: boolean;
  onFinish: (values: IndicatorValues) => void;
  /** Told of every change (the unsaved-changes guard). */
  onChange?: () => void;
  serverError?: string | null;
}

/** Create/edit an indicator; every field is checked before it is sent. */
export function IndicatorForm({ form, editing, onFinish, onChange, serverError }: Props) {
  const { t } = useTranslation();
  const localName = useLocalName();
  const pillars = usePillars();
  const fields = useFields();
  const valueType = Form.useWatch('valueType', form) as ValueType | undefined;

  const required = (label: string): Rule => ({
    required: true,
    message: t('form.required', { field: label }),
  });
  const max = (n: number): Rule => ({ max: n, message: t('form.max', { count: n }) });

  return (
    <Form<IndicatorValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      initialValues={EMPTY_INDICATOR}
      scrollToFirstError
      name="indicator"
      onValuesChange={(changed: Partial<IndicatorValues>) => {
        onChange?.();
        if (changed.valueType) form.setFieldsValue(defaultsFor(changed.valueType));
      }}
    >
      {serverError && (
        <Alert type="error" showIcon title={serverError} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('common.code')}
            name="code"
            normalize={(v: string) => v?.toUpperCase().replace(/\s+/g, '_')}
            rules={[required(t('common.code')), { pattern: CODE_RE, message: t('form.codePattern') }]}
            extra={t('form.codeHelp')}
          >
            <Input disabled={editing} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item
            label={t('form.nameVi')}
            name="name"
            rules={[
              required(t('form.nameVi')),
              { whitespace: true, message: t('form.required', { field: t('form.nameVi') }) },
              max(300),
            ]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={24}>
          <Form.Item
            label={t('form.nameEn')}
            name="nameEn"
            rules={[
              required(t('form.nameEn')),
              { whitespace: true, message: t('form.required', { field: t('form.nameEn') }) },
              max(300),
            ]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('form.definitionVi')} name="definition" rules={[max(4000)]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('form.definitionEn')} name="definitionEn" rules={[max(4000)]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('common.pillar')} name="pillar" rules={[required(t('common.pillar'))]}>
            <Select
              loading={pillars.isPending}
              options={(pillars.data ?? []).map((p) => ({ value: p.code, label: localName(p) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label={t('common.field')} name="field" rules={[required(t('common.field'))]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={fields.isPending}
              options={(fields.data ?? []).map((p) => ({ value: p.code, label: localName(p) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('indicators.frequency')}
            name="frequency"
            rules={[required(t('indicators.frequency'))]}
          >
            <Select options={optionsOf(FREQUENCIES, t, 'frequency')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('indicators.valueType')}
            name="valueType"
            rules={[required(t('indicators.valueType'))]}
          >
            <Select options={optionsOf(VALUE_TYPES, t, 'valueType')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('indicators.aggregation')}
            name="aggregation"
            dependencies={['valueType']}
            rules={[
              required(t('indicators.aggregation')),
              ({ getFieldValue }) => ({
                validator(_, v) {
                  const vt = getFieldValue('valueType');
                  if (vt === 'ratio' && v !== 'ratio')
                    return Promise.reject(new Error(t('form.ratioNeedsRatio')));
                  if (vt !== 'ratio' && v === 'ratio')
                    return Promise.reject(new Error(t('form.ratioOnlyForRatio')));
                  if (vt === 'boolean' && !['min', 'max', 'none'].includes(v))
                    return Promise.reject(new Error(t('form.booleanAgg')));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <Select options={optionsOf(AGGREGATIONS, t, 'aggregation')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('indicators.timeAggregation')}
            name="timeAggregation"
            rules={[required(t('indicators.timeAggregation'))]}
          >
            <Select options={optionsOf(TIME_AGGREGATIONS, t, 'timeAggregation')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('indicators.unitOfMeasure')}
            name="unit"
            dependencies={['valueType']}
            rules={[
              max(50),
              ({ getFieldValue }) => ({
                validator(_, v) {
                  if (getFieldValue('valueType') !== 'boolean' && !String(v ?? '').trim())
                    return Promise.reject(
                      new Error(t('form.required', { field: t('indicators.unitOfMeasure') })),
                    );
                  return Promise.resolve();
                },
              }),
            ]}
            extra={t('form.unitHelp')}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            label={t('indicators.polarity')}
            name="polarity"
            rules={[required(t('indicators.polarity'))]}
          >
            <Select options={optionsOf(POLARITIES, t, 'polarity')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            label={t('form.decimals')}
            name="decimals"
            rules={[{ type: 'integer', min: 0, max: 6, message: t('form.decimalsRange') }]}
          >
            <InputNumber min={0} max={6} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item
            label={t('form.ratioScale')}
            name="ratioScale"
            dependencies={['valueType']}
            rules={[
              ({ getFieldValue }) => ({
                validator(_, v) {
                  if (getFieldValue('valueType') !== 'ratio') return Promise.resolve();
                  if (typeof v !== 'number' || !(v > 0))
                    return Promise.reject(new Error(t('form.ratioScalePositive')));
                  return Promise.resolve();
                },
              }),
            ]}
          >
            <InputNumber min={0} disabled={valueType !== 'ratio'} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('indicators.owner')} name="owner">
            <UnitPicker
              allowClear
              onChange={(v) => form.setFieldValue('owner', v ?? null)}
              aria-label={t('indicators.owner')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('indicators.source')} name="source" rules={[max(500)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('indicators.reportingKinds')}
            name="reportingKinds"
            extra={t('form.reportingKindsHelp')}
          >
            <Select mode="multiple" allowClear options={optionsOf(UNIT_KINDS, t, 'unitKind')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('indicators.category')}
            name="category"
            rules={[{ pattern: /^[a-z0-9_]{1,50}$/, message: t('form.categoryPattern') }]}
          >
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            label={t('indicators.formula')}
            name="formula"
            extra={t('form.formulaHelp')}
            rules={[
              max(1000),
              {
                validator(_, v) {
                  const s = String(v ?? '').trim();
                  if (!s) return Promise.resolve();
                  if (!/\{[A-Za-z0-9_.-]+\}/.test(s)) return Promise.reject(new Error(t('form.formulaRefs')));
                  let depth = 0;
                  for (const ch of s) {
                    if (ch === '(') depth++;
                    if (ch === ')') depth--;
                    if (depth < 0) break;
                  }
                  if (depth !== 0) return Promise.reject(new Error(t('form.formulaParens')));
                  if (/[^\s0-9A-Za-z_.{}()+\-*/]/.test(s))
                    return Promise.reject(new Error(t('form.formulaChars')));
                  return Promise.resolve();
                },
              },
            ]}
          >
            <Input placeholder="{KTS_DN_NTS} / {KTS_DN_TONG} * 100" style={{ fontFamily: 'monospace' }} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item
            label={t('form.published')}
            name="published"
            valuePropName="checked"
            extra={t('form.publishedHelp')}
          >
            <Switch />
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
