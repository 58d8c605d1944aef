/** Rankings on a scorecard: units by rank with component scores, change since the last period, advice. */
import { AuditOutlined, WarningOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  Button,
  Card,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type React from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { PrintLinks } from '../../components/PrintLinks';
import { UnitPicker } from '../../components/UnitPicker';
import { api } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { useSearchPatch } from '../../lib/searchParams';
import { AssessmentsDrawer } from './AssessmentsDrawer';
import { useScorecards } from './api';
import './messages';
import { RankChange } from './RankChange';
import { scorecardKind } from './scorecardKind';
import type { AdviceResult, Ranking, RankingComponent, RankingItem } from './types';

const KINDS = ['district', 'department', 'province'] as const;
/** "Every kind of unit" in the kind filter (an empty filter means the scorecard's usual kind). */
const ALL = 'all';

/** How many leaves to mark as the unit's weakest components. */
const WEAKEST = 3;

type TreeRow = RankingComponent & {
  effectiveWeight: number;
  /** Points still available: effective weight × (1 − score); leaves only. */
  available: number | null;
  weakest: boolean;
  children?: TreeRow[];
};

/**
 * The component tree of one unit (any depth), each node with its effective weight (weights
 * multiplied down the tree) and, for leaves, the points still available; the WEAKEST leaves with
 * the most points available are marked.
 */
export function scorecardTree(components: RankingComponent[], weakest = WEAKEST): TreeRow[] {
  const kids = new Map<string | null, RankingComponent[]>();
  for (const c of components) kids.set(c.parent, [...(kids.get(c.parent) ?? []), c]);
  const leaves: TreeRow[] = [];
  const build = (parent: string | null, ew: number): TreeRow[] =>
    (kids.get(parent) ?? []).map((c) => {
      const w = ew * c.weight;
      const children = build(c.code, w);
      const row: TreeRow = {
        ...c,
        effectiveWeight: w,
        available: children.length ? null : w * (1 - Math.min(1, Math.max(0, c.score ?? 0))),
        weakest: false,
        ...(children.length ? { children } : {}),
      };
      if (!children.length) leaves.push(row);
      return row;
    });
  const rows = build(null, 1);
  leaves
    .filter((l) => (l.available ?? 0) > 1e-9)
    .sort((a, b) => (b.available ?? 0) - (a.available ?? 0))
    .slice(0, weakest)
    .forEach((l) => {
      l.weakest = true;
    });
  return rows;
}

/** One unit's scorecard: the component tree with weights, indicator values, scores and ranks. */
function UnitScorecard({ item, onAssess }: { item: RankingItem; onAssess: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const rows = scorecardTree(item.components);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text type="secondary">
          <Tag color="orange" icon={<WarningOutlined />}>
            {t('rankings.weakest')}
          </Tag>
          {t('rankings.weakestHelp', { n: WEAKEST })}
        </Typography.Text>
        <Button size="small" icon={<AuditOutlined />} onClick={onAssess}>
          {t('rankings.assess.title')}
        </Button>
      </Space>
      <Table<TreeRow>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={rows}
        expandable={{ defaultExpandAllRows: true }}
        aria-label={t('rankings.unitCard', { unit: item.name })}
        onRow={(r) =>
          r.weakest
            ? ({
                style: { background: '#fff7e6' },
                'data-weakest': 'true',
              } as React.HTMLAttributes<HTMLElement>)
            : {}
        }
        columns={[
          {
            title: t('rankings.component'),
            dataIndex: 'name',
            render: (v: string, r) =>
              r.weakest ? (
                <span>
                  <Typography.Text strong>{v}</Typography.Text>{' '}
                  <Tag color="orange" icon={<WarningOutlined />}>
                    {t('rankings.weakest')}
                  </Tag>
                </span>
              ) : (
                v
              ),
          },
          {
            title: t('rankings.weight'),
            dataIndex: 'weight',
            align: 'right',
            render: (v: number) => formatNumber(v, lang, 2),
          },
          {
            title: t('rankings.value'),
            dataIndex: 'value',
            align: 'right',
            render: (v: number | null | undefined) =>
              v === undefined || v === null ? '—' : formatNumber(v, lang, 2),
          },
          {
            title: t('rankings.score'),
            dataIndex: 'score',
            align: 'right',
            render: (v: number | null) => formatNumber(v, lang, 4),
          },
          {
            title: t('rankings.availableShort'),
            dataIndex: 'available',
            align: 'right',
            render: (v: number | null, r) =>
              v === null ? (
                ''
              ) : r.weakest ? (
                <Typography.Text type="warning" strong>
                  {formatNumber(v, lang, 4)}
                </Typography.Text>
              ) : (
                formatNumber(v, lang, 4)
              ),
          },
          {
            title: t('rankings.rank'),
            dataIndex: 'rank',
            align: 'right',
            render: (v: number | null) => v ?? '—',
          },
        ]}
      />
    </Space>
  );
}

export default function RankingsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, update] = useSearchPatch();
  const lastYear = String(new Date().getFullYear() - 1);
  const scorecard = params.get('scorecard') ?? undefined;
  const period = params.get('period') ?? lastYear;
  const orgUnit = params.get('orgUnit') ?? undefined;
  const level = Number(params.get('level') ?? '2') || 2;
  const kindParam = params.get('kind') ?? undefined;
  /** The unit whose self-assessment and appraisal are open (?assess=CODE). */
  const assess = params.get('assess') ?? undefined;
  const [periodText, setPeriodText] = useState(period);
  const [adviceFor, setAdviceFor] = useState<RankingItem | null>(null);
  const [top, setTop] = useState(3);

  useEffect(() => setPeriodText(period), [period]);

  const cards = useScorecards();
  const code = scorecard ?? cards.data?.items[0]?.code;
  const card = cards.data?.items.find((c) => c.code === code);
  const kind = kindParam === ALL ? undefined : (kindParam ?? scorecardKind(card));
  const query = { period, orgUnit, level, kind };
  const ranking = useQuery({
    queryKey: ['ranking', code, query],
    queryFn: () => api<Ranking>(`/scorecards/${encodeURIComponent(code!)}/ranking`, { query }),
    enabled: Boolean(code),
    placeholderData: keepPreviousData,
  });
  const advice = useQuery({
    queryKey: ['advice', code, adviceFor?.orgUnit, period, top, orgUnit, kind, level],
    queryFn: () =>
      api<AdviceResult>(`/scorecards/${encodeURIComponent(code!)}/advice`, {
        // Peers as the ranking has them: with a kind, the unit's own level and kind (the server
        // takes them from the unit when no level is given); every kind, the ranking's level.
        query: {
          orgUnit: adviceFor!.orgUnit,
          period,
          top,
          ...(orgUnit ? { scope: orgUnit } : {}),
          ...(kind ? { kind } : { level }),
        },
      }),
    enabled: Boolean(code && adviceFor),
  });

  const pillars = (ranking.data?.components ?? []).filter((c) => c.parent === null);
  const score = (x: number | null | undefined) => formatNumber(x ?? null, lang, 4);

  return (
    <>
      <PageTitle
        title={t('rankings.title')}
        sub={ranking.data?.name}
        extra={
          code ? (
            <PrintLinks path={`/api/scorecards/${encodeURIComponent(code)}/ranking/print`} query={query} />
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            aria-label={t('rankings.scorecard')}
            style={{ minWidth: 320 }}
            value={code}
            loading={cards.isLoading}
            options={(cards.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
            onChange={(v) => update({ scorecard: v })}
          />
          <Input
            aria-label={t('rankings.period')}
            style={{ width: 110 }}
            value={periodText}
            onChange={(e) => setPeriodText(e.target.value)}
            onPressEnter={() => update({ period: periodText.trim() || undefined })}
            onBlur={() => update({ period: periodText.trim() || undefined })}
          />
          <UnitPicker
            aria-label={t('rankings.scope')}
            placeholder={t('rankings.scope')}
            allowClear
            value={orgUnit}
            onChange={(v) => update({ orgUnit: v })}
            style={{ minWidth: 220 }}
          />
          <InputNumber
            aria-label={t('rankings.level')}
            addonBefore={t('rankings.level')}
            min={1}
            max={6}
            value={level}
            onChange={(v) => update({ level: v ? String(v) : undefined })}
          />
          <Select
            aria-label={t('rankings.kind')}
            placeholder={t('rankings.kind')}
            style={{ minWidth: 200 }}
            value={kind ?? ALL}
            options={[
              { value: ALL, label: t('rankings.kind.all') },
              ...KINDS.map((k) => ({ value: k, label: t(`rankings.kind.${k}`) })),
            ]}
            onChange={(v) => update({ kind: v })}
          />
        </Space>
      </Card>
      {ranking.isError ? (
        <ErrorState error={ranking.error} onRetry={() => ranking.refetch()} />
      ) : (
        <Table<RankingItem>
          rowKey="orgUnit"
          size="small"
          loading={ranking.isFetching}
          dataSource={ranking.data?.items ?? []}
          pagination={false}
          scroll={{ x: true }}
          expandable={{
            expandedRowRender: (r) => (
              <UnitScorecard item={r} onAssess={() => update({ assess: r.orgUnit })} />
            ),
            expandRowByClick: true,
          }}
          columns={[
            { title: t('rankings.rank'), dataIndex: 'rank', width: 64, align: 'right' },
            { title: t('rankings.unit'), dataIndex: 'name' },
            {
              title: t('rankings.score'),
              dataIndex: 'score',
              align: 'right',
              render: (v: number) => <strong>{score(v)}</strong>,
            },
            ...pillars.map((p) => ({
              key: p.code,
              title: `${p.name} (×${formatNumber(p.weight, lang, 2)})`,
              align: 'right' as const,
              render: (_: unknown, r: RankingItem) => {
                const c = r.components.find((x) => x.code === p.code);
                return (
                  <span>
                    {score(c?.score)} <Typography.Text type="secondary">#{c?.rank ?? '—'}</Typography.Text>
                  </span>
                );
              },
            })),
            {
              title: t('rankings.change'),
              key: 'change',
              render: (_: unknown, r: RankingItem) => <RankChange change={r.rankChange} />,
            },
            {
              title: (
                <Tooltip title={t('rankings.flagsHelp')}>
                  <span>{t('rankings.flags')}</span>
                </Tooltip>
              ),
              key: 'flags',
              // each tag is a component's code ("KH"): its name and the indicator missing on hover
              render: (_: unknown, r: RankingItem) =>
                r.flags.map((f) => {
                  const name = ranking.data?.components.find((c) => c.code === f.component)?.name;
                  return (
                    <Tooltip
                      key={`${f.component}-${f.indicator}`}
                      title={t('rankings.flagTip', {
                        component: name ?? f.component,
                        indicator: f.indicator,
                      })}
                    >
                      <Tag color="orange" aria-label={name ?? f.component}>
                        {f.component}
                      </Tag>
                    </Tooltip>
                  );
                }),
            },
            {
              key: 'advice',
              title: t('rankings.actions'),
              render: (_: unknown, r: RankingItem) => (
                <Space size="small">
                  <Button
                    size="small"
                    onClick={(e) => {
                      e.stopPropagation();
                      setAdviceFor(r);
                    }}
                  >
                    {t('rankings.adviceShort')}
                  </Button>
                  <Button
                    size="small"
                    icon={<AuditOutlined />}
                    onClick={(e) => {
                      e.stopPropagation();
                      update({ assess: r.orgUnit });
                    }}
                  >
                    {t('rankings.assess.title')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      <Modal
        open={Boolean(adviceFor)}
        onCancel={() => setAdviceFor(null)}
        footer={null}
        width={720}
        title={`${adviceFor?.name ?? ''} — ${t('rankings.advice', { n: top })}`}
      >
        <Space style={{ marginBottom: 12 }}>
          {t('rankings.top')}
          <InputNumber min={1} max={100} value={top} onChange={(v) => setTop(v ?? 3)} />
        </Space>
        {advice.isError ? (
          <ErrorState error={advice.error} onRetry={() => advice.refetch()} />
        ) : advice.data ? (
          <>
            <Typography.Paragraph>
              {advice.data.inTop
                ? t('rankings.inTop', { n: advice.data.top })
                : t('rankings.gap', {
                    gap: score(advice.data.gap),
                    unit: advice.data.benchmark?.name ?? '',
                    rank: advice.data.benchmark?.rank ?? '',
                  })}
              {!advice.data.reachable && ` ${t('rankings.unreachable')}`}
            </Typography.Paragraph>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={advice.data.components}
              rowClassName={(c) => (advice.data?.plan.includes(c.code) ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t('rankings.component'), dataIndex: 'name' },
                {
                  title: t('rankings.score'),
                  dataIndex: 'score',
                  align: 'right',
                  render: (v: number) => score(v),
                },
                {
                  title: t('rankings.available'),
                  dataIndex: 'available',
                  align: 'right',
                  render: (v: number, c) => (
                    <span>
                      {score(v)}{' '}
                      {advice.data?.plan.includes(c.code) && <Tag color="blue">{t('rankings.plan')}</Tag>}
                    </span>
                  ),
                },
              ]}
            />
          </>
        ) : null}
      </Modal>
      <AssessmentsDrawer
        scorecard={assess ? code : undefined}
        orgUnit={assess}
        period={period}
        onClose={() => update({ assess: undefined })}
      />
    </>
  );
}
