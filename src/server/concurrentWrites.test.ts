/**
 * Concurrent writers on the same keys: 50 requests write the same 10 values in differing orders at
 * once. None may fail (no deadlock reaching the client as a 5xx), and the change history of every
 * key stays an unbroken chain: each row's "before" is the previous row's "after", and the stored
 * value is the last row's "after". Real concurrency on PostgreSQL; PGlite serialises, and must agree.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../config.js';
import type { TestApp } from '../test/harness.js';
import { startWith } from '../test/setup.js';

const COMMUNES = Array.from({ length: 10 }, (_, i) => String(26000 + i));
const UNITS_CSV = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
725,Thuận An,Thành phố,2,74
${COMMUNES.map((c, i) => `${c},Phường ${i},Phường,3,725`).join('\n')}
`;
const WRITERS = 50;
const PERIOD = '2024M06';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  ({ t, admin } = await startWith({
    // the database under 50 writers at once, not admission control (src/server/admission.test.ts)
    config: { admission: { ...DEFAULT_LIMITS, write: { concurrency: WRITERS, queue: 0, maxWaitMs: 0 } } },
    units: UNITS_CSV,
    indicators: [
      {
        code: 'RACE',
        name: 'Chỉ tiêu ghi đồng thời',
        valueType: 'number',
        aggregation: 'sum',
        pillar: 'government',
        frequency: 'month',
      },
    ],
  }));
}, 60_000);

afterAll(async () => {
  await t?.close();
});

/** A deterministic shuffle, different for each writer. */
function order(w: number): string[] {
  const keys = [...COMMUNES];
  if (w % 2 === 1) keys.reverse();
  let s = w * 7919 + 1;
  if (w % 3 === 0)
    for (let k = keys.length - 1; k > 0; k--) {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      const j = s % (k + 1);
      [keys[k], keys[j]] = [keys[j], keys[k]];
    }
  return keys;
}

describe('concurrent writers on the same keys', () => {
  it('never fail and keep every key’s history an unbroken chain', async () => {
    // half of the keys are stored beforehand; the other half are created by the race itself
    const seed = await t.request({
      method: 'POST',
      url: '/api/data-values',
      headers: admin,
      payload: {
        values: COMMUNES.slice(0, 5).map((c, k) => ({
          indicator: 'RACE',
          orgUnit: c,
          period: PERIOD,
          value: -k,
        })),
      },
    });
    expect(seed.statusCode).toBe(200);
    expect(seed.json().imported).toBe(5);

    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, w) =>
        t.request({
          method: 'POST',
          url: '/api/data-values',
          headers: admin,
          payload: {
            values: order(w).map((c) => ({
              indicator: 'RACE',
              orgUnit: c,
              period: PERIOD,
              value: (w + 1) * 100 + COMMUNES.indexOf(c),
            })),
          },
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    const failed = results
      .filter((r) => r.statusCode !== 200)
      .map((r) => `${r.statusCode} ${r.body.slice(0, 200)}`);
    expect(failed).toEqual([]);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const totals = results.reduce(
      (acc, r) => {
        const b = r.json();
        acc.imported += b.imported;
        acc.updated += b.updated;
        acc.unchanged += b.unchanged;
        return acc;
      },
      { imported: 0, updated: 0, unchanged: 0 },
    );
    // every writer's values differ from every other writer's: each write is a change
    expect(totals).toEqual({ imported: 5, updated: WRITERS * 10 - 5, unchanged: 0 });

    const stored = await sql<{ org_unit_id: number; code: string; value: number }>`
      SELECT d.org_unit_id, u.code, d.value FROM data_value d JOIN org_unit u ON u.id = d.org_unit_id
      JOIN indicator i ON i.id = d.indicator_id WHERE i.code = 'RACE'`.execute(t.database.db);
    expect(stored.rows).toHaveLength(10);
    const hist = await sql<{ org_unit_id: number; old_value: number | null; new_value: number | null }>`
      SELECT h.org_unit_id, h.old_value, h.new_value FROM data_value_history h
      JOIN indicator i ON i.id = h.indicator_id WHERE i.code = 'RACE' ORDER BY h.id`.execute(t.database.db);
    const broken: string[] = [];
    for (const s of stored.rows) {
      const k = COMMUNES.indexOf(s.code);
      const chain = hist.rows.filter((h) => h.org_unit_id === s.org_unit_id);
      expect(chain.length, s.code).toBe(k < 5 ? WRITERS : WRITERS - 1);
      if (k < 5 && chain[0].old_value !== -k)
        broken.push(`${s.code}#0: before ${chain[0].old_value}, seed ${-k}`);
      for (let n = 1; n < chain.length; n++)
        if (chain[n].old_value !== chain[n - 1].new_value)
          broken.push(
            `${s.code}#${n}: before ${chain[n].old_value}, previous after ${chain[n - 1].new_value}`,
          );
      if (chain[chain.length - 1].new_value !== s.value)
        broken.push(`${s.code}: stored ${s.value}, last after ${chain[chain.length - 1].new_value}`);
    }
    expect(broken).toEqual([]);
  }, 120_000);
});
