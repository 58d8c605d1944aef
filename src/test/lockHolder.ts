/**
 * A child process for src/db/postgresSessions.test.ts: opens the database as the server does
 * (DATABASE_URL, the CHISO_* connection limits), takes the row lock of every stored value of
 * indicator 1 in a transaction, says "locked", then sleeps inside that transaction until killed.
 */
import { sql } from 'kysely';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/index.js';

const config = loadConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, session: config.dbSession });
await database.transaction(async (tx) => {
  await sql`UPDATE data_value SET value = -1 WHERE indicator_id = 1`.execute(tx.db);
  process.stdout.write('locked\n');
  await sql`SELECT pg_sleep(3600)`.execute(tx.db);
});
