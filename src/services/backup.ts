/**
 * Backup and restore of the whole database, the same on PGlite and PostgreSQL.
 *
 * Format: gzip of JSON lines — a header `{"format":"chiso-backup","version":1,"migrations",
 * "tables":[{name,columns}]}`, then per table `{"table":name}` followed by one JSON array per row
 * (every value as PostgreSQL's text form, or null), and a final `{"done":true,"rows":{table:n}}`.
 * The dump reads every table (parents first) in one read-only repeatable-read transaction, so it is
 * a consistent snapshot while the server keeps running. Restore checks the file is complete and of
 * the same schema (migrations), then in ONE transaction truncates every table, COPYs the rows back
 * and resets the sequences: it either replaces everything or changes nothing.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database } from '../db/index.js';
import * as repo from '../repositories/backup.js';

export const BACKUP_FORMAT = 'chiso-backup';
export const BACKUP_VERSION = 1;

export interface BackupSummary {
  file: string;
  tables: number;
  rows: Record<string, number>;
  bytes?: number;
}

/** Writes a backup of every table to `file` (gzip JSON lines); written to a temporary name, then renamed. */
export async function backup(database: Database, file: string): Promise<BackupSummary> {
  const tmp = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const out = createWriteStream(tmp);
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(out);
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await once(gzip, 'drain');
  };
  const rows: Record<string, number> = {};
  let tables: repo.TableInfo[] = [];
  try {
    await database.transaction(async (tx) => {
      await repo.snapshot(tx);
      tables = await repo.tables(tx);
      await write(
        JSON.stringify({
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: new Date().toISOString(),
          engine: database.kind,
          migrations: await repo.migrationNames(tx),
          tables,
        }),
      );
      for (const t of tables) {
        await write(JSON.stringify({ table: t.name }));
        let n = 0;
        for await (const page of repo.readTable(tx, t)) {
          for (const r of page) await write(JSON.stringify(r));
          n += page.length;
        }
        rows[t.name] = n;
      }
      await write(JSON.stringify({ done: true, rows }));
    });
    gzip.end();
    await done;
    await rename(tmp, file);
  } catch (e) {
    gzip.destroy();
    out.destroy();
    await unlink(tmp).catch(() => {});
    throw e;
  }
  return { file, tables: tables.length, rows };
}

/** PostgreSQL CSV for COPY: null → unquoted empty (NULL), every string quoted (so '' stays ''). */
function copyCsv(rows: (string | null)[][]): string {
  let out = '';
  for (const r of rows) {
    out += r.map((v) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`)).join(',');
    out += '\n';
  }
  return out;
}

export class BackupError extends Error {}

async function* lines(file: string): AsyncGenerator<string> {
  const rl = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) if (line) yield line;
}

interface Header {
  format: string;
  version: number;
  migrations: string[];
  tables: repo.TableInfo[];
}

/** Reads the header and checks the file ends with its completion marker (a cut-off file is refused). */
async function inspect(file: string): Promise<{ header: Header; rows: Record<string, number> }> {
  let header: Header | undefined;
  let last = '';
  try {
    for await (const line of lines(file)) {
      if (!header) header = JSON.parse(line) as Header;
      last = line;
    }
  } catch (e) {
    throw new BackupError(`unreadable backup file ${file}: ${(e as Error).message}`);
  }
  if (!header || header.format !== BACKUP_FORMAT) throw new BackupError(`${file} is not a chiso backup`);
  if (header.version !== BACKUP_VERSION)
    throw new BackupError(`unsupported backup version ${header.version}`);
  const end = JSON.parse(last) as { done?: boolean; rows?: Record<string, number> };
  if (!end.done || !end.rows) throw new BackupError(`${file} is incomplete (no end marker)`);
  return { header, rows: end.rows };
}

/**
 * Replaces the whole database with the backup in `file`, in one transaction. The database must be
 * at the same schema version (run the same chiso version that made the backup).
 */
export async function restore(database: Database, file: string): Promise<BackupSummary> {
  const { header, rows: expected } = await inspect(file);
  const here = await repo.migrationNames(database);
  if (JSON.stringify(here) !== JSON.stringify(header.migrations))
    throw new BackupError(
      `schema differs: backup has migrations [${header.migrations.join(', ')}], this database [${here.join(', ')}]`,
    );
  const targetTables = new Map((await repo.tables(database)).map((t) => [t.name, t]));
  for (const t of header.tables) {
    const target = targetTables.get(t.name);
    if (!target) throw new BackupError(`table ${t.name} of the backup does not exist here`);
    const missing = t.columns.filter((c) => !target.columns.includes(c));
    if (missing.length)
      throw new BackupError(`table ${t.name}: columns ${missing.join(', ')} do not exist here`);
  }
  const counts: Record<string, number> = {};
  await database.transaction(async (tx) => {
    // schema_migration stays as it is (the same, checked above)
    // derived tables (the values' rollup) are restored from the file: their triggers stay off while loading
    const triggers = await repo.derivedTriggers(tx);
    await repo.setTriggers(tx, triggers, false);
    await repo.truncate(
      tx,
      [...targetTables.keys()].filter((n) => n !== 'schema_migration'),
    );
    let table: repo.TableInfo | undefined;
    let page: (string | null)[][] = [];
    const flush = async () => {
      if (!table || page.length === 0) return;
      await tx.copyCsv(table.name, table.columns, copyCsv(page));
      counts[table.name] = (counts[table.name] ?? 0) + page.length;
      page = [];
    };
    let first = true;
    for await (const line of lines(file)) {
      if (first) {
        first = false;
        continue;
      }
      if (line.startsWith('[')) {
        if (!table) throw new BackupError('row before any table');
        if (table.name !== 'schema_migration') page.push(JSON.parse(line) as (string | null)[]);
        if (page.length >= 5000) await flush();
        continue;
      }
      await flush();
      const marker = JSON.parse(line) as { table?: string; done?: boolean };
      if (marker.table) {
        table = header.tables.find((t) => t.name === marker.table);
        if (!table) throw new BackupError(`unknown table ${marker.table}`);
        counts[table.name] = 0;
      }
    }
    await flush();
    for (const [name, n] of Object.entries(expected))
      if (name !== 'schema_migration' && (counts[name] ?? 0) !== n)
        throw new BackupError(`table ${name}: ${counts[name] ?? 0} rows read, ${n} expected`);
    await repo.setTriggers(tx, triggers, true);
    await repo.resetSequences(tx);
  });
  return { file, tables: header.tables.length, rows: counts };
}
