/** Frozen emulation reviews (sơ kết / tổng kết): list, freeze a new one, export, print, compare. */

import { SwapOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { PrintLinks } from '../../components/PrintLinks';
import { UnitPicker } from '../../components/UnitPicker';
import { api, errorMessage } from '../../lib/api';
import { formatDate, formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { useFreezeReview, useReviews, useScorecards } from './api';
import './messages';
import { DateInput } from '../../components/DateInput';
import { useFormDirty } from '../../lib/unsavedGuard';
import { RankChange } from './RankChange';
import { scorecardKind } from './scorecardKind';
import type { ReviewComparison, ReviewSummary } from './types';

interface FreezeForm {
  scorecard: string;
  title: string;
  kind: 'interim' | 'final';
  date: string;
  period?: string;
  orgUnit?: string;
  level?: number;
  unitKind?: string;
}

export default function ReviewsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<number[]>([]);
  const [compare, setCompare] = useState<ReviewComparison | null>(null);
  const [comparing, setComparing] = useState(false);
  const compareRef = useRef<HTMLDivElement>(null);
  const [form] = Form.useForm<FreezeForm>();
  const reviews = useReviews();
  const cards = useScorecards();
  // the freeze form only for those the server lets freeze (each scorecard says so)
  const canFreeze = (cards.data?.items ?? []).some((c) => c.abilities?.freezeReview);
  const freeze = useFreezeReview<FreezeForm>();
  const guard = useFormDirty(canFreeze);

  /** Compares the two picked reviews, the earlier one (by date, then by freezing order) as "a". */
  async function doCompare() {
    const byId = new Map((reviews.data?.items ?? []).map((r) => [r.id, r]));
    const [a, b] = [...selected].sort((x, y) => {
      const dx = byId.get(x)?.date ?? '';
      const dy = byId.get(y)?.date ?? '';
      return dx < dy ? -1 : dx > dy ? 1 : x - y;
    });
    setComparing(true);
    try {
      setCompare(await api<ReviewComparison>('/reviews/compare', { query: { a, b } }));
      setTimeout(() => compareRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setComparing(false);
    }
  }

  const reviewLabel = (r: ReviewComparison['a']) => `${r.title} · ${r.period} · ${formatDate(r.date)}`;
  const score = (v: number | null | undefined) => formatNumber(v ?? null, lang, 4);

  return (
    <>
      <PageTitle title={t('rankings.reviews')} />
      {canFreeze && (
        <Card size="small" title={t('rankings.freeze')} style={{ marginBottom: 16 }}>
          <Form<FreezeForm>
            layout="inline"
            initialValues={{
              kind: 'interim',
              date: new Date().toISOString().slice(0, 10),
              level: 2,
              unitKind: 'district',
            }}
            form={form}
            onValuesChange={(changed: Partial<FreezeForm>) => {
              guard.onValuesChange();
              // The usual kind of unit of the chosen scorecard (districts, departments…).
              if (changed.scorecard) {
                const kind = scorecardKind(cards.data?.items.find((c) => c.code === changed.scorecard));
                if (kind) form.setFieldValue('unitKind', kind);
              }
            }}
            onFinish={(v) =>
              freeze.mutate(
                Object.fromEntries(
                  Object.entries(v).filter(([, x]) => x !== '' && x !== undefined && x !== null),
                ) as unknown as FreezeForm,
                {
                  onSuccess: (r) => {
                    guard.reset();
                    form.resetFields(['title']);
                    message.success(t('rankings.review.frozenOk', { title: v.title, id: r.id }));
                  },
                  onError: (e) => message.error(errorMessage(e)),
                },
              )
            }
          >
            <Form.Item
              name="scorecard"
              rules={[
                {
                  required: true,
                  message: t('rankings.review.required', { field: t('rankings.scorecard') }),
                },
              ]}
            >
              <Select
                aria-label={t('rankings.scorecard')}
                placeholder={t('rankings.scorecard')}
                style={{ minWidth: 260 }}
                options={(cards.data?.items ?? []).map((c) => ({ value: c.code, label: c.name }))}
              />
            </Form.Item>
            <Form.Item
              name="title"
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('rankings.review.required', { field: t('rankings.review.title') }),
                },
              ]}
            >
              <Input
                aria-label={t('rankings.review.title')}
                placeholder={t('rankings.review.title')}
                style={{ minWidth: 280 }}
              />
            </Form.Item>
            <Form.Item name="kind">
              <Select
                aria-label={t('rankings.review.kind')}
                options={[
                  { value: 'interim', label: t('rankings.review.interim') },
                  { value: 'final', label: t('rankings.review.final') },
                ]}
              />
            </Form.Item>
            <Form.Item name="date">
              <DateInput aria-label={t('rankings.review.date')} />
            </Form.Item>
            <Form.Item name="period">
              <Input
                aria-label={t('rankings.period')}
                placeholder={t('rankings.period')}
                style={{ width: 100 }}
              />
            </Form.Item>
            <Form.Item name="orgUnit">
              <UnitPicker
                aria-label={t('rankings.scope')}
                allowClear
                placeholder={t('rankings.scope')}
                onChange={() => {}}
                style={{ minWidth: 180 }}
              />
            </Form.Item>
            <Form.Item name="level">
              <InputNumber
                aria-label={t('rankings.level')}
                addonBefore={t('rankings.level')}
                min={1}
                max={6}
                style={{ width: 110 }}
              />
            </Form.Item>
            <Form.Item name="unitKind">
              <Select
                aria-label={t('rankings.kind')}
                allowClear
                options={['district', 'department', 'province'].map((k) => ({
                  value: k,
                  label: t(`rankings.kind.${k}`),
                }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={freeze.isPending}>
              {t('rankings.freeze')}
            </Button>
          </Form>
        </Card>
      )}
      {reviews.isError ? (
        <ErrorState error={reviews.error} onRetry={() => reviews.refetch()} />
      ) : (
        <Table<ReviewSummary>
          rowKey="id"
          size="small"
          loading={reviews.isLoading}
          dataSource={reviews.data?.items ?? []}
          rowSelection={{
            selectedRowKeys: selected,
            onChange: (k) => setSelected((k as number[]).slice(-2)),
          }}
          title={() => (
            <Space>
              <Button
                icon={<SwapOutlined />}
                disabled={selected.length !== 2}
                loading={comparing}
                onClick={doCompare}
              >
                {t('rankings.review.compare')}
              </Button>
              {selected.length !== 2 && (
                <Typography.Text type="secondary">{t('rankings.review.pickTwo')}</Typography.Text>
              )}
            </Space>
          )}
          columns={[
            { title: t('rankings.review.date'), dataIndex: 'date', render: (d: string) => formatDate(d) },
            {
              title: t('rankings.review.kind'),
              dataIndex: 'kind',
              render: (k: string) => (
                <Tag color={k === 'final' ? 'blue' : 'default'}>{t(`rankings.review.${k}`)}</Tag>
              ),
            },
            { title: t('rankings.review.title'), dataIndex: 'title' },
            { title: t('rankings.period'), dataIndex: 'period' },
            { title: t('rankings.review.units'), dataIndex: 'units', align: 'right' },
            {
              title: t('rankings.review.leader'),
              key: 'leader',
              render: (_: unknown, r) => r.leader?.name ?? '—',
            },
            {
              key: 'links',
              render: (_: unknown, r) => (
                <Space>
                  <a href={`/api/reviews/${r.id}/export.xlsx`}>{t('rankings.review.export')}</a>
                  <PrintLinks path={`/api/reviews/${r.id}/print`} size="small" />
                </Space>
              ),
            },
          ]}
        />
      )}
      {compare && (
        <div ref={compareRef}>
          <Card
            size="small"
            style={{ marginTop: 16 }}
            title={
              <span>
                {t('rankings.review.compareTable')}: <Tag>A</Tag>
                {reviewLabel(compare.a)} → <Tag color="blue">B</Tag>
                {reviewLabel(compare.b)}
              </span>
            }
            extra={
              <Button size="small" onClick={() => setCompare(null)}>
                {t('rankings.review.close')}
              </Button>
            }
          >
            <Table<ReviewComparison['items'][number]>
              rowKey="orgUnit"
              size="small"
              pagination={false}
              dataSource={compare.items}
              aria-label={t('rankings.review.compareTable')}
              scroll={{ x: true }}
              columns={[
                { title: t('rankings.unit'), dataIndex: 'name' },
                {
                  title: t('rankings.review.rankIn', { review: 'A' }),
                  key: 'aRank',
                  align: 'right',
                  render: (_: unknown, r) => r.a?.rank ?? '—',
                },
                {
                  title: t('rankings.review.scoreIn', { review: 'A' }),
                  key: 'aScore',
                  align: 'right',
                  render: (_: unknown, r) => score(r.a?.score),
                },
                {
                  title: t('rankings.review.rankIn', { review: 'B' }),
                  key: 'bRank',
                  align: 'right',
                  render: (_: unknown, r) => <strong>{r.b?.rank ?? '—'}</strong>,
                },
                {
                  title: t('rankings.review.scoreIn', { review: 'B' }),
                  key: 'bScore',
                  align: 'right',
                  render: (_: unknown, r) => score(r.b?.score),
                },
                {
                  title: t('rankings.review.rankChange'),
                  dataIndex: 'rankChange',
                  align: 'center',
                  render: (v: number | null) => <RankChange change={v} />,
                },
                {
                  title: t('rankings.review.scoreChange'),
                  dataIndex: 'scoreChange',
                  align: 'right',
                  render: (v: number | null) =>
                    v === null ? (
                      '—'
                    ) : (
                      <Typography.Text type={v > 0 ? 'success' : v < 0 ? 'danger' : undefined}>
                        {v > 0 ? '+' : ''}
                        {score(v)}
                      </Typography.Text>
                    ),
                },
              ]}
            />
          </Card>
        </div>
      )}
    </>
  );
}
