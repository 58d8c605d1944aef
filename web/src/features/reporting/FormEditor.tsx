/**
 * The report-form editor (drawer opened from ReportsPage): code, names, period type, indicators,
 * reporting units (a list, or level + kind inside a unit), deadlines, approval levels and validation
 * rules, with this year's schedule previewed from the same rules the server uses
 * (src/domain/reporting.ts scheduleFor, with the stored holiday calendar).
 *
 * The API creates forms only (POST /api/forms; there is no update endpoint), so an existing form is
 * edited by copying it into a new one.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Drawer,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPeriod, type Period, type PeriodType, shift } from '../../../../src/domain/period';
import { holidaySet, scheduleFor } from '../../../../src/domain/reporting';
import { UnitPicker } from '../../components/UnitPicker';
import { ApiError, api, errorMessage } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useLang, useOrgUnits } from '../../lib/hooks';
import { periodLabel, todayIso } from '../../lib/period';
import type { Indicator, Page } from '../../lib/types';
import { useDebounced } from '../../lib/useDebounced';
import './messages';
import { applyServerErrors } from '../../lib/formErrors';
import { useFormDirty } from '../../lib/unsavedGuard';
import { useCreateForm, useHolidays } from './api';
import type { ReportForm } from './types';

const PERIOD_TYPES: PeriodType[] = ['month', 'quarter', 'half', 'nine_months', 'year'];
const OPERATORS = ['==', '!=', '<', '<=', '>', '>='] as const;
const KINDS = ['province', 'district', 'commune', 'hamlet', 'department', 'agency', 'community_team'];

interface RuleValues {
  kind: 'compare' | 'change';
  code: string;
  left?: string;
  operator?: (typeof OPERATORS)[number];
  right?: string;
  /** Percent in the editor (50 = 50 %); the API takes a share (0.5). */
  threshold?: number;
  indicator?: string;
  importance: 'error' | 'warning';
  messageVi?: string;
  messageEn?: string;
}

interface EditorValues {
  code: string;
  name: string;
  nameEn?: string;
  periodType: PeriodType;
  indicators: string[];
  unitMode: 'list' | 'within';
  units?: string[];
  withinUnit?: string;
  level?: number | null;
  kind?: string;
  dueWorkingDays: number;
  reminderDays: number;
  lockDays: number;
  approvalLevels: number;
  rules?: RuleValues[];
}

interface StoredRule {
  kind?: 'compare' | 'change';
  code: string;
  left?: string;
  operator?: (typeof OPERATORS)[number];
  right?: string;
  threshold?: number;
  indicator?: string;
  importance: 'error' | 'warning';
  message?: { vi?: string; en?: string };
}

const DEFAULTS: Partial<EditorValues> = {
  periodType: 'month',
  indicators: [],
  unitMode: 'list',
  units: [],
  dueWorkingDays: 5,
  reminderDays: 3,
  lockDays: 30,
  approvalLevels: 1,
  rules: [],
};

function valuesOf(f: ReportForm): Partial<EditorValues> {
  return {
    code: `${f.code}_COPY`.slice(0, 64),
    name: f.name,
    nameEn: f.nameEn || undefined,
    periodType: f.periodType,
    indicators: f.indicators,
    unitMode: f.unitsWithin ? 'within' : 'list',
    units: f.units ?? [],
    withinUnit: f.unitsWithin?.orgUnit,
    level: f.unitsWithin?.level ?? null,
    kind: f.unitsWithin?.kind,
    dueWorkingDays: f.dueWorkingDays,
    reminderDays: f.reminderDays,
    lockDays: f.lockDays,
    approvalLevels: f.approvalLevels,
    rules: (f.rules as StoredRule[]).map((r) => ({
      kind: r.kind === 'change' ? 'change' : 'compare',
      code: r.code,
      left: r.left,
      operator: r.operator,
      right: r.right,
      threshold: r.threshold !== undefined ? Math.round(r.threshold * 10000) / 100 : undefined,
      indicator: r.indicator,
      importance: r.importance,
      messageVi: r.message?.vi,
      messageEn: r.message?.en,
    })),
  };
}

/** The POST /api/forms body of the editor's values. */
export function bodyOf(v: EditorValues): Record<string, unknown> {
  const message = (r: RuleValues) =>
    r.messageVi || r.messageEn
      ? {
          message: {
            ...(r.messageVi ? { vi: r.messageVi } : {}),
            ...(r.messageEn ? { en: r.messageEn } : {}),
          },
        }
      : {};
  const rules = (v.rules ?? []).map((r) =>
    r.kind === 'change'
      ? {
          kind: 'change',
          code: r.code,
          ...(r.indicator ? { indicator: r.indicator } : {}),
          threshold: (r.threshold ?? 0) / 100,
          importance: r.importance,
          ...message(r),
        }
      : {
          code: r.code,
          left: r.left ?? '',
          operator: r.operator ?? '<=',
          right: r.right ?? '',
          importance: r.importance,
          ...message(r),
        },
  );
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    ...(v.nameEn?.trim() ? { nameEn: v.nameEn.trim() } : {}),
    periodType: v.periodType,
    indicators: v.indicators,
    ...(v.unitMode === 'within'
      ? {
          unitsWithin: {
            orgUnit: v.withinUnit,
            ...(v.level ? { level: v.level } : {}),
            ...(v.kind ? { kind: v.kind } : {}),
          },
        }
      : { units: v.units ?? [] }),
    dueWorkingDays: v.dueWorkingDays,
    reminderDays: v.reminderDays,
    lockDays: v.lockDays,
    approvalLevels: v.approvalLevels,
    rules,
  };
}

/** Remember labels of options seen in searches, so chosen values keep their names. */
function useLabels() {
  const [labels, setLabels] = useState<Map<string, string>>(() => new Map());
  const remember = (items: Array<{ value: string; label: string }>) => {
    if (items.every((i) => labels.get(i.value) === i.label)) return;
    setLabels((m) => {
      const n = new Map(m);
      for (const i of items) n.set(i.value, i.label);
      return n;
    });
  };
  return { labels, remember };
}

function withChosen(
  options: Array<{ value: string; label: string }>,
  chosen: string[] | undefined,
  labels: Map<string, string>,
) {
  const out = [...options];
  for (const c of chosen ?? [])
    if (!out.some((o) => o.value === c)) out.unshift({ value: c, label: labels.get(c) ?? c });
  return out;
}

interface MultiSelectProps {
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}

/** A multiple select whose options come from a server search (typed text debounced); chosen values keep their labels. */
function SearchMultiSelect({
  value,
  onChange,
  id,
  ariaLabel,
  placeholder,
  useOptions,
}: MultiSelectProps & {
  ariaLabel: string;
  placeholder: string;
  useOptions: (q: string) => {
    options: Array<{ value: string; label: string }>;
    isFetching: boolean;
    isError: boolean;
  };
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const debounced = useDebounced(q);
  const { options, isFetching, isError } = useOptions(debounced);
  const { labels, remember } = useLabels();
  useEffect(() => remember(options));
  return (
    <Select
      id={id}
      mode="multiple"
      aria-label={ariaLabel}
      value={value}
      onChange={onChange}
      options={withChosen(options, value, labels)}
      loading={isFetching}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onBlur={() => setQ('')}
      placeholder={placeholder}
      notFoundContent={isError ? t('errors.loadFailed') : t('common.noMatch')}
    />
  );
}

/** Indicators of the form's period type that can be entered (no formula, no disaggregation). */
function IndicatorSelect({ periodType, ...props }: MultiSelectProps & { periodType: PeriodType }) {
  const { t } = useTranslation();
  const lang = useLang();
  const useOptions = (q: string) => {
    const list = useQuery({
      queryKey: ['indicators', 'form-editor', periodType, q],
      queryFn: () =>
        api<Page<Indicator>>('/indicators', {
          query: { q: q || undefined, frequency: periodType, limit: 50 },
        }),
      staleTime: 60_000,
    });
    const options = (list.data?.items ?? [])
      .filter((i) => !i.formula && !i.category)
      .map((i) => ({ value: i.code, label: `${lang === 'en' && i.nameEn ? i.nameEn : i.name} (${i.code})` }));
    return { options, isFetching: list.isFetching, isError: list.isError };
  };
  return (
    <SearchMultiSelect
      {...props}
      ariaLabel={t('rep.ed.indicators')}
      placeholder={t('rep.ed.indicatorsHelp')}
      useOptions={useOptions}
    />
  );
}

/** Several org units, searched on the server (diacritics ignored). */
function UnitsSelect(props: MultiSelectProps) {
  const { t } = useTranslation();
  const useOptions = (q: string) => {
    const list = useOrgUnits({ q: q || undefined, limit: 50 });
    const options = (list.data?.items ?? []).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }));
    return { options, isFetching: list.isFetching, isError: list.isError };
  };
  return (
    <SearchMultiSelect
      {...props}
      ariaLabel={t('rep.ed.units')}
      placeholder={t('common.chooseUnit')}
      useOptions={useOptions}
    />
  );
}

/** This year's periods of a period type with their dates, as the server will compute them. */
function SchedulePreview({
  periodType,
  dueWorkingDays,
  reminderDays,
  lockDays,
}: {
  periodType: PeriodType;
  dueWorkingDays: number;
  reminderDays: number;
  lockDays: number;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const hol = useHolidays();
  const year = Number(todayIso().slice(0, 4));
  const rows = useMemo(() => {
    if (!hol.data) return [];
    const hs = holidaySet(hol.data.holidays);
    const s = { dueWorkingDays, reminderDays, lockDays };
    const out = [];
    for (let p: Period = { type: periodType, year, index: 1 }; p.year === year; p = shift(p, 1)) {
      out.push({ period: formatPeriod(p), ...scheduleFor(p, s, hs) });
      if (p.type === 'year' || p.type === 'nine_months') break;
    }
    return out;
  }, [hol.data, periodType, year, dueWorkingDays, reminderDays, lockDays]);
  if (hol.isError) return <Alert type="error" showIcon title={errorMessage(hol.error)} />;
  return (
    <Table
      data-testid="schedule-preview"
      rowKey="period"
      size="small"
      loading={hol.isPending}
      dataSource={rows}
      pagination={false}
      columns={[
        { title: t('rep.thisPeriod'), key: 'p', render: (_, r) => periodLabel(r.period, lang) },
        {
          title: t('rep.window'),
          key: 'w',
          render: (_, r) => `${formatDate(r.window.from)} – ${formatDate(r.window.to)}`,
        },
        { title: t('rep.remindOn'), key: 'r', render: (_, r) => formatDate(r.remindOn) },
        { title: t('rep.dueDate'), key: 'd', render: (_, r) => <strong>{formatDate(r.dueDate)}</strong> },
        { title: t('rep.lockOn'), key: 'l', render: (_, r) => formatDate(r.lockOn) },
      ]}
    />
  );
}

export function FormEditorDrawer({
  open,
  onClose,
  copyFrom,
}: {
  open: boolean;
  onClose: () => void;
  /** Start from an existing form (saved under a new code). */
  copyFrom?: ReportForm | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const createForm = useCreateForm();
  const [form] = Form.useForm<EditorValues>();
  const [saving, setSaving] = useState(false);
  const guard = useFormDirty(open);
  const [error, setError] = useState<ApiError | Error | null>(null);
  const periodType = (Form.useWatch('periodType', form) ?? 'month') as PeriodType;
  const unitMode = Form.useWatch('unitMode', form) ?? 'list';
  const dueWorkingDays = Form.useWatch('dueWorkingDays', form) ?? 0;
  const reminderDays = Form.useWatch('reminderDays', form) ?? 0;
  const lockDays = Form.useWatch('lockDays', form) ?? 0;
  const chosenIndicators = (Form.useWatch('indicators', form) ?? []) as string[];
  const rules = (Form.useWatch('rules', form) ?? []) as Array<RuleValues | undefined>;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(copyFrom ? { ...DEFAULTS, ...valuesOf(copyFrom) } : DEFAULTS);
    setError(null);
  }, [open, copyFrom, form]);

  const save = async (v: EditorValues) => {
    setSaving(true);
    setError(null);
    try {
      const created = await createForm.mutateAsync(bodyOf(v));
      guard.reset();
      message.success(t('rep.ed.created', { code: created.code }));
      onClose();
    } catch (err) {
      // details naming a field go onto it too; the alert lists them all
      applyServerErrors(form, err);
      setError(err as Error);
    } finally {
      setSaving(false);
    }
  };

  const details = error instanceof ApiError ? error.details : [];
  const required = { required: true, message: t('rep.ed.required') };
  const codeRules = [required, { pattern: /^[A-Za-z0-9._-]{1,64}$/, message: t('rep.ed.codeRule') }];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={880}
      destroyOnHidden
      title={copyFrom ? t('rep.ed.copyTitle', { code: copyFrom.code }) : t('rep.ed.title')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="form-save">
            {t('rep.ed.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('rep.ed.createOnly')}
      </Typography.Paragraph>
      <Form<EditorValues>
        form={form}
        name="form-editor"
        layout="vertical"
        onFinish={save}
        onValuesChange={guard.onValuesChange}
        initialValues={DEFAULTS}
        data-testid="form-editor"
      >
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="code" label={t('rep.ed.code')} rules={codeRules}>
              <Input maxLength={64} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="periodType" label={t('rep.periodType')} rules={[{ required: true }]}>
              <Select
                options={PERIOD_TYPES.map((p) => ({ value: p, label: t(`frequency.${p}`) }))}
                onChange={() => form.setFieldValue('indicators', [])}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="approvalLevels" label={t('rep.approvalLevels')} rules={[{ required: true }]}>
              <InputNumber min={1} max={5} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('rep.ed.name')}
              rules={[{ required: true, whitespace: true, message: t('rep.ed.required') }]}
            >
              <Input maxLength={300} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('rep.ed.nameEn')}>
              <Input maxLength={300} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="indicators"
          label={t('rep.ed.indicators')}
          extra={t('rep.ed.indicatorsExtra')}
          rules={[{ required: true, type: 'array', min: 1, message: t('rep.ed.needIndicator') }]}
        >
          <IndicatorSelect periodType={periodType} />
        </Form.Item>

        <Form.Item name="unitMode" label={t('rep.ed.units')}>
          <Radio.Group
            options={[
              { value: 'list', label: t('rep.ed.unitList') },
              { value: 'within', label: t('rep.ed.unitWithin') },
            ]}
          />
        </Form.Item>
        {unitMode === 'list' ? (
          <Form.Item
            name="units"
            rules={[{ required: true, type: 'array', min: 1, message: t('rep.ed.needUnit') }]}
          >
            <UnitsSelect />
          </Form.Item>
        ) : (
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item
                name="withinUnit"
                label={t('rep.ed.withinUnit')}
                rules={[{ required: true, message: t('rep.ed.needUnit') }]}
              >
                <UnitPicker onChange={(c) => form.setFieldValue('withinUnit', c)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="level" label={t('rep.ed.level')}>
                <InputNumber min={1} max={10} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name="kind"
                label={t('rep.ed.kind')}
                dependencies={['level']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_, v) =>
                      v || getFieldValue('level')
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('rep.ed.needLevelOrKind'))),
                  }),
                ]}
              >
                <Select allowClear options={KINDS.map((k) => ({ value: k, label: t(`unitKind.${k}`) }))} />
              </Form.Item>
            </Col>
          </Row>
        )}

        <Row gutter={12}>
          <Col xs={12} md={8}>
            <Form.Item
              name="dueWorkingDays"
              label={t('rep.ed.dueWorkingDays')}
              tooltip={t('rep.ed.dueHelp')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="reminderDays" label={t('rep.ed.reminderDays')} rules={[{ required: true }]}>
              <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="lockDays" label={t('rep.ed.lockDays')} rules={[{ required: true }]}>
              <InputNumber min={0} max={3650} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5}>{t('rep.ed.rules')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('rep.ed.rulesHelp')}</Typography.Paragraph>
        <Form.List name="rules">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" size={8} style={{ width: '100%', marginBottom: 16 }}>
              {fields.map((field) => {
                const kind = rules[field.name]?.kind ?? 'compare';
                return (
                  <Card
                    key={field.key}
                    size="small"
                    data-testid={`rule-${field.name}`}
                    title={t('rep.ed.ruleN', { n: field.name + 1 })}
                    extra={
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t('rep.ed.removeRule')}
                        onClick={() => remove(field.name)}
                      />
                    }
                  >
                    <Row gutter={8}>
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'kind']} label={t('rep.ed.ruleKind')}>
                          <Select
                            options={[
                              { value: 'compare', label: t('rep.ed.kindCompare') },
                              { value: 'change', label: t('rep.ed.kindChange') },
                            ]}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'code']} label={t('rep.ed.ruleCode')} rules={codeRules}>
                          <Input maxLength={64} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={8}>
                        <Form.Item name={[field.name, 'importance']} label={t('rep.ed.importance')}>
                          <Select
                            options={[
                              { value: 'error', label: t('rep.ed.error') },
                              { value: 'warning', label: t('rep.ed.warning') },
                            ]}
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                    {kind === 'change' ? (
                      <Row gutter={8}>
                        <Col xs={24} md={8}>
                          <Form.Item
                            name={[field.name, 'threshold']}
                            label={t('rep.ed.threshold')}
                            rules={[required]}
                          >
                            <InputNumber min={1} max={10000} suffix="%" style={{ width: '100%' }} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={16}>
                          <Form.Item name={[field.name, 'indicator']} label={t('rep.ed.ruleIndicator')}>
                            <Select
                              allowClear
                              placeholder={t('rep.ed.allIndicators')}
                              options={chosenIndicators.map((c) => ({ value: c, label: c }))}
                            />
                          </Form.Item>
                        </Col>
                      </Row>
                    ) : (
                      <Row gutter={8}>
                        <Col xs={24} md={10}>
                          <Form.Item name={[field.name, 'left']} label={t('rep.ed.left')} rules={[required]}>
                            <Input placeholder="{CQS_VB_DI}" maxLength={1000} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={4}>
                          <Form.Item name={[field.name, 'operator']} label={t('rep.ed.operator')}>
                            <Select options={OPERATORS.map((o) => ({ value: o, label: o }))} />
                          </Form.Item>
                        </Col>
                        <Col xs={24} md={10}>
                          <Form.Item
                            name={[field.name, 'right']}
                            label={t('rep.ed.right')}
                            rules={[required]}
                          >
                            <Input placeholder="0" maxLength={1000} />
                          </Form.Item>
                        </Col>
                      </Row>
                    )}
                    <Row gutter={8}>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, 'messageVi']} label={t('rep.ed.messageVi')}>
                          <Input maxLength={500} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={12}>
                        <Form.Item name={[field.name, 'messageEn']} label={t('rep.ed.messageEn')}>
                          <Input maxLength={500} />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                );
              })}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ kind: 'compare', operator: '<=', importance: 'error' } as RuleValues)}
              >
                {t('rep.ed.addRule')}
              </Button>
            </Space>
          )}
        </Form.List>

        <Typography.Title level={5}>{t('rep.ed.preview', { year: todayIso().slice(0, 4) })}</Typography.Title>
        <SchedulePreview
          periodType={periodType}
          dueWorkingDays={dueWorkingDays}
          reminderDays={reminderDays}
          lockDays={lockDays}
        />
        {error && (
          <Alert
            data-testid="form-editor-error"
            style={{ marginTop: 16 }}
            type="error"
            showIcon
            title={errorMessage(error)}
            description={
              details.length > 0 ? (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {details.map((d, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: details have no identity
                    <li key={i}>{[d.field, d.reason, d.message].filter(Boolean).map(String).join(': ')}</li>
                  ))}
                </ul>
              ) : undefined
            }
          />
        )}
      </Form>
    </Drawer>
  );
}

export default FormEditorDrawer;
