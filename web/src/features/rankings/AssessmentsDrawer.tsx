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
import type { ColumnType } from 'antd/es/table';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/PageStates';
import { errorMessage } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { applyServerErrors, clearServerErrors } from '../../lib/formErrors';
import { useLang } from '../../lib/hooks';
import { useAssessments, useSaveAssessments } from './api';
import './messages';
import type { AssessmentItem } from './types';

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
  // Untyped: field names are paths (items.N.part.field) that the server's error details name too.
  const [form] = Form.useForm();
  const open = Boolean(scorecard && orgUnit);
  const data = useAssessments(scorecard, orgUnit, period);
  const canSelf = Boolean(data.data?.abilities?.assess);
  const canAppraise = Boolean(data.data?.abilities?.appraise);

  const initial = useMemo(() => (data.data?.items ?? []).map(rowValues), [data.data]);
  useEffect(() => {
    if (open) form.setFieldsValue({ items: initial });
  }, [form, initial, open]);

  const save = useSaveAssessments(scorecard, orgUnit, period);

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
    clearServerErrors(form);
    try {
      await save.mutateAsync({ items });
      message.success(t('rankings.assess.saved'));
    } catch (e) {
      // A detail names the row sent (items.N.part.field); a refusal naming a criterion (not a leaf, …)
      // is shown on that row's final score.
      applyServerErrors(form, e, {
        map: (field, d) => {
          const m = field?.match(/items\.(\d+)\.(self|appraised|final)(?:\.(\w+))?/);
          if (m) {
            const row = sent[Number(m[1])];
            return row === undefined ? undefined : ['items', row, m[2], m[3] ?? 'score'];
          }
          if (typeof d.component !== 'string') return undefined;
          const row = initial.findIndex((r) => r.component === d.component);
          return row >= 0 ? ['items', row, 'final', 'score'] : undefined;
        },
      });
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

  /** The appraisal and the final review: inputs for who may appraise, else the recorded score and note. */
  const reviewColumn = (stage: 'appraised' | 'final'): ColumnType<AssessmentItem> => ({
    title: t(`rankings.assess.${stage}`),
    key: stage,
    width: 220,
    render: (_: unknown, r, i) =>
      canAppraise ? (
        <>
          {scoreInput(i, stage, t(`rankings.assess.${stage}Score`))}
          {textInput(i, stage, 'note', t(`rankings.assess.${stage}Note`), true)}
          {byLine(r[stage])}
        </>
      ) : (
        <>
          <strong>{score(r[stage].score)}</strong>
          {r[stage].note && <div>{r[stage].note}</div>}
          <div>{byLine(r[stage])}</div>
        </>
      ),
  });

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
                reviewColumn('appraised'),
                reviewColumn('final'),
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
