import { Badge, Card, Col, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BlockSkeleton, ErrorState } from '../../components/PageStates';
import { useWarnings } from './api';
import type { Warning } from './types';

const TARGET_TYPES = new Set(['target_at_risk', 'target_off_track', 'target_overdue']);
const SEVERITY_COLOR = { high: '#c2423a', medium: '#c98a1b', low: '#8c8c8c' } as const;
const SEVERITY_RANK = { high: 0, medium: 1, low: 2 } as const;
const SHOWN = 5;

export interface WarningItem extends Warning {
  orgUnitName?: string;
  daysLeft?: number | null;
}

export function WarningsCard({ asOf }: { asOf?: string }) {
  const { t } = useTranslation();
  const warnings = useWarnings<WarningItem>(asOf);
  const items = warnings.data?.items ?? [];
  const targets = items
    .filter((w) => TARGET_TYPES.has(w.type) && w.target !== null)
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const tasks = items
    .filter(
      (w) =>
        w.task !== null &&
        (w.type === 'task_overdue' || (w.type === 'task_due_soon' && (w.daysLeft ?? 99) <= 7)),
    )
    .sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0));
  const day = warnings.data?.asOf;
  const list = (rows: WarningItem[], link: (w: WarningItem) => string, testId: string) =>
    rows.length === 0 ? (
      <span className="chiso-muted">{t('overview.warningsNone')}</span>
    ) : (
      <ul data-testid={testId} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {rows.slice(0, SHOWN).map((w) => (
          <li key={`${w.type}:${w.target ?? ''}:${w.task ?? ''}:${w.orgUnit}`} style={{ marginBottom: 6 }}>
            <Badge color={SEVERITY_COLOR[w.severity]} style={{ marginRight: 6 }} />
            <Link to={link(w)}>{w.message}</Link>
          </li>
        ))}
      </ul>
    );
  return (
    <Card
      title={t('overview.warnings')}
      size="small"
      extra={<Link to={day ? `/my-work?asOf=${day}` : '/my-work'}>{t('overview.warningsAll')}</Link>}
      data-testid="warnings-card"
    >
      {warnings.isPending ? (
        <BlockSkeleton rows={4} />
      ) : warnings.isError ? (
        <ErrorState error={warnings.error} onRetry={() => warnings.refetch()} />
      ) : (
        <Row gutter={[24, 12]}>
          <Col xs={24} lg={12}>
            <Typography.Title level={3} style={{ fontSize: 14, marginTop: 0 }}>
              {t('overview.warningsTargets', { count: targets.length })}
            </Typography.Title>
            {list(
              targets,
              (w) =>
                `/targets/${w.target}?orgUnit=${encodeURIComponent(w.orgUnit)}${day ? `&asOf=${day}` : ''}`,
              'warnings-targets',
            )}
          </Col>
          <Col xs={24} lg={12}>
            <Typography.Title level={3} style={{ fontSize: 14, marginTop: 0 }}>
              {t('overview.warningsTasks', { count: tasks.length })}
            </Typography.Title>
            {list(
              tasks,
              (w) => `/tasks?plan=${encodeURIComponent(w.plan)}&task=${w.task}${day ? `&asOf=${day}` : ''}`,
              'warnings-tasks',
            )}
          </Col>
        </Row>
      )}
    </Card>
  );
}
