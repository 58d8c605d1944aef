import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate, formatShare } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { withParams } from '../../lib/searchParams';
import type { OrgUnitDetail, UnitLink } from '../../lib/types';

/** A date inside a linked unit's validity, to open it as it was: its last day, else its first. */
export function dateInside(link: Pick<UnitLink, 'validFrom' | 'validTo'>): string | undefined {
  return link.validTo ?? link.validFrom ?? undefined;
}

/**
 * "Formed from / became": the units this version was formed from at a restructuring and the units it
 * went into, each whole or in part (with the share), with its dates and a link to it on those dates.
 */
export function LineagePanel({ unit }: { unit: OrgUnitDetail }) {
  const { t } = useTranslation();
  // A server without lineage sends neither list: nothing to show.
  if (!unit.predecessors && !unit.successors) return null;
  return (
    <section aria-label={t('time.lineage')} data-testid="unit-lineage">
      <h2 style={{ fontSize: 15, margin: '20px 0 8px' }}>{t('time.lineage')}</h2>
      <LinkTable
        testId="lineage-from"
        title={t('time.formedFrom')}
        unit={unit}
        links={unit.predecessors ?? []}
        empty={t('time.noPredecessors')}
      />
      <LinkTable
        testId="lineage-to"
        title={t('time.became')}
        unit={unit}
        links={unit.successors ?? []}
        empty={t('time.noSuccessors')}
      />
    </section>
  );
}

function LinkTable({
  title,
  unit,
  links,
  empty,
  testId,
}: {
  title: string;
  unit: OrgUnitDetail;
  links: UnitLink[];
  empty: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const [params] = useSearchParams();
  return (
    <div data-testid={testId} style={{ marginBottom: 12 }}>
      <h3 style={{ fontSize: 14, margin: '8px 0 4px' }}>{title}</h3>
      <Table<UnitLink>
        size="small"
        rowKey={(l) => `${l.code}|${l.validFrom ?? ''}`}
        dataSource={links}
        pagination={links.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        locale={{ emptyText: <span className="chiso-muted">{empty}</span> }}
        columns={[
          {
            title: t('common.unit'),
            key: 'unit',
            render: (_, l) => (
              <span>
                <Link to={`/units?${withParams(params, { unit: l.code, asOf: dateInside(l) })}`}>
                  {l.name} ({l.code})
                </Link>
                {l.code === unit.code && l.validFrom === unit.validFrom && l.validTo === unit.validTo && (
                  <Tag style={{ marginLeft: 6 }}>{t('time.continues')}</Tag>
                )}
              </span>
            ),
          },
          {
            title: t('time.kindLabel'),
            key: 'kind',
            width: 110,
            render: (_, l) => (
              <Tag color={l.kind === 'partial' ? 'orange' : 'blue'}>{t(`time.kind.${l.kind}`)}</Tag>
            ),
          },
          {
            title: t('time.share'),
            key: 'share',
            width: 120,
            align: 'right',
            render: (_, l) => (
              <span className="chiso-num">
                {formatShare(l.share, lang, 1)}
                {l.estimated && (
                  <div className="chiso-muted" style={{ fontSize: 12 }}>
                    {t('time.shareAssumed', { method: t(`time.shareMethod.${l.shareMethod ?? 'equal'}`) })}
                  </div>
                )}
              </span>
            ),
          },
          {
            title: t('time.validity'),
            key: 'validity',
            width: 210,
            render: (_, l) =>
              `${l.validFrom ? formatDate(l.validFrom) : '…'} – ${l.validTo ? formatDate(l.validTo) : t('time.openEnded')}`,
          },
        ]}
      />
    </div>
  );
}
