import { ArrowRightOutlined, SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Input, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { BlockSkeleton, EmptyState, ErrorState, PageTitle } from '../../components/PageStates';
import { api } from '../../lib/api';
import { useLocalName } from '../../lib/hooks';
import type { OpenIndicator } from '../../lib/types';
import { OpenIndicatorView } from './OpenIndicatorView';

/** Lower-case without diacritics, so "dich vu cong" finds "Dịch vụ công". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export default function OpenDataPage() {
  const { t } = useTranslation();
  const localName = useLocalName();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['open-indicators'],
    queryFn: () => api<{ items: OpenIndicator[] }>('/open/indicators', { allow401: true }),
  });
  const items = list.data?.items ?? [];
  const code = params.get('indicator') || items[0]?.code;
  const selected = items.find((x) => x.code === code);
  const filtered = q ? items.filter((x) => fold(`${x.name} ${x.nameEn} ${x.code}`).includes(fold(q))) : items;

  return (
    <div>
      <PageTitle title={t('open.title')} sub={t('open.sub')} />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={8}>
            <Card title={t('open.published', { count: items.length })}>
              <label htmlFor="open-search" className="chiso-muted" style={{ fontSize: 12 }}>
                {t('indicators.search')}
              </label>
              <Input
                id="open-search"
                allowClear
                prefix={<SearchOutlined />}
                value={q}
                onChange={(e) => setQ(e.target.value)}
                placeholder={t('indicators.searchPlaceholder')}
                style={{ marginBottom: 12 }}
              />
              {list.isPending ? (
                <BlockSkeleton rows={8} />
              ) : filtered.length === 0 ? (
                <EmptyState description={items.length ? t('common.noMatch') : t('open.none')} />
              ) : (
                <ul style={{ listStyle: 'none', padding: 0, margin: 0, maxHeight: 560, overflow: 'auto' }}>
                  {filtered.map((x) => (
                    <li key={x.code}>
                      <button
                        type="button"
                        aria-current={x.code === code ? 'true' : undefined}
                        onClick={() => setParams({ indicator: x.code })}
                        style={{
                          width: '100%',
                          textAlign: 'left',
                          padding: '8px 10px',
                          border: 0,
                          borderRadius: 6,
                          marginBottom: 2,
                          background: x.code === code ? '#e6f0f4' : 'transparent',
                          cursor: 'pointer',
                          font: 'inherit',
                        }}
                      >
                        <div style={{ fontWeight: x.code === code ? 600 : 400 }}>{localName(x)}</div>
                        <div className="chiso-muted" style={{ fontSize: 12 }}>
                          {t(`pillar.${x.pillar}`, { defaultValue: x.pillar })} ·{' '}
                          {t(`frequency.${x.frequency}`)}
                        </div>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </Col>
          <Col xs={24} lg={16}>
            <Card
              title={selected ? localName(selected) : t('open.pick')}
              extra={
                selected && (
                  <Link to={`/open/${encodeURIComponent(selected.code)}`}>
                    {t('open.page')} <ArrowRightOutlined />
                  </Link>
                )
              }
            >
              {selected ? (
                <OpenIndicatorView key={selected.code} code={selected.code} />
              ) : list.isPending ? (
                <BlockSkeleton rows={8} />
              ) : (
                <EmptyState description={t('open.none')} />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </div>
  );
}
