/**
 * The state and actions of the entry workspace: the report's grid, the drafts typed over it, the problems
 * shown on it; save draft, submit (errors block, warnings ask) and approve / return / unlock.
 */
import { App } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { useUnsavedGuard } from '../../lib/unsavedGuard';
import type { ValueRef } from '../audit/ValueHistoryDrawer';
import { useEntry, useEntryAction, useSaveEntry } from './api';
import { cellLabel, type Draft, type Issue, localIssues, wholeNumberIssue } from './entryModel';
import type { EntryItem, ReportForm, RowError, SaveResult, Violation } from './types';

export function useEntryWorkspace({
  form,
  unit,
  period,
}: {
  form: ReportForm;
  unit: string;
  period: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const entry = useEntry(form.code, unit, period);
  const saveEntry = useSaveEntry(form.code, unit, period);
  const act = useEntryAction(form.code, unit, period);
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

  useUnsavedGuard(dirty);

  /** "Name – numerator: message": every message names its cell. */
  const named = (code: string, part: Issue['part'], text: string) =>
    `${cellLabel(byCode.get(code), part === 'value' ? undefined : part, lang, t) || code}: ${text}`;

  const edit = (code: string, patch: Draft) => {
    setDrafts((d) => ({ ...d, [code]: { ...d[code], ...patch } }));
    // a decimal in a count cell is refused at once, naming the cell
    const whole = 'value' in patch ? wholeNumberIssue(byCode.get(code), patch.value, t, lang) : null;
    setIssues((list) => {
      const kept = list.filter((x) => x.indicator !== code || x.importance === 'warning');
      return whole ? [...kept, { ...whole, message: named(code, 'value', whole.message) }] : kept;
    });
  };

  /** Saves the changed cells; returns false (and shows why) when the server refuses them. */
  async function save(quiet = false): Promise<boolean> {
    if (!entry.data) return false;
    if (!dirty) {
      if (!quiet) message.info(t('rep.nothingToSave'));
      return true;
    }
    const local = localIssues(changed, effective, named, t, lang);
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
      const r = await saveEntry.mutateAsync(values);
      setDrafts({});
      setIssues([]);
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
      await act.mutateAsync({ action: 'submit', confirmWarnings });
      setIssues([]);
      message.success(t('rep.submittedOk'));
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
      await act.mutateAsync({ action, reason });
      message.success(
        t(
          action === 'approve' ? 'rep.approvedOk' : action === 'return' ? 'rep.returnedOk' : 'rep.unlockedOk',
        ),
      );
      setReasonFor(null);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return {
    entry,
    items,
    issues,
    busy,
    setBusy,
    history,
    setHistory,
    reasonFor,
    setReasonFor,
    effective,
    dirty,
    edit,
    save,
    submit,
    review,
  };
}
