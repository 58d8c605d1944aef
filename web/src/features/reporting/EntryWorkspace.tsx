/**
 * The data-entry workspace of one report (form × unit × period): its status, the grid, save draft,
 * submit (errors block, warnings ask), and for the secretariat approve / return with a reason / unlock.
 */
import {
  CheckOutlined,
  RollbackOutlined,
  SaveOutlined,
  SendOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { Button, Card, Collapse, Space, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, PageSkeleton } from '../../components/PageStates';
import { ApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { ValueHistoryDrawer } from '../audit/ValueHistoryDrawer';
import { EntryGrid } from './EntryGrid';
import { EntryStatus } from './EntryStatus';
import { ExcelPanel } from './ExcelPanel';
import type { Issue } from './entryModel';
import './messages';
import { ReasonModal } from './ReasonModal';
import { formName } from './shared';
import type { ReportForm } from './types';
import { useEntryWorkspace } from './useEntryWorkspace';

export function EntryWorkspace({ form, unit, period }: { form: ReportForm; unit: string; period: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const {
    entry,
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
  } = useEntryWorkspace({ form, unit, period });

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
  const statusOf = (code: string, part: Issue['part']) => {
    const list = issues.filter(
      (x) => x.indicator === code && (!part || x.part === part || (part === 'value' && !x.part)),
    );
    if (list.some((x) => x.importance === 'error')) return 'error' as const;
    if (list.length) return 'warning' as const;
    return undefined;
  };

  return (
    <div data-testid="report-entry" data-status={e.status}>
      <EntryStatus entry={e} editable={editable} issues={issues} />
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
        <EntryGrid
          entry={e}
          editable={editable}
          effective={effective}
          edit={edit}
          statusOf={statusOf}
          onHistory={setHistory}
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
                        {ev.userName || ev.user ? ` · ${ev.userName || ev.user}` : ''}
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
