/**
 * The demo plans of Bình Dương (src/demo/catalog.ts DEMO_PLANS): the 2024 CĐS plan and the
 * 2023–2025 emulation plan, with every quantified target of the seeds (SEED_TARGETS) — owners,
 * deadlines, baselines read from the demo data — and the tasks that carry them out.
 * Call after the demo province is loaded (load.ts). Every plan, target and task passes the
 * services' own validation (planWrite, targetWrite, taskWrite of services/plans); they are stored
 * without an actor (no grant to check) and with one audit entry for the whole demo.
 */
import type { Database } from '../db/index.js';
import { enclosing, formatPeriod, type PeriodType, parsePeriod } from '../domain/period.js';
import { today } from '../domain/unitVersions.js';
import { appendAudit } from '../repositories/audit.js';
import * as indicators from '../repositories/indicators.js';
import * as units from '../repositories/orgUnits.js';
import * as repo from '../repositories/plans.js';
import { computeCells } from '../services/analytics.js';
import { planWrite, type TargetFields, type TaskInput, targetWrite, taskWrite } from '../services/plans.js';
import { DEMO_PLANS, SEED_TARGETS, type SeedTarget } from './catalog.js';
import { currentPlan } from './currentPlan.js';

/** Document numbers and dates are illustrative where the seed articles give none. */
const PLAN_DETAILS: Record<
  string,
  { documentNumber: string; documentDate: string; links: Array<{ url: string | null; note: string }> }
> = {
  'KH-CDS-2024': {
    documentNumber: 'KH-UBND (minh họa)',
    documentDate: '2024-01-15',
    links: [{ url: null, note: 'Bài báo: "Bình Dương phấn đấu đạt Top 10 cả nước về chỉ số chuyển đổi số"' }],
  },
  'KH-TD-CDS-2023-2025': {
    documentNumber: 'KH-UBND (minh họa)',
    documentDate: '2023-05-04',
    links: [
      {
        url: null,
        note: 'Bài báo BDO 04-05-2023: "UBND tỉnh: Phát động phong trào thi đua Chuyển đổi số giai đoạn 2023-2025"',
      },
    ],
  },
};

/** Responsible people (chức danh, not names) by lead unit. */
const RESPONSIBLE: Record<string, string> = {
  '74-VPUBND': 'Chánh Văn phòng UBND tỉnh',
  '74-STTTT': 'Giám đốc Sở Thông tin và Truyền thông',
  '74-SKHDT': 'Giám đốc Sở Kế hoạch và Đầu tư',
  '74-SYT': 'Giám đốc Sở Y tế',
  '74-SGDDT': 'Giám đốc Sở Giáo dục và Đào tạo',
  '74-SCT': 'Giám đốc Sở Công Thương',
  '74-SNV': 'Giám đốc Sở Nội vụ',
  '74-NHNN': 'Giám đốc Ngân hàng Nhà nước Chi nhánh tỉnh',
  '74-SNNPTNT': 'Giám đốc Sở Nông nghiệp và Phát triển nông thôn',
  '725': 'Chủ tịch UBND TP. Thuận An',
  '724': 'Chủ tịch UBND TP. Dĩ An',
};

export type DemoTask = Omit<TaskInput, 'targets' | 'cooperatingUnits' | 'status' | 'percentComplete'> & {
  cooperatingUnits?: string[];
  status?: TaskInput['status'];
  percentComplete?: number;
  /** Linked targets, by indicator code (targets of the same plan). */
  indicators?: string[];
};

/** The tasks: titles after the seed articles, owners, due dates around the as-of dates of the demo. */
export const DEMO_TASKS: DemoTask[] = [
  // --- KH-CDS-2024 ---------------------------------------------------------------------------
  {
    plan: 'KH-CDS-2024',
    title: 'Số hóa, kết nối liên thông toàn trình hồ sơ thủ tục hành chính với phần mềm nghiệp vụ',
    leadUnit: '74-VPUBND',
    cooperatingUnits: ['74-STTTT'],
    startDate: '2024-01-15',
    dueDate: '2024-12-31',
    status: 'in_progress',
    percentComplete: 45,
    indicators: ['CQS_HS_DDK_TRUCTUYEN', 'CQS_KQ_DIENTU_TYLE'],
  },
  {
    plan: 'KH-CDS-2024',
    title: 'Định danh và xác thực thông suốt người dùng dịch vụ công trên các hệ thống từ tỉnh đến xã',
    leadUnit: '74-STTTT',
    cooperatingUnits: ['74-CA', '74-VPUBND'],
    startDate: '2024-02-01',
    dueDate: '2024-09-30',
    status: 'in_progress',
    percentComplete: 60,
    indicators: ['CQS_DINHDANH_DVC_TYLE'],
  },
  {
    plan: 'KH-CDS-2024',
    title: 'Hướng dẫn người dân, doanh nghiệp thực hiện dịch vụ công trực tuyến từ xa tại nhà',
    leadUnit: '74-VPUBND',
    cooperatingUnits: ['718', '725', '724'],
    startDate: '2024-03-01',
    dueDate: '2024-07-03',
    status: 'in_progress',
    percentComplete: 70,
    indicators: ['CQS_DVC_TUXA_TYLE'],
  },
  {
    plan: 'KH-CDS-2024',
    title: 'Triển khai thanh toán không dùng tiền mặt tại bệnh viện tuyến tỉnh, trung tâm y tế cấp huyện',
    leadUnit: '74-SYT',
    cooperatingUnits: ['74-NHNN'],
    startDate: '2024-01-15',
    dueDate: '2024-06-28',
    status: 'in_progress',
    percentComplete: 80,
    indicators: ['XHS_BV_KDTM_TYLE'],
  },
  {
    plan: 'KH-CDS-2024',
    title: 'Hỗ trợ chuyển đổi số 100% cơ sở giáo dục',
    leadUnit: '74-SGDDT',
    startDate: '2024-01-15',
    dueDate: '2024-08-31',
    status: 'in_progress',
    percentComplete: 55,
    indicators: ['XHS_CSGD_CDS_TYLE'],
  },
  {
    plan: 'KH-CDS-2024',
    title: 'Đưa hộ sản xuất nông nghiệp lên sàn thương mại điện tử',
    leadUnit: '74-SNNPTNT',
    cooperatingUnits: ['74-SCT'],
    startDate: '2024-03-01',
    dueDate: '2024-11-30',
    status: 'not_started',
  },
  {
    plan: 'KH-CDS-2024',
    title: 'Triển khai hồ sơ sức khỏe điện tử, tư vấn khám chữa bệnh từ xa',
    leadUnit: '74-SYT',
    startDate: '2024-02-01',
    dueDate: '2024-07-01',
    status: 'in_progress',
    percentComplete: 85,
  },
  {
    plan: 'KH-CDS-2024',
    title: 'Nâng hạng chỉ số chuyển đổi số (DTI): rà soát, khắc phục các chỉ số thành phần thấp điểm',
    leadUnit: '74-STTTT',
    startDate: '2024-01-15',
    dueDate: '2024-10-31',
    status: 'in_progress',
    percentComplete: 30,
    indicators: ['NT_DTI_XEPHANG'],
  },
  // --- KH-TD-CDS-2023-2025 ----------------------------------------------------------------------
  {
    plan: 'KH-TD-CDS-2023-2025',
    title: 'Các cơ quan, đơn vị, địa phương ban hành kế hoạch phát động phong trào thi đua',
    leadUnit: '74-SNV',
    startDate: '2023-05-04',
    dueDate: '2023-06-30',
    status: 'done',
    percentComplete: 100,
    indicators: ['NT_TD_KEHOACH_TYLE'],
  },
  {
    plan: 'KH-TD-CDS-2023-2025',
    title: 'Sơ kết phong trào thi đua "Chuyển đổi số giai đoạn 2023-2025" (quý IV/2024)',
    leadUnit: '74-SNV',
    cooperatingUnits: ['74-STTTT'],
    startDate: '2024-10-01',
    dueDate: '2024-12-31',
    status: 'done',
    percentComplete: 100,
    indicators: ['NT_TD_SOKET'],
  },
  {
    plan: 'KH-TD-CDS-2023-2025',
    title: 'Tổng kết phong trào thi đua "Chuyển đổi số giai đoạn 2023-2025" (quý IV/2025)',
    leadUnit: '74-SNV',
    cooperatingUnits: ['74-STTTT'],
    startDate: '2025-10-01',
    dueDate: '2025-12-15',
    status: 'not_started',
    indicators: ['NT_TD_TONGKET'],
  },
  {
    plan: 'KH-TD-CDS-2023-2025',
    title: 'Kết nối các hệ thống thông tin phục vụ người dân, doanh nghiệp qua nền tảng LGSP',
    leadUnit: '74-STTTT',
    startDate: '2023-06-01',
    dueDate: '2025-07-07',
    status: 'in_progress',
    percentComplete: 75,
    indicators: ['NT_LGSP_HTTT_TYLE'],
  },
  {
    plan: 'KH-TD-CDS-2023-2025',
    title: 'Phủ hạ tầng băng rộng cố định đến 100% xã và trên 99% hộ gia đình',
    leadUnit: '74-STTTT',
    startDate: '2023-06-01',
    dueDate: '2025-06-27',
    status: 'in_progress',
    percentComplete: 90,
    indicators: ['NT_XA_BRCD_TYLE', 'NT_HGD_BRCD_TYLE'],
  },
  {
    plan: 'KH-TD-CDS-2023-2025',
    title: 'Đưa doanh nghiệp nhỏ và vừa lên sàn thương mại điện tử',
    leadUnit: '74-SCT',
    startDate: '2023-06-01',
    dueDate: '2025-07-03',
    status: 'in_progress',
    percentComplete: 50,
    indicators: ['KTS_DNNVV_TMDT_TYLE', 'KTS_TMDT_KDTM_TYLE'],
  },
  {
    plan: 'KH-TD-CDS-2023-2025',
    title: 'Xử lý hồ sơ công việc cấp xã trên môi trường mạng — TP. Thuận An',
    leadUnit: '725',
    cooperatingUnits: ['74-VPUBND'],
    startDate: '2023-06-01',
    dueDate: '2025-07-01',
    status: 'in_progress',
    percentComplete: 65,
    indicators: ['CQS_HSCV_MANG_XA'],
  },
  {
    plan: 'KH-TD-CDS-2023-2025',
    title: 'Xử lý hồ sơ công việc cấp xã trên môi trường mạng — TP. Dĩ An',
    leadUnit: '724',
    cooperatingUnits: ['74-VPUBND'],
    startDate: '2023-06-01',
    dueDate: '2025-09-30',
    status: 'in_progress',
    percentComplete: 40,
    indicators: ['CQS_HSCV_MANG_XA'],
  },
];

/** A period of the seed written for the indicator's frequency: a month baseline of a quarterly indicator → its quarter. */
function fitPeriod(code: string, frequency: PeriodType): string {
  const p = parsePeriod(code);
  if (!p) return code;
  const e = enclosing(p, frequency);
  return e ? formatPeriod(e) : code;
}

/** A plan of the demo with its targets and tasks, ready for the services' validation. */
export interface DemoPlanSet {
  plans: Array<{
    code: string;
    name: string;
    nameEn: string;
    issuingBody: string;
    documentNumber: string | null;
    documentDate: string | null;
    periodFrom: string;
    periodTo: string;
    scope: string;
    links: Array<{ url: string | null; note: string }>;
  }>;
  targets: TargetFields[];
  tasks: DemoTask[];
}

/** Bình Dương's plans (history: its 2024 plan and its 2023–2025 emulation plan, in its old units). */
function binhDuongPlans(): DemoPlanSet {
  return {
    plans: DEMO_PLANS.map((p) => {
      const d = PLAN_DETAILS[p.code];
      return {
        code: p.code,
        name: p.name,
        nameEn: p.nameEn,
        issuingBody: p.issuingBody,
        documentNumber: p.documentNumber ?? d?.documentNumber ?? null,
        documentDate: p.issuedOn ?? d?.documentDate ?? null,
        periodFrom: p.periodFrom,
        periodTo: p.periodTo,
        scope: p.scope,
        links: d?.links ?? [],
      };
    }),
    targets: SEED_TARGETS.map((s) => ({
      plan: s.plan,
      indicator: s.indicator,
      orgUnit: '74',
      level: typeof s.scope === 'object' ? s.scope.level : null,
      kind: typeof s.scope === 'object' ? s.scope.kind : null,
      categoryOption: s.categoryOption ?? null,
      baselineValue: s.baseline?.value ?? null,
      baselinePeriod: s.baseline?.period,
      targetValue: s.value,
      deadline: s.deadline,
      comparator: s.comparator,
      leadUnit: s.leadUnit,
      cooperatingUnits: cooperating(s),
      responsiblePerson: RESPONSIBLE[s.leadUnit] ?? null,
      notes: s.note,
    })),
    tasks: DEMO_TASKS,
  };
}

/**
 * Loads the demo plans: Bình Dương's (history) and Hồ Chí Minh City's plan of the current year
 * (currentPlan.ts, dated relative to `today`). Plans that exist are left alone.
 */
export async function loadDemoPlans(database: Database, opts: { today?: string } = {}): Promise<void> {
  await loadPlanSet(database, binhDuongPlans());
  await loadPlanSet(database, currentPlan(opts.today ?? today()));
}

async function loadPlanSet(database: Database, set: DemoPlanSet): Promise<void> {
  const lang = 'vi' as const;
  const planIds = new Map<string, number>();
  for (const p of set.plans) {
    if (await repo.findPlan(database, p.code)) continue;
    const { write } = await planWrite(
      database,
      lang,
      {
        name: p.name,
        nameEn: p.nameEn,
        issuingBody: p.issuingBody,
        documentNumber: p.documentNumber,
        documentDate: p.documentDate,
        periodFrom: p.periodFrom,
        periodTo: p.periodTo,
        scopeUnit: p.scope,
        status: 'active',
        links: p.links,
        description: null,
      },
      p.code,
    );
    planIds.set(p.code, await repo.insertPlan(database, write));
  }
  if (planIds.size === 0) return;

  const inds = new Map(
    (await indicators.findByCodes(database, [...new Set(set.targets.map((t) => t.indicator))])).map((i) => [
      i.code,
      i,
    ]),
  );
  const targetIdsByPlanIndicator = new Map<string, number[]>();
  for (const t of set.targets) {
    if (!planIds.has(t.plan)) continue;
    const ind = inds.get(t.indicator);
    if (!ind) continue;
    const freq = ind.frequency as PeriodType;
    const fields: TargetFields = {
      ...t,
      baselinePeriod: t.baselinePeriod ? fitPeriod(t.baselinePeriod, freq) : undefined,
      deadline: t.deadline ? fitPeriod(t.deadline, freq) : undefined,
    };
    const { write } = await targetWrite(database, lang, fields);
    // the baseline of a one-unit target is read from the demo data once and stored
    if (write.scope_level === null && write.baseline_value === null && write.category_option_id === null) {
      const p0 = parsePeriod(write.baseline_period)!;
      const [unit] = await units.findByIds(database, [write.scope_unit_id]);
      const cells = await computeCells(database, [ind], [p0], [unit]);
      write.baseline_value = cells.get(`${ind.code}|0|${unit.id}`)?.value ?? null;
    }
    const id = await repo.insertTarget(database, write);
    const key = `${t.plan}|${t.indicator}`;
    targetIdsByPlanIndicator.set(key, [...(targetIdsByPlanIndicator.get(key) ?? []), id]);
  }

  for (const k of set.tasks) {
    if (!planIds.has(k.plan)) continue;
    const targets = (k.indicators ?? []).flatMap((i) => targetIdsByPlanIndicator.get(`${k.plan}|${i}`) ?? []);
    const input: TaskInput = {
      plan: k.plan,
      title: k.title,
      description: k.description ?? null,
      leadUnit: k.leadUnit,
      cooperatingUnits: k.cooperatingUnits ?? [],
      responsiblePerson: k.responsiblePerson ?? RESPONSIBLE[k.leadUnit] ?? null,
      startDate: k.startDate ?? null,
      dueDate: k.dueDate,
      status: k.status ?? 'not_started',
      percentComplete: k.percentComplete ?? 0,
      evidence: k.evidence ?? null,
      targets,
    };
    const { write } = await taskWrite(database, lang, input);
    await repo.insertTask(database, write, targets);
  }
  await appendAudit(database, {
    userId: null,
    username: null,
    ip: null,
    action: 'create',
    entity: 'plan',
    key: [...planIds.keys()].join(','),
    after: { demo: true, plans: [...planIds.keys()], targets: set.targets.length, tasks: set.tasks.length },
  });
}

/** Cooperating units of a seed target: the districts for level-wide targets at district/commune level. */
function cooperating(s: SeedTarget): string[] {
  if (typeof s.scope === 'object' && (s.scope.kind === 'commune' || s.scope.kind === 'district'))
    return ['718', '725', '724', '723', '721', '726', '719', '720', '722'];
  if (s.leadUnit !== '74-STTTT') return ['74-STTTT'];
  return [];
}
