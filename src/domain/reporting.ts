/**
 * Periodic reporting (chế độ báo cáo định kỳ), pure rules, no I/O:
 * - schedules: the Decree 09/2019 window of a period (period.ts reportingWindow), the due date a set
 *   number of working days after the window closes (weekends and Vietnamese public holidays skipped),
 *   the reminder date and the lock date;
 * - the submission state machine (draft → submitted → approved | returned → submitted …,
 *   approved → unlocked with a reason → draft), every transition a pure decision;
 * - timeliness (on_time | late | overdue | pending) and completeness;
 * - validation rules over indicator codes (`{A_NUM} <= {A_DEN}`, `{TOTAL} == {P1} + {P2}`) and the
 *   "changed more than X% since the last period needs a comment" rule.
 */
import { evaluateFormula, parseFormula } from './formula.js';
import { type Period, reportingWindow } from './period.js';

// ------------------------------------------------------------------------------------------------
// Calendar
// ------------------------------------------------------------------------------------------------

export interface Holiday {
  /** ISO date `YYYY-MM-DD` of a day off. */
  date: string;
  name: string;
}

/**
 * Default days off (ngày nghỉ lễ, Tết) 2022–2026 under Labour Code 2019 art. 112 as announced each
 * year: Tết Dương lịch, the Tết Nguyên đán days off, Giỗ Tổ Hùng Vương (10/3 lunar), 30/4, 1/5,
 * Quốc khánh 2/9 plus one adjacent day, with the compensatory weekdays when a holiday fell on a
 * weekend. Weekends are skipped anyway, so only weekdays matter. Data, not code: a province replaces
 * the list through the settings (`PUT /api/reporting/holidays`). 2026 is provisional (9/2025 plans).
 */
export const DEFAULT_HOLIDAYS: Holiday[] = [
  // 2022
  { date: '2022-01-01', name: 'Tết Dương lịch' },
  { date: '2022-01-03', name: 'Nghỉ bù Tết Dương lịch' },
  ...days(['2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04'], 'Tết Nguyên đán'),
  { date: '2022-04-11', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  { date: '2022-04-30', name: 'Ngày Giải phóng miền Nam' },
  { date: '2022-05-01', name: 'Quốc tế Lao động' },
  { date: '2022-05-02', name: 'Nghỉ bù 30/4' },
  { date: '2022-05-03', name: 'Nghỉ bù 1/5' },
  { date: '2022-09-01', name: 'Quốc khánh (ngày liền kề)' },
  { date: '2022-09-02', name: 'Quốc khánh' },
  // 2023
  { date: '2023-01-02', name: 'Nghỉ bù Tết Dương lịch' },
  ...days(['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26'], 'Tết Nguyên đán'),
  { date: '2023-04-29', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2023-04-30', name: 'Ngày Giải phóng miền Nam' },
  { date: '2023-05-01', name: 'Quốc tế Lao động' },
  { date: '2023-05-02', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  { date: '2023-05-03', name: 'Nghỉ bù 30/4' },
  { date: '2023-09-01', name: 'Quốc khánh (ngày liền kề)' },
  { date: '2023-09-02', name: 'Quốc khánh' },
  { date: '2023-09-04', name: 'Nghỉ bù Quốc khánh' },
  // 2024
  { date: '2024-01-01', name: 'Tết Dương lịch' },
  ...days(['2024-02-08', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14'], 'Tết Nguyên đán'),
  { date: '2024-04-18', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2024-04-29', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 04/5)' },
  { date: '2024-04-30', name: 'Ngày Giải phóng miền Nam' },
  { date: '2024-05-01', name: 'Quốc tế Lao động' },
  { date: '2024-09-02', name: 'Quốc khánh' },
  { date: '2024-09-03', name: 'Quốc khánh (ngày liền kề)' },
  // 2025
  { date: '2025-01-01', name: 'Tết Dương lịch' },
  ...days(['2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'], 'Tết Nguyên đán'),
  { date: '2025-04-07', name: 'Giỗ Tổ Hùng Vương' },
  { date: '2025-04-30', name: 'Ngày Giải phóng miền Nam' },
  { date: '2025-05-01', name: 'Quốc tế Lao động' },
  { date: '2025-05-02', name: 'Nghỉ hoán đổi (làm bù thứ Bảy 26/4)' },
  { date: '2025-09-01', name: 'Quốc khánh (ngày liền kề)' },
  { date: '2025-09-02', name: 'Quốc khánh' },
  // 2026 (provisional)
  { date: '2026-01-01', name: 'Tết Dương lịch' },
  ...days(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'], 'Tết Nguyên đán'),
  { date: '2026-04-27', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
  { date: '2026-04-30', name: 'Ngày Giải phóng miền Nam' },
  { date: '2026-05-01', name: 'Quốc tế Lao động' },
  { date: '2026-09-01', name: 'Quốc khánh (ngày liền kề)' },
  { date: '2026-09-02', name: 'Quốc khánh' },
];

function days(dates: string[], name: string): Holiday[] {
  return dates.map((date) => ({ date, name }));
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  if (!ISO.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** `YYYY-MM-DD` plus `n` calendar days. */
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function isWeekend(date: string): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}

export type HolidaySet = ReadonlySet<string>;

export function holidaySet(list: Holiday[] = DEFAULT_HOLIDAYS): HolidaySet {
  return new Set(list.map((h) => h.date));
}

export function isWorkingDay(date: string, holidays: HolidaySet): boolean {
  return !isWeekend(date) && !holidays.has(date);
}

/** The `n`-th working day after `date` (n ≥ 1); n = 0 gives `date` itself. */
export function addWorkingDays(date: string, n: number, holidays: HolidaySet): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d, holidays)) left--;
  }
  return d;
}

/** Today in Vietnam (UTC+7, no daylight saving) as `YYYY-MM-DD`. */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

// ------------------------------------------------------------------------------------------------
// Schedules
// ------------------------------------------------------------------------------------------------

export interface FormSchedule {
  /** Working days after the window closes by which the report is due. */
  dueWorkingDays: number;
  /** Calendar days before the due date when reminders go out. */
  reminderDays: number;
  /** Calendar days after the due date when entry closes for reporters. */
  lockDays: number;
}

export interface PeriodSchedule {
  /** Decree 09 data window (thời gian chốt số liệu). */
  window: { from: string; to: string };
  /** Entry opens with the window (data may be entered as it accrues). */
  opensOn: string;
  dueDate: string;
  remindOn: string;
  lockOn: string;
}

export function scheduleFor(p: Period, s: FormSchedule, holidays: HolidaySet): PeriodSchedule {
  const window = reportingWindow(p);
  const dueDate = addWorkingDays(window.to, s.dueWorkingDays, holidays);
  return {
    window,
    opensOn: window.from,
    dueDate,
    remindOn: addDays(dueDate, -s.reminderDays),
    lockOn: addDays(dueDate, s.lockDays),
  };
}

/** Should a reminder go out on `today` (from the reminder date up to the due date, not yet submitted)? */
export function needsReminder(sch: PeriodSchedule, today: string, submitted: boolean): boolean {
  return !submitted && today >= sch.remindOn && today <= sch.dueDate;
}

/** Is entry closed for reporters on `today` (after the lock date)? */
export function isLocked(sch: PeriodSchedule, today: string): boolean {
  return today > sch.lockOn;
}

// ------------------------------------------------------------------------------------------------
// Submission state machine
// ------------------------------------------------------------------------------------------------

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_ACTIONS = ['save', 'submit', 'approve', 'return', 'unlock'] as const;
export type SubmissionAction = (typeof SUBMISSION_ACTIONS)[number];

/** Who acts, as the state machine needs it (the policy decides the role on the unit). */
export interface TransitionContext {
  /** May enter and submit data for the unit (reporter, secretariat or admin on it). */
  canEnter: boolean;
  /** May review (approve, return, unlock) the unit's submissions (secretariat above it, admin). */
  canReview: boolean;
  /** Admins and secretariat are not held by the lock date. */
  bypassLock: boolean;
  /** The entry window has closed (past the lock date). */
  locked: boolean;
  reason?: string | null;
  /** Approval levels of the form (1 = one approval) and those already given. */
  approvalLevels?: number;
  approvalsDone?: number;
}

export type TransitionResult =
  | { ok: true; to: SubmissionStatus; approvalsDone: number }
  | { ok: false; code: 'forbidden' | 'invalid_transition' | 'locked' | 'reason_required'; key: string };

/** The allowed moves, as a table (documented and tested exhaustively). */
export const TRANSITIONS: Record<SubmissionAction, Partial<Record<SubmissionStatus, SubmissionStatus>>> = {
  save: { draft: 'draft', returned: 'returned' },
  submit: { draft: 'submitted', returned: 'submitted' },
  approve: { submitted: 'approved' },
  return: { submitted: 'returned' },
  unlock: { approved: 'draft' },
};

/** Decides one move. `from` is null when no submission exists yet (treated as draft). */
export function transition(
  from: SubmissionStatus | null,
  action: SubmissionAction,
  ctx: TransitionContext,
): TransitionResult {
  const current: SubmissionStatus = from ?? 'draft';
  const to = TRANSITIONS[action][current];
  const entering = action === 'save' || action === 'submit';
  if (entering ? !ctx.canEnter : !ctx.canReview)
    return { ok: false, code: 'forbidden', key: 'reporting.forbidden_action' };
  if (!to) return { ok: false, code: 'invalid_transition', key: 'reporting.invalid_transition' };
  // a returned report may always be corrected and resubmitted; a draft closes at the lock date
  if (entering && current === 'draft' && ctx.locked && !ctx.bypassLock)
    return { ok: false, code: 'locked', key: 'reporting.locked_period' };
  if ((action === 'return' || action === 'unlock') && !(ctx.reason ?? '').trim())
    return { ok: false, code: 'reason_required', key: 'reporting.reason_required' };
  const levels = Math.max(1, ctx.approvalLevels ?? 1);
  const done = ctx.approvalsDone ?? 0;
  if (action === 'approve') {
    const given = done + 1;
    return given >= levels
      ? { ok: true, to: 'approved', approvalsDone: given }
      : { ok: true, to: 'submitted', approvalsDone: given };
  }
  return { ok: true, to, approvalsDone: action === 'save' ? done : 0 };
}

/** Values of a unit's report may be changed only in these states. */
export function isEditable(status: SubmissionStatus | null): boolean {
  return status === null || status === 'draft' || status === 'returned';
}

// ------------------------------------------------------------------------------------------------
// Timeliness and completeness
// ------------------------------------------------------------------------------------------------

export type Timeliness = 'on_time' | 'late' | 'overdue' | 'pending';

/**
 * On time when first submitted on or before the due date (Vietnam calendar day); late after it;
 * overdue when the due date has passed without a submission; pending when not yet due and not
 * submitted. `submittedOn` is the Vietnam date of the first submission (resubmissions after a
 * return do not make a report late).
 */
export function timeliness(dueDate: string, submittedOn: string | null, today: string): Timeliness {
  if (submittedOn) return submittedOn <= dueDate ? 'on_time' : 'late';
  return today > dueDate ? 'overdue' : 'pending';
}

export interface TimelinessSummary {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  /** submitted ÷ expected (0 when nothing is expected), rounded to 4 decimals. */
  completeness: number;
}

export function summarise(statuses: Timeliness[]): TimelinessSummary {
  const count = (s: Timeliness) => statuses.filter((x) => x === s).length;
  const onTime = count('on_time');
  const late = count('late');
  const submitted = onTime + late;
  const expected = statuses.length;
  return {
    expected,
    submitted,
    onTime,
    late,
    overdue: count('overdue'),
    pending: count('pending'),
    completeness: completeness(submitted, expected),
  };
}

export function completeness(submitted: number, expected: number): number {
  return expected === 0 ? 0 : Math.round((submitted / expected) * 10000) / 10000;
}

// ------------------------------------------------------------------------------------------------
// Validation rules
// ------------------------------------------------------------------------------------------------

export const OPERATORS = ['==', '!=', '<', '<=', '>', '>='] as const;
export type Operator = (typeof OPERATORS)[number];
export type Importance = 'error' | 'warning';

/** `left operator right`, each side an expression over `{CODE}` references (or a number). */
export interface CompareRule {
  kind?: 'compare';
  code: string;
  left: string;
  operator: Operator;
  right: string;
  importance: Importance;
  /** Custom messages; default: the rule written out. */
  message?: { vi?: string; en?: string };
}

/** A change of more than `threshold` (0.5 = 50%) from the previous period needs a comment. */
export interface ChangeRule {
  kind: 'change';
  code: string;
  /** Indicator code; omitted: every indicator of the form. */
  indicator?: string;
  threshold: number;
  importance: Importance;
  message?: { vi?: string; en?: string };
}

export type ValidationRule = CompareRule | ChangeRule;

/** A cell's value as the rules see it: a ratio's parts are `{CODE.NUM}` and `{CODE.DEN}`. */
export type CellValues = Map<string, number | null>;

export interface RuleViolation {
  rule: string;
  importance: Importance;
  /** The cells (indicator codes) the message is about. */
  cells: string[];
  left: number | null;
  right: number | null;
  message: { vi: string; en: string };
}

const REF = /\{([A-Za-z0-9._-]+)\}/g;

export function refsOf(expr: string): string[] {
  return [...new Set([...expr.matchAll(REF)].map((m) => m[1]))];
}

/** Checks a rule's syntax; returns the reason it is bad, or null. */
export function checkRule(rule: ValidationRule, knownCells: Set<string>): string | null {
  if (!rule.code?.trim()) return 'rule code is required';
  if (rule.importance !== 'error' && rule.importance !== 'warning')
    return 'importance must be error or warning';
  if (rule.kind === 'change') {
    if (!(rule.threshold > 0)) return 'threshold must be a positive fraction (0.5 = 50%)';
    if (rule.indicator && !knownCells.has(rule.indicator)) return `unknown indicator ${rule.indicator}`;
    return null;
  }
  if (!(OPERATORS as readonly string[]).includes(rule.operator))
    return `operator ${rule.operator} is not allowed`;
  for (const side of [rule.left, rule.right]) {
    const bad = checkExpression(side);
    if (bad) return bad;
    for (const r of refsOf(side)) if (!knownCells.has(r)) return `unknown cell {${r}}`;
  }
  return null;
}

function checkExpression(expr: string): string | null {
  if (typeof expr !== 'string' || !expr.trim()) return 'empty expression';
  if (!expr.includes('{')) return Number.isFinite(Number(expr.trim())) ? null : `not a number: ${expr}`;
  const p = parseFormula(expr);
  return p.ok ? null : p.reason;
}

/** Evaluates an expression; null when a referenced cell is empty (the rule is then skipped). */
export function evaluateExpression(expr: string, cells: CellValues): number | null {
  if (!expr.includes('{')) return Number(expr.trim());
  const p = parseFormula(expr);
  if (!p.ok) return null;
  return evaluateFormula(
    p.ast,
    p.refs.map((r) => cells.get(r) ?? null),
  );
}

const EPS = 1e-9;

export function compare(l: number, op: Operator, r: number): boolean {
  const tol = EPS * Math.max(1, Math.abs(l), Math.abs(r));
  switch (op) {
    case '==':
      return Math.abs(l - r) <= tol;
    case '!=':
      return Math.abs(l - r) > tol;
    case '<':
      return l < r - tol;
    case '<=':
      return l <= r + tol;
    case '>':
      return l > r + tol;
    case '>=':
      return l >= r - tol;
  }
}

export interface RuleInput {
  current: CellValues;
  /** The previous period's values of the same unit (for change rules). */
  previous: CellValues;
  /** Indicator codes that carry a comment this period. */
  commented: Set<string>;
  /** Indicator codes of the form, in order (for change rules without an indicator). */
  indicators: string[];
  /** Cell labels for messages: code → name. */
  names?: Map<string, string>;
}

/** Runs every rule; a rule with an empty referenced cell is skipped (missing values are checked apart). */
export function runRules(rules: ValidationRule[], input: RuleInput): RuleViolation[] {
  const out: RuleViolation[] = [];
  const label = (code: string) => {
    const n = input.names?.get(code.replace(/\.(NUM|DEN)$/, ''));
    return n ? `{${code}} (${n})` : `{${code}}`;
  };
  for (const rule of rules) {
    if (rule.kind === 'change') {
      const codes = rule.indicator ? [rule.indicator] : input.indicators;
      for (const c of codes) {
        const now = input.current.get(c) ?? null;
        const before = input.previous.get(c) ?? null;
        if (now === null || before === null || input.commented.has(c)) continue;
        const change =
          before === 0
            ? now === 0
              ? 0
              : Number.POSITIVE_INFINITY
            : Math.abs(now - before) / Math.abs(before);
        if (change <= rule.threshold + EPS) continue;
        const pct = Number.isFinite(change) ? `${Math.round(change * 1000) / 10}%` : '∞';
        const limit = `${Math.round(rule.threshold * 1000) / 10}%`;
        out.push({
          rule: rule.code,
          importance: rule.importance,
          cells: [c],
          left: now,
          right: before,
          message: {
            vi:
              rule.message?.vi ??
              `Ô ${label(c)}: thay đổi ${pct} so với kỳ trước (${fmt(before)} → ${fmt(now)}), vượt ${limit}; cần ghi chú giải thích.`,
            en:
              rule.message?.en ??
              `Cell ${label(c)}: changed ${pct} from the previous period (${fmt(before)} → ${fmt(now)}), more than ${limit}; a comment is required.`,
          },
        });
      }
      continue;
    }
    const l = evaluateExpression(rule.left, input.current);
    const r = evaluateExpression(rule.right, input.current);
    if (l === null || r === null) continue;
    if (compare(l, rule.operator, r)) continue;
    const cells = [...new Set([...refsOf(rule.left), ...refsOf(rule.right)])];
    const leftText = rule.left.replace(REF, (_m, c: string) => label(c));
    const rightText = rule.right.replace(REF, (_m, c: string) => label(c));
    // a rule's own message names cells as {CODE}: show the entered number there
    const fill = (text: string) =>
      text.replace(REF, (_m, c: string) => {
        const v = evaluateExpression(`{${c}}`, input.current);
        return v === null ? label(c) : fmt(v);
      });
    out.push({
      rule: rule.code,
      importance: rule.importance,
      cells,
      left: l,
      right: r,
      message: {
        vi:
          (rule.message?.vi && fill(rule.message.vi)) ??
          `Ô ${cells.map(label).join(', ')}: cần ${leftText} ${rule.operator} ${rightText}, nhưng ${fmt(l)} ${NEGATION[rule.operator]} ${fmt(r)}.`,
        en:
          (rule.message?.en && fill(rule.message.en)) ??
          `Cell ${cells.map(label).join(', ')}: ${leftText} ${rule.operator} ${rightText} is required, but ${fmt(l)} ${NEGATION[rule.operator]} ${fmt(r)}.`,
      },
    });
  }
  return out;
}

const NEGATION: Record<Operator, string> = { '==': '≠', '!=': '=', '<': '≥', '<=': '>', '>': '≤', '>=': '<' };

function fmt(n: number): string {
  return String(Math.round(n * 10000) / 10000);
}
