/**
 * The setup many test files share: a fresh app with admin logged in, org units imported from a CSV,
 * indicators created through POST /api/indicators, users with one grant. Each step must succeed.
 */
import { expect } from 'vitest';
import type { Config } from '../config.js';
import { findByCodes } from '../repositories/orgUnits.js';
import * as users from '../repositories/users.js';
import { hashPassword } from '../services/auth.js';
import { startTestApp, type TestApp } from './harness.js';

export type Headers = Record<string, string>;

/** A monthly count of files (hồ sơ), summed over units and months. */
export const INDICATOR_TOTAL = {
  code: 'TOTAL',
  name: 'Tổng số hồ sơ',
  nameEn: 'Files',
  unit: 'hồ sơ',
  valueType: 'count',
  aggregation: 'sum',
  timeAggregation: 'sum',
  pillar: 'government',
  frequency: 'month',
};

/** A monthly ratio: the share of files handled online. */
export const INDICATOR_ONLINE = {
  code: 'ONLINE',
  name: 'Tỷ lệ hồ sơ trực tuyến',
  nameEn: 'Online files',
  unit: '%',
  valueType: 'ratio',
  aggregation: 'ratio',
  pillar: 'government',
  frequency: 'month',
};

/** POST /api/org-units/import of a units CSV as admin; must answer 200. */
export async function importUnits(t: TestApp, admin: Headers, csv: string) {
  const res = await t.request({
    method: 'POST',
    url: '/api/org-units/import',
    headers: { ...admin, 'content-type': 'text/csv' },
    payload: csv,
  });
  expect(res.statusCode, res.body).toBe(200);
}

/** POST /api/indicators of each indicator, in order, as admin; each must answer 201. */
export async function createIndicators(t: TestApp, admin: Headers, list: readonly object[]) {
  for (const ind of list) {
    const r = await t.request({ method: 'POST', url: '/api/indicators', headers: admin, payload: ind });
    expect(r.statusCode, r.body).toBe(201);
  }
}

/** A fresh app, admin logged in, the units imported and the indicators created. */
export async function startWith(o: {
  units: string;
  indicators?: readonly object[];
  config?: Partial<Config>;
}): Promise<{ t: TestApp; admin: Headers }> {
  const t = await startTestApp({ config: o.config });
  const admin = await t.login('admin');
  await importUnits(t, admin, o.units);
  await createIndicators(t, admin, o.indicators ?? []);
  return { t, admin };
}

/** A user homed in `unit` with one grant of `role` there (written straight to the database); their login headers. */
export async function addUser(
  t: TestApp,
  u: { username: string; role: string; unit: string; password: string; displayName?: string },
): Promise<Headers> {
  const [unit] = await findByCodes(t.database, [u.unit]);
  if (!unit) throw new Error(`addUser: no org unit ${u.unit}`);
  const { id } = await users.createUser(t.database, {
    username: u.username,
    displayName: u.displayName ?? u.username,
    passwordHash: await hashPassword(u.password),
    orgUnitId: unit.id,
  });
  await users.addGrant(t.database, id, u.role, unit.id);
  return t.login(u.username, u.password);
}

/**
 * A monthly report form `code` of `indicators` for the districts inside `orgUnit`, no rules, a lock ten
 * years away (tests move reports through its states at will); 201 expected.
 */
export async function createMonthlyForm(
  t: TestApp,
  admin: Headers,
  o: { code: string; indicators: string[]; orgUnit: string },
) {
  const form = await t.request({
    method: 'POST',
    url: '/api/forms',
    headers: admin,
    payload: {
      code: o.code,
      name: 'Báo cáo tháng',
      nameEn: 'Monthly report',
      periodType: 'month',
      indicators: o.indicators,
      unitsWithin: { orgUnit: o.orgUnit, level: 2, kind: 'district' },
      dueWorkingDays: 5,
      reminderDays: 3,
      lockDays: 3650,
      rules: [],
    },
  });
  expect(form.statusCode, form.body).toBe(201);
}
