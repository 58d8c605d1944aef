import { describe, expect, it } from 'vitest';
import { parsePeriod } from './period.js';
import {
  addDays,
  addWorkingDays,
  checkRule,
  completeness,
  DEFAULT_HOLIDAYS,
  holidaySet,
  isEditable,
  isIsoDate,
  isLocked,
  isWorkingDay,
  needsReminder,
  runRules,
  SUBMISSION_ACTIONS,
  SUBMISSION_STATUSES,
  type SubmissionAction,
  type SubmissionStatus,
  scheduleFor,
  summarise,
  TRANSITIONS,
  type TransitionContext,
  timeliness,
  transition,
  type ValidationRule,
  vietnamDate,
} from './reporting.js';

const H = holidaySet();
const p = (code: string) => parsePeriod(code)!;
const S = { dueWorkingDays: 5, reminderDays: 3, lockDays: 10 };

describe('calendar', () => {
  it('ships a valid default holiday list for 2022–2026, every Tết and 30/4–1/5', () => {
    for (const h of DEFAULT_HOLIDAYS) expect(isIsoDate(h.date), h.date).toBe(true);
    for (const y of [2022, 2023, 2024, 2025, 2026]) {
      expect(
        DEFAULT_HOLIDAYS.filter((h) => h.date.startsWith(`${y}`) && h.name === 'Tết Nguyên đán'),
      ).toHaveLength(5);
      expect(H.has(`${y}-05-01`)).toBe(true);
      expect(H.has(`${y}-09-02`)).toBe(true);
    }
    expect(new Set(DEFAULT_HOLIDAYS.map((h) => h.date)).size).toBe(DEFAULT_HOLIDAYS.length);
  });

  it('adds calendar days across month and year ends and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(isIsoDate('2023-02-29')).toBe(false);
  });

  it('skips weekends and holidays', () => {
    expect(isWorkingDay('2024-03-09', H)).toBe(false); // Saturday
    expect(isWorkingDay('2024-02-12', H)).toBe(false); // Tết Giáp Thìn
    expect(isWorkingDay('2024-02-15', H)).toBe(true);
    expect(addWorkingDays('2024-03-08', 1, H)).toBe('2024-03-11'); // Friday → Monday
    expect(addWorkingDays('2024-03-08', 0, H)).toBe('2024-03-08');
  });

  it('Tết 2024: the 8th–14th February are not working days', () => {
    expect(addWorkingDays('2024-02-07', 1, H)).toBe('2024-02-15');
    expect(addWorkingDays('2024-02-07', 3, H)).toBe('2024-02-19');
    // without the holiday list only the weekend counts
    expect(addWorkingDays('2024-02-07', 3, holidaySet([]))).toBe('2024-02-12');
  });

  it('30/4–1/5 2024 with the swapped Monday 29/4', () => {
    expect(addWorkingDays('2024-04-26', 1, H)).toBe('2024-05-02');
    expect(addWorkingDays('2024-04-26', 2, H)).toBe('2024-05-03');
  });

  it('across the year end: New Year’s Day is skipped', () => {
    expect(addWorkingDays('2024-12-31', 1, H)).toBe('2025-01-02');
    expect(addWorkingDays('2022-12-30', 1, H)).toBe('2023-01-03'); // weekend + the compensatory Monday
  });

  it('custom holiday lists are data', () => {
    const local = holidaySet([{ date: '2024-03-11', name: 'Ngày lễ địa phương' }]);
    expect(addWorkingDays('2024-03-08', 1, local)).toBe('2024-03-12');
  });

  it('Vietnam date is UTC+7', () => {
    expect(vietnamDate(new Date('2024-03-20T16:59:59Z'))).toBe('2024-03-20');
    expect(vietnamDate(new Date('2024-03-20T17:00:00Z'))).toBe('2024-03-21');
  });
});

describe('schedules', () => {
  it('monthly: the window from the 15th of the previous month to the 14th, due 5 working days later', () => {
    const s = scheduleFor(p('2024M03'), S, H);
    expect(s.window).toEqual({ from: '2024-02-15', to: '2024-03-14' });
    expect(s.dueDate).toBe('2024-03-21');
    expect(s.remindOn).toBe('2024-03-18');
    expect(s.lockOn).toBe('2024-03-31');
    expect(s.opensOn).toBe('2024-02-15');
  });

  it('January: the window starts in December of the previous year', () => {
    const s = scheduleFor(p('2024M01'), S, H);
    expect(s.window).toEqual({ from: '2023-12-15', to: '2024-01-14' });
    expect(s.dueDate).toBe('2024-01-19');
  });

  it('February 2024 closes on a Tết holiday; the due date lands after Tết', () => {
    const s = scheduleFor(p('2024M02'), S, H);
    expect(s.window.to).toBe('2024-02-14');
    expect(s.dueDate).toBe('2024-02-21');
    // Tết 2025 lies before the 14th: no effect
    expect(scheduleFor(p('2025M02'), S, H).dueDate).toBe('2025-02-21');
    // January 2025 due date crosses Tết Ất Tỵ (27–31/1)
    expect(scheduleFor(p('2025M01'), { ...S, dueWorkingDays: 10 }, H).dueDate).toBe('2025-02-04');
  });

  it('April 2024: Giỗ Tổ on the 18th', () => {
    expect(scheduleFor(p('2024M04'), S, H).dueDate).toBe('2024-04-22');
  });

  it('December across the year end', () => {
    expect(scheduleFor(p('2024M12'), { ...S, dueWorkingDays: 12 }, H).dueDate).toBe('2024-12-31');
    expect(scheduleFor(p('2024M12'), { ...S, dueWorkingDays: 13 }, H).dueDate).toBe('2025-01-02');
  });

  it('quarter, half, nine months and year', () => {
    expect(scheduleFor(p('2024Q1'), S, H).window).toEqual({ from: '2023-12-15', to: '2024-03-14' });
    expect(scheduleFor(p('2024Q2'), S, H).window).toEqual({ from: '2024-03-15', to: '2024-06-14' });
    expect(scheduleFor(p('2024Q2'), S, H).dueDate).toBe('2024-06-21');
    expect(scheduleFor(p('2024S2'), S, H).window).toEqual({ from: '2024-06-15', to: '2024-12-14' });
    expect(scheduleFor(p('2024N9'), S, H).window).toEqual({ from: '2023-12-15', to: '2024-09-14' });
    expect(scheduleFor(p('2024N9'), S, H).dueDate).toBe('2024-09-20');
    const y = scheduleFor(p('2024'), { dueWorkingDays: 10, reminderDays: 5, lockDays: 30 }, H);
    expect(y.window).toEqual({ from: '2023-12-15', to: '2024-12-14' });
    expect(y.dueDate).toBe('2024-12-27');
    expect(y.lockOn).toBe('2025-01-26');
  });

  it('2023 National Day: 1/9 and the compensatory 4/9 are skipped', () => {
    expect(scheduleFor(p('2023M08'), { ...S, dueWorkingDays: 14 }, H).dueDate).toBe('2023-09-05');
  });

  it('reminders from N days before the due date; lock after M days', () => {
    const s = scheduleFor(p('2024M03'), S, H);
    expect(needsReminder(s, '2024-03-17', false)).toBe(false);
    expect(needsReminder(s, '2024-03-18', false)).toBe(true);
    expect(needsReminder(s, '2024-03-21', false)).toBe(true);
    expect(needsReminder(s, '2024-03-22', false)).toBe(false);
    expect(needsReminder(s, '2024-03-19', true)).toBe(false);
    expect(isLocked(s, '2024-03-31')).toBe(false);
    expect(isLocked(s, '2024-04-01')).toBe(true);
  });
});

describe('submission state machine', () => {
  const reporter: TransitionContext = { canEnter: true, canReview: false, bypassLock: false, locked: false };
  const reviewer: TransitionContext = {
    canEnter: true,
    canReview: true,
    bypassLock: true,
    locked: false,
    reason: 'x',
  };

  const expected: Record<SubmissionAction, Partial<Record<SubmissionStatus, SubmissionStatus>>> = {
    save: { draft: 'draft', returned: 'returned' },
    submit: { draft: 'submitted', returned: 'submitted' },
    approve: { submitted: 'approved' },
    return: { submitted: 'returned' },
    unlock: { approved: 'draft' },
  };

  it('the transition table is exactly the documented one', () => {
    expect(TRANSITIONS).toEqual(expected);
  });

  for (const action of SUBMISSION_ACTIONS) {
    for (const from of SUBMISSION_STATUSES) {
      const to = expected[action][from];
      it(`${from} --${action}--> ${to ?? 'refused'}`, () => {
        const r = transition(from, action, reviewer);
        if (to) expect(r).toMatchObject({ ok: true, to });
        else expect(r).toMatchObject({ ok: false, code: 'invalid_transition' });
      });
    }
  }

  it('no submission yet counts as a draft', () => {
    expect(transition(null, 'save', reporter)).toMatchObject({ ok: true, to: 'draft' });
    expect(transition(null, 'submit', reporter)).toMatchObject({ ok: true, to: 'submitted' });
    expect(transition(null, 'approve', reviewer)).toMatchObject({ ok: false, code: 'invalid_transition' });
  });

  it('reporters cannot review; viewers cannot enter', () => {
    for (const a of ['approve', 'return', 'unlock'] as const)
      expect(transition('submitted', a, { ...reporter, reason: 'x' })).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
    const viewer = { ...reporter, canEnter: false };
    expect(transition('draft', 'save', viewer)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(transition('draft', 'submit', viewer)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('return and unlock need a documented reason', () => {
    expect(transition('submitted', 'return', { ...reviewer, reason: '  ' })).toMatchObject({
      code: 'reason_required',
    });
    expect(transition('approved', 'unlock', { ...reviewer, reason: null })).toMatchObject({
      code: 'reason_required',
    });
    expect(transition('submitted', 'approve', { ...reviewer, reason: null })).toMatchObject({ ok: true });
  });

  it('after the lock date reporters cannot enter a draft; returned reports can still be corrected', () => {
    const late = { ...reporter, locked: true };
    expect(transition('draft', 'save', late)).toMatchObject({ ok: false, code: 'locked' });
    expect(transition(null, 'submit', late)).toMatchObject({ ok: false, code: 'locked' });
    expect(transition('returned', 'submit', late)).toMatchObject({ ok: true, to: 'submitted' });
    expect(transition('draft', 'submit', { ...late, bypassLock: true })).toMatchObject({ ok: true });
  });

  it('two approval levels: the first approval keeps it submitted', () => {
    const ctx = { ...reviewer, approvalLevels: 2 };
    expect(transition('submitted', 'approve', { ...ctx, approvalsDone: 0 })).toEqual({
      ok: true,
      to: 'submitted',
      approvalsDone: 1,
    });
    expect(transition('submitted', 'approve', { ...ctx, approvalsDone: 1 })).toEqual({
      ok: true,
      to: 'approved',
      approvalsDone: 2,
    });
    expect(transition('submitted', 'return', { ...ctx, approvalsDone: 1 })).toEqual({
      ok: true,
      to: 'returned',
      approvalsDone: 0,
    });
  });

  it('editable states', () => {
    expect(SUBMISSION_STATUSES.filter(isEditable)).toEqual(['draft', 'returned']);
    expect(isEditable(null)).toBe(true);
  });
});

describe('timeliness', () => {
  it('on time, late, overdue, pending', () => {
    expect(timeliness('2024-03-21', '2024-03-21', '2024-04-01')).toBe('on_time');
    expect(timeliness('2024-03-21', '2024-03-22', '2024-04-01')).toBe('late');
    expect(timeliness('2024-03-21', null, '2024-03-22')).toBe('overdue');
    expect(timeliness('2024-03-21', null, '2024-03-21')).toBe('pending');
    expect(timeliness('2024-03-21', '2024-03-01', '2024-03-01')).toBe('on_time');
  });

  it('summary and completeness = submitted ÷ expected', () => {
    expect(summarise(['on_time', 'late', 'overdue', 'pending', 'on_time'])).toEqual({
      expected: 5,
      submitted: 3,
      onTime: 2,
      late: 1,
      overdue: 1,
      pending: 1,
      completeness: 0.6,
    });
    expect(completeness(0, 0)).toBe(0);
    expect(completeness(2, 3)).toBe(0.6667);
  });
});

describe('validation rules', () => {
  const known = new Set(['A', 'A.NUM', 'A.DEN', 'TOTAL', 'P1', 'P2']);
  const cells = (o: Record<string, number | null>) => new Map(Object.entries(o));
  const run = (
    rules: ValidationRule[],
    cur: Record<string, number | null>,
    prev: Record<string, number | null> = {},
    commented: string[] = [],
  ) =>
    runRules(rules, {
      current: cells(cur),
      previous: cells(prev),
      commented: new Set(commented),
      indicators: ['A', 'TOTAL', 'P1', 'P2'],
      names: new Map([['A', 'Tỷ lệ hồ sơ trực tuyến']]),
    });

  it('checks syntax and references', () => {
    expect(
      checkRule({ code: 'r', left: '{A.NUM}', operator: '<=', right: '{A.DEN}', importance: 'error' }, known),
    ).toBeNull();
    expect(
      checkRule(
        { code: 'r', left: '{TOTAL}', operator: '==', right: '{P1} + {P2}', importance: 'error' },
        known,
      ),
    ).toBeNull();
    expect(
      checkRule({ code: 'r', left: '{X}', operator: '<=', right: '0', importance: 'error' }, known),
    ).toMatch(/unknown cell/);
    expect(
      checkRule({ code: 'r', left: '{A}', operator: '=~' as never, right: '0', importance: 'error' }, known),
    ).toMatch(/operator/);
    expect(
      checkRule({ code: 'r', left: '{A} +', operator: '<', right: '1', importance: 'error' }, known),
    ).not.toBeNull();
    expect(
      checkRule({ code: 'r', left: '{A}', operator: '<', right: 'abc', importance: 'error' }, known),
    ).toMatch(/not a number/);
    expect(
      checkRule({ code: 'r', left: '{A}', operator: '<', right: '1', importance: 'fatal' as never }, known),
    ).toMatch(/importance/);
    expect(checkRule({ kind: 'change', code: 'c', threshold: 0, importance: 'warning' }, known)).toMatch(
      /threshold/,
    );
    expect(
      checkRule(
        { kind: 'change', code: 'c', indicator: 'NOPE', threshold: 0.5, importance: 'warning' },
        known,
      ),
    ).toMatch(/unknown/);
  });

  it('every operator', () => {
    const ops: Record<string, [[number, number], [number, number]]> = {
      '==': [
        [2, 2],
        [2, 3],
      ],
      '!=': [
        [2, 3],
        [2, 2],
      ],
      '<': [
        [1, 2],
        [2, 2],
      ],
      '<=': [
        [2, 2],
        [3, 2],
      ],
      '>': [
        [3, 2],
        [2, 2],
      ],
      '>=': [
        [2, 2],
        [1, 2],
      ],
    };
    for (const [op, [good, bad]] of Object.entries(ops)) {
      const rule: ValidationRule = {
        code: op,
        left: '{P1}',
        operator: op as never,
        right: '{P2}',
        importance: 'error',
      };
      expect(run([rule], { P1: good[0], P2: good[1] }), op).toEqual([]);
      expect(run([rule], { P1: bad[0], P2: bad[1] }), op).toHaveLength(1);
    }
    // constants on either side
    expect(
      run([{ code: 'c', left: '{P1}', operator: '>=', right: '0', importance: 'error' }], { P1: -1 }),
    ).toHaveLength(1);
  });

  it('sums, messages naming the cells in both languages, missing cells skipped', () => {
    const rule: ValidationRule = {
      code: 'sum',
      left: '{TOTAL}',
      operator: '==',
      right: '{P1} + {P2}',
      importance: 'error',
    };
    expect(run([rule], { TOTAL: 10, P1: 4, P2: 6 })).toEqual([]);
    const [v] = run([rule], { TOTAL: 10, P1: 4, P2: 5 });
    expect(v.cells).toEqual(['TOTAL', 'P1', 'P2']);
    expect(v.message.vi).toContain('{TOTAL}');
    expect(v.message.vi).toContain('10 ≠ 9');
    expect(v.message.en).toContain('is required');
    expect(run([rule], { TOTAL: 10, P1: 4, P2: null })).toEqual([]);
    const ratio: ValidationRule = {
      code: 'ratio',
      left: '{A.NUM}',
      operator: '<=',
      right: '{A.DEN}',
      importance: 'warning',
    };
    const [w] = run([ratio], { 'A.NUM': 5, 'A.DEN': 4 });
    expect(w.importance).toBe('warning');
    expect(w.message.vi).toContain('Tỷ lệ hồ sơ trực tuyến');
    const custom: ValidationRule = {
      ...ratio,
      message: { vi: 'Tử số lớn hơn mẫu số', en: 'Numerator above denominator' },
    };
    expect(run([custom], { 'A.NUM': 5, 'A.DEN': 4 })[0].message).toEqual({
      vi: 'Tử số lớn hơn mẫu số',
      en: 'Numerator above denominator',
    });
  });

  it('a change over 50% from the last period needs a comment', () => {
    const rule: ValidationRule = { kind: 'change', code: 'chg', threshold: 0.5, importance: 'warning' };
    expect(run([rule], { A: 150, TOTAL: 10 }, { A: 100, TOTAL: 10 })).toEqual([]); // exactly 50%
    const [v] = run([rule], { A: 151, TOTAL: 10 }, { A: 100, TOTAL: 10 });
    expect(v.cells).toEqual(['A']);
    expect(v.message.vi).toContain('51%');
    expect(run([rule], { A: 151 }, { A: 100 }, ['A'])).toEqual([]); // explained
    expect(run([rule], { A: 151 }, {})).toEqual([]); // no previous value
    expect(run([rule], { A: 5 }, { A: 0 })).toHaveLength(1); // from zero
    expect(run([rule], { P1: 0 }, { P1: 0 })).toEqual([]);
    expect(run([{ ...rule, indicator: 'TOTAL' }], { A: 500, TOTAL: 1 }, { A: 1, TOTAL: 1 })).toEqual([]);
  });
});
