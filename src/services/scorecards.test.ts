/** Scorecards, rankings, advice, assessments and frozen reviews through HTTP, on the configured database. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../test/harness.js';
import { startWith } from '../test/setup.js';

const UNITS_CSV = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
75,Đồng Nai,Tỉnh,1,
718,Thủ Dầu Một,Thành phố,2,74
725,Thuận An,Thành phố,2,74
724,Dĩ An,Thành phố,2,74
723,Tân Uyên,Thành phố,2,74
74-STTTT,Sở Thông tin và Truyền thông,Sở,2,74
731,Biên Hòa,Thành phố,2,75
`;

let t: TestApp;
let admin: Record<string, string>;
const json = (res: { body: string }) => JSON.parse(res.body);

async function post(url: string, payload: unknown) {
  return t.request({ method: 'POST', url, headers: admin, payload: payload as object });
}
async function get(url: string) {
  return t.request({ method: 'GET', url, headers: admin });
}
async function values(rows: Array<[string, string, string, number]>) {
  const r = await post('/api/data-values', {
    values: rows.map(([indicator, orgUnit, period, value]) => ({ indicator, orgUnit, period, value })),
  });
  expect(r.statusCode, r.body).toBe(200);
}

const SCORECARD = {
  name: 'Đánh giá chuyển đổi số cấp huyện',
  components: [
    {
      code: 'GOV',
      name: 'Chính quyền số',
      weight: 0.6,
      components: [
        {
          code: 'ONLINE',
          name: 'Hồ sơ trực tuyến',
          weight: 0.5,
          indicator: 'SC_ONLINE',
          scoring: { method: 'ratio_to_target', target: 80 },
        },
        {
          code: 'INC',
          name: 'Sự cố an toàn thông tin',
          weight: 0.5,
          indicator: 'SC_INCIDENTS',
          scoring: { method: 'ratio_to_target', target: 2 },
        },
      ],
    },
    { code: 'PLAN', name: 'Kế hoạch CĐS', weight: 0.4, indicator: 'SC_PLAN', scoring: { method: 'boolean' } },
  ],
};

beforeAll(async () => {
  ({ t, admin } = await startWith({
    units: UNITS_CSV,
    indicators: [
      {
        code: 'SC_ONLINE',
        name: 'Tỷ lệ hồ sơ trực tuyến',
        unit: '%',
        valueType: 'number',
        aggregation: 'average',
        pillar: 'government',
        frequency: 'year',
      },
      {
        code: 'SC_INCIDENTS',
        name: 'Số sự cố ATTT',
        unit: 'sự cố',
        valueType: 'count',
        aggregation: 'sum',
        pillar: 'foundation',
        frequency: 'year',
        polarity: 'lower',
      },
      {
        code: 'SC_PLAN',
        name: 'Có kế hoạch CĐS',
        unit: '',
        valueType: 'boolean',
        pillar: 'foundation',
        frequency: 'year',
      },
    ],
  }));
  await values([
    // 2023: 725 1.0, 723 0.925, 718 0.7, 724 0.225
    ['SC_ONLINE', '718', '2023', 40],
    ['SC_INCIDENTS', '718', '2023', 4],
    ['SC_PLAN', '718', '2023', 1],
    ['SC_ONLINE', '725', '2023', 80],
    ['SC_INCIDENTS', '725', '2023', 2],
    ['SC_PLAN', '725', '2023', 1],
    ['SC_ONLINE', '724', '2023', 20],
    ['SC_INCIDENTS', '724', '2023', 4],
    ['SC_PLAN', '724', '2023', 0],
    ['SC_ONLINE', '723', '2023', 60],
    ['SC_INCIDENTS', '723', '2023', 2],
    ['SC_PLAN', '723', '2023', 1],
    // 2024: 718 1.0, 725 0.7, 724 0.7 (tie), 723 0.225 (incidents missing)
    ['SC_ONLINE', '718', '2024', 80],
    ['SC_INCIDENTS', '718', '2024', 2],
    ['SC_PLAN', '718', '2024', 1],
    ['SC_ONLINE', '725', '2024', 40],
    ['SC_INCIDENTS', '725', '2024', 4],
    ['SC_PLAN', '725', '2024', 1],
    ['SC_ONLINE', '724', '2024', 40],
    ['SC_INCIDENTS', '724', '2024', 4],
    ['SC_PLAN', '724', '2024', 1],
    ['SC_ONLINE', '723', '2024', 60],
    ['SC_PLAN', '723', '2024', 0],
  ]);
});
afterAll(async () => t?.close());

describe('defining scorecards', () => {
  it('PUT creates a scorecard exactly as the contract shapes it, GET reads it back', async () => {
    const r = await t.request({
      method: 'PUT',
      url: '/api/scorecards/CDS_HUYEN',
      headers: admin,
      payload: SCORECARD,
    });
    expect(r.statusCode, r.body).toBe(200);
    const body = json(r);
    expect(body.code).toBe('CDS_HUYEN');
    expect(body.components[0].components[1]).toMatchObject({ code: 'INC', indicator: 'SC_INCIDENTS' });
    expect(json(await get('/api/scorecards/CDS_HUYEN')).name).toBe(SCORECARD.name);
    const list = json(await get('/api/scorecards'));
    expect(list.items.map((i: { code: string }) => i.code)).toContain('CDS_HUYEN');
    const audit = json(await get('/api/audit?entity=scorecard'));
    expect(audit.items[0]).toMatchObject({ action: 'create', entity: 'scorecard' });
    expect(audit.items[0].after.components).toHaveLength(2);
  });

  it('refuses a bad definition with every problem and its path', async () => {
    const r = await t.request({
      method: 'PUT',
      url: '/api/scorecards/BAD',
      headers: { ...admin, 'accept-language': 'en' },
      payload: {
        name: 'Bad',
        components: [
          { code: 'A', name: 'A', weight: -1, indicator: 'SC_ONLINE', scoring: { method: 'value' } },
          { code: 'A', name: 'A2', weight: 1, indicator: 'NOPE', scoring: { method: 'guess' } },
          { code: 'C', name: 'C', weight: 1, scoring: { method: 'value' } },
        ],
      },
    });
    expect(r.statusCode).toBe(400);
    const e = json(r).error;
    expect(e.code).toBe('validation');
    const fields = e.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'components[0].weight',
        'components[1].code',
        'components[1].indicator',
        'components[1].scoring.method',
        'components[2].indicator',
      ]),
    );
    expect(e.details.find((d: { field: string }) => d.field === 'components[1].indicator').message).toMatch(
      /NOPE/,
    );
    expect((await get('/api/scorecards/BAD')).statusCode).toBe(404);
  });

  it('requires a login', async () => {
    expect((await t.request({ method: 'GET', url: '/api/scorecards' })).statusCode).toBe(401);
  });
});

describe('rankings', () => {
  it('ranks with ties sharing a rank (1, 2, 2, 4), flags missing data and shows the change from the previous period', async () => {
    const r = await get('/api/scorecards/CDS_HUYEN/ranking?period=2024&orgUnit=74&level=2&kind=district');
    expect(r.statusCode, r.body).toBe(200);
    const items = json(r).items;
    expect(
      items.map((i: { orgUnit: string; score: number; rank: number }) => [i.orgUnit, i.score, i.rank]),
    ).toEqual([
      ['718', 1, 1],
      ['724', 0.7, 2],
      ['725', 0.7, 2],
      ['723', 0.225, 4],
    ]);
    const tu = items.find((i: { orgUnit: string }) => i.orgUnit === '723');
    expect(tu.name).toBe('Tân Uyên');
    expect(tu.flags).toEqual([{ component: 'INC', indicator: 'SC_INCIDENTS', rule: 'missing_zero' }]);
    expect(tu.components.find((c: { code: string }) => c.code === 'GOV').score).toBe(0.225 / 0.6);
    expect(items[0].flags).toEqual([]);
    // previous period 2023: 725 1, 723 2, 718 3, 724 4
    const change = (code: string) => {
      const i = items.find((x: { orgUnit: string }) => x.orgUnit === code);
      return [i.previousRank, i.rankChange, i.scoreChange];
    };
    expect(change('718')).toEqual([3, 2, 0.3]);
    expect(change('725')).toEqual([1, -1, -0.3]);
    expect(change('724')).toEqual([4, 2, 0.475]);
    expect(change('723')).toEqual([2, -2, -0.7]);
  });

  it('ranks every unit of the level inside the scope without kind, and level 1 everywhere by default', async () => {
    const all = json(await get('/api/scorecards/CDS_HUYEN/ranking?period=2024&orgUnit=74&level=2')).items;
    expect(all).toHaveLength(5);
    expect(all[4]).toMatchObject({ orgUnit: '74-STTTT', score: 0, rank: 5 });
    expect(all[4].flags).toHaveLength(3);
    const provinces = json(await get('/api/scorecards/CDS_HUYEN/ranking?period=2024')).items;
    expect(provinces.map((i: { orgUnit: string }) => i.orgUnit).sort()).toEqual(['74', '75']);
  });

  it('answers 404 for an unknown scorecard and 400 for a bad period', async () => {
    expect((await get('/api/scorecards/NOPE/ranking?period=2024')).statusCode).toBe(404);
    expect((await get('/api/scorecards/CDS_HUYEN/ranking?period=2024X')).statusCode).toBe(400);
  });

  it('keeps old versions: a period is scored by the definition in force in its year', async () => {
    const r = await t.request({
      method: 'PUT',
      url: '/api/scorecards/CDS_HUYEN',
      headers: admin,
      payload: {
        name: 'Đánh giá CĐS cấp huyện (2025)',
        validFrom: 2025,
        components: [
          {
            code: 'ONLINE',
            name: 'Hồ sơ trực tuyến',
            weight: 1,
            indicator: 'SC_ONLINE',
            scoring: { method: 'value', scale: 100 },
          },
        ],
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r).versions.map((v: { validFrom: number | null }) => v.validFrom)).toEqual([null, 2025]);
    await values([['SC_ONLINE', '718', '2025', 90]]);
    const y2025 = json(
      await get('/api/scorecards/CDS_HUYEN/ranking?period=2025&orgUnit=74&level=2&kind=district'),
    );
    expect(y2025.items[0]).toMatchObject({ orgUnit: '718', score: 0.9, rank: 1, previousRank: 1 });
    expect(y2025.validFrom).toBe(2025);
    const y2024 = json(
      await get('/api/scorecards/CDS_HUYEN/ranking?period=2024&orgUnit=74&level=2&kind=district'),
    );
    expect(y2024.items[0].score).toBe(1);
    expect(json(await get('/api/scorecards/CDS_HUYEN?year=2024')).components).toHaveLength(2);
    expect(json(await get('/api/scorecards/CDS_HUYEN')).validFrom).toBe(2025);
  });
});

describe('advice', () => {
  it('gives the gap to rank N, the points still available and the smallest plan', async () => {
    const r = await get('/api/scorecards/CDS_HUYEN/advice?orgUnit=723&period=2024&top=2');
    expect(r.statusCode, r.body).toBe(200);
    const a = json(r);
    expect(a).toMatchObject({ unit: '723', rank: 4, score: 0.225, inTop: false, reachable: true });
    expect(a.benchmark.score).toBe(0.7);
    expect(a.gap).toBeCloseTo(0.475, 9);
    expect(a.components.map((c: { code: string; available: number }) => [c.code, c.available])).toEqual([
      ['PLAN', 0.4],
      ['INC', 0.3],
      ['ONLINE', 0.075],
    ]);
    expect(a.plan).toEqual(['PLAN', 'INC']);
    const top1 = json(await get('/api/scorecards/CDS_HUYEN/advice?orgUnit=723&period=2024&top=1'));
    expect(top1.plan).toEqual(['PLAN', 'INC', 'ONLINE']);
    const inside = json(await get('/api/scorecards/CDS_HUYEN/advice?orgUnit=718&period=2024&top=3'));
    expect(inside).toMatchObject({ inTop: true, gap: 0, plan: [] });
  });
});

describe('emulation reviews', () => {
  let first: number;

  it('freezes a review that later data never changes', async () => {
    const body = {
      scorecard: 'CDS_HUYEN',
      title: 'Tổng kết phong trào thi đua chuyển đổi số năm 2024',
      kind: 'tong_ket',
      date: '2024-12-20',
      period: '2024',
      orgUnit: '74',
      level: 2,
      unitKind: 'district',
    };
    const r = await post('/api/reviews', body);
    expect(r.statusCode, r.body).toBe(201);
    const review = json(r);
    first = review.id;
    // the same review again (a double click): refused, naming it, nothing stored
    const again = await post('/api/reviews', { ...body, title: ` ${body.title.toLowerCase()} ` });
    expect(again.statusCode, again.body).toBe(409);
    expect(json(again).error.message).toMatch(/đã tồn tại|already exists/);
    expect(review.kind).toBe('final');
    // target statuses are stored beside the ranking when the plans feature answers GET /api/targets
    expect(review.targets === null || Array.isArray(review.targets.items)).toBe(true);
    expect(review.ranking.items.map((i: { orgUnit: string }) => i.orgUnit)).toEqual([
      '718',
      '724',
      '725',
      '723',
    ]);

    // new data: Tân Uyên reports its incidents and its plan
    await values([
      ['SC_INCIDENTS', '723', '2024', 1],
      ['SC_PLAN', '723', '2024', 1],
    ]);
    const live = json(
      await get('/api/scorecards/CDS_HUYEN/ranking?period=2024&orgUnit=74&level=2&kind=district'),
    );
    expect(live.items.find((i: { orgUnit: string }) => i.orgUnit === '723')).toMatchObject({
      score: 0.925,
      rank: 2,
      flags: [],
    });

    const frozen = json(await get(`/api/reviews/${first}`));
    expect(frozen.ranking.items.find((i: { orgUnit: string }) => i.orgUnit === '723')).toMatchObject({
      score: 0.225,
      rank: 4,
    });
    expect(frozen.ranking).toEqual(review.ranking);
    const list = json(await get('/api/reviews'));
    expect(list.items[0]).toMatchObject({ id: first, title: review.title, kind: 'final' });
  });

  it('compares two reviews', async () => {
    const r = await post('/api/reviews', {
      scorecard: 'CDS_HUYEN',
      title: 'Rà soát sau bổ sung số liệu',
      kind: 'interim',
      date: '2025-01-15',
      period: '2024',
      orgUnit: '74',
      level: 2,
      unitKind: 'district',
    });
    expect(r.statusCode, r.body).toBe(201);
    const second = json(r).id;
    const c = json(await get(`/api/reviews/compare?a=${first}&b=${second}`));
    const tu = c.items.find((i: { orgUnit: string }) => i.orgUnit === '723');
    expect(tu).toMatchObject({
      a: { rank: 4, score: 0.225 },
      b: { rank: 2, score: 0.925 },
      rankChange: 2,
      scoreChange: 0.7,
    });
    expect(c.items[0].orgUnit).toBe('718');
  });

  it('exports a workbook that opens with exceljs, and a printable page', async () => {
    const r = await get(`/api/reviews/${first}/export.xlsx`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Xếp hạng')!;
    expect(ws).toBeTruthy();
    expect(String(ws.getCell('A1').value)).toContain('Tổng kết');
    const header = ws.getRow(6).values as unknown[];
    expect(header).toContain('Hạng');
    expect(ws.getRow(7).getCell(1).value).toBe(1);
    expect(ws.getRow(7).getCell(2).value).toBe('718');
    expect(ws.getRow(10).getCell(4).value).toBe(0.225);
    expect(wb.getWorksheet('Chi tiết điểm')).toBeTruthy();

    const p = await t.request({
      method: 'GET',
      url: `/api/reviews/${first}/print`,
      headers: { ...admin, 'accept-language': 'en' },
    });
    expect(p.statusCode).toBe(200);
    expect(p.headers['content-type']).toMatch(/text\/html/);
    expect(p.body).toContain('Tổng kết phong trào thi đua');
    expect(p.body).toContain('Final review');
    expect(p.body).toContain('0.225');
  });

  it('answers 404 for an unknown review', async () => {
    expect((await get('/api/reviews/99999')).statusCode).toBe(404);
  });
});

describe('self-assessment and appraisal', () => {
  it('keeps self, appraised and final scores side by side; the final score counts in the ranking', async () => {
    const put = await t.request({
      method: 'PUT',
      url: '/api/scorecards/CDS_HUYEN/assessments?orgUnit=725&period=2024',
      headers: admin,
      payload: {
        items: [
          {
            component: 'ONLINE',
            self: { score: 0.9, evidence: 'Báo cáo số 12/BC-UBND', url: 'https://example.vn/bc12' },
          },
          { component: 'ONLINE', appraised: { score: 0.8, note: 'Hội đồng thẩm định' } },
          { component: 'ONLINE', final: { score: 0.75 } },
        ],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    const body = json(put);
    const online = body.items.find((i: { component: string }) => i.component === 'ONLINE');
    expect(online).toMatchObject({
      computed: 0.5,
      self: { score: 0.9, evidence: 'Báo cáo số 12/BC-UBND', url: 'https://example.vn/bc12', by: 'admin' },
      appraised: { score: 0.8, note: 'Hội đồng thẩm định' },
      final: { score: 0.75 },
      used: 0.75,
    });
    const live = json(
      await get('/api/scorecards/CDS_HUYEN/ranking?period=2024&orgUnit=74&level=2&kind=district'),
    );
    const ta = live.items.find((i: { orgUnit: string }) => i.orgUnit === '725');
    // 0.6 × (0.5 × 0.75 + 0.5 × 0.5) + 0.4 = 0.775
    expect(ta.score).toBe(0.775);
    expect(ta.components.find((c: { code: string }) => c.code === 'ONLINE')).toMatchObject({
      score: 0.75,
      assessed: true,
    });
    const bad = await t.request({
      method: 'PUT',
      url: '/api/scorecards/CDS_HUYEN/assessments?orgUnit=725&period=2024',
      headers: admin,
      payload: { items: [{ component: 'GOV', self: { score: 1 } }] },
    });
    expect(bad.statusCode).toBe(400);
    const audit = json(await get('/api/audit?entity=scorecard_assessment'));
    expect(audit.items[0].action).toBe('assess');
  });
});
