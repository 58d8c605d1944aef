/** New task or change one, in a modal. Validation problems from the API go onto their fields. */
import { Form, Input, InputNumber, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { UnitPicker } from '../../components/UnitPicker';
import { usePlans, useSaveTask, useTargets } from './api';
import { FormModal } from './FormModal';
import { blank, DateField, FieldRow, UnitsField } from './fields';
import './messages';
import { useLang, useLocalName } from '../../lib/hooks';
import { periodLabel } from '../../lib/period';
import type { Task } from './types';

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
  const [form] = Form.useForm<TaskValues>();
  const saveTask = useSaveTask(task?.id ?? null);
  const chosenPlan = Form.useWatch('plan', form) ?? task?.plan ?? plan;
  const plans = usePlans(open && !plan && !task);
  const targets = useTargets(
    { plan: chosenPlan },
    { key: [chosenPlan, 'task-form'], enabled: open && !!chosenPlan },
  );
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
    onClose(await saveTask.mutateAsync(body));
  }

  const required = [{ required: true, message: t('plans.form.required') }];
  return (
    <FormModal
      open={open}
      title={task ? t('plans.form.editTask') : t('plans.form.newTask')}
      form={form}
      name="task"
      initialValues={initial}
      save={save}
      onCancel={() => onClose()}
      saving={saveTask.isPending}
    >
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
    </FormModal>
  );
}
