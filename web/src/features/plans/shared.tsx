/** Small pieces the plan screens share: status tag, pace, task status, the as-of date. */
import { Select, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatShare } from '../../lib/format';
import { useLang, useLocalName } from '../../lib/hooks';
import { todayIso } from '../../lib/period';
import { useSearchPatch } from '../../lib/searchParams';
import { usePlans } from './api';
import './messages';
import { DateInput } from '../../components/DateInput';
import type { ProgressStatus, Task } from './types';

export const STATUS_COLOR: Record<ProgressStatus, string> = {
  achieved: 'green',
  on_track: 'blue',
  at_risk: 'gold',
  off_track: 'red',
  overdue: 'volcano',
  no_data: 'default',
};

export function StatusTag({ status }: { status: ProgressStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`plans.status.${status}`)}</Tag>;
}

/** Pace (progress share ÷ time share) as a percentage: "50%" = half the speed needed, explained on hover. */
export function Pace({ pace }: { pace: number | null }) {
  const lang = useLang();
  const { t } = useTranslation();
  if (pace === null) return <span className="chiso-muted">—</span>;
  return (
    <Tooltip title={t('plans.paceHelp')}>
      <span style={{ whiteSpace: 'nowrap' }}>{formatShare(pace, lang, 0)}</span>
    </Tooltip>
  );
}

export function TaskStatusTag({ task }: { task: { status: Task['status'] | string; overdue: boolean } }) {
  const { t } = useTranslation();
  const color =
    task.status === 'done'
      ? 'green'
      : task.status === 'cancelled'
        ? 'default'
        : task.overdue
          ? 'red'
          : 'blue';
  return <Tag color={color}>{t(`plans.task.status.${task.status}`)}</Tag>;
}

export function comparatorSign(c: string): string {
  return c === '>=' ? '≥' : c === '<=' ? '≤' : '=';
}

/** The as-of date from `?asOf=` (default today), and a setter. */
export function useAsOf(): [string, (d: string | undefined) => void] {
  const [params, update] = useSearchPatch();
  return [params.get('asOf') ?? todayIso(), (d) => update({ asOf: d })];
}

export function AsOfInput({ value, onChange }: { value: string; onChange: (d: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <span style={{ display: 'inline-flex', gap: 6, alignItems: 'center' }}>
      <span aria-hidden>{t('plans.asOf')}</span>
      <DateInput
        aria-label={t('plans.asOf')}
        value={value}
        allowClear={false}
        onChange={(d) => onChange(d ?? undefined)}
      />
    </span>
  );
}

/** The plan filter of the plan screens: every plan, by its name in the UI language. */
export function PlanSelect({
  value,
  onChange,
}: {
  value?: string;
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const local = useLocalName();
  const plans = usePlans();
  return (
    <Select
      allowClear
      aria-label={t('plans.title')}
      placeholder={t('plans.title')}
      style={{ minWidth: 260 }}
      value={value}
      onChange={onChange}
      options={(plans.data?.items ?? []).map((p) => ({ value: p.code, label: local(p) }))}
    />
  );
}
