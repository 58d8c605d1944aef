/** Applies the numbered SQL files in ./migrations that have not run yet, each in its own transaction. */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Database } from './database.js';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export async function migrate(database: Database): Promise<string[]> {
  await database.execScript(
    'CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const done = new Set(
    (await database.db.selectFrom('schema_migration').select('name').execute()).map((r) => r.name),
  );
  const files = (await readdir(DIR)).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  for (const file of files) {
    if (done.has(file)) continue;
    const text = await readFile(DIR + file, 'utf8');
    // BEGIN/COMMIT around the script: a failed migration leaves nothing behind
    await database.execScript(
      `BEGIN;\n${text}\n;INSERT INTO schema_migration (name) VALUES ('${file.replace(/'/g, "''")}');\nCOMMIT;`,
    );
    applied.push(file);
  }
  return applied;
}

export async function truncateAll(database: Database): Promise<void> {
  const rows = await sql<{ tablename: string }>`
    SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migration'`.execute(
    database.db,
  );
  if (rows.rows.length === 0) return;
  await database.execScript(
    `TRUNCATE ${rows.rows.map((r) => `"${r.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`,
  );
}
