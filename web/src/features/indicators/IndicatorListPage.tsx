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

  return (
    <div>
      <PageTitle title={t('indicators.title')} sub={t('indicators.sub')} />
      <Card style={{ marginBottom: 16 }}>
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={8}>
            <label htmlFor="ind-search" className="chiso-muted" style={{ fontSize: 12 }}>
              {t('indicators.search')}
            </label>
            <Input
              id="ind-search"
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('indicators.searchPlaceholder')}
              value={text}
              onChange={(e) => setText(e.target.value)}
              onPressEnter={() => update({ q: text || undefined, page: undefined })}
            />
          </Col>
          <Col xs={12} lg={4}>
            <label htmlFor="ind-pillar" className="chiso-muted" style={{ fontSize: 12 }}>
              {t('common.pillar')}
            </label>
            <Select
              id="ind-pillar"
              allowClear
              style={{ width: '100%' }}
              placeholder={t('common.all')}
              value={pillar}
              loading={pillars.isPending}
              options={(pillars.data ?? []).map((p) => ({ value: p.code, label: localName(p) }))}
              onChange={(v) => update({ pillar: v, page: undefined })}
            />
          </Col>
          <Col xs={12} lg={4}>
            <label htmlFor="ind-field" className="chiso-muted" style={{ fontSize: 12 }}>
              {t('common.field')}
            </label>
            <Select
              id="ind-field"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder={t('common.all')}
              value={field}
              loading={fields.isPending}
              options={(fields.data ?? []).map((p) => ({ value: p.code, label: localName(p) }))}
              onChange={(v) => update({ field: v, page: undefined })}
            />
          </Col>
          <Col xs={12} lg={4}>
            <label htmlFor="ind-owner" className="chiso-muted" style={{ fontSize: 12 }}>
              {t('indicators.owner')}
            </label>
            <UnitPicker
              id="ind-owner"
              allowClear
              kind="department"
              style={{ width: '100%', minWidth: 0 }}
              placeholder={t('common.all')}
              value={owner}
              onChange={(v) => update({ owner: v, page: undefined })}
              aria-label={t('indicators.owner')}
            />
          </Col>
          <Col xs={12} lg={4}>
            <label htmlFor="ind-frequency" className="chiso-muted" style={{ fontSize: 12 }}>
              {t('indicators.frequency')}
            </label>
            <Select
              id="ind-frequency"
              allowClear
              style={{ width: '100%' }}
              placeholder={t('common.all')}
              value={frequency}
              options={optionsOf(FREQUENCIES, t, 'frequency')}
              onChange={(v) => update({ frequency: v, page: undefined })}
            />
          </Col>
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
