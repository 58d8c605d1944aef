/** The head of a report: unit, period, status, timeliness and dates; the banners; the problems found. */
import { Alert, Card, Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/hooks';
import { periodLabel } from '../../lib/period';
import type { Issue } from './entryModel';
import './messages';
import { SubmissionTag, TimelinessTag } from './shared';
import type { Entry } from './types';

export function EntryStatus({
  entry: e,
  editable,
  issues,
}: {
  entry: Entry;
  editable: boolean;
  issues: Issue[];
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const issueErrors = issues.filter((x) => x.importance === 'error');
  const issueWarnings = issues.filter((x) => x.importance === 'warning');
  return (
    <>
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
          title={
            // the secretariat reviews: its buttons are beside the grid, so no "you can only view it"
            e.abilities.approve || e.abilities.return || e.abilities.unlock
              ? t('rep.toReview', { status: t(`rep.sub.${e.status}`) })
              : t('rep.readOnly', { status: t(`rep.sub.${e.status}`) })
          }
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
    </>
  );
}
