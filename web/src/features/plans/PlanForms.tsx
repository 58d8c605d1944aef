/**
 * Create/edit forms of the plans feature (plan, target, task) in modals, the delete confirmation,
 * the Excel/CSV download buttons. Who may create a plan or task somewhere (the menus) comes from
 * GET /api/me → permissions.managePlansIn (or admin); what one may do with a plan, target or task
 * from that object's `abilities`. Validation problems from the API's `details` are shown on their fields.
 */
import { DeleteOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../../components/UnitPicker';
import { ApiError, api, buildUrl, detailField, errorMessage } from '../../lib/api';
import { useIndicator, useLang, useLocalName, useMe, useOrgUnits } from '../../lib/hooks';
import { type Lang, parsePeriod, periodLabel, periodPickerGroups } from '../../lib/period';
import type { Indicator, Me, Page } from '../../lib/types';
import './messages';
import type { Plan, TargetDetail, TargetList, Task } from './types';

type MeWithPermissions = Me & { permissions?: { manageCatalogue?: boolean; managePlansIn?: string[] } };

/**
 * May the user create plans (and tasks in them) somewhere — the "new" menus? Plans are managed in
 * the subtrees of secretariat grants; the server checks the scope, and each plan, target and task
 * says in its `abilities` what the user may do with it.
 */
export function useCanManage(): boolean {
  const me = useMe();
  const m = me.data as MeWithPermissions | null | undefined;
  return (
    !!m &&
    (m.user.isAdmin || !!m.permissions?.manageCatalogue || (m.permissions?.managePlansIn?.length ?? 0) > 0)
  );
}

/** Puts the API's validation details on the form's fields; gives the message to show above the form. */
function showServerErrors(form: FormInstance, err: unknown, known: readonly string[]): string {
  if (err instanceof ApiError && err.details.length) {
    const byField = new Map<string, { name: Array<string | number>; errors: string[] }>();
    for (const d of err.details) {
      const f = detailField(d);
      const path = (f ?? '').split('.').filter((s) => s && !/^\d+$/.test(s));
      if (!path.length || !known.includes(path[0])) continue;
      const key = path.join('.');
      const message = (d.message ?? '').replace(/^[\w.]+: /, '');
      const entry = byField.get(key) ?? { name: path, errors: [] };
      entry.errors.push(message);
      byField.set(key, entry);
    }
    form.setFields([...byField.values()]);
  }
  return errorMessage(err);
}

/** Fields side by side. */
function FieldRow({ children }: { children: React.ReactNode }) {
  return <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>{children}</div>;
}

const blank = (v: unknown) => (typeof v === 'string' ? v.trim() || null : (v ?? null));

// ---------------------------------------------------------------------------------------------
// Pickers
// ---------------------------------------------------------------------------------------------

/** A period: years around today and recent periods of every type; any typed code that parses is offered. */
function PeriodField({
  id,
  value,
  onChange,
  allowClear,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  allowClear?: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [search, setSearch] = useState('');
  const options = useMemo(() => {
    const year = new Date().getFullYear();
    const years = Array.from({ length: 21 }, (_, i) => String(year + 10 - i));
    const groups = periodPickerGroups().filter((g) => g.type !== 'year');
    return [
      { label: t('periodType.year'), title: 'year', options: years.map((c) => opt(c, lang)) },
      ...groups.map((g) => ({
        label: t(`periodType.${g.type}`),
        title: g.type,
        options: g.codes.map((c) => opt(c, lang)),
      })),
    ];
  }, [t, lang]);
  const extra: Array<{ value: string; label: string }> = [];
  const typed = search.trim().toUpperCase();
  const known = (c: string) => options.some((g) => g.options.some((o) => o.value === c));
  if (typed && parsePeriod(typed) && !known(typed)) extra.push(opt(typed, lang));
  if (value && !known(value) && value !== typed) extra.push(opt(value, lang));
  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v || undefined)}
      allowClear={allowClear}
      placeholder={t('common.choosePeriod')}
      options={[...extra, ...options]}
      showSearch={{ optionFilterProp: 'label', onSearch: setSearch }}
      popupMatchSelectWidth={false}
    />
  );
}

const opt = (c: string, lang: Lang) => ({ value: c, label: periodLabel(c, lang) });

/** Several org units, searched on the server. */
function UnitsField({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q), 250);
    return () => clearTimeout(h);
  }, [q]);
  const list = useOrgUnits({ q: debounced || undefined, limit: 50 });
  const items = list.data?.items ?? [];
  useEffect(() => {
    if (items.length)
      setNames((prev) => {
        const next = { ...prev };
        for (const u of items) next[u.code] = `${u.name} (${u.code})`;
        return next;
      });
  }, [items]);
  const options = items.map((u) => ({ value: u.code, label: `${u.name} (${u.code})` }));
  for (const c of value ?? [])
    if (!options.some((o) => o.value === c)) options.unshift({ value: c, label: names[c] ?? c });
  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      placeholder={t('common.chooseUnit')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={t('common.noMatch')}
    />
  );
}

/** An indicator, searched by name or code on the server. */
function IndicatorField({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const local = useLocalName();
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setDebounced(q), 250);
    return () => clearTimeout(h);
  }, [q]);
  const list = useQuery({
    queryKey: ['indicators', 'picker', debounced],
    queryFn: () => api<Page<Indicator>>('/indicators', { query: { q: debounced || undefined, limit: 50 } }),
    staleTime: 60_000,
  });
  const current = useIndicator(value);
  const options = (list.data?.items ?? []).map((i) => ({ value: i.code, label: `${local(i)} (${i.code})` }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: current.data ? `${local(current.data)} (${value})` : value });
  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      loading={list.isFetching}
      placeholder={t('plans.form.searchIndicator')}
      showSearch={{ filterOption: false, onSearch: setQ }}
      notFoundContent={t('common.noMatch')}
      popupMatchSelectWidth={false}
    />
  );
}

function DateField({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  return (
    <Input id={id} type="date" value={value ?? ''} onChange={(e) => onChange?.(e.target.value || null)} />
  );
}

// ---------------------------------------------------------------------------------------------
// Buttons
// ---------------------------------------------------------------------------------------------

/** "Tải Excel" and "Tải CSV" for an export endpoint. */
export function ExportButtons({
  path,
  query,
}: {
  path: '/targets/export' | '/tasks/export';
  query: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  return (
    <Space>
      <Button icon={<FileExcelOutlined />} href={buildUrl(path, { ...query, format: 'xlsx' })} download>
        {t('common.downloadExcel')}
      </Button>
      <Button icon={<FileTextOutlined />} href={buildUrl(path, { ...query, format: 'csv' })} download>
        {t('common.downloadCsv')}
      </Button>
    </Space>
  );
}

/** A delete button that asks first. */
export function DeleteButton({
  title,
  onDelete,
  size,
}: {
  title: string;
  onDelete: () => Promise<unknown>;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Popconfirm
      title={title}
      okText={t('plans.form.delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={async () => {
        try {
          await onDelete();
        } catch (err) {
          message.error(errorMessage(err));
        }
      }}
    >
      <Button danger size={size} icon={<DeleteOutlined />}>
        {t('plans.form.delete')}
      </Button>
    </Popconfirm>
  );
}

// ---------------------------------------------------------------------------------------------
// Plan
// ---------------------------------------------------------------------------------------------

const PLAN_FIELDS = [
  'code',
  'name',
  'nameEn',
  'issuingBody',
  'documentNumber',
  'documentDate',
  'periodFrom',
  'periodTo',
  'scopeUnit',
  'status',
] as const;
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
  const qc = useQueryClient();
  const [form] = Form.useForm<PlanValues>();
  const [saving, setSaving] = useState(false);
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
    setSaving(true);
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
      const saved = plan
        ? await api<Plan>(`/plans/${encodeURIComponent(plan.code)}`, { method: 'PUT', json: body })
        : await api<Plan>('/plans', { method: 'POST', json: { code: v.code?.trim(), ...body } });
      void qc.invalidateQueries({ queryKey: ['plans'] });
      void qc.invalidateQueries({ queryKey: ['plan', saved.code] });
      onClose(saved);
    } catch (err) {
      setError(showServerErrors(form, err, PLAN_FIELDS));
    } finally {
      setSaving(false);
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
      confirmLoading={saving}
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

// ---------------------------------------------------------------------------------------------
// Target
// ---------------------------------------------------------------------------------------------

const TARGET_FIELDS = [
  'indicator',
  'orgUnit',
  'level',
  'kind',
  'categoryOption',
  'baseline',
  'target',
  'leadUnit',
  'cooperatingUnits',
  'responsiblePerson',
  'notes',
] as const;
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
  const qc = useQueryClient();
  const [form] = Form.useForm<TargetValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) setError(null);
  }, [open]);
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
    setSaving(true);
    setError(null);
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
    try {
      const saved = d
        ? await api<TargetDefinition>(`/targets/${d.id}`, { method: 'PUT', json: body })
        : await api<TargetDefinition>('/targets', { method: 'POST', json: body });
      void qc.invalidateQueries({ queryKey: ['targets'] });
      void qc.invalidateQueries({ queryKey: ['target'] });
      void qc.invalidateQueries({ queryKey: ['plan', plan.code] });
      void qc.invalidateQueries({ queryKey: ['plans'] });
      onClose(saved);
    } catch (err) {
      setError(showServerErrors(form, err, TARGET_FIELDS));
    } finally {
      setSaving(false);
    }
  }

  const required = [{ required: true, message: t('plans.form.required') }];
  return (
    <Modal
      open={open}
      title={d ? t('plans.form.editTarget') : t('plans.form.newTarget')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText={t('plans.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={760}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="target" layout="vertical" initialValues={initial} onFinish={save}>
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
      </Form>
    </Modal>
  );
}

// ---------------------------------------------------------------------------------------------
// Task
// ---------------------------------------------------------------------------------------------

const TASK_FIELDS = [
  'plan',
  'title',
  'description',
  'leadUnit',
  'cooperatingUnits',
  'responsiblePerson',
  'startDate',
  'dueDate',
  'status',
  'percentComplete',
  'targets',
] as const;
const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'cancelled'] as const;

interface TaskValues {
  plan?: string;
  title?: string;
  description?: string | null;
  leadUnit?: string;
  cooperatingUnits?: string[];
  responsiblePerson?: string | null;
  startDate?: string | null;
  dueDate?: string | null;
  status?: string;
  percentComplete?: number | null;
  targets?: number[];
}

/** New task (task = null; in `plan` when given, else the form asks) or change one. */
export function TaskFormModal({
  open,
  plan,
  task,
  onClose,
}: {
  open: boolean;
  plan?: string;
  task: Task | null;
  onClose: (saved?: Task) => void;
}) {
  const { t } = useTranslation();
  const local = useLocalName();
  const lang = useLang();
  const qc = useQueryClient();
  const [form] = Form.useForm<TaskValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) setError(null);
  }, [open]);
  const chosenPlan = Form.useWatch('plan', form) ?? task?.plan ?? plan;
  const plans = useQuery({
    queryKey: ['plans'],
    queryFn: () => api<{ items: Plan[] }>('/plans'),
    enabled: open && !plan && !task,
  });
  const targets = useQuery({
    queryKey: ['targets', chosenPlan, 'task-form'],
    queryFn: () => api<TargetList>('/targets', { query: { plan: chosenPlan } }),
    enabled: open && !!chosenPlan,
  });
  const targetOptions = [
    ...new Map(
      (targets.data?.items ?? []).map((i) => [
        i.id,
        {
          value: i.id,
          label: `${i.indicatorName} — ${i.scope.level ? t(`plans.level.${i.scope.level}`) : i.orgUnitName} (${periodLabel(i.target.period, lang)})`,
        },
      ]),
    ).values(),
  ];
  const initial: TaskValues = task
    ? {
        plan: task.plan,
        title: task.title,
        description: task.description,
        leadUnit: task.leadUnit,
        cooperatingUnits: task.cooperatingUnits,
        responsiblePerson: task.responsiblePerson,
        startDate: task.startDate,
        dueDate: task.dueDate,
        status: task.status,
        percentComplete: task.percentComplete,
        targets: task.targets,
      }
    : { plan, status: 'not_started', percentComplete: 0, cooperatingUnits: [], targets: [] };

  async function save(v: TaskValues) {
    setSaving(true);
    setError(null);
    const body = {
      plan: v.plan ?? plan,
      title: v.title?.trim(),
      description: blank(v.description),
      leadUnit: v.leadUnit,
      cooperatingUnits: v.cooperatingUnits ?? [],
      responsiblePerson: blank(v.responsiblePerson),
      startDate: blank(v.startDate),
      dueDate: v.dueDate ?? undefined,
      status: v.status,
      percentComplete: v.percentComplete ?? 0,
      targets: v.targets ?? [],
    };
    try {
      const saved = task
        ? await api<Task>(`/tasks/${task.id}`, { method: 'PUT', json: body })
        : await api<Task>('/tasks', { method: 'POST', json: body });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: ['task'] });
      void qc.invalidateQueries({ queryKey: ['target'] });
      void qc.invalidateQueries({ queryKey: ['plans'] });
      onClose(saved);
    } catch (err) {
      setError(showServerErrors(form, err, TASK_FIELDS));
    } finally {
      setSaving(false);
    }
  }

  const required = [{ required: true, message: t('plans.form.required') }];
  return (
    <Modal
      open={open}
      title={task ? t('plans.form.editTask') : t('plans.form.newTask')}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      okText={t('plans.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      destroyOnHidden
      width={720}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="task" layout="vertical" initialValues={initial} onFinish={save}>
        {!plan && !task && (
          <Form.Item name="plan" label={t('plans.title')} rules={required}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              options={(plans.data?.items ?? [])
                .filter((p) => p.abilities?.createTask)
                .map((p) => ({ value: p.code, label: local(p) }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('plans.task.title')}
          rules={[{ required: true, whitespace: true, message: t('plans.form.required') }]}
        >
          <Input maxLength={1000} />
        </Form.Item>
        <Form.Item name="description" label={t('plans.form.description')}>
          <Input.TextArea rows={2} maxLength={10000} />
        </Form.Item>
        <Form.Item name="leadUnit" label={t('plans.leadUnit')} rules={required}>
          <UnitPicker aria-label={t('plans.leadUnit')} onChange={() => undefined} />
        </Form.Item>
        <Form.Item name="cooperatingUnits" label={t('plans.form.cooperatingUnits')}>
          <UnitsField />
        </Form.Item>
        <Form.Item name="responsiblePerson" label={t('plans.responsible')}>
          <Input maxLength={300} />
        </Form.Item>
        <FieldRow>
          <Form.Item name="startDate" label={t('plans.form.startDate')} style={{ flex: 1 }}>
            <DateField />
          </Form.Item>
          <Form.Item name="dueDate" label={t('plans.task.due')} rules={required} style={{ flex: 1 }}>
            <DateField />
          </Form.Item>
        </FieldRow>
        <FieldRow>
          <Form.Item name="status" label={t('plans.status')} style={{ flex: 1 }}>
            <Select options={TASK_STATUSES.map((s) => ({ value: s, label: t(`plans.task.status.${s}`) }))} />
          </Form.Item>
          <Form.Item name="percentComplete" label={t('plans.form.percent')} style={{ flex: 1 }}>
            <InputNumber min={0} max={100} precision={0} addonAfter="%" style={{ width: '100%' }} />
          </Form.Item>
        </FieldRow>
        <Form.Item name="targets" label={t('plans.form.linkedTargets')}>
          <Select
            mode="multiple"
            loading={targets.isFetching}
            options={targetOptions}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
