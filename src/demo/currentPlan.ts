/**
 * Hồ Chí Minh City's digital-transformation plan of the current year (today's demo work), dated
 * relative to `today`: the plan of year Y = max(2026, today's year), targets due at the end of Y
 * or in Y + 1, baselines read from the demo data at the end of Y − 1 (in the new units), owners
 * among the city's departments, tasks whose status follows their dates (done when past, in progress
 * with the elapsed share when current, not started when ahead) — except one deliberately late task.
 * ILLUSTRATIVE: the document number, targets and task titles are ours, in the style of the
 * seed plans; the indicators and units are the demo's.
 */
import type { TargetFields } from '../services/plans.js';
import type { DemoPlanSet, DemoTask } from './plans.js';

/** The plan's year: the current one, never before the city's first full year on the new tree. */
export function currentPlanYear(today: string): number {
  return Math.max(2026, Number(today.slice(0, 4)));
}

/** The plan's code, e.g. KH-CDS-2026-HCM. */
export const currentPlanCode = (y: number) => `KH-CDS-${y}-HCM`;

/** Responsible people (chức danh) of the city's departments. */
export const HCMC_RESPONSIBLE: Record<string, string> = {
  '79-VPUBND': 'Chánh Văn phòng UBND Thành phố',
  '79-SKHCN': 'Giám đốc Sở Khoa học và Công nghệ',
  '79-SNV': 'Giám đốc Sở Nội vụ',
  '79-CA': 'Giám đốc Công an Thành phố',
  '79-SCT': 'Giám đốc Sở Công Thương',
  '79-NHNN': 'Giám đốc Ngân hàng Nhà nước Chi nhánh Khu vực 2',
};

type Row = [
  indicator: string,
  comparator: '>=' | '<=',
  value: number,
  deadline: string,
  lead: string,
  note: string,
];

function targets(y: number): TargetFields[] {
  const plan = currentPlanCode(y);
  const rows: Row[] = [
    [
      'CQS_HS_TRUCTUYEN',
      '>=',
      80,
      `${y}M12`,
      '79-VPUBND',
      'Hồ sơ TTHC giải quyết trực tuyến toàn trình và một phần.',
    ],
    [
      'CQS_HS_SOHOA_TYLE',
      '>=',
      95,
      `${y}M12`,
      '79-VPUBND',
      'Số hóa kết quả giải quyết TTHC tại 168 xã, phường, đặc khu.',
    ],
    [
      'CQS_KQ_DIENTU_TYLE',
      '>=',
      100,
      `${y + 1}M06`,
      '79-VPUBND',
      '100% kết quả giải quyết TTHC trả dưới dạng điện tử.',
    ],
    [
      'CQS_HS_QUAHAN',
      '<=',
      1000,
      `${y}M12`,
      '79-VPUBND',
      'Giảm hồ sơ quá hạn sau sắp xếp đơn vị hành chính.',
    ],
    [
      'CQS_DVC_TUXA_TYLE',
      '>=',
      70,
      `${y}M12`,
      '79-VPUBND',
      'Người dân, doanh nghiệp nộp hồ sơ trực tuyến từ xa.',
    ],
    [
      'XHS_DINHDANH_MUC2',
      '>=',
      2_200_000,
      `${y}M12`,
      '79-CA',
      'Tài khoản định danh điện tử mức 2 được kích hoạt.',
    ],
    [
      'XHS_TCNSCD_SO',
      '>=',
      850,
      `${y}Q4`,
      '79-SKHCN',
      'Kiện toàn tổ công nghệ số cộng đồng ở các phường, xã mới.',
    ],
    ['NT_DL_MO', '>=', 220, `${y + 1}Q4`, '79-SKHCN', 'Bộ dữ liệu mở của Thành phố được công bố.'],
    [
      'NT_DTI_XEPHANG',
      '<=',
      5,
      `${y}`,
      '79-SKHCN',
      'Thành phố thuộc nhóm 5 địa phương dẫn đầu về chỉ số DTI.',
    ],
    ['XHS_TKTT_DANSO_TYLE', '>=', 80, `${y + 1}Q4`, '79-NHNN', 'Dân số có tài khoản thanh toán điện tử.'],
    [
      'KTS_TMDT_KDTM_TYLE',
      '>=',
      70,
      `${y + 1}Q4`,
      '79-SCT',
      'Giao dịch không dùng tiền mặt trong thương mại điện tử.',
    ],
  ];
  const base = (deadline: string) =>
    deadline.includes('M') ? `${y - 1}M12` : deadline.includes('Q') ? `${y - 1}Q4` : `${y - 1}`;
  const list: TargetFields[] = rows.map(([indicator, comparator, value, deadline, lead, note]) => ({
    plan,
    indicator,
    orgUnit: '79',
    level: null,
    kind: null,
    baselineValue: null,
    baselinePeriod: base(deadline),
    targetValue: value,
    deadline,
    comparator,
    leadUnit: lead,
    cooperatingUnits: lead === '79-SKHCN' ? [] : ['79-SKHCN'],
    responsiblePerson: HCMC_RESPONSIBLE[lead] ?? null,
    notes: note,
  }));
  // one level-wide target: every ward and commune of the city (one item per ward)
  list.push({
    plan,
    indicator: 'CQS_HSCV_MANG_XA',
    orgUnit: '79',
    level: 2,
    kind: 'commune',
    baselineValue: null,
    baselinePeriod: `${y - 1}M12`,
    targetValue: 90,
    deadline: `${y}M12`,
    comparator: '>=',
    leadUnit: '79-SNV',
    cooperatingUnits: ['79-VPUBND'],
    responsiblePerson: HCMC_RESPONSIBLE['79-SNV'],
    notes: '90% hồ sơ công việc cấp xã được xử lý trên môi trường mạng ở mỗi xã, phường, đặc khu.',
  });
  return list;
}

/** A task's status and progress on `today` from its dates (progress in steps of 5%). */
function progress(t: { startDate: string; dueDate: string }, today: string) {
  if (today > t.dueDate) return { status: 'done' as const, percentComplete: 100 };
  if (today < t.startDate) return { status: 'not_started' as const, percentComplete: 0 };
  const span = Date.parse(t.dueDate) - Date.parse(t.startDate);
  const done = (Date.parse(today) - Date.parse(t.startDate)) / Math.max(1, span);
  return { status: 'in_progress' as const, percentComplete: Math.min(95, Math.round(done * 20) * 5) };
}

function tasks(y: number, today: string): DemoTask[] {
  const list: Array<Omit<DemoTask, 'plan'> & { startDate: string; late?: boolean }> = [
    {
      title:
        'Chuẩn hóa, kết nối dữ liệu dân cư với hệ thống giải quyết thủ tục hành chính của các xã, phường mới',
      leadUnit: '79-VPUBND',
      cooperatingUnits: ['79-CA', '79-SKHCN'],
      startDate: `${y}-01-15`,
      dueDate: `${y}-06-30`,
      indicators: ['CQS_HS_SOHOA_TYLE', 'CQS_KQ_DIENTU_TYLE'],
    },
    {
      title: 'Hợp nhất cổng dịch vụ công và ứng dụng công dân số của Thành phố sau sắp xếp đơn vị hành chính',
      leadUnit: '79-SKHCN',
      cooperatingUnits: ['79-VPUBND'],
      startDate: `${y}-02-01`,
      dueDate: `${y}-12-31`,
      indicators: ['CQS_HS_TRUCTUYEN', 'CQS_DVC_TUXA_TYLE'],
    },
    {
      title: 'Bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã sau sắp xếp',
      leadUnit: '79-SNV',
      cooperatingUnits: ['25978', '25942'],
      startDate: `${y}-03-01`,
      dueDate: `${y}-09-30`,
      indicators: ['CQS_HSCV_MANG_XA'],
    },
    {
      title: 'Kiện toàn tổ công nghệ số cộng đồng tại các phường, xã, đặc khu mới',
      leadUnit: '79-SKHCN',
      startDate: `${y}-01-15`,
      dueDate: `${y}-06-30`,
      indicators: ['XHS_TCNSCD_SO'],
    },
    {
      title: 'Vận động người dân kích hoạt tài khoản định danh điện tử mức 2',
      leadUnit: '79-CA',
      cooperatingUnits: ['79-SKHCN'],
      startDate: `${y}-01-01`,
      dueDate: `${y}-12-31`,
      indicators: ['XHS_DINHDANH_MUC2'],
    },
    {
      title: 'Rà soát, khắc phục các chỉ số thành phần DTI thấp điểm',
      leadUnit: '79-SKHCN',
      startDate: `${y}-02-15`,
      dueDate: `${y}-10-31`,
      late: true,
      indicators: ['NT_DTI_XEPHANG'],
    },
    {
      title: 'Triển khai thanh toán không dùng tiền mặt tại chợ truyền thống và trung tâm thương mại',
      leadUnit: '79-SCT',
      cooperatingUnits: ['79-NHNN'],
      startDate: `${y}-04-01`,
      dueDate: `${y + 1}-03-31`,
      indicators: ['KTS_TMDT_KDTM_TYLE', 'XHS_TKTT_DANSO_TYLE'],
    },
    {
      title: 'Xây dựng và công bố bộ dữ liệu mở của Thành phố',
      leadUnit: '79-SKHCN',
      startDate: `${y}-05-01`,
      dueDate: `${y + 1}-12-31`,
      indicators: ['NT_DL_MO'],
    },
  ];
  const plan = currentPlanCode(y);
  return list.map(({ late, ...t }) => {
    const p = progress(t, today);
    // the late one: past its due date, still in progress (a warning on the dashboard)
    const state = late && p.status === 'done' ? { status: 'in_progress' as const, percentComplete: 70 } : p;
    return { ...t, plan, ...state };
  });
}

/** The city's plan of the current year, with its targets and tasks. */
export function currentPlan(today: string): DemoPlanSet {
  const y = currentPlanYear(today);
  return {
    plans: [
      {
        code: currentPlanCode(y),
        name: `Kế hoạch chuyển đổi số Thành phố Hồ Chí Minh năm ${y}`,
        nameEn: `Ho Chi Minh City digital-transformation plan for ${y}`,
        issuingBody: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
        documentNumber: 'KH-UBND (minh họa)',
        documentDate: `${y}-01-10`,
        periodFrom: `${y}`,
        periodTo: `${y}`,
        scope: '79',
        links: [],
      },
    ],
    targets: targets(y),
    tasks: tasks(y, today),
  };
}
