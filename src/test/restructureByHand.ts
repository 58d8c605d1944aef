/**
 * TEST STAND-IN, TO BE REPLACED: applies a unit list as a restructuring effective on a date straight
 * in SQL, until `POST /api/org-units/import?effective=` (the lead's restructuring import) is on main.
 * Then the callers (src/server/lineage.test.ts) switch to that endpoint and this file goes.
 *
 * What it does, the rule of the issue in its simplest form: every administrative unit valid on D−1
 * that the file does not carry on (same code, level, kind and parent, the parent carried on too) is
 * closed on D−1; every unit of the file not carried on gets a new version from D; then the tree is
 * rebuilt. Non-territorial units are not handled (the real national lists have none).
 */
import { sql } from 'kysely';
import type { Database } from '../db/index.js';
import { kindFromVietnameseType } from '../domain/catalog.js';
import { isProblem, readCsv } from '../domain/csv.js';
import { foldText } from '../domain/text.js';
import { dayBefore } from '../domain/unitVersions.js';
import { rebuildTree } from '../repositories/orgUnits.js';

const ADMIN_KINDS = ['province', 'district', 'commune'];

export async function restructureByHand(database: Database, csv: string, effective: string) {
  const table = readCsv(csv, ['code', 'name', 'type', 'level', 'parent_code']);
  if (isProblem(table)) throw new Error(`restructureByHand: ${table.kind}`);
  const before = dayBefore(effective);
  const rows = table.rows
    .map(({ cells }) => ({
      code: cells.code as string,
      name: cells.name as string,
      type: cells.type as string,
      level: Number(cells.level),
      parentCode: cells.parent_code || null,
      kind: kindFromVietnameseType(cells.type as string, Number(cells.level)) as string,
    }))
    .sort((a, b) => a.level - b.level);
  await database.transaction(async (tx) => {
    const old = await sql<{
      id: number;
      code: string;
      level: number;
      kind: string;
      parentCode: string | null;
    }>`
      SELECT u.id, u.code, u.level, u.kind, p.code AS "parentCode"
      FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id
      WHERE u.kind = ANY(${ADMIN_KINDS}::text[])
        AND (u.valid_from IS NULL OR u.valid_from <= ${before}::date)
        AND (u.valid_to IS NULL OR u.valid_to >= ${before}::date)`.execute(tx.db);
    const oldBy = new Map(old.rows.map((u) => [u.code, u]));
    const carried = new Set<string>();
    for (const r of rows) {
      const o = oldBy.get(r.code);
      const parentCarried = r.parentCode === null || carried.has(r.parentCode);
      if (o && o.level === r.level && o.kind === r.kind && o.parentCode === r.parentCode && parentCarried)
        carried.add(r.code);
    }
    const closing = old.rows.filter((u) => !carried.has(u.code)).map((u) => u.id);
    await sql`UPDATE org_unit SET valid_to = ${before}::date WHERE id = ANY(${closing}::int[])`.execute(
      tx.db,
    );
    const fresh = rows.filter((r) => !carried.has(r.code));
    await sql`INSERT INTO org_unit (code, name, name_search, kind, type, level, valid_from)
      SELECT * FROM unnest(${fresh.map((r) => r.code)}::text[], ${fresh.map((r) => r.name)}::text[],
        ${fresh.map((r) => foldText(r.name))}::text[], ${fresh.map((r) => r.kind)}::text[],
        ${fresh.map((r) => r.type)}::text[], ${fresh.map((r) => r.level)}::smallint[],
        array_fill(${effective}::date, ARRAY[${fresh.length}::int]))`.execute(tx.db);
    await sql`UPDATE org_unit o SET parent_id = p.id
      FROM unnest(${fresh.map((r) => r.code)}::text[], ${fresh.map((r) => r.parentCode)}::text[]) AS f(code, parent_code)
      JOIN org_unit p ON p.code = f.parent_code
        AND (p.valid_from IS NULL OR p.valid_from <= ${effective}::date)
        AND (p.valid_to IS NULL OR p.valid_to >= ${effective}::date)
      WHERE o.code = f.code AND o.valid_from = ${effective}::date`.execute(tx.db);
    await rebuildTree(tx);
  });
}
