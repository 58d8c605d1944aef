import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Col, Input, Row, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { UnitPicker } from '../../components/UnitPicker';
import { api } from '../../lib/api';
import { useCatalogNames, useFields, useLocalName, usePillars } from '../../lib/hooks';
import { useSearchPatch } from '../../lib/searchParams';
import type { Indicator, Page } from '../../lib/types';
import { FREQUENCIES, optionsOf } from './options';

const PAGE_SIZE = 20;

export default function IndicatorListPage() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const names = useCatalogNames();
  const pillars = usePillars();
  const fields = useFields();
  const [params, update] = useSearchPatch();
  const q = params.get('q') ?? '';
  const pillar = params.get('pillar') ?? undefined;
  const field = params.get('field') ?? undefined;
  const owner = params.get('owner') ?? undefined;
  const frequency = params.get('frequency') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const [text, setText] = useState(q);

  useEffect(() => setText(q), [q]);
  // Search as you type, debounced; the server ignores case and diacritics.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs only when the typed text changes
  useEffect(() => {
    if (text === q) return;
    const h = setTimeout(() => update({ q: text || undefined, page: undefined }), 300);
    return () => clearTimeout(h);
  }, [text]);

  const query = {
    q: q || undefined,
    pillar,
    field,
    owner,
    frequency,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const list = useQuery({
    queryKey: ['indicators', query],
    queryFn: () => api<Page<Indicator>>('/indicators', { query }),
    placeholderData: keepPreviousData,
  });

  /** The props every filter shares: cleared to "all", and a change goes back to page 1. */
  const filterProps = (key: 'pillar' | 'field' | 'owner' | 'frequency', value: string | undefined) => ({
    id: `ind-${key}`,
    allowClear: true,
    style: { width: '100%' },
    placeholder: t('common.all'),
    value,
    onChange: (v: string | undefined) => update({ [key]: v, page: undefined }),
  });

  return (
    <div>
      <PageTitle title={t('indicators.title')} sub={t('indicators.sub')} />
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]}>
          <Filter id="ind-search" label={t('indicators.search')} xs={24} lg={8}>
            <Input
              id="ind-search"
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('indicators.searchPlaceholder')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onPressEnter={() => update({ q: text || undefined, page: undefined })}
            />
          </Filter>
          <Filter id="ind-pillar" label={t('common.pillar')}>
            <Select
              {...filterProps('pillar', pillar)}
              loading={pillars.isPending}
              options={(pillars.data ?? []).map((p) => ({ value: p.code, label: localName(p) }))}
            />
          </Filter>
          <Filter id="ind-field" label={t('common.field')}>
            <Select
              {...filterProps('field', field)}
              showSearch={{ optionFilterProp: 'label' }}
              loading={fields.isPending}
              options={(fields.data ?? []).map((p) => ({ value: p.code, label: localName(p) }))}
            />
          </Filter>
          <Filter id="ind-owner" label={t('indicators.owner')}>
            <UnitPicker
              {...filterProps('owner', owner)}
              kind="department"
              style={{ width: '100%', minWidth: 0 }}
              aria-label={t('indicators.owner')}
            />
          </Filter>
          <Filter id="ind-frequency" label={t('indicators.frequency')}>
            <Select
              {...filterProps('frequency', frequency)}
              options={optionsOf(FREQUENCIES, t, 'frequency')}
            />
          </Filter>
        </Row>
      </Card>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Card>
          <Table<Indicator>
            rowKey="code"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 900 }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (total) => t('common.total', { count: total }),
              onChange: (p) => update({ page: p > 1 ? String(p) : undefined }),
            }}
            columns={[
              {
                title: t('common.code'),
                dataIndex: 'code',
                width: 150,
                render: (code: string) => <code style={{ fontSize: 12 }}>{code}</code>,
              },
              {
                title: t('common.indicator'),
                key: 'name',
                render: (_, r) => (
                  <Space orientation="vertical" size={0}>
                    <Link to={`/indicators/${encodeURIComponent(r.code)}`}>{localName(r)}</Link>
                    {r.ownerName && (
                      <span className="chiso-muted" style={{ fontSize: 12 }}>
                        {r.ownerName}
                      </span>
                    )}
                  </Space>
                ),
              },
              {
                title: t('common.pillar'),
                key: 'pillar',
                width: 170,
                render: (_, r) => names.pillar(r.pillar),
              },
              { title: t('common.field'), key: 'field', width: 190, render: (_, r) => names.field(r.field) },
              {
                title: t('indicators.frequency'),
                key: 'frequency',
                width: 110,
                render: (_, r) => t(`frequency.${r.frequency}`),
              },
              { title: t('indicators.unitOfMeasure'), dataIndex: 'unit', width: 110 },
              {
                title: '',
                key: 'tags',
                width: 90,
                render: (_, r) => (r.published ? <Tag color="green">{t('indicators.published')}</Tag> : null),
              },
            ]}
          />
          <div className="chiso-muted" style={{ fontSize: 12 }}>
            <DownloadOutlined /> {t('indicators.downloadHint')}
          </div>
        </Card>
      )}
    </div>
  );
}

/** A labelled filter of the list (the label names the control for screen readers too). */
function Filter({
  id,
  label,
  xs = 12,
  lg = 4,
  children,
}: {
  id: string;
  label: string;
  xs?: number;
  lg?: number;
  children: React.ReactNode;
}) {
  return (
    <Col xs={xs} lg={lg}>
      <label htmlFor={id} className="chiso-muted" style={{ fontSize: 12 }}>
        {label}
      </label>
      {children}
    </Col>
  );
}
