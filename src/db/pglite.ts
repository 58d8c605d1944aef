/** Embedded PostgreSQL (PGlite) adapter. One connection: every query goes through PGlite's own queue. */
import { PGlite, type Transaction } from '@electric-sql/pglite';
import {
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import { copyStatement, type Database, type Tx } from './database.js';
import type { DB } from './schema.js';
import { throwIfCancelled } from './workScope.js';

type Queryable = Pick<PGlite, 'query'> | Transaction;

class PGliteConnection implements DatabaseConnection {
  constructor(private readonly client: Queryable) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    // one connection for everything: work whose client has gone is not queued behind the rest
    throwIfCancelled();
    const result = await this.client.query<R>(compiled.sql, [...compiled.parameters]);
    return result.affectedRows !== undefined
      ? { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) }
      : { rows: result.rows };
  }
  // biome-ignore lint/correctness/useYield: streaming is not supported on PGlite
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming is not supported on PGlite');
  }
}

class PGliteDriver implements Driver {
  constructor(private readonly client: Queryable) {}
  async init() {}
  async acquireConnection() {
    return new PGliteConnection(this.client);
  }
  async beginTransaction(): Promise<void> {
    throw new Error('use Database.transaction(), not Kysely transactions');
  }
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

function kyselyOver(client: Queryable): Kysely<DB> {
  const dialect: Dialect = {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new PGliteDriver(client),
    createQueryCompiler: () => new PostgresQueryCompiler(),
    createIntrospector: (db) => new PostgresIntrospector(db),
  };
  return new Kysely<DB>({ dialect });
}

export async function openPglite(dataDir: string | undefined): Promise<Database> {
  const pg = await PGlite.create(dataDir ? { dataDir } : {});
  return {
    kind: 'pglite',
    db: kyselyOver(pg),
    async transaction(fn) {
      throwIfCancelled();
      return pg.transaction(async (t) => {
        const tx: Tx = {
          db: kyselyOver(t),
          async copyCsv(table, columns, csv) {
            throwIfCancelled();
            const r = await t.query(copyStatement(table, columns, "'/dev/blob'"), [], {
              blob: new Blob([csv]),
            });
            return r.affectedRows ?? 0;
          },
        };
        return fn(tx);
      });
    },
    async execScript(sql) {
      await pg.exec(sql);
    },
    async close() {
      await pg.close();
    },
  };
}
