/**
 * The audit trail (admins): every write, newest first, searchable by user, entity, key and dates;
 * each entry expands to its before and after; the filtered list exports as CSV. Route: /admin/audit
 */
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { api, errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import './messages';

export interface AuditEntry {
  at: string;
  user: string | null;
  ip: string | null;
  action: string;
  entity: string;
  key: string | null;
  before: unknown;
  after: unknown;
}

const ENTITIES = [
  'data_value',
  'report_submission',
  'report_form',
  'user',
  'session',
  'api_token',
  'org_unit',
  'indicator',
  'plan',
  'target',
  'task',
  'scorecard',
  'scorecard_assessment',
  'emulation_review',
  'setting',
];

interface Filters {
  user?: string;
  entity?: string;
  key?: string;
  from?: string;
  to?: string;
}

const PAGE = 50;

/** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
function csvCell(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The audit CSV a person downloads: headers, actions and objects in the app's language, times as
 * "30/06/2025 14:05" (local time), not ISO stamps.
 */
export function auditCsv(
  items: AuditEntry[],
  t: (k: string, o?: { defaultValue: string }) => string,
): string {
  const head = ['at', 'user', 'ip', 'action', 'entity', 'key', 'csvBefore', 'csvAfter'].map((k) =>
    t(`audit.${k}`),
  );
  const rows = items.map((i) =>
    [
      formatDateTime(i.at),
      i.user,
      i.ip,
      t(`audit.act.${i.action}`, { defaultValue: i.action }),
      t(`audit.entity.${i.entity}`, { defaultValue: i.entity }),
      i.key,
      i.before,
      i.after,
    ].map(csvCell),
  );
  return `\uFEFF${[head.join(','), ...rows.map((r) => r.join(','))].join('\r\n')}\r\n`;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    user: params.get('user') ?? undefined,
    entity: params.get('entity') ?? undefined,
    key: params.get('key') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
  };
  const page = Number(params.get('page') ?? '1') || 1;
  const [form] = Form.useForm<{
    user?: string;
    entity?: string;
    key?: string;
    dates?: [Dayjs, Dayjs] | null;
  }>();
  const [exporting, setExporting] = useState(false);

  const audit = useQuery({
    queryKey: ['audit', filters, page],
    queryFn: () =>
      api<{ total: number; items: AuditEntry[] }>('/audit', {
        query: { ...filters, limit: PAGE, offset: (page - 1) * PAGE },
      }),
    placeholderData: keepPreviousData,
  });

  function apply(v: { user?: string; entity?: string; key?: string; dates?: [Dayjs, Dayjs] | null }) {
    const next = new URLSearchParams();
    if (v.user?.trim()) next.set('user', v.user.trim());
    if (v.entity) next.set('entity', v.entity);
    if (v.key?.trim()) next.set('key', v.key.trim());
    if (v.dates?.[0]) next.set('from', v.dates[0].format('YYYY-MM-DD'));
    if (v.dates?.[1]) next.set('to', v.dates[1].format('YYYY-MM-DD'));
    setParams(next, { replace: true });
  }

  async function exportCsv() {
    setExporting(true);
    try {
      const all: AuditEntry[] = [];
      for (let offset = 0; offset < 50_000; offset += 1000) {
        const r = await api<{ total: number; items: AuditEntry[] }>('/audit', {
          query: { ...filters, limit: 1000, offset },
        });
        all.push(...r.items);
        if (r.items.length < 1000 || all.length >= r.total) break;
      }
      const blob = new Blob([auditCsv(all, t)], { type: 'text/csv;charset=utf-8' });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `chiso-audit-${new Date().toISOString().slice(0, 10)}.csv`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <PageTitle
        title={t('audit.title')}
        sub={t('audit.intro')}
        extra={
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportCsv()}>
            {exporting ? t('audit.exporting') : t('audit.exportCsv')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{
            user: filters.user,
            entity: filters.entity,
            key: filters.key,
            dates: filters.from || filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null,
          }}
          onFinish={apply}
        >
          <Row gutter={12}>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="user" label={t('audit.user')}>
                <Input allowClear placeholder={t('audit.userPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={4}>
              <Form.Item name="entity" label={t('audit.entity')}>
                <Select
                  allowClear
                  placeholder={t('audit.anyEntity')}
                  options={ENTITIES.map((e) => ({
                    value: e,
                    label: t(`audit.entity.${e}`, { defaultValue: e }),
                  }))}
                  showSearch={{ optionFilterProp: 'label' }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={5}>
              <Form.Item name="key" label={t('audit.key')}>
                <Input allowClear placeholder={t('audit.keyPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} lg={6}>
              <Form.Item name="dates" label={t('audit.dates')}>
                <DatePicker.RangePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={5}>
              <Form.Item label=" ">
                <Space wrap>
                  <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                    {t('audit.search')}
                  </Button>
                  <Button
                    onClick={() => {
                      form.setFieldsValue({
                        user: undefined,
                        entity: undefined,
                        key: undefined,
                        dates: null,
                      });
                      setParams(new URLSearchParams(), { replace: true });
                    }}
                  >
                    {t('audit.reset')}
                  </Button>
                </Space>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      <Card>
        {audit.isError ? (
          <ErrorState error={audit.error} onRetry={() => audit.refetch()} />
        ) : (
          <Table
            data-testid="audit-table"
            rowKey={(r) => `${r.at}-${r.action}-${r.entity}-${r.key}-${r.user}`}
            size="small"
            loading={audit.isFetching}
            dataSource={audit.data?.items ?? []}
            locale={{ emptyText: t('audit.none') }}
            scroll={{ x: 900 }}
            pagination={{
              current: page,
              pageSize: PAGE,
              total: audit.data?.total ?? 0,
              showSizeChanger: false,
              showTotal: (n) => t('audit.total', { count: n }),
              onChange: (p) => {
                const next = new URLSearchParams(params);
                next.set('page', String(p));
                setParams(next, { replace: true });
              },
            }}
            expandable={{
              expandedRowRender: (r) => (
                <Row gutter={16}>
                  <Col xs={24} md={12}>
                    <Typography.Text strong>{t('audit.before')}</Typography.Text>
                    <pre className="chiso-pre" style={{ maxHeight: 320, overflow: 'auto', fontSize: 12 }}>
                      {r.before === null || r.before === undefined ? '—' : JSON.stringify(r.before, null, 2)}
                    </pre>
                  </Col>
                  <Col xs={24} md={12}>
                    <Typography.Text strong>{t('audit.after')}</Typography.Text>
                    <pre className="chiso-pre" style={{ maxHeight: 320, overflow: 'auto', fontSize: 12 }}>
                      {r.after === null || r.after === undefined ? '—' : JSON.stringify(r.after, null, 2)}
                    </pre>
                  </Col>
                </Row>
              ),
              rowExpandable: (r) => r.before != null || r.after != null,
            }}
            columns={[
              {
                title: t('audit.at'),
                key: 'at',
                width: 150,
                render: (_, r: AuditEntry) => formatDateTime(r.at),
              },
              {
                title: t('audit.user'),
                dataIndex: 'user',
                width: 120,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: t('audit.action'),
                dataIndex: 'action',
                width: 110,
                render: (v: string) => <Tag>{t(`audit.act.${v}`, { defaultValue: v })}</Tag>,
              },
              {
                title: t('audit.entity'),
                dataIndex: 'entity',
                width: 160,
                render: (v: string) => t(`audit.entity.${v}`, { defaultValue: v }),
              },
              {
                title: t('audit.key'),
                dataIndex: 'key',
                render: (v: string | null) => (v ? <code>{v}</code> : '—'),
              },
              { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
            ]}
          />
        )}
      </Card>
    </>
  );
}
