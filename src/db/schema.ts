/** Kysely table types, one interface per table of the migrations in ./migrations. */
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string | null, string | null | undefined, string | null>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface OrgUnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_search: string;
  kind: string;
  type: string | null;
  level: number;
  parent_id: number | null;
  province_id: number | null;
  path: ColumnType<number[], number[] | undefined, number[]>;
  valid_from: DateCol;
  valid_to: DateCol;
  geometry: Json | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrgUnitClosureTable {
  ancestor_id: number;
  descendant_id: number;
  depth: number;
}

export interface OrgUnitLineageTable {
  id: Generated<number>;
  effective: DateCol;
  new_unit_id: number;
  old_unit_id: number;
  kind: 'full' | 'partial';
  share: number;
  share_method: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
}

export interface PillarTable {
  code: string;
  name: string;
  name_en: string;
  sort: Generated<number>;
}

export interface FieldTable {
  code: string;
  name: string;
  name_en: string;
}

export interface CategoryTable {
  code: string;
  name: string;
  name_en: string;
}

export interface CategoryOptionTable {
  id: Generated<number>;
  category_code: string;
  code: string;
  name: string;
  name_en: string;
  sort: Generated<number>;
  dhis2_code: string | null;
}

export interface IndicatorTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string;
  name_search: string;
  definition: string | null;
  definition_en: string | null;
  unit: string;
  pillar: string;
  field: string | null;
  value_type: string;
  aggregation: string;
  time_aggregation: string;
  polarity: string;
  frequency: string;
  ratio_scale: number;
  decimals: number | null;
  owner_unit_id: number | null;
  source: string | null;
  reporting_kinds: ColumnType<string[], string[] | undefined, string[]>;
  category_code: string | null;
  formula: string | null;
  published: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface DataValueTable {
  province_id: number;
  indicator_id: number;
  period_id: number;
  org_unit_id: number;
  category_option_id: Generated<number>;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
  status: Generated<string>;
  source: Generated<string>;
  created_by: number | null;
  created_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
  followup: Generated<boolean>;
}

export interface DataValueHistoryTable {
  id: Generated<string>;
  province_id: number;
  indicator_id: number;
  period_id: number;
  org_unit_id: number;
  category_option_id: number;
  change: string;
  old_value: number | null;
  old_numerator: number | null;
  old_denominator: number | null;
  old_status: string | null;
  old_by: number | null;
  old_at: Date | null;
  new_value: number | null;
  new_numerator: number | null;
  new_denominator: number | null;
  new_status: string | null;
  changed_by: number | null;
  changed_at: Timestamp;
  source: string | null;
}

export interface AppUserTable {
  id: Generated<number>;
  username: string;
  display_name: Generated<string>;
  email: string | null;
  password_hash: string;
  is_admin: Generated<boolean>;
  org_unit_id: number | null;
  disabled: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Date | null;
  password_changed_at: Timestamp;
  created_at: Timestamp;
}

export interface UserGrantTable {
  id: Generated<number>;
  user_id: number;
  role: string;
  org_unit_id: number;
  created_at: Timestamp;
}

export interface UserSessionTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  expires_at: Date | string;
  last_seen_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  scope: Generated<string>;
  created_at: Timestamp;
  expires_at: Date | string | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  user_id: number | null;
  username: string | null;
  ip: string | null;
  action: string;
  entity: string;
  key: string | null;
  before: Json | null;
  after: Json | null;
}

export interface SettingTable {
  key: string;
  value: Json;
  updated_at: Timestamp;
}

export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  params: Json;
  link: string | null;
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
  emailed_at: Timestamp | null;
}

export interface NotificationPreferenceTable {
  user_id: number;
  kind: string;
  in_app: boolean;
  email: boolean;
}

export interface LoginThrottleTable {
  account_key: string;
  address: string;
  failures: Generated<number>;
  blocked_until: Date | null;
  window_start: Date | null;
  updated_at: Generated<Date>;
}

export interface KnownDeviceTable {
  user_id: number;
  device_hash: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
}

export interface DB {
  org_unit: OrgUnitTable;
  org_unit_closure: OrgUnitClosureTable;
  org_unit_lineage: OrgUnitLineageTable;
  pillar: PillarTable;
  field: FieldTable;
  category: CategoryTable;
  category_option: CategoryOptionTable;
  indicator: IndicatorTable;
  data_value: DataValueTable;
  data_value_history: DataValueHistoryTable;
  app_user: AppUserTable;
  user_grant: UserGrantTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  login_throttle: LoginThrottleTable;
  known_device: KnownDeviceTable;
  audit_log: AuditLogTable;
  setting: SettingTable;
  notification: NotificationTable;
  notification_preference: NotificationPreferenceTable;
  schema_migration: { name: string; applied_at: Timestamp };
}
