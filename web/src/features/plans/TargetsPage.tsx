import { Card, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { useLocalName, usePillars } from '../../lib/hooks';
import { usePlans, useTargets } from './api';
import { ExportButtons } from './buttons';
import { AsOfInput, useAsOf } from './shared';
import { TargetsTable } from './TargetsTable';
import { PROGRESS_STATUSES } from './types';

export default function TargetsPage() {
  const { t } = useTranslation();
  const local = useLocalName();
  const [asOf, setAsOf] = useAsOf();
  const [params, setParams] = useSearchParams();
  const plan = params.get('plan') ?? undefined;
  const status = params.get('status') ?? undefined;
  const owner = params.get('owner') ?? undefined;
  const pillar = params.get('pillar') ?? undefined;
  const level = params.get('level') ?? undefined;
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const plans = usePlans();
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
          <Select
            allowClear
            aria-label={t('plans.title')}
            placeholder={t('plans.title')}
            style={{ minWidth: 260 }}
            value={plan}
            onChange={(v) => set('plan', v)}
            options={(plans.data?.items ?? []).map((p) => ({ value: p.code, label: local(p) }))}
          />
          <Select
            allowClear
            aria-label={t('plans.status')}
            placeholder={t('plans.allStatuses')}
            style={{ minWidth: 180 }}
            value={status}
            onChange={(v) => set('status', v)}
            options={PROGRESS_STATUSES.map((s) => ({ value: s, label: t(`plans.status.${s}`) }))}
          />
          <Select
            allowClear
            aria-label={t('plans.leadUnit')}
            placeholder={t('plans.leadUnit')}
            style={{ minWidth: 220 }}
            value={owner}
            onChange={(v) => set('owner', v)}
            options={owners.map(([code, name]) => ({ value: code as string, label: name ?? code }))}
          />
          <Select
            allowClear
            aria-label={t('plans.pillar')}
            placeholder={t('plans.pillar')}
            style={{ minWidth: 180 }}
            value={pillar}
            onChange={(v) => set('pillar', v)}
            options={(pillars.data ?? []).map((p) => ({ value: p.code, label: local(p) }))}
          />
          <Select
            allowClear
            aria-label={t('plans.level')}
            placeholder={t('plans.level')}
            style={{ minWidth: 160 }}
            value={level}
            onChange={(v) => set('level', v)}
            options={['1', '2', '3'].map((l) => ({ value: l, label: t(`plans.level.${l}`) }))}
          />
          <ExportButtons path="/targets/export" query={{ plan, asOf, status, leadUnit: owner }} />
        </Space>
        <TargetsTable items={items} loading={list.isPending} asOf={asOf} />
      </Card>
    </>
  );
}
