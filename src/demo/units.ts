/**
 * Demo org tree of Bình Dương (GSO province code 74) as it stood before the 2025 merger, as the
 * OLD versions of its units: every unit here is valid until 2025-06-30 (Bình Dương merged into
 * Hồ Chí Minh City on 2025-07-01; the new tree is in hcmcUnits.ts, the lineage in lineage.ts):
 * the province, its 9 district-level units and 3–5 real communes of each (codes and names
 * from the GSO list, shared/data/vn-admin/units-2025-03.csv), the provincial departments
 * (sở, ban, ngành) and one community digital-technology team (tổ công nghệ số cộng đồng)
 * per demo commune. Only the units the demo needs are embedded; the national list is not.
 *
 * Order: parents before children.
 */
import type { OrgUnitKind } from '../domain/catalog.js';

export interface DemoUnit {
  code: string;
  name: string;
  kind: OrgUnitKind;
  /** Vietnamese type as the GSO list or the org chart writes it: 'Tỉnh', 'Phường', 'Sở' … */
  type: string;
  level: number;
  parentCode: string | null;
  /** Validity of this version (ISO dates, inclusive; null = open). */
  validFrom: string | null;
  validTo: string | null;
}

/** The 2025 restructuring took effect on this date; Bình Dương's units closed the day before. */
export const DEMO_BREAK = '2025-07-01';
export const DEMO_OLD_UNTIL = '2025-06-30';

/** Validity of every unit of the old (Bình Dương) tree. */
const OLD = { validFrom: null, validTo: DEMO_OLD_UNTIL } as const;

export const DEMO_PROVINCE_CODE = '74';

const PROVINCE: DemoUnit = {
  code: '74',
  name: 'Bình Dương',
  kind: 'province',
  type: 'Tỉnh',
  level: 1,
  parentCode: null,
  ...OLD,
};

/** The 9 district-level units (5 cities, 4 rural districts), real GSO codes. */
const DISTRICTS: Array<{ code: string; name: string; type: string }> = [
  { code: '718', name: 'Thủ Dầu Một', type: 'Thành phố' },
  { code: '725', name: 'Thuận An', type: 'Thành phố' },
  { code: '724', name: 'Dĩ An', type: 'Thành phố' },
  { code: '723', name: 'Tân Uyên', type: 'Thành phố' },
  { code: '721', name: 'Bến Cát', type: 'Thành phố' },
  { code: '726', name: 'Bắc Tân Uyên', type: 'Huyện' },
  { code: '719', name: 'Bàu Bàng', type: 'Huyện' },
  { code: '720', name: 'Dầu Tiếng', type: 'Huyện' },
  { code: '722', name: 'Phú Giáo', type: 'Huyện' },
];

/**
 * Provincial departments and sector agencies (sở, ban, ngành), level 2 under the province.
 * Codes are ours (no GSO code exists): `74-` + the usual Vietnamese abbreviation.
 */
const DEPARTMENTS: Array<{ code: string; name: string; type: string }> = [
  { code: '74-VPUBND', name: 'Văn phòng Ủy ban nhân dân tỉnh', type: 'Ngành' },
  { code: '74-STTTT', name: 'Sở Thông tin và Truyền thông', type: 'Sở' },
  { code: '74-SKHDT', name: 'Sở Kế hoạch và Đầu tư', type: 'Sở' },
  { code: '74-SYT', name: 'Sở Y tế', type: 'Sở' },
  { code: '74-SGDDT', name: 'Sở Giáo dục và Đào tạo', type: 'Sở' },
  { code: '74-SCT', name: 'Sở Công Thương', type: 'Sở' },
  { code: '74-STC', name: 'Sở Tài chính', type: 'Sở' },
  { code: '74-SNV', name: 'Sở Nội vụ', type: 'Sở' },
  { code: '74-SGTVT', name: 'Sở Giao thông vận tải', type: 'Sở' },
  { code: '74-SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn', type: 'Sở' },
  { code: '74-STNMT', name: 'Sở Tài nguyên và Môi trường', type: 'Sở' },
  { code: '74-SXD', name: 'Sở Xây dựng', type: 'Sở' },
  { code: '74-SLDTBXH', name: 'Sở Lao động - Thương binh và Xã hội', type: 'Sở' },
  { code: '74-SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', type: 'Sở' },
  { code: '74-STP', name: 'Sở Tư pháp', type: 'Sở' },
  { code: '74-SKHCN', name: 'Sở Khoa học và Công nghệ', type: 'Sở' },
  { code: '74-CA', name: 'Công an tỉnh', type: 'Ngành' },
  { code: '74-NHNN', name: 'Ngân hàng Nhà nước Chi nhánh tỉnh Bình Dương', type: 'Ngành' },
  { code: '74-BQLKCN', name: 'Ban Quản lý các khu công nghiệp Bình Dương', type: 'Ban' },
];

/** Demo communes: [GSO code, name, type, district code]. Thuận An and Dĩ An carry 5 each. */
const COMMUNES: Array<[string, string, string, string]> = [
  ['25747', 'Phú Cường', 'Phường', '718'],
  ['25741', 'Hiệp Thành', 'Phường', '718'],
  ['25744', 'Phú Lợi', 'Phường', '718'],
  ['25765', 'Tân An', 'Phường', '718'],
  ['25966', 'Lái Thiêu', 'Phường', '725'],
  ['25975', 'An Phú', 'Phường', '725'],
  ['25969', 'Bình Chuẩn', 'Phường', '725'],
  ['25972', 'Thuận Giao', 'Phường', '725'],
  ['25981', 'An Sơn', 'Xã', '725'],
  ['25942', 'Dĩ An', 'Phường', '724'],
  ['25951', 'Bình An', 'Phường', '724'],
  ['25954', 'Bình Thắng', 'Phường', '724'],
  ['25957', 'Đông Hòa', 'Phường', '724'],
  ['25948', 'Tân Đông Hiệp', 'Phường', '724'],
  ['25888', 'Uyên Hưng', 'Phường', '723'],
  ['25891', 'Tân Phước Khánh', 'Phường', '723'],
  ['25912', 'Vĩnh Tân', 'Phường', '723'],
  ['25930', 'Bạch Đằng', 'Xã', '723'],
  ['25813', 'Mỹ Phước', 'Phường', '721'],
  ['25837', 'Chánh Phú Hòa', 'Phường', '721'],
  ['25849', 'Hòa Lợi', 'Phường', '721'],
  ['25855', 'Phú An', 'Xã', '721'],
  ['25900', 'Tân Bình', 'Thị trấn', '726'],
  ['25906', 'Tân Thành', 'Thị trấn', '726'],
  ['25908', 'Hiếu Liêm', 'Xã', '726'],
  ['25927', 'Thường Tân', 'Xã', '726'],
  ['25822', 'Lai Uyên', 'Thị trấn', '719'],
  ['25819', 'Cây Trường II', 'Xã', '719'],
  ['25828', 'Long Nguyên', 'Xã', '719'],
  ['25834', 'Lai Hưng', 'Xã', '719'],
  ['25777', 'Dầu Tiếng', 'Thị trấn', '720'],
  ['25789', 'Định An', 'Xã', '720'],
  ['25792', 'Long Hoà', 'Xã', '720'],
  ['25810', 'Thanh Tuyền', 'Xã', '720'],
  ['25858', 'Phước Vĩnh', 'Thị trấn', '722'],
  ['25870', 'An Bình', 'Xã', '722'],
  ['25876', 'Tam Lập', 'Xã', '722'],
  ['25885', 'Phước Hoà', 'Xã', '722'],
];

/** Code of the community digital-technology team of a commune. */
export function teamCode(communeCode: string): string {
  return `${communeCode}-TCN`;
}

type Validity = Pick<DemoUnit, 'validFrom' | 'validTo'>;

/** A department (sở, ban, ngành) at level 2 under its province. */
export function departmentUnit(
  d: { code: string; name: string; type: string },
  province: string,
  v: Validity,
): DemoUnit {
  return {
    code: d.code,
    name: d.name,
    kind: 'department',
    type: d.type,
    level: 2,
    parentCode: province,
    ...v,
  };
}

/** The community digital-technology team of a commune [code, name, type], one level below it. */
export function teamUnit(commune: readonly [string, string, string], level: number, v: Validity): DemoUnit {
  const [code, name, type] = commune;
  return {
    code: teamCode(code),
    name: `Tổ công nghệ số cộng đồng ${type.toLowerCase()} ${name}`,
    kind: 'community_team',
    type: 'Tổ công nghệ số cộng đồng',
    level,
    parentCode: code,
    ...v,
  };
}

export const DEMO_UNITS: DemoUnit[] = [
  PROVINCE,
  ...DISTRICTS.map(
    (d): DemoUnit => ({
      code: d.code,
      name: d.name,
      kind: 'district',
      type: d.type,
      level: 2,
      parentCode: '74',
      ...OLD,
    }),
  ),
  ...DEPARTMENTS.map((d) => departmentUnit(d, '74', OLD)),
  ...COMMUNES.map(
    ([code, name, type, district]): DemoUnit => ({
      code,
      name,
      kind: 'commune',
      type,
      level: 3,
      parentCode: district,
      ...OLD,
    }),
  ),
  ...COMMUNES.map(([code, name, type]) => teamUnit([code, name, type], 4, OLD)),
];

export const DEMO_UNIT_BY_CODE: ReadonlyMap<string, DemoUnit> = new Map(DEMO_UNITS.map((u) => [u.code, u]));
