/** Whole-database dump and restore: SQL only (catalogue queries, cursors, truncate, sequences). */
import { sql } from 'kysely';
import { type Database, ident, type Tx } from '../db/database.js';

export interface TableInfo {
  name: string;
  columns: string[];
}

/** The base tables of the current schema with their columns, parents before children (foreign keys). */
export async function tables(target: Database | Tx): Promise<TableInfo[]> {
  const cols = await sql<{ table_name: string; column_name: string }>`
    SELECT c.table_name, c.column_name
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name, c.ordinal_position`.execute(target.db);
  const fks = await sql<{ child: string; parent: string }>`
    SELECT cl.relname AS child, pl.relname AS parent
    FROM pg_constraint k
    JOIN pg_class cl ON cl.oid = k.conrelid
    JOIN pg_class pl ON pl.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE k.contype = 'f' AND n.nspname = current_schema()`.execute(target.db);
  const byTable = new Map<string, string[]>();
  for (const r of cols.rows) {
    const list = byTable.get(r.table_name) ?? [];
    list.push(r.column_name);
    byTable.set(r.table_name, list);
  }
  const names = [...byTable.keys()].sort();
  const parents = new Map(names.map((n) => [n, new Set<string>()]));
  for (const f of fks.rows) if (f.child !== f.parent) parents.get(f.child)?.add(f.parent);
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, stack: Set<string>) => {
    if (seen.has(n) || stack.has(n)) return;
    stack.add(n);
    for (const p of [...(parents.get(n) ?? [])].sort()) visit(p, stack);
    stack.delete(n);
    seen.add(n);
    ordered.push(n);
  };
  for (const n of names) visit(n, new Set());
  return ordered.map((name) => ({ name, columns: byTable.get(name)! }));
}

/** Reads a table in pages through a cursor (inside the caller's transaction); every value as text. */
export async function* readTable(
  tx: Tx,
  table: TableInfo,
  pageSize = 5000,
): AsyncGenerator<(string | null)[][]> {
  const select = table.columns.map((c, i) => `${ident(c)}::text AS c${i}`).join(', ');
  const cursor = `backup_${table.name}`;
  await sql
    .raw(`DECLARE ${ident(cursor)} NO SCROLL CURSOR FOR SELECT ${select} FROM ${ident(table.name)}`)
    .execute(tx.db);
  try {
    for (;;) {
      const r = await sql
        .raw<Record<string, string | null>>(`FETCH ${pageSize} FROM ${ident(cursor)}`)
        .execute(tx.db);
      if (r.rows.length === 0) break;
      yield r.rows.map((row) => table.columns.map((_c, i) => row[`c${i}`] ?? null));
      if (r.rows.length < pageSize) break;
    }
  } finally {
    await sql.raw(`CLOSE ${ident(cursor)}`).execute(tx.db);
  }
}

/** A consistent snapshot for the whole dump (first statement of the transaction). */
export async function snapshot(tx: Tx) {
  await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY`.execute(tx.db);
}

export async function truncate(tx: Tx, names: string[]) {
  if (names.length === 0) return;
  await sql.raw(`TRUNCATE ${names.map(ident).join(', ')} RESTART IDENTITY CASCADE`).execute(tx.db);
}

/**
 * The schema's plain triggers (not foreign keys, not constraint triggers): those that keep derived
 * tables (the rollup of migration 012). A restore switches them off while it loads, since the
 * derived tables come back from the file as they were.
 */
export async function derivedTriggers(tx: Tx): Promise<Array<{ table: string; name: string }>> {
  const r = await sql<{ table: string; name: string }>`
    SELECT c.relname AS "table", t.tgname AS name
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND t.tgconstraint = 0
    ORDER BY 1, 2`.execute(tx.db);
  return r.rows;
}

export async function setTriggers(
  tx: Tx,
  triggers: Array<{ table: string; name: string }>,
  enabled: boolean,
) {
  for (const t of triggers)
    await sql
      .raw(`ALTER TABLE ${ident(t.table)} ${enabled ? 'ENABLE' : 'DISABLE'} TRIGGER ${ident(t.name)}`)
      .execute(tx.db);
}

/** Sets every serial/identity sequence of the schema past the largest value in its column. */
export async function resetSequences(tx: Tx) {
  const seqs = await sql<{ table_name: string; column_name: string; seq: string }>`
    SELECT c.table_name, c.column_name, pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) AS seq
    FROM information_schema.columns c
    WHERE c.table_schema = current_schema()
      AND pg_get_serial_sequence(quote_ident(c.table_name), c.column_name) IS NOT NULL`.execute(tx.db);
  for (const s of seqs.rows) {
    await sql
      .raw(
        `SELECT setval('${s.seq.replace(/'/g, "''")}', coalesce((SELECT max(${ident(s.column_name)}) FROM ${ident(s.table_name)}), 0) + 1, false)`,
      )
      .execute(tx.db);
  }
}

/** Row count and an order-independent checksum of every table (to prove a round trip loses nothing). */
export async function checksums(database: Database): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of await tables(database)) {
    const r = await sql
      .raw<{ n: number; h: string | null }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(md5(x::text), '' ORDER BY md5(x::text)), '')) AS h FROM ${ident(t.name)} x`,
      )
      .execute(database.db);
    out[t.name] = { rows: r.rows[0].n, md5: r.rows[0].h ?? '' };
  }
  return out;
}

export async function migrationNames(target: Database | Tx): Promise<string[]> {
  const r = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(target.db);
  return r.rows.map((x) => x.name);
}
