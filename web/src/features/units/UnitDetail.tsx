import { Button, Descriptions, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { BlockSkeleton, EmptyState, ErrorState } from '../../components/PageStates';
import { formatDate } from '../../lib/format';
import { useOrgUnit } from '../../lib/hooks';
import { withParams } from '../../lib/searchParams';
import { LineagePanel } from './LineagePanel';

export function UnitDetail({
  code,
  asOf,
  onSelect,
}: {
  code: string | undefined;
  /** The version of the unit valid on this date. */
  asOf?: string;
  onSelect: (code: string) => void;
}) {
  const { t } = useTranslation();
  const unit = useOrgUnit(code, asOf);
  // The IOC opens on the same date when one was chosen (a closed unit is read where it has data).
  const explicitAsOf = useSearchParams()[0].get('asOf') ?? undefined;
  if (!code) return <EmptyState description={t('units.pickOne')} />;
  if (unit.isPending) return <BlockSkeleton rows={8} />;
  if (unit.isError) return <ErrorState error={unit.error} onRetry={() => unit.refetch()} />;
  const u = unit.data;
  const ancestors = [...u.ancestors].sort((a, b) => a.level - b.level);
  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Link to={`/?${withParams(new URLSearchParams(), { unit: u.code, asOf: explicitAsOf })}`}>
          <Button type="primary">{t('units.openIoc')}</Button>
        </Link>
        {u.validTo ? (
          <Tag color="red">{t('units.closedOn', { date: formatDate(u.validTo) })}</Tag>
        ) : (
          <Tag color="green">{t('units.active')}</Tag>
        )}
        {u.hasGeometry ? (
          <Tag color="blue">{t('units.hasGeometry')}</Tag>
        ) : (
          <Tag>{t('units.noGeometry')}</Tag>
        )}
      </Space>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 1, md: 2 }}
        items={[
          { key: 'code', label: t('common.code'), children: <code>{u.code}</code> },
          { key: 'name', label: t('common.name'), children: u.name },
          { key: 'kind', label: t('units.kind'), children: t(`unitKind.${u.kind}`) },
          { key: 'type', label: t('units.type'), children: u.type || '—' },
          { key: 'level', label: t('units.level'), children: u.level },
          {
            key: 'path',
            label: t('units.path'),
            children: ancestors.length ? (
              <Space wrap size={4}>
                {ancestors.map((a) => (
                  <Button
                    key={a.code}
                    size="small"
                    type="link"
                    style={{ padding: 0 }}
                    onClick={() => onSelect(a.code)}
                  >
                    {a.name}
                  </Button>
                ))}
              </Space>
            ) : (
              '—'
            ),
          },
          { key: 'from', label: t('units.validFrom'), children: formatDate(u.validFrom) },
          { key: 'to', label: t('units.validTo'), children: u.validTo ? formatDate(u.validTo) : '—' },
        ]}
      />
      <LineagePanel unit={u} />
      <h2 style={{ fontSize: 15, margin: '20px 0 8px' }}>
        {t('units.children', { count: u.children.length })}
      </h2>
      <Table
        size="small"
        rowKey="code"
        dataSource={u.children}
        pagination={u.children.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <EmptyState description={t('units.noChildren')} /> }}
        columns={[
          { title: t('common.code'), dataIndex: 'code', width: 120 },
          {
            title: t('common.name'),
            key: 'name',
            render: (_, c) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => onSelect(c.code)}>
                {c.name}
              </Button>
            ),
          },
          { title: t('units.kind'), key: 'kind', width: 170, render: (_, c) => t(`unitKind.${c.kind}`) },
          {
            title: t('units.geometry'),
            key: 'geo',
            width: 110,
            render: (_, c) => (c.hasGeometry ? t('common.yes') : t('common.no')),
          },
        ]}
      />
    </div>
  );
}
