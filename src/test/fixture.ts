/**
 * A small province for the security tests, built through the API (independent of the demo
 * generator): Bình Dương "74" with Thuận An "725" and Dĩ An "724" and two communes each, three
 * indicators, a few values, and the demo's role users created through POST /api/users.
 */
import { expect } from 'vitest';
import type { Config } from '../config.js';
import { DEMO_PASSWORD, type TestApp } from './harness.js';
import { startWith } from './setup.js';

export const UNITS_CSV = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
725,Thuận An,Thành phố,2,74
724,Dĩ An,Thành phố,2,74
25978,Lái Thiêu,Phường,3,725
25987,Bình Chuẩn,Phường,3,725
25942,Dĩ An,Phường,3,724
25945,Tân Bình,Phường,3,724
`;

export const APPS = {
  code: 'APPS',
  name: 'Số hồ sơ trực tuyến tiếp nhận',
  nameEn: 'Online applications received',
  unit: 'hồ sơ',
  valueType: 'count',
  aggregation: 'sum',
  timeAggregation: 'sum',
  pillar: 'government',
  frequency: 'month',
};

export const ONLINE_FILES = {
  code: 'ONLINE_FILES',
  name: 'Tỷ lệ hồ sơ công việc xử lý trên môi trường mạng',
  nameEn: 'Work files processed online',
  unit: '%',
  valueType: 'ratio',
  aggregation: 'ratio',
  pillar: 'government',
  frequency: 'month',
};

export const TEAMS = {
  code: 'TEAMS',
  name: 'Số tổ công nghệ số cộng đồng',
  nameEn: 'Community digital-technology teams',
  unit: 'tổ',
  valueType: 'count',
  aggregation: 'sum',
  timeAggregation: 'last',
  pillar: 'society',
  frequency: 'quarter',
  reportingKinds: ['commune'],
};

export const INDICATORS = [APPS, ONLINE_FILES, TEAMS];

/** A monthly report form of every commune (POST /api/forms). */
export const COMMUNE_FORM = {
  code: 'FM',
  name: 'Báo cáo tháng cấp xã',
  periodType: 'month',
  indicators: ['APPS'],
  unitsWithin: { orgUnit: '74', level: 3 },
};

/** A target on APPS for `unit` in `plan`: 10 in 2024M01 → 1000 by 2026M12 (POST /api/targets). */
export const appsTarget = (plan: string, unit: string) => ({
  plan,
  indicator: 'APPS',
  orgUnit: unit,
  baselineValue: 10,
  baselinePeriod: '2024M01',
  targetValue: 1000,
  deadline: '2026M12',
  leadUnit: unit,
});

/** A one-component scorecard on APPS (PUT /api/scorecards/SC). */
export const COMMUNE_SCORECARD = {
  name: 'Đánh giá xã',
  components: [
    {
      code: 'APPS',
      name: 'Hồ sơ trực tuyến',
      weight: 1,
      indicator: 'APPS',
      scoring: { method: 'ratio_to_target', target: 100 },
    },
  ],
};

export const ROLE_USERS = [
  { username: 'lanhdao', role: 'leader', unit: '74' },
  { username: 'sotttt', role: 'secretariat', unit: '74' },
  { username: 'thuanan', role: 'reporter', unit: '725' },
  { username: 'dian', role: 'reporter', unit: '724' },
  { username: 'xem', role: 'viewer', unit: '74' },
] as const;

export interface Fixture {
  t: TestApp;
  admin: Record<string, string>;
}

/** The small province; values for APPS in every commune for 2024M01..M03. */
export async function startFixture(config: Partial<Config> = {}): Promise<Fixture> {
  const { t, admin } = await startWith({ units: UNITS_CSV, indicators: INDICATORS, config });
  for (const x of ROLE_USERS) {
    const r = await t.request({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: {
        username: x.username,
        displayName: x.username,
        password: DEMO_PASSWORD,
        homeUnit: x.unit,
        grants: [{ role: x.role, orgUnit: x.unit }],
      },
    });
    expect(r.statusCode, r.body).toBe(201);
  }
  const values = [];
  for (const unit of ['25978', '25987', '25942', '25945'])
    for (const m of ['01', '02', '03'])
      values.push({
        indicator: 'APPS',
        orgUnit: unit,
        period: `2024M${m}`,
        value: (Number(unit) % 100) + Number(m),
      });
  const v = await t.request({ method: 'POST', url: '/api/data-values', headers: admin, payload: { values } });
  expect(v.statusCode, v.body).toBe(200);
  return { t, admin };
}
