/**
 * The storage interface every repository uses. Two adapters implement it: embedded PGlite
 * (./pglite.ts) and PostgreSQL over `pg` (./postgres.ts). SQL lives in src/repositories only.
 */
import type { Kysely } from 'kysely';
import type { DB } from './schema.js';

export type DatabaseKind = 'pglite' | 'postgresql';

/** What a transaction offers: the query builder bound to it, and COPY inside it. */
export interface Tx {
  db: Kysely<DB>;
  /** Bulk-load CSV text (no header) into `table (columns)` by COPY; returns the row count. */
  copyCsv(table: string, columns: string[], csv: string): Promise<number>;
}

export interface Database {
  kind: DatabaseKind;
  /** Queries outside a transaction. Never call `db.transaction()`: use `transaction()` below. */
  db: Kysely<DB>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a multi-statement SQL script (migrations, backups). */
  execScript(sql: string): Promise<void>;
  /** Cancels the statements this database's own connections are running (shutdown); how many. PostgreSQL only. */
  cancelRunning?(): Promise<number>;
  /** Cancels what is still running, then closes. */
  close(): Promise<void>;
}

/** Quote an SQL identifier we build ourselves (table and column names in COPY). */
export function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad identifier: ${name}`);
  return `"${name}"`;
}

export function copyStatement(table: string, columns: string[], source: 'STDIN' | "'/dev/blob'"): string {
  return `COPY ${ident(table)} (${columns.map(ident).join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}
