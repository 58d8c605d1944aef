import { Card, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { useLocalName, usePillars } from '../../lib/hooks';
import { useSearchPatch } from '../../lib/searchParams';
import { useTargets } from './api';
import { ExportButtons } from './buttons';
import { AsOfInput, PlanSelect, useAsOf } from './shared';
import { TargetsTable } from './TargetsTable';
import { PROGRESS_STATUSES } from './types';

export default function TargetsPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const [asOf, setAsOf] = useAsOf();
  const [params, set] = useSearchPatch();
  const plan = params.get('plan') ?? undefined;
  const status = params.get('status') ?? undefined;
  const owner = params.get('owner') ?? undefined;
  const pillar = params.get('pillar') ?? undefined;
  const level = params.get('level') ?? undefined;
  /** A filter kept in the URL query under `key`; cleared, it is dropped. */
  const filter = (
    key: string,
    label: string,
    placeholder: string,
    minWidth: number,
    options: Array<{ value: string; label: React.ReactNode }>,
  ) => (
    <Select
      allowClear
      aria-label={label}
      placeholder={placeholder}
      style={{ minWidth }}
      value={params.get(key) ?? undefined}
      onChange={(v: string | undefined) => set({ [key]: v })}
      options={options}
    />
  );
  const pillars = usePillars();
  const list = useTargets({ plan, asOf, status });
  const all = list.data?.items ?? [];
  const owners = useMemo(
    () => [...new Map(all.filter((i) => i.leadUnit).map((i) => [i.leadUnit, i.leadUnitName])).entries()],
    [all],
  );
  const items = all.filter(
    (i) =>
      (!owner || i.leadUnit === owner) &&
      (!pillar || i.pillar === pillar) &&
      (!level || String(i.orgUnitLevel) === level),
  );
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  return (
    <>
      <PageTitle title={t('plans.targetsTitle')} extra={<AsOfInput value={asOf} onChange={setAsOf} />} />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <PlanSelect value={plan} onChange={(v) => set({ plan: v })} />
          {filter(
            'status',
            t('plans.status'),
            t('plans.allStatuses'),
            180,
            PROGRESS_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) })),
          )}
          {filter(
            'owner',
            t('plans.leadUnit'),
            t('plans.leadUnit'),
            220,
            owners.map(([code, name]) => ({ value: code as string, label: name ?? code })),
          )}
          {filter(
            'pillar',
            t('plans.pillar'),
            t('plans.pillar'),
            180,
            (pillars.data ?? []).map((p) => ({ value: p.code, label: local(p) })),
          )}
          {filter(
            'level',
            t('plans.level'),
            t('plans.level'),
            160,
            ['1', '2', '3'].map((l) => ({ value: l, label: t(`plans.level.${l}`) })),
          )}
          <ExportButtons path="/targets/export" query={{ plan, asOf, status, leadUnit: owner }} />
        </Space>
        <TargetsTable items={items} loading={list.isPending} asOf={asOf} />
      </Card>
    </>
  );
}
