/** Shapes of /api/plans, /api/targets, /api/tasks (from the server's zod schemas) and /api/warnings. */
import type { ApiPlan, ApiTargetDetail, ApiTargetItem, ApiTask, ApiTaskDetail } from '../../lib/serverTypes';

export type ProgressStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'overdue' | 'no_data';
export const PROGRESS_STATUSES: ProgressStatus[] = [
  'achieved',
  'on_track',
  'at_risk',
  'off_track',
  'overdue',
  'no_data',
];

/** What the user may do with each object (the server's rules; GET answers carry them). */
export type PlanAbilities = ApiPlan['abilities'];
export type TargetAbilities = ApiTargetItem['abilities'];
export type TaskAbilities = ApiTask['abilities'];

export type Plan = ApiPlan;
export type TargetItem = ApiTargetItem;

export interface TargetList {
  asOf: string;
  thresholds: ApiTargetDetail['thresholds'];
  items: TargetItem[];
}

export type Point = NonNullable<ApiTargetDetail['chart']>['series'][number];
export type TargetDetail = ApiTargetDetail;

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'cancelled';
/** A task; the server's `status` is one of TaskStatus. */
export type Task = Omit<ApiTask, 'status'> & { status: TaskStatus };
export type TaskDetail = Omit<ApiTaskDetail, 'status'> & { status: TaskStatus };

export interface Warning {
  type: string;
  severity: 'high' | 'medium' | 'low';
  message: string;
  plan: string;
  target: number | null;
  task: number | null;
  orgUnit: string;
  dueDate: string | null;
}
