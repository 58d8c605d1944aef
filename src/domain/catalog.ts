/**
 * The vocabulary of the indicator catalogue (danh mục chỉ tiêu): pillars, kinds of org unit,
 * value types and aggregation rules. Pure data and types; the glossary in docs/glossary.md
 * maps each to its Vietnamese term.
 */
import type { PeriodType } from './period.js';

/** Trụ cột: the three pillars plus the common foundation (nền tảng). */
export const PILLARS = ['foundation', 'government', 'economy', 'society'] as const;
export type PillarCode = (typeof PILLARS)[number];

export const PILLAR_NAMES: Record<PillarCode, { vi: string; en: string }> = {
  foundation: { vi: 'Nền tảng chuyển đổi số', en: 'Digital transformation foundation' },
  government: { vi: 'Chính quyền số', en: 'Digital government' },
  economy: { vi: 'Kinh tế số', en: 'Digital economy' },
  society: { vi: 'Xã hội số', en: 'Digital society' },
};

/** Loại đơn vị. Territorial kinds follow the GSO list; the rest are non-territorial units. */
export const ORG_UNIT_KINDS = [
  'province', // tỉnh, thành phố trực thuộc trung ương
  'district', // huyện, quận, thị xã, thành phố thuộc tỉnh
  'commune', // xã, phường, thị trấn, đặc khu
  'hamlet', // thôn, ấp, khu phố
  'department', // sở, ban, ngành
  'agency', // cơ quan, đơn vị sự nghiệp khác
  'community_team', // tổ công nghệ số cộng đồng
] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export const VALUE_TYPES = ['number', 'count', 'ratio', 'boolean'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** How values of several units combine (tổng hợp theo đơn vị). */
export const AGGREGATIONS = ['sum', 'average', 'ratio', 'min', 'max', 'none'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** How values of several periods combine (tổng hợp theo thời gian). */
export const TIME_AGGREGATIONS = ['sum', 'last', 'average'] as const;
export type TimeAggregation = (typeof TIME_AGGREGATIONS)[number];

export const POLARITIES = ['higher', 'lower'] as const;
export type Polarity = (typeof POLARITIES)[number];

/** An indicator's rules as the aggregation engine needs them. */
export interface IndicatorRules {
  valueType: ValueType;
  aggregation: Aggregation;
  timeAggregation: TimeAggregation;
  frequency: PeriodType;
  /** value = numerator / denominator × ratioScale for ratios (100 for a percentage). */
  ratioScale: number;
}

/** The whole definition of an indicator (chỉ tiêu). */
export interface IndicatorDefinition extends IndicatorRules {
  code: string;
  name: string;
  nameEn: string;
  definition?: string;
  definitionEn?: string;
  /** Unit of measure as shown: "%", "doanh nghiệp", "Mbps". */
  unit: string;
  pillar: PillarCode;
  field: string;
  polarity: Polarity;
  /** Code of the owner org unit (đơn vị chủ trì). */
  owner?: string;
  source?: string;
  /** Kinds of unit that report it; values from other kinds are refused. Empty: any unit. */
  reportingKinds?: OrgUnitKind[];
  /** Disaggregation category code (e.g. `sector`). */
  category?: string;
  /** Derived indicators: a formula over other indicators' codes, e.g. `{KTS_DN_NTS} / {KTS_DN_TONG} * 100`. */
  formula?: string;
  decimals?: number;
}

/** Default rules implied by a value type, so a minimal definition is still exact. */
export function defaultRules(
  valueType: ValueType,
): Pick<IndicatorRules, 'aggregation' | 'timeAggregation' | 'ratioScale'> {
  switch (valueType) {
    case 'ratio':
      return { aggregation: 'ratio', timeAggregation: 'last', ratioScale: 100 };
    case 'count':
      return { aggregation: 'sum', timeAggregation: 'last', ratioScale: 1 };
    case 'boolean':
      return { aggregation: 'min', timeAggregation: 'last', ratioScale: 1 };
    default:
      return { aggregation: 'sum', timeAggregation: 'last', ratioScale: 1 };
  }
}

/**
 * Maps the Vietnamese `type` column of the GSO unit lists to a kind.
 * "Thành phố" is a province at level 1 and a district-level city at level 2.
 */
export function kindFromVietnameseType(type: string, level: number): OrgUnitKind | null {
  const t = type.trim().toLowerCase().normalize('NFC');
  if (t === 'tỉnh') return 'province';
  if (t === 'thành phố') return level <= 1 ? 'province' : 'district';
  if (['huyện', 'quận', 'thị xã'].includes(t)) return 'district';
  if (['xã', 'phường', 'thị trấn', 'đặc khu'].includes(t)) return 'commune';
  if (['thôn', 'ấp', 'khu phố', 'tổ dân phố', 'bản', 'làng'].includes(t)) return 'hamlet';
  if (['sở', 'ban', 'ngành', 'sở ngành', 'sở, ngành'].includes(t)) return 'department';
  if (['cơ quan', 'đơn vị'].includes(t)) return 'agency';
  if (t === 'tổ công nghệ số cộng đồng' || t === 'tổ cnscđ') return 'community_team';
  if ((ORG_UNIT_KINDS as readonly string[]).includes(t)) return t as OrgUnitKind;
  return null;
}
