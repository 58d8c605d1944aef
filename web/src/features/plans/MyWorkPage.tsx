import { Alert, Button, Card, Col, List, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { useTargets, useTasks, useWarnings } from './api';
import { AsOfInput, useAsOf } from './shared';
import { TargetsTable } from './TargetsTable';
import { TaskCard, TaskDrawer } from './TaskBoardPage';
import type { Warning } from './types';

const SEVERITY = { high: 'error', medium: 'warning', low: 'info' } as const;

export default function MyWorkPage() {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useAsOf();
  const [open, setOpen] = useState<number | null>(null);
  const tasks = useTasks({ mine: true, asOf }, ['mine', asOf]);
  const warnings = useWarnings<Warning>(asOf);
  const targets = useTargets({ asOf, status: 'at_risk,off_track,overdue,no_data' }, { key: ['mine', asOf] });
  const open_ = (tasks.data?.items ?? []).filter((k) => k.status !== 'done' && k.status !== 'cancelled');
  return (
    <>
      <PageTitle title={t('plans.myWork')} extra={<AsOfInput value={asOf} onChange={setAsOf} />} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('plans.myTasks')} loading={tasks.isPending}>
            {tasks.isError && <ErrorState error={tasks.error} />}
            {open_.length === 0 && <span className="chiso-muted">{t('plans.noTasks')}</span>}
            {open_.map((k) => (
              <TaskCard key={k.id} task={k} onOpen={setOpen} />
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('plans.warnings')} loading={warnings.isPending}>
            {warnings.isError && <ErrorState error={warnings.error} />}
            <List
              size="small"
              dataSource={(warnings.data?.items ?? []).slice(0, 50)}
              locale={{ emptyText: t('plans.noWarnings') }}
              renderItem={(w) => (
                <List.Item>
                  <Alert
                    style={{ width: '100%' }}
                    type={SEVERITY[w.severity]}
                    showIcon
                    message={
                      w.target ? (
                        <Link
                          to={`/targets/${w.target}?orgUnit=${encodeURIComponent(w.orgUnit)}&asOf=${asOf}`}
                        >
                          {w.message}
                        </Link>
                      ) : w.task ? (
                        <Button
                          type="link"
                          size="small"
                          style={{ padding: 0 }}
                          onClick={() => setOpen(w.task)}
                        >
                          {w.message}
                        </Button>
                      ) : (
                        w.message
                      )
                    }
                  />
                </List.Item>
              )}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t('plans.myTargets')}>
            <TargetsTable items={targets.data?.items ?? []} loading={targets.isPending} asOf={asOf} />
          </Card>
        </Col>
      </Row>
      <TaskDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}
