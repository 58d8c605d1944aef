/** Shapes of the periodic-reporting API (GET /api/forms, /forms/:code/entry, /reports/*). */
import type { ApiEntry, ApiReportForm, ApiSubmissionState } from '../../lib/serverTypes';

/** What the user may do with a report form, somewhere among its units (GET /api/forms). */
export type FormAbilities = ApiReportForm['abilities'];
/** What the user may do now with one report (GET /forms/:code/entry). */
export type SubmissionAbilities = ApiEntry['abilities'];

/** A report form (the server's shape; its period type is one of these). */
export type ReportForm = Omit<ApiReportForm, 'periodType'> & {
  periodType: 'month' | 'quarter' | 'half' | 'nine_months' | 'year';
};

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
  /** The person's name (display name, else the username). */
  userName?: string | null;
  username?: string | null;
  at: string | null;
}

/** The entry grid: the server's schema names the head; the rest is described by the route's summary. */
export interface Entry
  extends Pick<ApiEntry, 'form' | 'orgUnit' | 'period' | 'editable' | 'canReview' | 'abilities'> {
  formName: string;
  orgUnitName: string;
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
  events: SubmissionEvent[];
  items: EntryItem[];
}

/** The state after submit, approve, return or unlock. */
export type SubmissionState = Omit<ApiSubmissionState, 'status' | 'timeliness'> & {
  status: SubmissionStatus;
  timeliness: Timeliness;
};

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
