/**
 * Demo scorecards (run by services/bootstrap.ts after demo/load.ts after the demo units, indicators
 * and values are loaded):
 * - CDS_HUYEN_74: Bình Dương's own evaluation of its districts (cấp huyện) on demo indicators (history);
 * - CDS_SO_74: its evaluation of departments (sở, ban, ngành) (history);
 * - CDS_XA_HCM: Hồ Chí Minh City's evaluation of its wards and communes (today);
 * - DTI_TINH: the national provincial DTI structure of Decision 922/QĐ-BTTTT (template), with
 *   one indicator per component index, Bình Dương's component values for 2022–2024 and
 *   Hồ Chí Minh City's for 2025 (illustrative figures on the published 0..1 scale). Only the
 *   provinces that exist are ranked: the demo has one province a year, so no national ranking is
 *   invented.
 * Leaves whose indicator is not in the catalogue are left out, so the demo survives catalogue edits.
 * Idempotent: scorecards and indicators that exist are left as they are.
 */
import type { Database } from '../db/index.js';
import { parsePeriod, periodId } from '../domain/period.js';
import { type ComponentDef, indicatorsOf, parseDefinition, type ScorecardDef } from '../domain/scoring.js';
import { DTI2022_COMPONENTS, dti2022Template } from '../domain/templates/dti2022.js';
import { foldText } from '../domain/text.js';
import { appendAudit } from '../repositories/audit.js';
import * as dataValues from '../repositories/dataValues.js';
import * as indicators from '../repositories/indicators.js';
import * as orgUnits from '../repositories/orgUnits.js';
import * as repo from '../repositories/scorecards.js';

const PROVINCE = '74';
const CITY = '79';

const rt = (target: number) => ({ method: 'ratio_to_target' as const, target });
const leaf = (
  code: string,
  name: string,
  weight: number,
  indicator: string,
  scoring: ComponentDef['scoring'],
) => ({
  code,
  name,
  weight,
  indicator,
  scoring,
});

/** Online files (relative to the other units) and files on time (by tiers), in both territorial scorecards. */
const onlineFiles = () =>
  leaf('HS_TT', 'Tỷ lệ hồ sơ thủ tục hành chính trực tuyến', 0.25, 'CQS_HS_TRUCTUYEN', { method: 'minmax' });
const filesOnTime = (thresholds: [number, number, number]) =>
  leaf('HS_DH', 'Tỷ lệ hồ sơ giải quyết đúng hạn', 0.25, 'CQS_HS_DUNGHAN_TYLE', {
    method: 'tiers',
    tiers: thresholds.map((threshold, i) => ({ threshold, points: [0.5, 0.8, 1][i] })),
  });

/** The province's evaluation of districts: targets from its plan (80% of work files online at district level …). */
export const DISTRICT_SCORECARD: ScorecardDef = {
  name: 'Bộ chỉ số đánh giá chuyển đổi số cấp huyện tỉnh Bình Dương',
  missing: 'zero',
  components: [
    {
      code: 'CQS',
      name: 'Chính quyền số',
      weight: 0.4,
      components: [
        leaf(
          'HSCV',
          'Hồ sơ công việc xử lý trên môi trường mạng (mục tiêu 80%)',
          0.3,
          'CQS_HSCV_MANG_HUYEN',
          rt(80),
        ),
        onlineFiles(),
        filesOnTime([90, 95, 98]),
        leaf(
          'PAKN',
          'Phản ánh, kiến nghị xử lý đúng hạn (mục tiêu 95%)',
          0.2,
          'CQS_PAKN_DUNGHAN_TYLE',
          rt(95),
        ),
      ],
    },
    {
      code: 'KTS',
      name: 'Kinh tế số',
      weight: 0.2,
      components: [
        leaf('DN_NTS', 'Doanh nghiệp sử dụng nền tảng số', 0.5, 'KTS_DN_NTS_TYLE', { method: 'minmax' }),
        leaf(
          'TMDT',
          'Doanh nghiệp nhỏ và vừa tham gia thương mại điện tử (mục tiêu 50%)',
          0.5,
          'KTS_DNNVV_TMDT_TYLE',
          rt(50),
        ),
      ],
    },
    {
      code: 'XHS',
      name: 'Xã hội số',
      weight: 0.2,
      components: [
        leaf(
          'ASXH',
          'Người hưởng an sinh xã hội có tài khoản (mục tiêu 90%)',
          0.5,
          'XHS_ASXH_TAIKHOAN_TYLE',
          rt(90),
        ),
        leaf(
          'HSSK',
          'Người dân có hồ sơ sức khỏe điện tử (mục tiêu 90%)',
          0.5,
          'XHS_HSSK_DIENTU_TYLE',
          rt(90),
        ),
      ],
    },
    {
      code: 'NT',
      name: 'Nền tảng',
      weight: 0.2,
      components: [
        leaf('KH', 'Ban hành kế hoạch chuyển đổi số năm', 0.3, 'NT_KH_CDS_BANHANH', { method: 'boolean' }),
        leaf('IOC', 'Có trung tâm điều hành thông minh cấp huyện', 0.3, 'NT_IOC_HUYEN', {
          method: 'boolean',
        }),
        leaf('BTS5G', 'Số trạm BTS 5G', 0.4, 'NT_BTS_5G_SO', { method: 'minmax' }),
      ],
    },
  ],
};

/** The province's evaluation of departments. */
export const DEPARTMENT_SCORECARD: ScorecardDef = {
  name: 'Bộ chỉ số đánh giá chuyển đổi số các sở, ban, ngành tỉnh Bình Dương',
  missing: 'zero',
  components: [
    leaf(
      'HSCV',
      'Hồ sơ công việc xử lý trên môi trường mạng (mục tiêu 90%)',
      0.3,
      'CQS_HSCV_MANG_TINH',
      rt(90),
    ),
    leaf('KYSO', 'Văn bản đi được ký số (mục tiêu 100%)', 0.2, 'CQS_VB_KYSO_TYLE', rt(100)),
    leaf('HS_DH', 'Tỷ lệ hồ sơ giải quyết đúng hạn (so với các sở)', 0.2, 'CQS_HS_DUNGHAN_TYLE', {
      method: 'minmax',
    }),
    leaf(
      'ATTT',
      'Hệ thống thông tin được phê duyệt cấp độ an toàn',
      0.15,
      'NT_ATTT_HTTT_CAPDO_TYLE',
      rt(100),
    ),
    leaf('KH', 'Ban hành kế hoạch chuyển đổi số năm', 0.15, 'NT_KH_CDS_BANHANH', { method: 'boolean' }),
  ],
};

/**
 * Hồ Chí Minh City's evaluation of its wards and communes (today's demo): indicators the wards
 * report on the new tree; targets in the style of the city's plan (currentPlan.ts).
 */
export const WARD_SCORECARD: ScorecardDef = {
  name: 'Bộ chỉ số đánh giá chuyển đổi số cấp xã Thành phố Hồ Chí Minh',
  missing: 'zero',
  components: [
    {
      code: 'CQS',
      name: 'Chính quyền số',
      weight: 0.5,
      components: [
        leaf(
          'HSCV',
          'Hồ sơ công việc cấp xã xử lý trên môi trường mạng (mục tiêu 90%)',
          0.3,
          'CQS_HSCV_MANG_XA',
          rt(90),
        ),
        onlineFiles(),
        filesOnTime([95, 98, 99.5]),
        leaf('CUTRU', 'Hồ sơ cư trú nộp trực tuyến (mục tiêu 95%)', 0.2, 'CQS_CUTRU_TRUCTUYEN_TYLE', rt(95)),
      ],
    },
    {
      code: 'XHS',
      name: 'Xã hội số',
      weight: 0.3,
      components: [
        leaf(
          'KYNANG',
          'Người dân có kỹ năng công nghệ thông tin (mục tiêu 95%)',
          0.5,
          'XHS_KYNANG_CNTT_TYLE',
          rt(95),
        ),
        leaf('DTTM', 'Người trưởng thành dùng điện thoại thông minh', 0.5, 'NT_DTDD_THONGMINH_TYLE', {
          method: 'minmax',
        }),
      ],
    },
    {
      code: 'NT',
      name: 'Nền tảng',
      weight: 0.2,
      components: [leaf('BRCD', 'Hộ gia đình có băng rộng cố định', 1, 'NT_HGD_BRCD_TYLE', rt(100))],
    },
  ],
};

/** Illustrative DTI component values of the demo province (0..1), in DTI2022_COMPONENTS order. */
const DTI_VALUES: Record<string, number[]> = {
  '2022': [0.5812, 0.4567, 0.5234, 0.3921, 0.4875, 0.4712, 0.3456, 0.4123],
  '2023': [0.6345, 0.5623, 0.5987, 0.4412, 0.5532, 0.5234, 0.3987, 0.4876],
  '2024': [0.7123, 0.6345, 0.6612, 0.5123, 0.6234, 0.6012, 0.4789, 0.5567],
};

/** Illustrative DTI component values of Hồ Chí Minh City for 2025, its first year on the new tree. */
const HCMC_DTI_VALUES: Record<string, number[]> = {
  '2025': [0.7456, 0.6812, 0.7034, 0.5587, 0.6645, 0.6398, 0.5213, 0.5934],
};

/** Keeps the leaves whose indicator exists; drops branches left empty. */
function prune(list: ComponentDef[], known: Set<string>): ComponentDef[] {
  const out: ComponentDef[] = [];
  for (const c of list) {
    if (c.components?.length) {
      const kids = prune(c.components, known);
      if (kids.length) out.push({ ...c, components: kids });
    } else if (c.indicator && known.has(c.indicator)) out.push(c);
  }
  return out;
}

export async function loadDemoScorecards(database: Database): Promise<void> {
  const province = await orgUnits.findByCode(database, PROVINCE);
  const city = await orgUnits.findByCode(database, CITY);
  await database.transaction(async (tx) => {
    // DTI component indicators
    for (const c of DTI2022_COMPONENTS) {
      if (await indicators.findByCode(tx, c.indicator)) continue;
      await indicators.insert(tx, {
        code: c.indicator,
        name: `${c.name} (DTI cấp tỉnh)`,
        name_en: `${c.nameEn} index (provincial DTI)`,
        name_search: foldText(`${c.name} ${c.nameEn} DTI`),
        definition: `Chỉ số thành phần của Bộ chỉ số đánh giá chuyển đổi số cấp tỉnh (Quyết định 922/QĐ-BTTTT), trọng số ${c.weight}, thang điểm 0–1.`,
        definition_en: `Component index of the provincial Digital Transformation Index (Decision 922/QĐ-BTTTT), weight ${c.weight}, scale 0–1.`,
        unit: 'điểm',
        pillar: c.pillar,
        field: null,
        value_type: 'number',
        aggregation: 'none',
        time_aggregation: 'last',
        polarity: 'higher',
        frequency: 'year',
        ratio_scale: 1,
        decimals: 4,
        owner_unit_id: null,
        source: 'Bộ Thông tin và Truyền thông công bố',
        reporting_kinds: ['province'],
        category_code: null,
        formula: null,
      });
    }
    if (province) {
      const inds = await indicators.findByCodes(
        tx,
        DTI2022_COMPONENTS.map((c) => c.indicator),
      );
      const idOf = new Map(inds.map((i) => [i.code, i.id]));
      const staged: dataValues.StagedValue[] = [];
      const add = (unit: orgUnits.OrgUnitRow, values: Record<string, number[]>) => {
        for (const [year, vals] of Object.entries(values))
          DTI2022_COMPONENTS.forEach((c, i) => {
            staged.push({
              provinceId: unit.provinceId ?? unit.id,
              indicatorId: idOf.get(c.indicator)!,
              periodId: periodId(parsePeriod(year)!),
              orgUnitId: unit.id,
              optionId: 0,
              value: vals[i],
              numerator: null,
              denominator: null,
              comment: null,
            });
          });
      };
      add(province, DTI_VALUES);
      if (city) add(city, HCMC_DTI_VALUES);
      // approved history straight through the repository, as the demo values (see load.ts)
      await dataValues.mergeValues(tx, staged, { userId: null, status: 'approved', source: 'demo' });
    }

    const cards: Array<[string, ScorecardDef]> = [
      ['CDS_HUYEN_74', DISTRICT_SCORECARD],
      ['CDS_SO_74', DEPARTMENT_SCORECARD],
      ['CDS_XA_HCM', WARD_SCORECARD],
      ['DTI_TINH', dti2022Template()],
    ];
    const known = new Set(
      (await indicators.findByCodes(tx, [...new Set(cards.flatMap(([, d]) => indicatorsOf(d)))])).map(
        (i) => i.code,
      ),
    );
    for (const [code, def] of cards) {
      if (await repo.findScorecard(tx, code)) continue;
      const pruned = { ...def, components: prune(def.components, known) };
      const checked = parseDefinition(pruned, { knownIndicators: known });
      if (!checked.ok || checked.def.components.length === 0) continue;
      const id = await repo.upsertScorecard(tx, code, checked.def.name);
      await repo.upsertVersion(tx, {
        scorecardId: id,
        validFrom: 0,
        name: checked.def.name,
        definition: checked.def,
        userId: null,
      });
      await appendAudit(tx, {
        userId: null,
        username: 'demo',
        ip: null,
        action: 'create',
        entity: 'scorecard',
        key: `${code}@*`,
        after: checked.def,
      });
    }
  });
}
