/** One plan: its document, the progress of its targets as of a date, its tasks. Route: /plans/:code */
import { EditOutlined, FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Progress, Space, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorState, PageSkeleton, PageTitle } from '../../components/PageStates';
import { PrintLinks } from '../../components/PrintLinks';
import { formatDate } from '../../lib/format';
import { useLocalName } from '../../lib/hooks';
import { httpHref } from '../../lib/safe';
import { useDeletePlan, useDeleteTask, usePlan, useTargets, useTasks } from './api';
import { DeleteButton, ExportButtons } from './buttons';
import { PlanFormModal } from './PlanFormModal';
import { PlanTextDrawer } from './PlanTextDrawer';
import { AsOfInput, StatusTag, TaskStatusTag, useAsOf } from './shared';
import { TargetFormModal } from './TargetFormModal';
import { TargetsTable } from './TargetsTable';
import { TaskFormModal } from './TaskFormModal';
import { PROGRESS_STATUSES, type Task } from './types';

export default function PlanPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const local = useLocalName();
  const [asOf, setAsOf] = useAsOf();
  const navigate = useNavigate();
  const deletePlan = useDeletePlan();
  const deleteTask = useDeleteTask();
  const [editingPlan, setEditingPlan] = useState(false);
  const [newTarget, setNewTarget] = useState(false);
  const [fromText, setFromText] = useState(false);
  const [taskForm, setTaskForm] = useState<{ task: Task | null } | null>(null);
  const plan = usePlan(code);
  const targets = useTargets({ plan: code, asOf }, { key: [code, asOf] });
  const tasks = useTasks({ plan: code, asOf });
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => plan.refetch()} />;
  if (!plan.data) return <PageSkeleton />;
  const p = plan.data;
  const can = p.abilities;
  const items = targets.data?.items ?? [];
  const counts = Object.fromEntries(
    PROGRESS_STATUSES.map((s) => [s, items.filter((i) => i.status === s).length]),
  );
  return (
    <>
      <PageTitle
        title={local(p)}
        sub={p.code}
        extra={
          <>
            <AsOfInput value={asOf} onChange={setAsOf} />
            <PrintLinks path={`/api/plans/${encodeURIComponent(p.code)}/print`} query={{ asOf }} />
            {can.update && (
              <Button icon={<EditOutlined />} onClick={() => setEditingPlan(true)}>
                {t('plans.form.editPlan')}
              </Button>
            )}
            {can.delete && (
              <DeleteButton
                title={t('plans.form.confirmDeletePlan')}
                onDelete={async () => {
                  await deletePlan.mutateAsync(p.code);
                  navigate('/plans');
                }}
              />
            )}
          </>
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 2, lg: 3 }}>
            <Descriptions.Item label={t('plans.issuingBody')}>{p.issuingBody ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('plans.document')}>{p.documentNumber ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('plans.documentDate')}>
              {formatDate(p.documentDate)}
            </Descriptions.Item>
            <Descriptions.Item label={t('plans.period')}>
              {p.periodFrom === p.periodTo ? p.periodFrom : `${p.periodFrom}–${p.periodTo}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('plans.scope')}>{p.scopeUnitName}</Descriptions.Item>
            <Descriptions.Item label={t('plans.status')}>
              {t(`plans.planStatus.${p.status}`)}
            </Descriptions.Item>
            {p.links.length > 0 && (
              <Descriptions.Item label={t('plans.links')} span={3}>
                {p.links.map((l) =>
                  httpHref(l.url) ? (
                    <a
                      key={`${l.url}|${l.note}`}
                      href={httpHref(l.url) ?? undefined}
                      target="_blank"
                      rel="noreferrer"
                      style={{ marginRight: 12 }}
                    >
                      {l.note ?? l.url}
                    </a>
                  ) : (
                    <span key={`${l.url}|${l.note}`}>{l.note ?? l.url}</span>
                  ),
                )}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
        <Card>
          <Space wrap size="large">
            {PROGRESS_STATUSES.map((s) => (
              <Statistic key={s} title={<StatusTag status={s} />} value={counts[s]} />
            ))}
          </Space>
        </Card>
        <Card
          title={t('plans.targets')}
          extra={
            <Space wrap>
              {can.createTarget && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setNewTarget(true)}>
                  {t('plans.form.newTarget')}
                </Button>
              )}
              {can.createTarget && (
                <Button icon={<FileSearchOutlined />} onClick={() => setFromText(true)}>
                  {t('plans.text.action')}
                </Button>
              )}
              <ExportButtons path="/targets/export" query={{ plan: p.code, asOf }} />
            </Space>
          }
        >
          <TargetsTable items={items} loading={targets.isPending} asOf={asOf} />
        </Card>
        <Card
          title={t('plans.tasks')}
          extra={
            <Space wrap>
              {can.createTask && (
                <Button type="primary" icon={<PlusOutlined />} onClick={() => setTaskForm({ task: null })}>
                  {t('plans.form.newTask')}
                </Button>
              )}
              <ExportButtons path="/tasks/export" query={{ plan: p.code }} />
            </Space>
          }
        >
          <Table
            rowKey="id"
            size="small"
            loading={tasks.isPending}
            dataSource={tasks.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('plans.task.title'), dataIndex: 'title' },
              { title: t('plans.leadUnit'), dataIndex: 'leadUnitName' },
              { title: t('plans.responsible'), dataIndex: 'responsiblePerson' },
              { title: t('plans.task.due'), key: 'due', render: (_, k: Task) => formatDate(k.dueDate) },
              {
                title: t('plans.task.progress'),
                key: 'pct',
                render: (_, k: Task) => (
                  <Progress percent={k.percentComplete} size="small" style={{ width: 120 }} />
                ),
              },
              { title: t('plans.status'), key: 'status', render: (_, k: Task) => <TaskStatusTag task={k} /> },
              ...((tasks.data?.items ?? []).some((k) => k.abilities.update || k.abilities.delete)
                ? [
                    {
                      title: t('plans.form.actions'),
                      key: 'actions',
                      render: (_: unknown, k: Task) => (
                        <Space>
                          {k.abilities.update && (
                            <Button
                              size="small"
                              icon={<EditOutlined />}
                              aria-label={`${t('plans.form.edit')}: ${k.title}`}
                              onClick={() => setTaskForm({ task: k })}
                            >
                              {t('plans.form.edit')}
                            </Button>
                          )}
                          {k.abilities.delete && (
                            <DeleteButton
                              size="small"
                              title={t('plans.form.confirmDeleteTask')}
                              onDelete={async () => {
                                await deleteTask.mutateAsync(k.id);
                              }}
                            />
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
          <Link to={`/tasks?plan=${encodeURIComponent(p.code)}`}>{t('plans.board')}</Link>
        </Card>
      </Space>
      <PlanFormModal open={editingPlan} plan={p} onClose={() => setEditingPlan(false)} />
      <TargetFormModal open={newTarget} plan={p} definition={null} onClose={() => setNewTarget(false)} />
      <PlanTextDrawer open={fromText} plan={p} onClose={() => setFromText(false)} />
      <TaskFormModal
        open={taskForm !== null}
        plan={p.code}
        task={taskForm?.task ?? null}
        onClose={() => setTaskForm(null)}
      />
    </>
  );
}
