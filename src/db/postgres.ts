/** PostgreSQL adapter over `pg`, with COPY through pg-copy-streams. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyStatement, type Database, type Tx } from './database.js';
import type { DB } from './schema.js';

// int8 (counts) as numbers; numeric stays text unless cast.
pg.types.setTypeParser(20, (v) => Number(v));
// dates as plain YYYY-MM-DD strings
pg.types.setTypeParser(1082, (v) => v);

export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.CHISO_DB_POOL ?? 10) });
  // fail fast with a clear error when the server is not there
  const probe = await pool.connect();
  probe.release();
  return {
    kind: 'postgresql',
    db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }),
    async transaction(fn) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query('BEGIN');
        const view = { query: client.query.bind(client), release: () => {} };
        const single = { connect: async () => view, end: async () => {} };
        const tx: Tx = {
          db: new Kysely<DB>({ dialect: new PostgresDialect({ pool: single as unknown as pg.Pool }) }),
          async copyCsv(table, columns, csv) {
            const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
            await pipeline(Readable.from([csv]), stream);
            return Number(stream.rowCount ?? 0);
          },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        try {
          await client.query('ROLLBACK');
        } catch {
          broken = true;
        }
        throw err;
      } finally {
        // a client whose rollback failed is not returned to the pool
        client.release(broken);
      }
    },
    async execScript(sql) {
      await pool.query(sql);
    },
    async close() {
      await pool.end();
    },
  };
}
