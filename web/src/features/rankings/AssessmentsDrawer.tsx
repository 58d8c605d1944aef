/**
 * Self-assessment and appraisal of one unit on a scorecard for a period: every leaf criterion with
 * its computed score, the unit's self score and evidence, the council's appraised score and the
 * final score (which replaces the computed one in rankings), side by side.
 * The unit's data enterers (and admins) edit the self part; the secretariat and admins the others —
 * as the answer's `abilities` say.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Drawer,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/PageStates';
import { ApiError, api, errorMessage } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import './messages';
import type { AssessmentItem, Assessments } from './types';

interface RowValues {
  component: string;
  self: { score: number | null; evidence: string | null; url: string | null };
  appraised: { score: number | null; note: string | null };
  final: { score: number | null; note: string | null };
}

interface FormValues {
  items: RowValues[];
}

type Part = 'self' | 'appraised' | 'final';

const text = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();
const num = (v: number | null | undefined) => (v === undefined || v === null ? null : v);

function rowValues(a: AssessmentItem): RowValues {
  return {
    component: a.component,
    self: { score: a.self.score, evidence: a.self.evidence, url: a.self.url },
    appraised: { score: a.appraised.score, note: a.appraised.note },
    final: { score: a.final.score, note: a.final.note },
  };
}

function normalise(r: RowValues | undefined, part: Part): Record<string, string | number | null> {
  const p = (r?.[part] ?? {}) as Record<string, string | number | null | undefined>;
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(p)) out[k] = typeof v === 'string' ? text(v) : num(v as number);
  return out;
}

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys({ ...a, ...b }).every((k) => (a[k] ?? null) === (b[k] ?? null));

export function AssessmentsDrawer({
  scorecard,
  orgUnit,
  period,
  onClose,
}: {
  scorecard: string | undefined;
  orgUnit: string | undefined;
  period: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const qc = useQueryClient();
  // Untyped: field names are paths (items.N.part.field) that the server's error details name too.
  const [form] = Form.useForm();
  const open = Boolean(scorecard && orgUnit);
  const key = ['assessments', scorecard, orgUnit, period];
  const data = useQuery({
    queryKey: key,
    queryFn: () =>
      api<Assessments>(`/scorecards/${encodeURIComponent(scorecard!)}/assessments`, {
        query: { orgUnit, period },
      }),
    enabled: open,
  });
  const canSelf = Boolean(data.data?.abilities?.assess);
  const canAppraise = Boolean(data.data?.abilities?.appraise);

  const initial = useMemo(() => (data.data?.items ?? []).map(rowValues), [data.data]);
  useEffect(() => {
    if (open) form.setFieldsValue({ items: initial });
  }, [form, initial, open]);

  const save = useMutation({
    mutationFn: (body: { items: Array<Record<string, unknown>> }) =>
      api<Assessments>(`/scorecards/${encodeURIComponent(scorecard!)}/assessments`, {
        method: 'PUT',
        query: { orgUnit, period },
        json: body,
      }),
    onSuccess: (next) => {
      qc.setQueryData(key, next);
      // A final score replaces the computed one in rankings.
      qc.invalidateQueries({ queryKey: ['ranking'] });
      qc.invalidateQueries({ queryKey: ['advice'] });
      message.success(t('rankings.assess.saved'));
    },
  });

  async function onSave() {
    const values = form.getFieldsValue(true) as FormValues;
    const sent: number[] = [];
    const items: Array<Record<string, unknown>> = [];
    initial.forEach((before, i) => {
      const now = values.items?.[i];
      const item: Record<string, unknown> = { component: before.component };
      const parts: Part[] = [
        ...(canSelf ? (['self'] as const) : []),
        ...(canAppraise ? (['appraised', 'final'] as const) : []),
      ];
      for (const part of parts) {
        const a = normalise(before, part);
        const b = normalise(now, part);
        if (!same(a, b)) item[part] = b;
      }
      if (Object.keys(item).length > 1) {
        items.push(item);
        sent.push(i);
      }
    });
    if (!items.length) {
      message.info(t('rankings.assess.nothing'));
      return;
    }
    // Clear earlier server errors on every field before trying again.
    form.setFields(
      form
        .getFieldsError()
        .filter((f) => f.errors.length)
        .map((f) => ({ name: f.name, errors: [] })),
    );
    try {
      await save.mutateAsync({ items });
    } catch (e) {
      const fields: Array<{ name: (string | number)[]; errors: string[] }> = [];
      if (e instanceof ApiError) {
        for (const d of e.details) {
          const where = [d.field, Array.isArray(d.path) ? d.path.join('.') : d.path]
            .filter((x): x is string => typeof x === 'string')
            .join(' ');
          const m = where.match(/items\.(\d+)\.(self|appraised|final)(?:\.(\w+))?/);
          if (!m) continue;
          const row = sent[Number(m[1])];
          if (row === undefined) continue;
          fields.push({ name: ['items', row, m[2], m[3] ?? 'score'], errors: [d.message ?? e.message] });
        }
        // A refusal naming a criterion (not a leaf, …): shown on that row's scores.
        const component = (e as ApiError & { body?: { error?: { details?: unknown } } }).details.find(
          (d) => typeof d.component === 'string',
        )?.component;
        if (!fields.length && typeof component === 'string') {
          const row = initial.findIndex((r) => r.component === component);
          if (row >= 0) fields.push({ name: ['items', row, 'final', 'score'], errors: [e.message] });
        }
      }
      if (fields.length) form.setFields(fields);
      message.error(errorMessage(e));
    }
  }

  const score = (v: number | null | undefined) => formatNumber(v ?? null, lang, 4);
  const scoreInput = (i: number, part: Part, label: string) => (
    <Form.Item name={['items', i, part, 'score']} style={{ marginBottom: 4 }}>
      <InputNumber aria-label={label} min={0} max={1} step={0.05} style={{ width: 100 }} placeholder="0–1" />
    </Form.Item>
  );
  const textInput = (i: number, part: Part, field: string, label: string, area = false) => (
    <Form.Item name={['items', i, part, field]} style={{ marginBottom: 4 }}>
      {area ? (
        <Input.TextArea aria-label={label} placeholder={label} autoSize={{ minRows: 1, maxRows: 4 }} />
      ) : (
        <Input aria-label={label} placeholder={label} />
      )}
    </Form.Item>
  );
  const byLine = (p: { by: string | null; at: string | null }) =>
    p.by ? (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {p.by}
        {p.at ? ` · ${p.at.slice(0, 10)}` : ''}
      </Typography.Text>
    ) : null;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1200}
      title={`${t('rankings.assess.title')} — ${data.data?.name ?? orgUnit ?? ''} (${period})`}
      extra={
        (canSelf || canAppraise) && (
          <Button type="primary" onClick={onSave} loading={save.isPending} disabled={!data.data}>
            {t('rankings.assess.save')}
          </Button>
        )
      }
      destroyOnHidden
    >
      {data.isError ? (
        <ErrorState error={data.error} onRetry={() => data.refetch()} />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('rankings.assess.help')}
            description={
              <Space wrap>
                {canSelf && <Tag color="blue">{t('rankings.assess.maySelf')}</Tag>}
                {canAppraise && <Tag color="purple">{t('rankings.assess.mayAppraise')}</Tag>}
                {!canSelf && !canAppraise && <Tag>{t('rankings.assess.readOnly')}</Tag>}
              </Space>
            }
          />
          <Form form={form} component={false}>
            <Table<AssessmentItem>
              rowKey="component"
              size="small"
              loading={data.isFetching}
              pagination={false}
              dataSource={data.data?.items ?? []}
              scroll={{ x: true }}
              aria-label={t('rankings.assess.table')}
              columns={[
                {
                  title: t('rankings.component'),
                  key: 'name',
                  width: 260,
                  render: (_: unknown, r) => (
                    <span>
                      {r.name}
                      <br />
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {(Array.isArray(r.path) ? r.path : [r.path]).join(' › ')} · ×
                        {formatNumber(r.effectiveWeight, lang, 4)}
                      </Typography.Text>
                    </span>
                  ),
                },
                {
                  title: t('rankings.assess.computed'),
                  key: 'computed',
                  align: 'right',
                  render: (_: unknown, r) => (
                    <span>
                      {score(r.computed)}
                      {r.value !== null && (
                        <>
                          <br />
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('rankings.value')}: {formatNumber(r.value, lang, 2)}
                          </Typography.Text>
                        </>
                      )}
                    </span>
                  ),
                },
                {
                  title: t('rankings.assess.self'),
                  key: 'self',
                  width: 280,
                  render: (_: unknown, r, i) =>
                    canSelf ? (
                      <>
                        {scoreInput(i, 'self', t('rankings.assess.selfScore'))}
                        {textInput(i, 'self', 'evidence', t('rankings.assess.evidence'), true)}
                        {textInput(i, 'self', 'url', t('rankings.assess.url'))}
                        {byLine(r.self)}
                      </>
                    ) : (
                      <>
                        <strong>{score(r.self.score)}</strong>
                        {r.self.evidence && <div>{r.self.evidence}</div>}
                        {r.self.url && (
                          <a href={r.self.url} target="_blank" rel="noreferrer">
                            {t('rankings.assess.url')}
                          </a>
                        )}
                        <div>{byLine(r.self)}</div>
                      </>
                    ),
                },
                {
                  title: t('rankings.assess.appraised'),
                  key: 'appraised',
                  width: 220,
                  render: (_: unknown, r, i) =>
                    canAppraise ? (
                      <>
                        {scoreInput(i, 'appraised', t('rankings.assess.appraisedScore'))}
                        {textInput(i, 'appraised', 'note', t('rankings.assess.appraisedNote'), true)}
                        {byLine(r.appraised)}
                      </>
                    ) : (
                      <>
                        <strong>{score(r.appraised.score)}</strong>
                        {r.appraised.note && <div>{r.appraised.note}</div>}
                        <div>{byLine(r.appraised)}</div>
                      </>
                    ),
                },
                {
                  title: t('rankings.assess.final'),
                  key: 'final',
                  width: 220,
                  render: (_: unknown, r, i) =>
                    canAppraise ? (
                      <>
                        {scoreInput(i, 'final', t('rankings.assess.finalScore'))}
                        {textInput(i, 'final', 'note', t('rankings.assess.finalNote'), true)}
                        {byLine(r.final)}
                      </>
                    ) : (
                      <>
                        <strong>{score(r.final.score)}</strong>
                        {r.final.note && <div>{r.final.note}</div>}
                        <div>{byLine(r.final)}</div>
                      </>
                    ),
                },
                {
                  title: <Tooltip title={t('rankings.assess.usedHelp')}>{t('rankings.assess.used')}</Tooltip>,
                  key: 'used',
                  align: 'right',
                  render: (_: unknown, r) => (
                    <span>
                      <strong>{score(r.used)}</strong>
                      {r.final.score !== null && (
                        <>
                          <br />
                          <Tag color="purple">{t('rankings.assess.final')}</Tag>
                        </>
                      )}
                    </span>
                  ),
                },
              ]}
            />
          </Form>
        </>
      )}
    </Drawer>
  );
}
