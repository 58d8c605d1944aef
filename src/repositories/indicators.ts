/** Indicators (chỉ tiêu), pillars, fields and disaggregation categories: SQL only. */
import { type Selectable, sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';
import type { IndicatorTable } from '../db/schema.js';

export interface IndicatorRow {
  id: number;
  code: string;
  name: string;
  nameEn: string;
  definition: string | null;
  definitionEn: string | null;
  unit: string;
  pillar: string;
  field: string | null;
  valueType: string;
  aggregation: string;
  timeAggregation: string;
  polarity: string;
  frequency: string;
  ratioScale: number;
  decimals: number | null;
  ownerUnitId: number | null;
  owner: string | null;
  ownerName: string | null;
  source: string | null;
  reportingKinds: string[];
  category: string | null;
  formula: string | null;
  published: boolean;
}

const baseSelect = (database: Database | Tx) =>
  database.db
    .selectFrom('indicator as i')
    .leftJoin('org_unit as o', 'o.id', 'i.owner_unit_id')
    .select([
      'i.id',
      'i.code',
      'i.name',
      'i.name_en as nameEn',
      'i.definition',
      'i.definition_en as definitionEn',
      'i.unit',
      'i.pillar',
      'i.field',
      'i.value_type as valueType',
      'i.aggregation',
      'i.time_aggregation as timeAggregation',
      'i.polarity',
      'i.frequency',
      'i.ratio_scale as ratioScale',
      'i.decimals',
      'i.owner_unit_id as ownerUnitId',
      'o.code as owner',
      'o.name as ownerName',
      'i.source',
      'i.reporting_kinds as reportingKinds',
      'i.category_code as category',
      'i.formula',
      'i.published',
    ]);

export function findByCode(database: Database | Tx, code: string): Promise<IndicatorRow | undefined> {
  return baseSelect(database).where('i.code', '=', code).executeTakeFirst();
}

export function findByCodes(database: Database | Tx, codes: string[]): Promise<IndicatorRow[]> {
  if (codes.length === 0) return Promise.resolve([]);
  return baseSelect(database).where('i.code', '=', sql<string>`ANY(${codes}::text[])`).execute();
}

export function all(database: Database): Promise<IndicatorRow[]> {
  return baseSelect(database).orderBy('i.code').execute();
}

export interface IndicatorQuery {
  q?: string; // LIKE pattern on folded text
  pillar?: string;
  field?: string;
  owner?: string;
  frequency?: string;
  published?: boolean;
  limit: number;
  offset: number;
}

export async function list(database: Database, q: IndicatorQuery) {
  let query = baseSelect(database);
  if (q.q) {
    const pattern = q.q;
    query = query.where((eb) =>
      eb.or([eb('i.name_search', 'like', pattern), eb(sql`lower(i.code)`, 'like', pattern)]),
    );
  }
  if (q.pillar) query = query.where('i.pillar', '=', q.pillar);
  if (q.field) query = query.where('i.field', '=', q.field);
  if (q.owner) query = query.where('o.code', '=', q.owner);
  if (q.frequency) query = query.where('i.frequency', '=', q.frequency);
  if (q.published !== undefined) query = query.where('i.published', '=', q.published);
  const [total, items] = await Promise.all([
    query.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    query.orderBy('i.pillar').orderBy('i.code').limit(q.limit).offset(q.offset).execute(),
  ]);
  return { total: total.n, items };
}

/** The stored columns of an indicator but its id, publication flag and timestamps. */
export type IndicatorWrite = Omit<
  Selectable<IndicatorTable>,
  'id' | 'published' | 'created_at' | 'updated_at'
>;

export async function insert(target: Database | Tx, w: IndicatorWrite) {
  return target.db.insertInto('indicator').values(w).returning('id').executeTakeFirstOrThrow();
}

export async function update(target: Database | Tx, code: string, w: Partial<IndicatorWrite>) {
  await target.db
    .updateTable('indicator')
    .set({ ...w, updated_at: sql`now()` })
    .where('code', '=', code)
    .execute();
}

export async function setPublished(target: Database | Tx, code: string, published: boolean) {
  await target.db
    .updateTable('indicator')
    .set({ published, updated_at: sql`now()` })
    .where('code', '=', code)
    .execute();
}

export function pillars(database: Database) {
  return database.db
    .selectFrom('pillar')
    .select(['code', 'name', 'name_en as nameEn'])
    .orderBy('sort')
    .execute();
}

export function fields(database: Database) {
  return database.db
    .selectFrom('field')
    .select(['code', 'name', 'name_en as nameEn'])
    .orderBy('code')
    .execute();
}

export async function upsertPillar(
  target: Database | Tx,
  p: { code: string; name: string; name_en: string; sort: number },
) {
  await target.db
    .insertInto('pillar')
    .values(p)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: p.name, name_en: p.name_en, sort: p.sort }))
    .execute();
}

export async function upsertField(target: Database | Tx, f: { code: string; name: string; name_en: string }) {
  await target.db
    .insertInto('field')
    .values(f)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: f.name, name_en: f.name_en }))
    .execute();
}

export async function upsertCategory(
  target: Database | Tx,
  c: {
    code: string;
    name: string;
    name_en: string;
    /** dhis2_code: the DHIS2 category option combo (UID or code) the option stands for; undefined leaves it */
    options: Array<{ code: string; name: string; name_en: string; dhis2_code?: string | null }>;
  },
) {
  await target.db
    .insertInto('category')
    .values({ code: c.code, name: c.name, name_en: c.name_en })
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: c.name, name_en: c.name_en }))
    .execute();
  let sort = 0;
  for (const o of c.options) {
    await target.db
      .insertInto('category_option')
      .values({
        category_code: c.code,
        code: o.code,
        name: o.name,
        name_en: o.name_en,
        sort: sort++,
        ...(o.dhis2_code !== undefined ? { dhis2_code: o.dhis2_code } : {}),
      })
      .onConflict((oc) =>
        oc.columns(['category_code', 'code']).doUpdateSet({
          name: o.name,
          name_en: o.name_en,
          ...(o.dhis2_code !== undefined ? { dhis2_code: o.dhis2_code } : {}),
        }),
      )
      .execute();
  }
}

export function categoryOptions(database: Database | Tx) {
  return database.db
    .selectFrom('category_option')
    .select([
      'id',
      'category_code as category',
      'code',
      'name',
      'name_en as nameEn',
      'dhis2_code as dhis2Code',
    ])
    .orderBy('category_code')
    .orderBy('sort')
    .execute();
}

export function categories(database: Database) {
  return database.db
    .selectFrom('category')
    .select(['code', 'name', 'name_en as nameEn'])
    .orderBy('code')
    .execute();
}

/**
 * The values stored for an indicator (drafts included), counted per kind of the unit holding them.
 * Used before a change to the indicator that could orphan them (frequency, value type…). The
 * province list lets the primary key (province_id, indicator_id, …) serve the lookup.
 */
export async function storedValuesByKind(
  database: Database | Tx,
  indicatorId: number,
): Promise<Array<{ kind: string; n: number }>> {
  return database.db
    .selectFrom('data_value as d')
    .innerJoin('org_unit as u', 'u.id', 'd.org_unit_id')
    .select(['u.kind', sql<number>`count(*)::int`.as('n')])
    .where(
      'd.province_id',
      'in',
      database.db
        .selectFrom('org_unit')
        .select('province_id')
        .distinct()
        .where('province_id', 'is not', null),
    )
    .where('d.indicator_id', '=', indicatorId)
    .groupBy('u.kind')
    .orderBy('u.kind')
    .execute();
}
