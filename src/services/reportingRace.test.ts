/**
 * Save, submit, approve, return and unlock of one report (form, unit, period) are serialised and
 * each is all-or-nothing (services/reporting/entry.ts withReportLock): a save racing a submit never
 * leaves a submitted report with draft values, and the first saves of a new period, sent at once,
 * all succeed. Runs on the configured database (PGlite, or PostgreSQL with DATABASE_URL); the races
 * only show on PostgreSQL, where requests really run side by side.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePeriod, periodId } from '../domain/period.js';
import * as users from '../repositories/users.js';
import { startTestApp, type TestApp } from '../test/harness.js';
import { createMonthlyForm } from '../test/setup.js';
import { hashPassword } from './auth.js';

const PASSWORD = 'race-Pass-12345';
let t: TestApp;
let admin: Record<string, string>;
let reporter: Record<string, string>;
let unitId: number;

const UNITS = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
725,Thuận An,Thành phố,2,74
`;

const save = (period: string, value: number) =>
  t.request({
    method: 'PUT',
    url: `/api/forms/BCR/entry?orgUnit=725&period=${period}`,
    headers: reporter,
    payload: {
      values: [
        { indicator: 'TOTAL', value },
        { indicator: 'DONE', value: value + 1 },
      ],
    },
  });
const act = (
  action: string,
  who: Record<string, string>,
  period: string,
  extra: Record<string, unknown> = {},
) =>
  t.request({
    method: 'POST',
    url: `/api/forms/BCR/${action}`,
    headers: who,
    payload: { orgUnit: '725', period, ...extra },
  });

async function stored(period: string) {
  const p = parsePeriod(period);
  if (!p) throw new Error(period);
  const rows = await t.database.db
    .selectFrom('data_value')
    .innerJoin('indicator', 'indicator.id', 'data_value.indicator_id')
    .select(['indicator.code as code', 'data_value.value as value', 'data_value.status as status'])
    .where('data_value.org_unit_id', '=', unitId)
    .where('data_value.period_id', '=', periodId(p))
    .execute();
  return rows;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const u = await t.request({
    method: 'POST',
    url: '/api/org-units/import',
    headers: { ...admin, 'content-type': 'text/csv' },
    payload: UNITS,
  });
  expect(u.statusCode).toBe(200);
  for (const code of ['TOTAL', 'DONE']) {
    const r = await t.request({
      method: 'POST',
      url: '/api/indicators',
      headers: admin,
      payload: {
        code,
        name: `Chỉ tiêu ${code}`,
        nameEn: code,
        unit: 'hồ sơ',
        valueType: 'count',
        aggregation: 'sum',
        timeAggregation: 'sum',
        pillar: 'government',
        frequency: 'month',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
  }
  const unit = await t.database.db
    .selectFrom('org_unit')
    .select('id')
    .where('code', '=', '725')
    .executeTakeFirstOrThrow();
  unitId = unit.id;
  const { id } = await users.createUser(t.database, {
    username: 'r725',
    displayName: 'Báo cáo viên Thuận An',
    passwordHash: await hashPassword(PASSWORD),
    orgUnitId: unit.id,
  });
  await users.addGrant(t.database, id, 'reporter', unit.id);
  reporter = await t.login('r725', PASSWORD);
  await createMonthlyForm(t, admin, { code: 'BCR', indicators: ['TOTAL', 'DONE'], orgUnit: '74' });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('one report, requests at the same moment', () => {
  it('a save racing a submit: never a submitted report with draft values', async () => {
    const P = '2024M05';
    expect((await save(P, 1)).statusCode).toBe(200);
    for (let round = 0; round < 8; round++) {
      const value = 1000 + round * 10;
      const [s, sub] = await Promise.all([save(P, value), act('submit', reporter, P)]);
      expect(sub.statusCode, sub.body).toBe(200);
      const status = (
        await sql<{ status: string }>`SELECT status FROM report_submission
          WHERE org_unit_id = ${unitId} AND period_id = ${periodId(parsePeriod(P)!)}`.execute(t.database.db)
      ).rows[0]?.status;
      expect(status).toBe('submitted');
      const cells = await stored(P);
      expect(cells).toHaveLength(2);
      // the report is submitted: so are all its values
      expect(cells.map((c) => c.status)).toEqual(['submitted', 'submitted']);
      const total = Number(cells.find((c) => c.code === 'TOTAL')?.value);
      if (s.statusCode === 200) {
        // the save came first: its values were submitted
        expect(total).toBe(value);
      } else {
        // the submit came first: the save was refused and wrote nothing
        expect(s.statusCode, s.body).toBe(409);
        expect(total).not.toBe(value);
      }
      const back = await act('return', admin, P, { reason: 'Làm lại' });
      expect(back.statusCode, back.body).toBe(200);
    }
  }, 120_000);

  it('an import racing a submit: the import is refused, or the submit comes after it and reads its values', async () => {
    const P = '2024M09';
    const pid = periodId(parsePeriod(P)!);
    expect((await save(P, 1)).statusCode).toBe(200);
    for (let round = 0; round < 8; round++) {
      const value = 5000 + round;
      const [imp, sub] = await Promise.all([
        t.request({
          method: 'POST',
          url: '/api/data-values',
          headers: reporter,
          payload: { values: [{ indicator: 'TOTAL', orgUnit: '725', period: P, value }] },
        }),
        act('submit', reporter, P),
      ]);
      expect(sub.statusCode, sub.body).toBe(200);
      const total = Number((await stored(P)).find((c) => c.code === 'TOTAL')?.value);
      if (imp.statusCode === 200) {
        // the import came first: the report was submitted with its value
        expect(total).toBe(value);
      } else {
        // the submit came first: the import was refused and wrote nothing
        expect(imp.statusCode, imp.body).toBe(422);
        expect(JSON.parse(imp.body).errors[0].rule).toBe('reporting.rule_pending');
        expect(total).not.toBe(value);
      }
      // never a value changed under a submitted report by the reporter's import
      const after = await sql<{ n: number }>`SELECT count(*)::int AS n FROM data_value_history
        WHERE org_unit_id = ${unitId} AND period_id = ${pid} AND old_status = 'submitted'
          AND source <> 'form'`.execute(t.database.db);
      expect(after.rows[0].n).toBe(0);
      const back = await act('return', admin, P, { reason: 'Làm lại' });
      expect(back.statusCode, back.body).toBe(200);
    }
  }, 120_000);

  it('the first saves of a new period, sent at once, all succeed', async () => {
    const P = '2024M07';
    const res = await Promise.all(Array.from({ length: 10 }, (_, i) => save(P, 100 + i * 10)));
    // none refused (before: some got 409 "can't save a report in status draft" after writing)
    expect(res.map((r) => r.statusCode)).toEqual(res.map(() => 200));
    const cells = await stored(P);
    expect(cells.map((c) => c.status)).toEqual(['draft', 'draft']);
    const events = (
      await sql<{ action: string; to_status: string }>`SELECT action, to_status FROM report_submission_event
        WHERE org_unit_id = ${unitId} AND period_id = ${periodId(parsePeriod(P)!)}`.execute(t.database.db)
    ).rows;
    // exactly one submission created, by one of the saves
    expect(events).toEqual([{ action: 'save', to_status: 'draft' }]);
  }, 120_000);
});
