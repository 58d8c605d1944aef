/** A tiny benchmark run: the harness works and the API and the hand-written SQL agree (no timing asserted). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDb } from '../src/test/harness.js';
import { type EngineResult, runBench } from './harness.js';

let db: TestDb;
let result: EngineResult;

beforeAll(async () => {
  db = await openTestDatabase();
  result = await runBench(db.database, db.kind, { scale: 0.012, runs: 2, warmup: 1, chunk: 5_000 });
}, 300_000);

afterAll(async () => {
  await db?.close();
});

describe('benchmark harness (tiny scale)', () => {
  it('imports the same rows through the API and by COPY', () => {
    expect(result.rows).toBeGreaterThan(1000);
    expect(result.indicators).toBe(12);
    expect(result.importApi.rowsPerSecond).toBeGreaterThan(0);
    expect(result.importCopy.rowsPerSecond).toBeGreaterThan(0);
  });

  it('re-imports the stored values with every one changed', () => {
    expect(result.updateApi.rows).toBe(result.rows);
    expect(result.updateApi.rowsPerSecond).toBeGreaterThan(0);
  });

  it('gets the same numbers from the API and the hand-written SQL', () => {
    expect(result.mismatches).toEqual([]);
    expect(result.overview.items).toBe(12);
    expect(result.byLevel.rows).toBeGreaterThan(1);
  });

  it('measures every query', () => {
    for (const t of [result.overview.api, result.overview.sql, result.byLevel.api, result.byLevel.sql])
      expect(t.p95).toBeGreaterThanOrEqual(t.p50);
  });
});
