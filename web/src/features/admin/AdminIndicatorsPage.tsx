import { EditOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Drawer, Form, Input, Select, Space, Switch, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { errorMessage } from '../../lib/api';
import { applyServerErrors } from '../../lib/formErrors';
import { useCatalogNames, useLocalName, usePillars } from '../../lib/hooks';
import type { Indicator } from '../../lib/types';
import { useFormDirty } from '../../lib/unsavedGuard';
import { useAdminIndicators, usePublishIndicator, useSaveIndicator } from './api';
import { EMPTY_INDICATOR, IndicatorForm, type IndicatorValues } from './IndicatorForm';

const PAGE_SIZE = 20;

/** Fields the server accepts as null when empty; the others are left out when empty. */
const NULLABLE = new Set([
  'definition',
  'definitionEn',
  'field',
  'decimals',
  'owner',
  'source',
  'category',
  'formula',
]);

/** Trims text and sends empty optional fields as null (or leaves them out), never as "". */
function clean(values: IndicatorValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(values)) {
    const v = typeof raw === 'string' ? raw.trim() : raw;
    if (k === 'unit') out[k] = v ?? '';
    else if (v === undefined || v === null || v === '') {
      if (NULLABLE.has(k)) out[k] = null;
    } else out[k] = v;
  }
  return out;
}

export default function AdminIndicatorsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const localName = useLocalName();
  const names = useCatalogNames();
  const pillars = usePillars();
  const saveIndicator = useSaveIndicator();
  const publishIndicator = usePublishIndicator();
  const [q, setQ] = useState('');
  const [pillar, setPillar] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<Indicator | null>(null);
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [form] = Form.useForm<IndicatorValues>();
  const guard = useFormDirty(open);

  const query = { q: q || undefined, pillar, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const list = useAdminIndicators(query);

  function openForm(ind: Indicator | null) {
    setEditing(ind);
    setServerError(null);
    form.resetFields();
    form.setFieldsValue(ind ? { ...EMPTY_INDICATOR, ...ind } : EMPTY_INDICATOR);
    setOpen(true);
  }

  async function publish(ind: Indicator, published: boolean) {
    try {
      await publishIndicator.mutateAsync({ code: ind.code, published });
      message.success(
        published ? t('admin.publishedOk', { code: ind.code }) : t('admin.unpublishedOk', { code: ind.code }),
      );
    } catch (err) {
      message.error(errorMessage(err));
    }
  }

  async function save(values: IndicatorValues) {
    setSaving(true);
    setServerError(null);
    const { published, ...rest } = values;
    const body = clean(rest as IndicatorValues);
    try {
      if (editing) {
        // PATCH: the fields of the form change, nothing else is reset (PUT needs the whole object)
        const { code: _code, ...patch } = body;
        await saveIndicator.mutateAsync({ code: editing.code, body: patch });
        if (!!published !== !!editing.published) await publish(editing, !!published);
      } else {
        const created = await saveIndicator.mutateAsync({ code: null, body });
        if (published) await publish(created ?? (body as unknown as Indicator), true);
      }
      guard.reset();
      message.success(t('admin.saved'));
      setOpen(false);
    } catch (err) {
      setServerError(applyServerErrors(form, err).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div>
      <PageTitle
        title={t('admin.indicatorsTitle')}
        sub={t('admin.indicatorsSub')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => openForm(null)}>
            {t('admin.newIndicator')}
          </Button>
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 12 }}>
          <Input
            aria-label={t('indicators.search')}
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('indicators.searchPlaceholder')}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
            style={{ width: 320 }}
          />
          <Select
            aria-label={t('common.pillar')}
            allowClear
            placeholder={t('common.pillar')}
            style={{ width: 220 }}
            value={pillar}
            options={(pillars.data ?? []).map((p) => ({ value: p.code, label: localName(p) }))}
            onChange={(v) => {
              setPillar(v);
              setPage(1);
            }}
          />
        </Space>
        {list.isError ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<Indicator>
            rowKey="code"
            loading={list.isFetching}
            dataSource={list.data?.items ?? []}
            scroll={{ x: 1000 }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: setPage,
              showTotal: (total) => t('common.total', { count: total }),
            }}
            columns={[
              {
                title: t('common.code'),
                dataIndex: 'code',
                width: 150,
                render: (c: string) => <code style={{ fontSize: 12 }}>{c}</code>,
              },
              {
                title: t('common.indicator'),
                key: 'name',
                render: (_, r) => (
                  <Link to={`/indicators/${encodeURIComponent(r.code)}`}>{localName(r)}</Link>
                ),
              },
              {
                title: t('common.pillar'),
                key: 'pillar',
                width: 160,
                render: (_, r) => names.pillar(r.pillar),
              },
              {
                title: t('indicators.valueType'),
                key: 'vt',
                width: 120,
                render: (_, r) => t(`valueType.${r.valueType}`),
              },
              {
                title: t('indicators.frequency'),
                key: 'f',
                width: 110,
                render: (_, r) => t(`frequency.${r.frequency}`),
              },
              {
                title: t('form.published'),
                key: 'pub',
                width: 110,
                render: (_, r) => (
                  <Switch
                    size="small"
                    checked={!!r.published}
                    aria-label={t('admin.togglePublish', { code: r.code })}
                    onChange={(v) => void publish(r, v)}
                  />
                ),
              },
              {
                title: '',
                key: 'edit',
                width: 110,
                render: (_, r) => (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    onClick={() => openForm(r)}
                    aria-label={t('admin.editIndicator', { code: r.code })}
                  >
                    {t('common.edit')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={editing ? t('admin.editTitle', { code: editing.code }) : t('admin.newIndicator')}
        size="min(820px, 100vw)"
        forceRender
        extra={
          <Space>
            <Button onClick={() => setOpen(false)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          </Space>
        }
      >
        <IndicatorForm
          form={form}
          editing={!!editing}
          onFinish={(v) => void save(v)}
          onChange={guard.onValuesChange}
          serverError={serverError}
        />
      </Drawer>
    </div>
  );
}
