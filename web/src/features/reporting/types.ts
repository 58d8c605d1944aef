/** Shapes of the periodic-reporting API (GET /api/forms, /forms/:code/entry, /reports/*). */

/** What the user may do with a report form, somewhere among its units (GET /api/forms). */
export interface FormAbilities {
  manage: boolean;
  enter: boolean;
  submit: boolean;
  approve: boolean;
  return: boolean;
  unlock: boolean;
}

export interface SubmissionAbilities {
  save: boolean;
  submit: boolean;
  approve: boolean;
  return: boolean;
  unlock: boolean;
}

export interface ReportForm {
  code: string;
  name: string;
  nameEn: string;
  periodType: 'month' | 'quarter' | 'half' | 'nine_months' | 'year';
  indicators: string[];
  units?: string[];
  unitsWithin?: { orgUnit: string; level?: number; kind?: string };
  dueWorkingDays: number;
  reminderDays: number;
  lockDays: number;
  approvalLevels: number;
  rules: unknown[];
  abilities?: FormAbilities;
}

export interface Schedule {
  window: { from: string; to: string };
  opensOn: string;
  dueDate: string;
  remindOn: string;
  lockOn: string;
}

export interface ScheduleItem extends Schedule {
  period: string;
  label: string;
}

export type SubmissionStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export type Timeliness = 'on_time' | 'late' | 'overdue' | 'pending';

export interface Cell {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  status: string | null;
}

export interface EntryItem {
  indicator: string;
  name: string;
  nameEn: string;
  unit: string;
  valueType: 'number' | 'count' | 'ratio' | 'boolean';
  current: Cell | null;
  previous: Cell | null;
  lastYear: Cell | null;
}

export interface SubmissionEvent {
  action: string;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  user?: string | null;
  username?: string | null;
  at: string | null;
}

export interface Entry {
  form: string;
  formName: string;
  orgUnit: string;
  orgUnitName: string;
  period: string;
  periodLabel: string;
  previousPeriod: string;
  lastYearPeriod: string;
  schedule: Schedule;
  status: SubmissionStatus;
  submitted: boolean;
  timeliness: Timeliness;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  returnedAt: string | null;
  returnReason: string | null;
  unlockReason: string | null;
  approvalLevels: number;
  approvalsDone: number;
  editable: boolean;
  canReview: boolean;
  /** What the user may do now with this report (the server's state machine and rights). */
  abilities: SubmissionAbilities;
  events: SubmissionEvent[];
  items: EntryItem[];
}

export interface SubmissionState {
  form: string;
  orgUnit: string;
  period: string;
  status: SubmissionStatus;
  timeliness: Timeliness;
}

export interface RowError {
  row?: number;
  field?: string;
  rule?: string;
  message?: string;
}

export interface SaveResult {
  imported: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: RowError[];
}

export interface Violation {
  rule: string;
  importance: 'error' | 'warning';
  cells: string[];
  message: string;
}

export interface TimelinessItem {
  orgUnit: string;
  name: string;
  status: Timeliness;
  dueDate: string;
  submittedAt: string | null;
  submissionStatus: string;
}

export interface TimelinessReport {
  form: string;
  period: string;
  dueDate: string;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  completeness: number;
  items: TimelinessItem[];
}

export interface LateItem extends TimelinessItem {
  form: string;
  formName: string;
  daysLate: number;
}

export interface UploadError {
  sheet: string;
  row: number;
  column: string;
  field: string;
  message: string;
}

export interface UploadResult extends SaveResult {
  message?: string;
  errors: UploadError[] & RowError[];
}
