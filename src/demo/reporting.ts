/**
 * Demo periodic reporting (after loadDemo). Bình Dương's (history, old units): a monthly
 * digital-transformation report from the 9 districts and a quarterly one from the departments,
 * with two years of submissions (months 2023M07–2025M06, quarters 2023Q3–2025Q2). Hồ Chí Minh
 * City's (today, relative to `today`): a monthly report from the wards formed from the demo's
 * communes and a quarterly one from the city's departments, from 2025M07/2025Q3 to the last ended
 * period — the current period is open; in the latest ended one some reports wait for review, some
 * were returned and wait for a correction, a ward that sent nothing is overdue. Deterministic (a hash of unit and period, no
 * Math.random): most units report on time and are approved; some are late; some reports were
 * returned with a reason and corrected (the corrected value's history is kept); units that have no
 * demo values for a period never submitted (overdue); the latest period is still under review.
 * Idempotent: forms that already exist are left alone. The history is written through the
 * repository's seed functions, not the submission services: those stamp every step with the
 * present time, while the demo needs two years of dated events.
 */
import type { Database } from '../db/index.js';
import {
  formatPeriod,
  type Period,
  parsePeriod,
  periodEnd,
  periodId,
  periodRange,
  periodStart,
} from '../domain/period.js';
import { addDays, holidaySet, scheduleFor, type ValidationRule } from '../domain/reporting.js';
import { today } from '../domain/unitVersions.js';
import { appendAudit } from '../repositories/audit.js';
import * as indicators from '../repositories/indicators.js';
import * as repo from '../repositories/reporting.js';
import { BREAK_M, lastCompleteMonth } from './currentValues.js';
import { HCMC_CODE, HCMC_REPORTING_WARDS } from './hcmcUnits.js';

interface DemoForm {
  code: string;
  name: string;
  nameEn: string;
  periodType: 'month' | 'quarter';
  from: string;
  to: string;
  unitSpec: repo.UnitSpec;
  indicators: string[];
  dueWorkingDays: number;
  rules: ValidationRule[];
  /** The indicator whose value was corrected after a return. */
  corrected: string;
  /** A form of today's demo: nothing dated on or after today has happened yet. */
  current?: boolean;
}

/** Bình Dương's forms (history). */
export const DEMO_FORMS: DemoForm[] = [
  {
    code: 'BC_CDS_THANG',
    name: 'Báo cáo tình hình chuyển đổi số hằng tháng (cấp huyện)',
    nameEn: 'Monthly digital transformation report (districts)',
    periodType: 'month',
    from: '2023M07',
    to: '2025M06',
    unitSpec: { within: '74', level: 2, kind: 'district' },
    indicators: [
      'CQS_HSCV_MANG_HUYEN',
      'CQS_VB_KYSO_TYLE',
      'CQS_VB_DI',
      'CQS_HS_TIEPNHAN',
      'CQS_HS_TRUCTUYEN',
      'CQS_PAKN_TIEPNHAN',
    ],
    dueWorkingDays: 5,
    rules: [
      {
        code: 'HS_TRUCTUYEN_LE_TIEPNHAN',
        left: '{CQS_HS_TRUCTUYEN.DEN}',
        operator: '<=',
        right: '{CQS_HS_TIEPNHAN} * 1.05',
        importance: 'warning',
        message: {
          vi: 'Số hồ sơ làm mẫu số tỷ lệ trực tuyến ({CQS_HS_TRUCTUYEN.DEN}) lớn hơn tổng hồ sơ tiếp nhận ({CQS_HS_TIEPNHAN}).',
          en: 'Files behind the online share ({CQS_HS_TRUCTUYEN.DEN}) exceed the files received ({CQS_HS_TIEPNHAN}).',
        },
      },
      { code: 'VB_DI_KHONG_AM', left: '{CQS_VB_DI}', operator: '>=', right: '0', importance: 'error' },
      { kind: 'change', code: 'THAY_DOI_50', threshold: 0.5, importance: 'warning' },
    ],
    corrected: 'CQS_VB_DI',
  },
  {
    code: 'BC_CDS_QUY',
    name: 'Báo cáo chuyển đổi số hằng quý (sở, ban, ngành)',
    nameEn: 'Quarterly digital transformation report (departments)',
    periodType: 'quarter',
    from: '2023Q3',
    to: '2025Q2',
    unitSpec: { within: '74', level: 2, kind: 'department' },
    indicators: [
      'NT_CSDL_CHUYENNGANH',
      'NT_DL_MO',
      'NT_ATTT_HTTT_CAPDO_TYLE',
      'NT_NL_CBCC_TAPHUAN',
      'CQS_THU_CONGVU_TYLE',
      'CQS_CCVC_CSDL_TYLE',
    ],
    dueWorkingDays: 10,
    rules: [
      { code: 'DL_MO_KHONG_AM', left: '{NT_DL_MO}', operator: '>=', right: '0', importance: 'error' },
      { kind: 'change', code: 'THAY_DOI_50', threshold: 0.5, importance: 'warning' },
    ],
    corrected: 'NT_NL_CBCC_TAPHUAN',
  },
];

/**
 * Hồ Chí Minh City's forms, from the first period on the new tree to the last period that ended
 * before `today`: the monthly report of the wards formed from the demo's communes (the wards with
 * demo data) and the quarterly report of the city's departments.
 */
export function currentForms(today: string): DemoForm[] {
  const m = lastCompleteMonth(today);
  const month = formatPeriod({ type: 'month', year: Math.floor(m / 12), index: (m % 12) + 1 });
  const q = Math.floor((m + 1) / 3) - 1; // quarters ended: (year*12+month)/3 − 1 as a quarter index
  const quarter = formatPeriod({ type: 'quarter', year: Math.floor(q / 4), index: (q % 4) + 1 });
  const [wards, departments] = DEMO_FORMS;
  return [
    {
      ...wards,
      code: 'BC_CDS_THANG_HCM',
      name: 'Báo cáo tình hình chuyển đổi số hằng tháng (xã, phường)',
      nameEn: 'Monthly digital transformation report (wards and communes)',
      from: '2025M07',
      to: month,
      unitSpec: { units: [...HCMC_REPORTING_WARDS] },
      indicators: [
        'CQS_HSCV_MANG_XA',
        'CQS_HS_TIEPNHAN',
        'CQS_HS_TRUCTUYEN',
        'CQS_HS_DUNGHAN_TYLE',
        'XHS_KYNANG_SO_COBAN',
      ],
      rules: wards.rules.filter((r) => r.code !== 'VB_DI_KHONG_AM'),
      corrected: 'CQS_HS_TIEPNHAN',
      current: true,
    },
    {
      ...departments,
      code: 'BC_CDS_QUY_HCM',
      name: 'Báo cáo chuyển đổi số hằng quý (sở, ban, ngành Thành phố)',
      nameEn: 'Quarterly digital transformation report (city departments)',
      from: '2025Q3',
      to: quarter,
      unitSpec: { within: HCMC_CODE, level: 2, kind: 'department' },
      current: true,
    },
  ].filter((f) => (f.periodType === 'month' ? m >= BREAK_M : q >= BREAK_M / 3));
}

const RETURN_REASONS = [
  'Số liệu chưa khớp với báo cáo quý trước, đề nghị rà soát lại.',
  'Thiếu giải trình cho mức tăng đột biến so với kỳ trước.',
  'Số văn bản đi chưa khớp với hệ thống quản lý văn bản và điều hành.',
  'Đề nghị bổ sung số liệu theo hướng dẫn của Sở Thông tin và Truyền thông.',
];

/** A submission's dates before anything happened. */
const NOTHING_YET = {
  approvals_done: 0,
  first_submitted_at: null,
  submitted_at: null,
  approved_at: null,
  returned_at: null,
  return_reason: null,
};

/** FNV-1a: the same unit and period always give the same history. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** 09:00 + `minutes` in Vietnam on `date`, as an ISO instant. */
const at = (date: string, minutes = 0) =>
  new Date(Date.parse(`${date}T02:00:00Z`) + minutes * 60_000).toISOString();

export async function loadDemoReporting(database: Database, opts: { today?: string } = {}): Promise<void> {
  const hs = holidaySet();
  await database.transaction(async (tx) => {
    const now = opts.today ?? today();
    for (const f of [...DEMO_FORMS, ...currentForms(now)]) {
      const cutoff = f.current ? now : null;
      if (await repo.findForm(tx, f.code)) continue;
      const inds = await indicators.findByCodes(tx, f.indicators);
      if (inds.length !== f.indicators.length) continue; // the catalogue changed: skip rather than fail the demo
      const byCode = new Map(inds.map((i) => [i.code, i]));
      const form = {
        code: f.code,
        name: f.name,
        nameEn: f.nameEn,
        periodType: f.periodType,
        unitSpec: f.unitSpec,
        dueWorkingDays: f.dueWorkingDays,
        reminderDays: 3,
        lockDays: 30,
        approvalLevels: 1,
        rules: f.rules,
      };
      const formId = await repo.insertForm(tx, {
        ...form,
        indicatorIds: f.indicators.map((c) => byCode.get(c)!.id),
        createdBy: null,
      });
      const periods = periodRange(parsePeriod(f.from)!, parsePeriod(f.to)!);
      const units = await repo.reportingUnits(tx, f.unitSpec, {
        from: periodStart(periods[0]),
        to: periodEnd(periods[periods.length - 1]),
      });
      const cells = await repo.cells(
        tx,
        inds.map((i) => i.id),
        units.map((u) => u.id),
        periods.map(periodId),
      );
      const has = new Set(cells.map((c) => `${c.orgUnitId}:${c.periodId}`));
      const corrected = byCode.get(f.corrected)!;
      const subs: repo.SubmissionSeed[] = [];
      const evs: repo.EventSeed[] = [];
      const fixes: Parameters<typeof repo.seedCorrections>[1] = [];
      const pending: Array<{ unit: (typeof units)[number]; p: Period; status: string }> = [];
      periods.forEach((p, pi) => {
        const last = pi === periods.length - 1;
        const sch = scheduleFor(p, form, hs);
        for (const u of units) {
          const pid = periodId(p);
          if (!has.has(`${u.id}:${pid}`)) continue; // never submitted: overdue
          const h = hash(`${f.code}:${u.code}:${formatPeriod(p)}`);
          const roll = h % 100;
          const key = { province_id: u.provinceId, form_id: formId, period_id: pid, org_unit_id: u.id };
          const ev = (
            action: string,
            from: string | null,
            to: string,
            when: string,
            reason: string | null = null,
          ) => evs.push({ ...key, action, from_status: from, to_status: to, reason, at: when });
          // Thuận An (725) is a chronic late reporter in the monthly report
          const late = roll < 12 || (u.code === '725' && roll < 45);
          const submittedOn = late
            ? addDays(sch.dueDate, 1 + (h % 9))
            : addDays(sch.dueDate, -((h >>> 8) % 4));
          // today's forms: what would happen on or after today has not happened yet — a report
          // due later is still a draft (its figures saved), a review not done yet is pending
          if (cutoff && submittedOn >= cutoff) {
            const savedAt = at(addDays(cutoff, -1));
            ev('save', null, 'draft', savedAt);
            pending.push({ unit: u, p, status: 'draft' });
            subs.push({ ...key, ...NOTHING_YET, status: 'draft', created_at: savedAt });
            continue;
          }
          const first = at(submittedOn, (h >>> 4) % 300);
          ev('save', null, 'draft', at(addDays(submittedOn, -1)));
          ev('submit', 'draft', 'submitted', first);
          // today's forms: in the two latest periods a returned report waits for its correction
          const openReturn = cutoff !== null && pi >= periods.length - 2 && roll >= 12 && roll < 20;
          const returned = roll >= 12 && roll < 20 && !last && !openReturn;
          let resubmitted = first;
          let reason: string | null = null;
          let returnedAt: string | null = null;
          if (returned) {
            reason = RETURN_REASONS[(h >>> 12) % RETURN_REASONS.length];
            returnedAt = at(addDays(submittedOn, 2), 60);
            resubmitted = at(addDays(submittedOn, 3), 120);
            ev('return', 'submitted', 'returned', returnedAt, reason);
            ev('submit', 'returned', 'submitted', resubmitted);
            const cell = cells.find(
              (c) => c.indicatorId === corrected.id && c.orgUnitId === u.id && c.periodId === pid,
            );
            if (cell?.value !== null && cell?.value !== undefined && corrected.valueType !== 'ratio')
              fixes.push({
                ...key,
                indicator_id: corrected.id,
                old_value: cell.value + 5 + (h % 20),
                new_value: cell.value,
                at: resubmitted,
              });
          }
          if (openReturn && addDays(submittedOn, 2) < cutoff) {
            reason = RETURN_REASONS[(h >>> 12) % RETURN_REASONS.length];
            returnedAt = at(addDays(submittedOn, 2), 60);
            ev('return', 'submitted', 'returned', returnedAt, reason);
            pending.push({ unit: u, p, status: 'returned' });
            subs.push({
              ...key,
              ...NOTHING_YET,
              status: 'returned',
              first_submitted_at: first,
              submitted_at: first,
              returned_at: returnedAt,
              return_reason: reason,
              created_at: at(addDays(submittedOn, -1)),
            });
            continue;
          }
          // the latest period: some still waiting for review
          const approvedOn = addDays(resubmitted.slice(0, 10), 2);
          const underReview = (last && (h >>> 16) % 3 === 0) || (cutoff !== null && approvedOn >= cutoff);
          const approvedAt = underReview ? null : at(approvedOn, 30);
          if (approvedAt) ev('approve', 'submitted', 'approved', approvedAt);
          else pending.push({ unit: u, p, status: 'submitted' });
          subs.push({
            ...key,
            status: approvedAt ? 'approved' : 'submitted',
            approvals_done: approvedAt ? 1 : 0,
            first_submitted_at: first,
            submitted_at: resubmitted,
            approved_at: approvedAt,
            returned_at: returnedAt,
            return_reason: reason,
            created_at: at(addDays(submittedOn, -1)),
          });
        }
      });
      await repo.seedSubmissions(tx, subs, evs);
      await repo.seedCorrections(tx, fixes);
      for (const x of pending)
        await repo.setValueStatus(
          tx,
          {
            provinceId: x.unit.provinceId,
            indicatorIds: inds.map((i) => i.id),
            orgUnitId: x.unit.id,
            periodId: periodId(x.p),
            status: x.status,
          },
          null,
        );
      await appendAudit(tx, {
        userId: null,
        username: null,
        ip: null,
        action: 'create',
        entity: 'report_form',
        key: f.code,
        before: null,
        after: { ...form, indicators: f.indicators, demo: true, submissions: subs.length },
      });
    }
  });
}
