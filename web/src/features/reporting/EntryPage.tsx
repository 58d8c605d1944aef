/**
 * The data-entry grid of one report: form × unit × period, with the previous period and the same
 * period last year beside each cell, ratios as numerator and denominator, a comment and the change
 * history per value; save draft, submit (errors block, warnings ask), and for the secretariat
 * approve / return with a reason / unlock. Route: /reports/entry?form=&unit=&period=
 */
import {
  CheckOutlined,
  CommentOutlined,
  HistoryOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Collapse,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popover,
  Select,
  Space,
  Table,
  Tag,
  Timeline,
  Tooltip,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, PageSkeleton, PageTitle } from '../../components/PageStates';
import { UnitPicker } from '../../components/UnitPicker';
import { ApiError, api, errorMessage } from '../../lib/api';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { periodLabel } from '../../lib/period';
import { ValueHistoryDrawer, type ValueRef } from '../audit/ValueHistoryDrawer';
import { ExcelPanel } from './ExcelPanel';
import {
  currentPeriod,
  FormPeriodSelect,
  formName,
  SubmissionTag,
  TimelinessTag,
  useFormPeriods,
  useForms,
  useMeFull,
} from './shared';
import type {
  Cell,
  Entry,
  EntryItem,
  ReportForm,
  RowError,
  SaveResult,
  SubmissionState,
  Violation,
} from './types';

interface Draft {
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  comment?: string | null;
}

/** A problem shown on the grid: which indicator, which part, the message naming the cell. */
interface Issue {
  indicator: string;
  part?: 'value' | 'numerator' | 'denominator';
  importance: 'error' | 'warning';
  message: string;
}

export default function EntryPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [params, setParams] = useSearchParams();
  const forms = useForms();
  const me = useMeFull();
  const formCode = params.get('form') ?? forms.data?.[0]?.code ?? null;
  const form = forms.data?.find((f) => f.code === formCode);
  const periods = useFormPeriods(formCode);
  const unit = params.get('unit') ?? me.data?.permissions?.writeDataIn?.[0] ?? me.data?.home ?? null;
  const period = params.get('period') ?? currentPeriod(periods.items)?.period ?? null;

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  if (forms.isError) return <ErrorState error={forms.error} onRetry={() => forms.refetch()} />;
  if (forms.isPending) return <PageSkeleton />;

  return (
    <>
      <PageTitle
        title={t('rep.entryTitle')}
        sub={form ? formName(form, lang) : undefined}
        extra={<Link to="/reports">{t('rep.title')}</Link>}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Space wrap>
          <Select
            aria-label={t('rep.form')}
            style={{ minWidth: 320 }}
            value={formCode ?? undefined}
            placeholder={t('rep.chooseForm')}
            options={forms.data.map((f) => ({ value: f.code, label: formName(f, lang) }))}
            onChange={(v: string) => set({ form: v, period: undefined })}
            popupMatchSelectWidth={false}
          />
          <UnitPicker
            value={unit}
            kind={form?.unitsWithin?.kind}
            onChange={(v) => set({ unit: v })}
            aria-label={t('rep.unit')}
          />
          <FormPeriodSelect form={formCode} value={period} onChange={(p) => set({ period: p })} />
        </Space>
      </Card>
      {form && unit && period ? (
        <EntryWorkspace key={`${form.code}|${unit}|${period}`} form={form} unit={unit} period={period} />
      ) : periods.isPending || me.isPending ? (
        <PageSkeleton />
      ) : (
        <Card>
          <EmptyState description={t('rep.chooseAll')} />
        </Card>
      )}
    </>
  );
}

/** InputNumber shows "21.613,5" in Vietnamese and "21,613.5" in English, and reads what it shows. */
function numberFormat(lang: string) {
  const group = lang === 'en' ? ',' : '.';
  const decimal = lang === 'en' ? '.' : ',';
  return {
    formatter: (value: string | number | undefined, info: { userTyping: boolean; input: string }) => {
      if (info.userTyping) return info.input;
      if (value === undefined || value === null || value === '') return '';
      const n = Number(value);
      return Number.isFinite(n) ? formatNumber(n, lang, 6) : String(value);
    },
    parser: (text: string | undefined) => {
      if (!text) return '';
      const plain = text.split(group).join('').replace(decimal, '.').replace(/\s/g, '');
      return plain;
    },
  };
}

function cellLabel(item: EntryItem | undefined, part: Issue['part'], lang: string, t: (k: string) => string) {
  const name = item ? (lang === 'en' && item.nameEn ? item.nameEn : item.name) : '';
  if (part === 'numerator') return `${name} – ${t('rep.numerator').toLowerCase()}`;
  if (part === 'denominator') return `${name} – ${t('rep.denominator').toLowerCase()}`;
  return name;
}

function EntryWorkspace({ form, unit, period }: { form: ReportForm; unit: string; period: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const entry = useQuery({
    queryKey: ['report-entry', form.code, unit, period],
    queryFn: () =>
      api<Entry>(`/forms/${encodeURIComponent(form.code)}/entry`, { query: { orgUnit: unit, period } }),
  });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [history, setHistory] = useState<ValueRef | null>(null);
  const [reasonFor, setReasonFor] = useState<'return' | 'unlock' | null>(null);

  const items = entry.data?.items ?? [];
  const byCode = useMemo(() => new Map(items.map((i) => [i.indicator, i])), [items]);

  const effective = (i: EntryItem): Draft => {
    const c = i.current;
    const d = drafts[i.indicator] ?? {};
    return {
      value: 'value' in d ? d.value : (c?.value ?? null),
      numerator: 'numerator' in d ? d.numerator : (c?.numerator ?? null),
      denominator: 'denominator' in d ? d.denominator : (c?.denominator ?? null),
      comment: 'comment' in d ? d.comment : (c?.comment ?? null),
    };
  };

  const changed = items.filter((i) => {
    const d = drafts[i.indicator];
    if (!d) return false;
    const c = i.current;
    const e = effective(i);
    if ((e.comment ?? '') !== (c?.comment ?? '')) return true;
    if (i.valueType === 'ratio')
      return e.numerator !== (c?.numerator ?? null) || e.denominator !== (c?.denominator ?? null);
    return e.value !== (c?.value ?? null);
  });
  const dirty = changed.length > 0;

  useEffect(() => {
    if (!dirty) return;
    const h = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', h);
    return () => window.removeEventListener('beforeunload', h);
  }, [dirty]);

  /** "Name – numerator: message": every message names its cell. */
  const named = (code: string, part: Issue['part'], text: string) =>
    `${cellLabel(byCode.get(code), part === 'value' ? undefined : part, lang, t) || code}: ${text}`;

  const edit = (code: string, patch: Draft) => {
    setDrafts((d) => ({ ...d, [code]: { ...d[code], ...patch } }));
    setIssues((list) => list.filter((x) => x.indicator !== code || x.importance === 'warning'));
  };

  /** Checks a browser can make before asking the server: each names its cell. */
  function localIssues(list: EntryItem[]): Issue[] {
    const raw: Issue[] = [];
    const out = { push: (x: Issue) => raw.push({ ...x, message: named(x.indicator, x.part, x.message) }) };
    for (const i of list) {
      const e = effective(i);
      if (i.valueType === 'ratio') {
        const hasN = e.numerator !== null && e.numerator !== undefined;
        const hasD = e.denominator !== null && e.denominator !== undefined;
        if (hasN !== hasD)
          out.push({
            indicator: i.indicator,
            part: hasN ? 'denominator' : 'numerator',
            importance: 'error',
            message: t('rep.bothParts'),
          });
        else if (hasN && hasD) {
          if ((e.denominator as number) <= 0)
            out.push({
              indicator: i.indicator,
              part: 'denominator',
              importance: 'error',
              message: t('rep.denZero'),
            });
          else if ((e.numerator as number) > (e.denominator as number))
            out.push({
              indicator: i.indicator,
              part: 'numerator',
              importance: 'error',
              message: t('rep.numGtDen', {
                num: formatNumber(e.numerator, lang),
                den: formatNumber(e.denominator, lang),
              }),
            });
          else if ((e.numerator as number) < 0)
            out.push({
              indicator: i.indicator,
              part: 'numerator',
              importance: 'error',
              message: t('rep.negative'),
            });
        }
      } else if (i.valueType === 'count' && typeof e.value === 'number' && e.value < 0)
        out.push({ indicator: i.indicator, part: 'value', importance: 'error', message: t('rep.negative') });
    }
    return raw;
  }

  /** Saves the changed cells; returns false (and shows why) when the server refuses them. */
  async function save(quiet = false): Promise<boolean> {
    if (!entry.data) return false;
    if (!dirty) {
      if (!quiet) message.info(t('rep.nothingToSave'));
      return true;
    }
    const local = localIssues(changed);
    if (local.length) {
      setIssues(local);
      return false;
    }
    const values = changed.map((i) => {
      const e = effective(i);
      return i.valueType === 'ratio'
        ? {
            indicator: i.indicator,
            numerator: e.numerator ?? null,
            denominator: e.denominator ?? null,
            comment: e.comment ?? null,
          }
        : { indicator: i.indicator, value: e.value ?? null, comment: e.comment ?? null };
    });
    try {
      const r = await api<SaveResult>(`/forms/${encodeURIComponent(form.code)}/entry`, {
        method: 'PUT',
        query: { orgUnit: unit, period },
        json: { values },
      });
      await entry.refetch();
      setDrafts({});
      setIssues([]);
      void queryClient.invalidateQueries({ queryKey: ['timeliness'] });
      if (!quiet) message.success(t('rep.saved', { imported: r.imported, updated: r.updated }));
      return true;
    } catch (err) {
      const body = err instanceof ApiError ? (err as ApiError & { body?: SaveResult }).body : undefined;
      if (body && Array.isArray(body.errors) && body.errors.length) {
        setIssues(
          body.errors.map((e: RowError) => {
            const item = e.row ? changed[e.row - 1] : undefined;
            const part = e.field === 'numerator' || e.field === 'denominator' ? e.field : ('value' as const);
            const text = (e.message ?? e.rule ?? '').replace(
              /^(value|numerator|denominator|comment):\s*/,
              '',
            );
            return {
              indicator: item?.indicator ?? '',
              part,
              importance: 'error' as const,
              message: item ? named(item.indicator, part, text) : (e.message ?? ''),
            };
          }),
        );
      } else message.error(errorMessage(err));
      return false;
    }
  }

  /** The server's rule messages name cells as {CODE} / {CODE.NUM}: put the entered numbers in. */
  const fill = (text: string) =>
    text.replace(/\{([A-Za-z0-9_.-]+?)(\.NUM|\.DEN)?\}/g, (m, code: string, part?: string) => {
      const i = byCode.get(code);
      if (!i) return m;
      const e = effective(i);
      const v = part === '.NUM' ? e.numerator : part === '.DEN' ? e.denominator : e.value;
      return formatNumber(v ?? null, lang);
    });

  const violationIssues = (list: Violation[]): Issue[] =>
    list.map((v) => {
      const first = v.cells[0] ?? '';
      const [code, sub] = first.split('.');
      const names = v.cells
        .map((c) => {
          const [cc, s] = c.split('.');
          return cellLabel(
            byCode.get(cc),
            s === 'NUM' ? 'numerator' : s === 'DEN' ? 'denominator' : undefined,
            lang,
            t,
          );
        })
        .filter(Boolean);
      return {
        indicator: code,
        part: sub === 'NUM' ? 'numerator' : sub === 'DEN' ? 'denominator' : 'value',
        importance: v.importance,
        message: `${[...new Set(names)].join('; ')}: ${fill(v.message)}`,
      };
    });

  async function submit(confirmWarnings = false) {
    setBusy('submit');
    try {
      if (!(await save(true))) return;
      await api<SubmissionState>(`/forms/${encodeURIComponent(form.code)}/submit`, {
        json: { orgUnit: unit, period, ...(confirmWarnings ? { confirmWarnings: true } : {}) },
      });
      setIssues([]);
      message.success(t('rep.submittedOk'));
      await entry.refetch();
      void queryClient.invalidateQueries({ queryKey: ['timeliness'] });
    } catch (err) {
      if (!(err instanceof ApiError)) {
        message.error(errorMessage(err));
        return;
      }
      if (err.code === 'missing_values') {
        setIssues(
          err.details.map((d) => {
            const code = String(d.cell ?? '');
            return {
              indicator: code,
              part: 'value',
              importance: 'error',
              message: t('rep.missingCell', {
                name: cellLabel(byCode.get(code), undefined, lang, t) || code,
              }),
            };
          }),
        );
      } else if (err.code === 'validation_failed') {
        setIssues(violationIssues(err.details as unknown as Violation[]));
      } else if (err.code === 'warnings_unconfirmed') {
        const warnings = violationIssues(err.details as unknown as Violation[]);
        setIssues(warnings);
        modal.confirm({
          title: t('rep.warningsTitle'),
          width: 560,
          content: (
            <div>
              <p>{t('rep.warningsConfirm')}</p>
              <ul style={{ paddingLeft: 18 }}>
                {warnings.map((w) => (
                  <li key={w.message}>{w.message}</li>
                ))}
              </ul>
            </div>
          ),
          okText: t('rep.sendAnyway'),
          cancelText: t('common.cancel'),
          onOk: () => submit(true),
        });
      } else message.error(err.message);
    } finally {
      setBusy(null);
    }
  }

  async function review(action: 'approve' | 'return' | 'unlock', reason?: string) {
    setBusy(action);
    try {
      await api<SubmissionState>(`/forms/${encodeURIComponent(form.code)}/${action}`, {
        json: { orgUnit: unit, period, ...(reason ? { reason } : {}) },
      });
      message.success(
        t(
          action === 'approve' ? 'rep.approvedOk' : action === 'return' ? 'rep.returnedOk' : 'rep.unlockedOk',
        ),
      );
      setReasonFor(null);
      await entry.refetch();
      void queryClient.invalidateQueries({ queryKey: ['timeliness'] });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  if (entry.isPending) return <PageSkeleton />;
  if (entry.isError) {
    const status = entry.error instanceof ApiError ? entry.error.status : 0;
    const forbidden = status === 403;
    return (
      <ErrorState
        error={entry.error}
        title={forbidden ? t('rep.forbidden') : status === 400 ? t('rep.chooseAll') : undefined}
        onRetry={forbidden ? undefined : () => entry.refetch()}
      />
    );
  }
  const e = entry.data;
  const can = e.abilities;
  const editable = can.save;
  const errorsOf = (code: string, part?: Issue['part']) =>
    issues.filter((x) => x.indicator === code && (!part || x.part === part || (part === 'value' && !x.part)));
  const statusOf = (code: string, part: Issue['part']) => {
    const list = errorsOf(code, part);
    if (list.some((x) => x.importance === 'error')) return 'error' as const;
    if (list.length) return 'warning' as const;
    return undefined;
  };
  const issueErrors = issues.filter((x) => x.importance === 'error');
  const issueWarnings = issues.filter((x) => x.importance === 'warning');

  const show = (c: Cell | null, i: EntryItem) => {
    if (!c || c.value === null) return <span className="chiso-muted">—</span>;
    if (i.valueType === 'ratio')
      return (
        <span>
          {formatPercent(c.value, lang)}{' '}
          <span className="chiso-muted">
            ({formatNumber(c.numerator, lang)}/{formatNumber(c.denominator, lang)})
          </span>
        </span>
      );
    if (i.valueType === 'boolean') return c.value >= 0.5 ? t('rep.yes') : t('rep.no');
    return formatNumber(c.value, lang);
  };
  const numberInput = numberFormat(lang);

  return (
    <div data-testid="report-entry" data-status={e.status}>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'u', label: t('rep.unit'), children: `${e.orgUnitName} (${e.orgUnit})` },
            { key: 'p', label: t('common.period'), children: periodLabel(e.period, lang) },
            {
              key: 's',
              label: t('rep.status'),
              children: (
                <Space size={4} wrap>
                  <SubmissionTag status={e.status} />
                  {e.approvalLevels > 1 && (
                    <Tag>{t('rep.approvals', { done: e.approvalsDone, levels: e.approvalLevels })}</Tag>
                  )}
                </Space>
              ),
            },
            { key: 'ti', label: t('rep.timeliness'), children: <TimelinessTag status={e.timeliness} /> },
            { key: 'd', label: t('rep.dueDate'), children: formatDate(e.schedule.dueDate) },
            { key: 'l', label: t('rep.lockOn'), children: formatDate(e.schedule.lockOn) },
            { key: 'sa', label: t('rep.submittedAt'), children: formatDateTime(e.submittedAt) },
          ]}
        />
      </Card>
      {e.status === 'returned' && e.returnReason && (
        <Alert
          style={{ marginBottom: 12 }}
          type="warning"
          showIcon
          data-testid="return-reason"
          title={t('rep.returnedBanner', { at: formatDateTime(e.returnedAt), reason: e.returnReason })}
        />
      )}
      {e.status === 'draft' && e.unlockReason && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          title={t('rep.unlockedBanner', { reason: e.unlockReason })}
        />
      )}
      {!editable && (
        <Alert
          style={{ marginBottom: 12 }}
          type="info"
          showIcon
          title={t('rep.readOnly', { status: t(`rep.sub.${e.status}`) })}
        />
      )}
      {issueErrors.length > 0 && (
        <Alert
          style={{ marginBottom: 12 }}
          type="error"
          showIcon
          role="alert"
          data-testid="entry-errors"
          title={t('rep.errorsTitle')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {issueErrors.map((x) => (
                <li key={`${x.indicator}-${x.part}-${x.message}`}>{x.message}</li>
              ))}
            </ul>
          }
        />
      )}
      {issueWarnings.length > 0 && (
        <Alert
          style={{ marginBottom: 12 }}
          type="warning"
          showIcon
          data-testid="entry-warnings"
          title={t('rep.warningsTitle')}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {issueWarnings.map((x) => (
                <li key={`${x.indicator}-${x.message}`}>{x.message}</li>
              ))}
            </ul>
          }
        />
      )}
      <Card
        title={formName(form, lang)}
        extra={
          <Space wrap>
            {dirty && <Tag color="orange">{t('rep.unsaved')}</Tag>}
            {can.save && (
              <Button
                icon={<SaveOutlined />}
                loading={busy === 'save'}
                disabled={!!busy}
                onClick={async () => {
                  setBusy('save');
                  await save();
                  setBusy(null);
                }}
              >
                {t('rep.saveDraft')}
              </Button>
            )}
            {can.submit && (
              <Button
                type="primary"
                icon={<SendOutlined />}
                loading={busy === 'submit'}
                disabled={!!busy}
                onClick={() => void submit()}
              >
                {t('rep.submit')}
              </Button>
            )}
            {can.approve && (
              <Button
                type="primary"
                icon={<CheckOutlined />}
                loading={busy === 'approve'}
                disabled={!!busy}
                onClick={() => void review('approve')}
              >
                {t('rep.approve')}
              </Button>
            )}
            {can.return && (
              <Button
                danger
                icon={<RollbackOutlined />}
                disabled={!!busy}
                onClick={() => setReasonFor('return')}
              >
                {t('rep.return')}
              </Button>
            )}
            {can.unlock && (
              <Button icon={<UnlockOutlined />} disabled={!!busy} onClick={() => setReasonFor('unlock')}>
                {t('rep.unlock')}
              </Button>
            )}
          </Space>
        }
      >
        <Table
          rowKey="indicator"
          size="small"
          pagination={false}
          dataSource={items}
          scroll={{ x: 980 }}
          columns={[
            {
              title: t('rep.indicator'),
              key: 'ind',
              render: (_, i: EntryItem) => (
                <div>
                  <div>{lang === 'en' && i.nameEn ? i.nameEn : i.name}</div>
                  <div className="chiso-muted" style={{ fontSize: 12 }}>
                    {i.indicator}
                    {i.unit ? ` · ${i.unit}` : ''}
                    {i.valueType === 'ratio' ? ` · ${t('valueType.ratio')}` : ''}
                  </div>
                </div>
              ),
            },
            {
              title: t('rep.previous', { period: periodLabel(e.previousPeriod, lang) }),
              key: 'prev',
              width: 150,
              align: 'right',
              render: (_, i: EntryItem) => show(i.previous, i),
            },
            {
              title: t('rep.lastYear', { period: periodLabel(e.lastYearPeriod, lang) }),
              key: 'ly',
              width: 150,
              align: 'right',
              render: (_, i: EntryItem) => show(i.lastYear, i),
            },
            {
              title: t('rep.current'),
              key: 'cur',
              width: 300,
              render: (_, i: EntryItem) => {
                const v = effective(i);
                const name = lang === 'en' && i.nameEn ? i.nameEn : i.name;
                if (!editable)
                  return (
                    <span data-testid={`value-${i.indicator}`} style={{ fontWeight: 500 }}>
                      {show(i.current, i)}
                    </span>
                  );
                if (i.valueType === 'ratio') {
                  const pct =
                    typeof v.numerator === 'number' && typeof v.denominator === 'number' && v.denominator > 0
                      ? formatPercent((v.numerator / v.denominator) * 100, lang)
                      : '—';
                  return (
                    <Space size={4} wrap={false}>
                      <InputNumber
                        id={`cell-${i.indicator}-num`}
                        aria-label={`${t('rep.numerator')} – ${name}`}
                        placeholder={t('rep.numerator')}
                        value={v.numerator ?? null}
                        min={0}
                        {...numberInput}
                        disabled={!editable}
                        status={statusOf(i.indicator, 'numerator')}
                        onChange={(x) => edit(i.indicator, { numerator: x === null ? null : Number(x) })}
                        style={{ width: 96 }}
                      />
                      <span>/</span>
                      <InputNumber
                        id={`cell-${i.indicator}-den`}
                        aria-label={`${t('rep.denominator')} – ${name}`}
                        placeholder={t('rep.denominator')}
                        value={v.denominator ?? null}
                        min={0}
                        {...numberInput}
                        disabled={!editable}
                        status={statusOf(i.indicator, 'denominator')}
                        onChange={(x) => edit(i.indicator, { denominator: x === null ? null : Number(x) })}
                        style={{ width: 96 }}
                      />
                      <span style={{ minWidth: 56, textAlign: 'right' }} data-testid={`pct-${i.indicator}`}>
                        {pct}
                      </span>
                    </Space>
                  );
                }
                if (i.valueType === 'boolean')
                  return (
                    <Select
                      id={`cell-${i.indicator}`}
                      aria-label={name}
                      style={{ width: 120 }}
                      allowClear
                      disabled={!editable}
                      status={statusOf(i.indicator, 'value')}
                      value={v.value ?? undefined}
                      onChange={(x: number | undefined) => edit(i.indicator, { value: x ?? null })}
                      options={[
                        { value: 1, label: t('rep.yes') },
                        { value: 0, label: t('rep.no') },
                      ]}
                    />
                  );
                return (
                  <InputNumber
                    id={`cell-${i.indicator}`}
                    aria-label={name}
                    value={v.value ?? null}
                    {...numberInput}
                    precision={i.valueType === 'count' ? 0 : undefined}
                    disabled={!editable}
                    status={statusOf(i.indicator, 'value')}
                    onChange={(x) => edit(i.indicator, { value: x === null ? null : Number(x) })}
                    style={{ width: 160 }}
                  />
                );
              },
            },
            {
              title: '',
              key: 'tools',
              width: 96,
              render: (_, i: EntryItem) => {
                const v = effective(i);
                const name = lang === 'en' && i.nameEn ? i.nameEn : i.name;
                return (
                  <Space size={0}>
                    <Popover
                      trigger="click"
                      title={t('rep.commentFor', { name })}
                      content={
                        <Input.TextArea
                          aria-label={`${t('rep.comment')} – ${name}`}
                          rows={3}
                          maxLength={2000}
                          style={{ width: 320 }}
                          disabled={!editable}
                          placeholder={t('rep.commentPlaceholder')}
                          value={v.comment ?? ''}
                          onChange={(ev) => edit(i.indicator, { comment: ev.target.value || null })}
                        />
                      }
                    >
                      <Tooltip title={v.comment || t('rep.comment')}>
                        <Badge dot={!!v.comment} offset={[-4, 4]}>
                          <Button
                            type="text"
                            aria-label={`${t('rep.comment')} – ${name}`}
                            icon={<CommentOutlined />}
                            data-testid={`comment-${i.indicator}`}
                          />
                        </Badge>
                      </Tooltip>
                    </Popover>
                    <Tooltip title={t('rep.history')}>
                      <Button
                        type="text"
                        aria-label={`${t('rep.history')} – ${name}`}
                        icon={<HistoryOutlined />}
                        data-testid={`history-${i.indicator}`}
                        onClick={() =>
                          setHistory({
                            indicator: i.indicator,
                            orgUnit: e.orgUnit,
                            period: e.period,
                            label: name,
                          })
                        }
                      />
                    </Tooltip>
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <Collapse
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'events',
            label: `${t('rep.events')} (${e.events.length})`,
            children:
              e.events.length === 0 ? (
                <EmptyState />
              ) : (
                <Timeline
                  items={e.events.map((ev, n) => ({
                    key: `${ev.at}-${n}`,
                    color: ev.action === 'return' ? 'orange' : ev.action === 'approve' ? 'green' : undefined,
                    content: (
                      <div>
                        <strong>{t(`rep.event.${ev.action}`, { defaultValue: ev.action })}</strong> ·{' '}
                        {formatDateTime(ev.at)}
                        {ev.user ? ` · ${ev.user}` : ''}
                        {ev.reason ? <div className="chiso-muted">{ev.reason}</div> : null}
                      </div>
                    ),
                  }))}
                />
              ),
          },
          {
            key: 'excel',
            label: t('rep.excelTitle'),
            children: <ExcelPanel form={form.code} period={period} orgUnit={unit} disabled={!editable} />,
          },
        ]}
      />
      <ReasonModal
        action={reasonFor}
        busy={busy !== null}
        onCancel={() => setReasonFor(null)}
        onOk={(reason) => void review(reasonFor!, reason)}
      />
      <ValueHistoryDrawer target={history} onClose={() => setHistory(null)} />
    </div>
  );
}

function ReasonModal({
  action,
  busy,
  onCancel,
  onOk,
}: {
  action: 'return' | 'unlock' | null;
  busy: boolean;
  onCancel: () => void;
  onOk: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={action !== null}
      title={action === 'unlock' ? t('rep.unlockTitle') : t('rep.returnTitle')}
      okText={action === 'unlock' ? t('rep.unlock') : t('rep.return')}
      okButtonProps={{ danger: action === 'return', loading: busy }}
      cancelText={t('common.cancel')}
      onCancel={onCancel}
      onOk={() => form.validateFields().then((v) => onOk(v.reason.trim()))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label={t('rep.reason')}
          rules={[{ required: true, whitespace: true, message: t('rep.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
