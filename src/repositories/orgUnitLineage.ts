/** Lineage between unit versions across a restructuring (org_unit_lineage): SQL only. */
import { sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';

export interface LineageInsert {
  effective: string;
  newUnitId: number;
  oldUnitId: number;
  kind: 'full' | 'partial';
  share: number;
  shareMethod: 'given' | 'equal' | 'population' | 'area';
}

export interface LineageRow {
  id: number;
  effective: string;
  kind: 'full' | 'partial';
  share: number;
  shareMethod: LineageInsert['shareMethod'];
  newUnitId: number;
  newCode: string;
  newName: string;
  newValidFrom: string | null;
  newValidTo: string | null;
  oldUnitId: number;
  oldCode: string;
  oldName: string;
  oldValidFrom: string | null;
  oldValidTo: string | null;
}

/**
 * Serialises lineage imports (each checks shares and cycles against the stored rows, then writes):
 * a mode that conflicts with itself and with writers, not with readers. Held to the end of `tx`.
 */
export async function lockLineage(tx: Tx) {
  await sql`LOCK TABLE org_unit_lineage IN SHARE ROW EXCLUSIVE MODE`.execute(tx.db);
}

export async function insertLineage(tx: Tx, rows: LineageInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  const r = await sql<{ n: number }>`
    WITH ins AS (
      INSERT INTO org_unit_lineage (effective, new_unit_id, old_unit_id, kind, share, share_method)
      SELECT * FROM unnest(${rows.map((x) => x.effective)}::date[], ${rows.map((x) => x.newUnitId)}::int[],
        ${rows.map((x) => x.oldUnitId)}::int[], ${rows.map((x) => x.kind)}::text[],
        ${rows.map((x) => x.share)}::float8[], ${rows.map((x) => x.shareMethod)}::text[])
      ON CONFLICT (old_unit_id, new_unit_id) DO UPDATE SET kind = EXCLUDED.kind, share = EXCLUDED.share,
        share_method = EXCLUDED.share_method, effective = EXCLUDED.effective
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`.execute(tx.db);
  return r.rows[0]?.n ?? 0;
}

const select = sql`
  SELECT l.id, to_char(l.effective, 'YYYY-MM-DD') AS effective, l.kind, l.share, l.share_method AS "shareMethod",
    n.id AS "newUnitId", n.code AS "newCode", n.name AS "newName",
    to_char(n.valid_from, 'YYYY-MM-DD') AS "newValidFrom", to_char(n.valid_to, 'YYYY-MM-DD') AS "newValidTo",
    o.id AS "oldUnitId", o.code AS "oldCode", o.name AS "oldName",
    to_char(o.valid_from, 'YYYY-MM-DD') AS "oldValidFrom", to_char(o.valid_to, 'YYYY-MM-DD') AS "oldValidTo"
  FROM org_unit_lineage l JOIN org_unit n ON n.id = l.new_unit_id JOIN org_unit o ON o.id = l.old_unit_id`;

/** Lineage rows touching any of these versions, on either side. */
export async function lineageOf(database: Database | Tx, unitIds: number[]): Promise<LineageRow[]> {
  if (unitIds.length === 0) return [];
  const r = await sql<LineageRow>`${select}
    WHERE l.new_unit_id = ANY(${unitIds}::int[]) OR l.old_unit_id = ANY(${unitIds}::int[])
    ORDER BY l.effective, n.code, o.code`.execute(database.db);
  return r.rows;
}

/** Every lineage row (for mapping history between geographies). */
export async function allLineage(database: Database | Tx): Promise<LineageRow[]> {
  const r = await sql<LineageRow>`${select} ORDER BY l.effective, n.code, o.code`.execute(database.db);
  return r.rows;
}

export async function countLineage(database: Database | Tx): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM org_unit_lineage`.execute(database.db);
  return r.rows[0]?.n ?? 0;
}

export interface SuccessorRow {
  id: number;
  code: string;
  name: string;
  level: number;
  kind: string;
  validFrom: string | null;
  validTo: string | null;
  /** Every link on the way is whole. */
  whole: boolean;
  /** The effective date of the last link. */
  effective: string;
}

/** The versions a unit became, through every later restructuring (excluding itself). */
export async function successorsOf(database: Database | Tx, unitId: number): Promise<SuccessorRow[]> {
  const r = await sql<SuccessorRow>`
    WITH RECURSIVE s(id, whole, effective, depth) AS (
      SELECT l.new_unit_id, l.kind = 'full', l.effective, 1 FROM org_unit_lineage l
      WHERE l.old_unit_id = ${unitId} AND l.new_unit_id <> l.old_unit_id
      UNION
      SELECT l.new_unit_id, s.whole AND l.kind = 'full', l.effective, s.depth + 1
      FROM s JOIN org_unit_lineage l ON l.old_unit_id = s.id AND l.new_unit_id <> l.old_unit_id
      WHERE s.depth < 20)
    SELECT DISTINCT ON (u.id) u.id, u.code, u.name, u.level, u.kind,
      to_char(u.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(u.valid_to, 'YYYY-MM-DD') AS "validTo",
      s.whole, to_char(s.effective, 'YYYY-MM-DD') AS effective
    FROM s JOIN org_unit u ON u.id = s.id
    ORDER BY u.id, s.whole DESC`.execute(database.db);
  return r.rows;
}
