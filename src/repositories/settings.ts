/** The `setting` table (key → JSON value): SQL only. */
import { sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';

type Target = Database | Tx;

/** The stored value of a setting (parsed JSON), or undefined. */
export async function getSetting<T = unknown>(t: Target, key: string): Promise<T | undefined> {
  const r = await t.db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value as T | undefined;
}

/** Stores a setting, replacing any value there. */
export async function putSetting(t: Target, key: string, value: unknown) {
  await sql`INSERT INTO setting (key, value, updated_at) VALUES (${key}, ${JSON.stringify(value)}::jsonb, now())
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`.execute(t.db);
}

/** Stores a setting unless one is there already (markers written once). */
export async function putSettingIfAbsent(t: Target, key: string, value: unknown) {
  await sql`INSERT INTO setting (key, value) VALUES (${key}, ${JSON.stringify(value)}::jsonb)
    ON CONFLICT (key) DO NOTHING`.execute(t.db);
}
