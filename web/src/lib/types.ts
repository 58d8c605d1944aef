/** Shapes of the chiso API as the web app uses them (camelCase JSON). */
import type { PeriodType } from './period';

export interface User {
  username: string;
  displayName: string;
  isAdmin: boolean;
  orgUnit?: string | null;
}

export interface Grant {
  role: string;
  orgUnit: string;
  orgUnitName?: string;
}

export interface Me {
  user: User;
  grants: Grant[];
  csrfToken: string;
  home: string;
}

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

export interface OrgUnit {
  code: string;
  name: string;
  kind: OrgUnitKind | string;
  type?: string;
  level: number;
  parentCode: string | null;
  validFrom?: string | null;
  validTo?: string | null;
  hasGeometry?: boolean;
}

export interface OrgUnitDetail extends OrgUnit {
  ancestors: Array<{ code: string; name: string; level: number }>;
  children: Array<{ code: string; name: string; kind: string; level: number; hasGeometry?: boolean }>;
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

export interface Indicator {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  valueType: ValueType;
  aggregation: Aggregation;
  pillar: string;
  field: string | null;
  frequency: PeriodType;
  definition?: string | null;
  definitionEn?: string | null;
  polarity?: Polarity;
  timeAggregation?: TimeAggregation;
  owner?: string | null;
  ownerName?: string | null;
  source?: string | null;
  reportingKinds?: string[] | null;
  category?: string | null;
  formula?: string | null;
  published?: boolean;
  decimals?: number | null;
  ratioScale?: number | null;
}

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
