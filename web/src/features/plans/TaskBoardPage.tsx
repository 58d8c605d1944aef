/**
 * The task board: columns by due date (overdue, within 7 days, within 30 days, later, done) or by
 * lead unit; a task opens in a drawer with progress and comments. Route: /tasks (?plan=&view=owner)
 */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Drawer,
  Input,
  InputNumber,
  List,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, PageTitle } from '../../components/PageStates';
import { errorMessage } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useSearchPatch } from '../../lib/searchParams';
import { useDeleteTask, usePostComment, useSaveTask, useTask, useTasks } from './api';
import { DeleteButton, ExportButtons, useCanManage } from './buttons';
import { AsOfInput, PlanSelect, TaskStatusTag, useAsOf } from './shared';
import { TaskFormModal } from './TaskFormModal';
import type { Task } from './types';

type Bucket = 'overdue' | 'week' | 'month' | 'later' | 'done';
const BUCKETS: Bucket[] = ['overdue', 'week', 'month', 'later', 'done'];

function bucketOf(k: Task): Bucket {
  if (k.status === 'done' || k.status === 'cancelled') return 'done';
  if (k.daysLeft < 0) return 'overdue';
  if (k.daysLeft <= 7) return 'week';
  if (k.daysLeft <= 30) return 'month';
  return 'later';
}

export function TaskCard({ task, onOpen }: { task: Task; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  return (
    <Card size="small" hoverable onClick={() => onOpen(task.id)} style={{ marginBottom: 8 }}>
      <Typography.Text strong>{task.title}</Typography.Text>
      <div className="chiso-muted">
        {task.leadUnitName} · {formatDate(task.dueDate)}
      </div>
      <Space wrap size={[8, 0]} style={{ marginTop: 4 }}>
        <TaskStatusTag task={task} />
        {task.status !== 'done' && task.status !== 'cancelled' && (
          <span
            className={task.overdue ? undefined : 'chiso-muted'}
            style={task.overdue ? { color: '#c2423a' } : undefined}
          >
            {task.overdue
              ? t('plans.task.overdueDays', { n: -task.daysLeft })
              : t('plans.task.daysLeft', { n: task.daysLeft })}
          </span>
        )}
      </Space>
      <Progress percent={task.percentComplete} size="small" />
    </Card>
  );
}

export function TaskDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const [pct, setPct] = useState<number | null>(null);
  const [editing, setEditing] = useState(false);
  const task = useTask(id);
  const save = useSaveTask(id);
  const remove = useDeleteTask();
  const post = usePostComment(id);
  const k = task.data;
  return (
    <Drawer open={id !== null} onClose={onClose} width={520} title={k?.title}>
      {task.isError && <ErrorState error={task.error} />}
      {k && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <div>
            {t('plans.leadUnit')}: <b>{k.leadUnitName}</b>
          </div>
          {k.responsiblePerson && (
            <div>
              {t('plans.responsible')}: {k.responsiblePerson}
            </div>
          )}
          <div>
            {t('plans.task.due')}: {formatDate(k.dueDate)} <TaskStatusTag task={k} />
          </div>
          {k.description && <p>{k.description}</p>}
          {(k.abilities.update || k.abilities.delete) && (
            <Space>
              {k.abilities.update && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('plans.form.editTask')}
                </Button>
              )}
              {k.abilities.delete && (
                <DeleteButton
                  title={t('plans.form.confirmDeleteTask')}
                  onDelete={async () => {
                    await remove.mutateAsync(k.id);
                    onClose();
                  }}
                />
              )}
            </Space>
          )}
          {k.abilities.setProgress ? (
            <Space wrap>
              <Select
                aria-label={t('plans.status')}
                value={k.status}
                style={{ width: 180 }}
                onChange={(status) => save.mutate({ status })}
                options={(['not_started', 'in_progress', 'done', 'cancelled'] as const).map((s) => ({
                  value: s,
                  label: t(`plans.task.status.${s}`),
                }))}
              />
              <InputNumber
                aria-label={t('plans.task.progress')}
                min={0}
                max={100}
                addonAfter="%"
                value={pct ?? k.percentComplete}
                onChange={(v) => setPct(v)}
              />
              <Button
                onClick={() => pct !== null && save.mutate({ percentComplete: pct })}
                loading={save.isPending}
              >
                {t('plans.save')}
              </Button>
            </Space>
          ) : (
            <Progress percent={k.percentComplete} />
          )}
          {save.isError && <Typography.Text type="danger">{errorMessage(save.error)}</Typography.Text>}
          <List
            header={t('plans.comment')}
            size="small"
            dataSource={k.comments}
            renderItem={(c) => (
              <List.Item>
                <List.Item.Meta title={`${c.user ?? ''} · ${formatDateTime(c.at)}`} description={c.body} />
              </List.Item>
            )}
          />
          {k.abilities.comment && (
            <>
              <Input.TextArea
                aria-label={t('plans.comment')}
                rows={3}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
              />
              <Button
                type="primary"
                disabled={!comment.trim()}
                loading={post.isPending}
                onClick={() => post.mutate(comment, { onSuccess: () => setComment('') })}
              >
                {t('plans.addComment')}
              </Button>
            </>
          )}
          {post.isError && <Typography.Text type="danger">{errorMessage(post.error)}</Typography.Text>}
        </Space>
      )}
      {k && <TaskFormModal open={editing} task={k} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}

export default function TaskBoardPage() {
  const { t } = useTranslation();
  const [asOf, setAsOf] = useAsOf();
  const [params, set] = useSearchPatch();
  const plan = params.get('plan') ?? undefined;
  const view = params.get('view') === 'owner' ? 'owner' : 'due';
  // ?task=ID opens that task's drawer (links from warnings).
  const [open, setOpen] = useState<number | null>(() => Number(params.get('task')) || null);
  const [creating, setCreating] = useState(false);
  const canManage = useCanManage();
  const tasks = useTasks({ plan, asOf });
  if (tasks.isError) return <ErrorState error={tasks.error} onRetry={() => tasks.refetch()} />;
  const items = tasks.data?.items ?? [];
  const columns: Array<{ key: string; title: string; tasks: Task[] }> =
    view === 'due'
      ? BUCKETS.map((b) => ({
          key: b,
          title: t(`plans.board.${b}`),
          tasks: items.filter((k) => bucketOf(k) === b),
        }))
      : [...new Map(items.map((k) => [k.leadUnit, k.leadUnitName])).entries()].map(([code, name]) => ({
          key: code,
          title: name,
          tasks: items.filter((k) => k.leadUnit === code),
        }));
  return (
    <>
      <PageTitle
        title={t('plans.board')}
        extra={
          <>
            <PlanSelect value={plan} onChange={(v) => set({ plan: v })} />
            <Segmented
              value={view}
              onChange={(v) => set({ view: v === 'owner' ? 'owner' : undefined })}
              options={[
                { value: 'due', label: t('plans.board.byDue') },
                { value: 'owner', label: t('plans.board.byOwner') },
              ]}
            />
            <AsOfInput value={asOf} onChange={setAsOf} />
            <ExportButtons path="/tasks/export" query={{ plan }} />
            {canManage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('plans.form.newTask')}
              </Button>
            )}
          </>
        }
      />
      {/* the five columns by due date share the width (all on the screen at 1440 px beside the menu);
          more columns (by lead unit) scroll inside the board, never the page */}
      <Row gutter={12} wrap={false} style={{ overflowX: 'auto' }} data-testid="task-board">
        {columns.map((c) => (
          <Col key={c.key} flex="1 0 220px">
            <Card size="small" title={`${c.title} (${c.tasks.length})`} loading={tasks.isPending}>
              {c.tasks.map((k) => (
                <TaskCard key={k.id} task={k} onOpen={setOpen} />
              ))}
            </Card>
          </Col>
        ))}
      </Row>
      <TaskDrawer id={open} onClose={() => setOpen(null)} />
      <TaskFormModal open={creating} plan={plan} task={null} onClose={() => setCreating(false)} />
    </>
  );
}
