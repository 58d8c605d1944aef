/** Shapes of the chiso API as the web app uses them (camelCase JSON). */
import type { PeriodType } from './period';
import type { ApiIndicator, ApiMe, ApiOrgUnit } from './serverTypes';

/** GET /api/me: the user, grants, permissions, CSRF token and home unit (the server's schema). */
export type Me = ApiMe;
export type User = ApiMe['user'];
export type Grant = ApiMe['grants'][number];
export type Permissions = ApiMe['permissions'];

export interface LoginResponse {
  user: User;
  csrfToken: string;
}

export type OrgUnitKind =
  | 'province'
  | 'district'
  | 'commune'
  | 'hamlet'
  | 'department'
  | 'agency'
  | 'community_team';

/** An org unit of GET /api/org-units (the server's schema). */
export type OrgUnit = ApiOrgUnit;

/** One unit a unit was formed from, or became, at a restructuring (GET /api/org-units/CODE). */
export interface UnitLink {
  code: string;
  name: string;
  kind: 'full' | 'partial';
  /** The part of the old unit that went into the new one, in (0, 1]; null when not known. */
  share: number | null;
  /** The share was assumed by the weighting method (equal split …), not given in the lineage file. */
  estimated?: boolean;
  shareMethod?: 'given' | 'equal' | 'population' | 'area';
  /** The date the restructuring took effect. */
  effective?: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface OrgUnitDetail extends OrgUnit {
  ancestors: Array<{ code: string; name: string; level: number }>;
  children: Array<{ code: string; name: string; kind: string; level: number; hasGeometry?: boolean }>;
  /** Units this version was formed from (lineage); absent on servers without lineage. */
  predecessors?: UnitLink[];
  /** Units this version went into (lineage). */
  successors?: UnitLink[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Named {
  code: string;
  name: string;
  nameEn?: string;
}

export type ValueType = 'number' | 'count' | 'ratio' | 'boolean';
export type Aggregation = 'sum' | 'average' | 'ratio' | 'min' | 'max' | 'none';
export type TimeAggregation = 'sum' | 'last' | 'average';
export type Polarity = 'higher' | 'lower';

/** An indicator of GET /api/indicators (the server's schema), its enumerations narrowed. */
export type Indicator = Omit<
  ApiIndicator,
  'valueType' | 'aggregation' | 'frequency' | 'polarity' | 'timeAggregation'
> & {
  valueType: ValueType;
  aggregation: Aggregation;
  frequency: PeriodType;
  polarity: Polarity;
  timeAggregation: TimeAggregation;
};

export interface AnalyticsRow {
  indicator: string;
  orgUnit: string;
  orgUnitName?: string;
  period: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  reported: number;
  expected: number;
  /** Read through lineage with a partial share (only with `geography`). */
  estimated?: boolean;
  /** Why `value` is null: `not_additive` (a partial share cannot go into min, max, average, none),
   * `not_valid` (no unit of that code in the period). */
  note?: string | null;
}

export interface LatestItem {
  indicator: string;
  name: string;
  nameEn: string;
  unit: string;
  pillar: string;
  field: string;
  polarity: Polarity;
  valueType: ValueType;
  frequency: PeriodType;
  period: string | null;
  value: number | null;
  reported: number;
  expected: number;
  previousPeriod: string | null;
  previousValue: number | null;
  decimals?: number | null;
}

export interface TrendRow {
  period: string;
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
  reported?: number;
  expected?: number;
  /** Read through lineage with a partial share (only with `geography`). */
  estimated?: boolean;
  /** Why `value` is null: `not_additive` (a partial share cannot go into min, max, average, none),
   * `not_valid` (no unit of that code in the period). */
  note?: string | null;
}

export type TargetStatus = 'achieved' | 'on_track' | 'at_risk' | 'off_track' | 'overdue' | 'no_data';

export interface TargetItem {
  id: string | number;
  plan: string;
  indicator: string;
  orgUnit: string;
  status: TargetStatus;
  pace?: number | null;
}

export interface OpenIndicator {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  pillar: string;
  field: string;
  frequency: PeriodType;
  valueType: string;
  decimals: number;
}

/** GET /api/open/indicators/CODE: what the public page shows of a published indicator. */
export interface OpenIndicatorDetail extends OpenIndicator {
  definition: string | null;
  definitionEn: string | null;
  source: string | null;
  owner: { code: string; name: string } | null;
  derived: boolean;
  category: {
    code: string;
    name: string;
    nameEn: string;
    options: Array<{ code: string; name: string; nameEn: string }>;
  } | null;
}

/** One public figure; `categoryOption` null is the total. */
export interface OpenRow {
  indicator: string;
  orgUnit: string;
  orgUnitName: string;
  period: string;
  periodName: string;
  categoryOption: string | null;
  categoryOptionName: string | null;
  value: number;
}

export interface ImportResult {
  created: number;
  updated: number;
  errors: Array<{ row: number; column?: string; field?: string; message: string }>;
}

export interface GeoFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    properties: Record<string, unknown> & { code?: string; name?: string };
    geometry: unknown;
  }>;
}

export interface GeoImportResult {
  matched: Array<{ code: string; name: string }>;
  unmatched: string[];
  updated: number;
}
