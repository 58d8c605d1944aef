/** Shapes of /api/plans, /api/targets, /api/tasks and /api/warnings (see the server's OpenAPI). */
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
export interface PlanAbilities {
  update: boolean;
  delete: boolean;
  createTarget: boolean;
  createTask: boolean;
}
export interface TargetAbilities {
  update: boolean;
  delete: boolean;
}
export interface TaskAbilities {
  update: boolean;
  delete: boolean;
  comment: boolean;
  setProgress: boolean;
}

export interface Plan {
  code: string;
  name: string;
  nameEn: string | null;
  issuingBody: string | null;
  documentNumber: string | null;
  documentDate: string | null;
  periodFrom: string;
  periodTo: string;
  scopeUnit: string;
  scopeUnitName: string;
  status: string;
  links: Array<{ url: string | null; note: string | null }>;
  description: string | null;
  targetCount: number;
  taskCount: number;
  canManage?: boolean;
  abilities: PlanAbilities;
}

export interface TargetItem {
  id: number;
  plan: string;
  indicator: string;
  indicatorName: string;
  measure: string;
  pillar: string;
  field: string | null;
  valueType: string;
  categoryOption: string | null;
  orgUnit: string;
  orgUnitName: string;
  orgUnitLevel: number;
  scope: { orgUnit: string; level: number | null; kind: string | null };
  baseline: { value: number | null; period: string };
  target: { value: number; period: string; comparator: string };
  deadline: string;
  current: { value: number | null; period: string | null };
  done: number | null;
  elapsed: number | null;
  pace: number | null;
  status: ProgressStatus;
  statusLabel: string;
  anticipated: { value: number | null; meets: boolean | null };
  leadUnit: string | null;
  leadUnitName: string | null;
  responsiblePerson: string | null;
  abilities: TargetAbilities;
}

export interface TargetList {
  asOf: string;
  thresholds: { onTrack: number; atRisk: number };
  items: TargetItem[];
}

export interface Point {
  period: string;
  value: number | null;
}

export interface TargetDetail extends TargetList {
  definition: {
    id: number;
    plan: string;
    indicator: string;
    orgUnit: string;
    level: number | null;
    kind: string | null;
    baseline: { value: number | null; period: string };
    target: { value: number; period: string; comparator: string };
    leadUnit: string | null;
    leadUnitName: string | null;
    cooperatingUnits: string[];
    responsiblePerson: string | null;
    notes: string | null;
    abilities: TargetAbilities;
  };
  chart: {
    orgUnit: string;
    orgUnitName: string;
    frequency: string;
    periods: string[];
    series: Point[];
    expected: Point[];
    target: { value: number; period: string };
    anticipated: { value: number; period: string } | null;
  } | null;
  tasks: Array<Pick<Task, 'id' | 'title' | 'leadUnitName' | 'dueDate' | 'status' | 'percentComplete'>>;
}

export interface Task {
  id: number;
  plan: string;
  title: string;
  description: string | null;
  leadUnit: string;
  leadUnitName: string;
  cooperatingUnits: string[];
  responsiblePerson: string | null;
  startDate: string | null;
  dueDate: string;
  status: 'not_started' | 'in_progress' | 'done' | 'cancelled';
  percentComplete: number;
  evidence: string | null;
  targets: number[];
  commentCount: number;
  daysLeft: number;
  overdue: boolean;
  abilities: TaskAbilities;
}

export interface TaskDetail extends Task {
  comments: Array<{ id: number; user: string | null; body: string; at: string }>;
  canManage: boolean;
  canUpdateProgress: boolean;
}

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
