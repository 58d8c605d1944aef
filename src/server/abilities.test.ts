/**
 * Abilities (server/presenters/abilities.ts) are tied to the real authorisation: for every object
 * type and each (user, object) pair, when `abilities.X` is true the request X succeeds, and when it
 * is false the request is refused — 403, or 409 when the object's state forbids the move (a draft
 * report cannot be approved). Users: admin; sotttt (secretariat of the province 74); sotx725
 * (secretariat of the district 725); lanhdao (leader of 74); thuanan (reporter of 725); dian
 * (reporter of 724); xem (viewer of 74); an admin's read-only token.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appsTarget, COMMUNE_FORM, COMMUNE_SCORECARD, type Fixture, startFixture } from '../test/fixture.js';
import { DEMO_PASSWORD } from '../test/harness.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Abilities = Record<string, boolean>;

const json = (res: { body: string }) => JSON.parse(res.body);
let f: Fixture;
const H: Record<string, Record<string, string>> = {};
const ACTORS = ['admin', 'sotttt', 'sotx725', 'lanhdao', 'thuanan', 'dian', 'xem', 'readToken'] as const;
let seq = 0;
let ipSeq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

async function loginAs(username: string): Promise<Record<string, string>> {
  const res = await f.t.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': `10.220.${ipSeq++ % 250}.${Math.floor(ipSeq / 250) + 1}` },
    payload: { username, password: DEMO_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { cookie: `chiso_session=${res.cookies.find((c) => c.name === 'chiso_session')?.value}` };
}

const req = (method: Method, url: string, headers: Record<string, string>, payload?: unknown) =>
  f.t.request({ method, url, headers, payload: payload as string });

async function ok(method: Method, url: string, payload?: unknown, headers = f.admin) {
  const r = await req(method, url, headers, payload);
  expect(r.statusCode, `${method} ${url}: ${r.body}`).toBeLessThan(300);
  return json(r);
}

/** The ability said yes → 2xx; no → 403 (or 409: not in this state). */
function agrees(ability: boolean | undefined, res: LightMyRequestResponse, what: string) {
  expect(typeof ability, `${what}: ability missing`).toBe('boolean');
  if (ability) expect(res.statusCode, `${what} (ability true): ${res.body}`).toBeLessThan(300);
  else expect([403, 409], `${what} (ability false): ${res.statusCode} ${res.body}`).toContain(res.statusCode);
}

/** Checks one object for every actor that can see it; `see` answers the object or null. */
async function eachActor(
  see: (who: string) => Promise<{ abilities: Abilities } | null>,
  act: (who: string, abilities: Abilities) => Promise<void>,
) {
  let seen = 0;
  for (const who of ACTORS) {
    const o = await see(who);
    if (!o) continue;
    seen++;
    await act(who, o.abilities);
  }
  expect(seen).toBeGreaterThan(3);
}

async function get(url: string, who: string) {
  const r = await req('GET', url, H[who]);
  if (r.statusCode === 403 || r.statusCode === 404) return null;
  expect(r.statusCode, `${who} GET ${url}: ${r.body}`).toBe(200);
  return json(r);
}

async function newPlan(scope: string): Promise<string> {
  const code = `PL_${uniq()}`;
  await ok('POST', '/api/plans', { code, name: `Kế hoạch ${code}`, scopeUnit: scope, period: '2024-2026' });
  return code;
}
const targetBody = appsTarget;
const taskBody = (plan: string, lead: string) => ({
  plan,
  title: `Nhiệm vụ ${uniq()}`,
  leadUnit: lead,
  dueDate: '2026-06-30',
});

/** A period whose lock date is far away. */
const P = `${new Date().getFullYear() + 1}M05`;
const SCORECARD = COMMUNE_SCORECARD;

beforeAll(async () => {
  f = await startFixture({ bodyLimit: 1024 * 1024 });
  H.admin = f.admin;
  await ok('POST', '/api/users', {
    username: 'sotx725',
    displayName: 'sotx725',
    password: DEMO_PASSWORD,
    grants: [{ role: 'secretariat', orgUnit: '725' }],
  });
  for (const u of ['lanhdao', 'sotttt', 'sotx725', 'thuanan', 'dian', 'xem']) H[u] = await loginAs(u);
  const tok = await ok('POST', '/api/tokens', { name: 'ro', scope: 'read' });
  H.readToken = { authorization: `Bearer ${tok.token}` };
  await ok('POST', '/api/forms', COMMUNE_FORM);
  await ok('POST', '/api/forms', {
    code: 'FD',
    name: 'Báo cáo tháng Thuận An',
    periodType: 'month',
    indicators: ['APPS'],
    units: ['25978', '25987'],
  });
  await ok('PUT', '/api/scorecards/SC', SCORECARD);
}, 180_000);
afterAll(async () => f?.t.close());

describe('plans', () => {
  it('update, createTarget, createTask and delete agree with the server, in the list and alone', async () => {
    for (const scope of ['74', '725', '724']) {
      const code = await newPlan(scope);
      await eachActor(
        async (who) => get(`/api/plans/${code}`, who),
        async (who, a) => {
          const listed = (await get('/api/plans', who)).items.find((p: { code: string }) => p.code === code);
          expect(listed?.abilities, `${who} ${code} listed`).toEqual(a);
          const what = `${who} on plan@${scope}`;
          agrees(
            a.update,
            await req('PUT', `/api/plans/${code}`, H[who], { name: `Kế hoạch ${code}` }),
            what,
          );
          agrees(
            a.createTarget,
            await req('POST', '/api/targets', H[who], targetBody(code, scope)),
            `${what} createTarget`,
          );
          agrees(
            a.createTask,
            await req('POST', '/api/tasks', H[who], taskBody(code, scope)),
            `${what} createTask`,
          );
          const doomed = await newPlan(scope);
          const d = await get(`/api/plans/${doomed}`, who);
          agrees(d.abilities.delete, await req('DELETE', `/api/plans/${doomed}`, H[who]), `${what} delete`);
        },
      );
    }
    // spot checks that the rules are the policy's: the district's secretariat manages its plans only
    const p725 = await newPlan('725');
    const p74 = await newPlan('74');
    expect((await get(`/api/plans/${p725}`, 'sotx725')).abilities.update).toBe(true);
    expect((await get(`/api/plans/${p74}`, 'sotx725')).abilities.update).toBe(false);
    expect((await get(`/api/plans/${p74}`, 'readToken')).abilities.update).toBe(false);
    expect((await get(`/api/plans/${p74}`, 'thuanan')).abilities).toEqual({
      update: false,
      delete: false,
      createTarget: false,
      createTask: false,
    });
  });
});

describe('targets', () => {
  it('update and delete agree with the server (definition and items)', async () => {
    for (const scope of ['74', '725']) {
      const plan = await newPlan(scope);
      const id = (await ok('POST', '/api/targets', targetBody(plan, '725'))).id;
      await eachActor(
        async (who) => {
          const d = await get(`/api/targets/${id}`, who);
          if (!d) return null;
          for (const item of d.items) expect(item.abilities, who).toEqual(d.definition.abilities);
          return d.definition;
        },
        async (who, a) => {
          const what = `${who} on target of plan@${scope}`;
          agrees(a.update, await req('PUT', `/api/targets/${id}`, H[who], { notes: `n ${who}` }), what);
          const doomed = (await ok('POST', '/api/targets', targetBody(plan, '725'))).id;
          const d = (await get(`/api/targets/${doomed}`, who)).definition;
          agrees(d.abilities.delete, await req('DELETE', `/api/targets/${doomed}`, H[who]), `${what} delete`);
        },
      );
    }
  });
});

describe('tasks', () => {
  it('update, setProgress, comment and delete agree with the server', async () => {
    const plan = await newPlan('74');
    for (const lead of ['74', '725']) {
      const id = (await ok('POST', '/api/tasks', taskBody(plan, lead))).id;
      await eachActor(
        async (who) => {
          const k = await get(`/api/tasks/${id}`, who);
          if (!k) return null;
          const listed = (await get(`/api/tasks?plan=${plan}`, who)).items.find(
            (x: { id: number }) => x.id === id,
          );
          expect(listed.abilities, who).toEqual(k.abilities);
          // the older flags say the same
          expect(k.canManage, who).toBe(k.abilities.update);
          expect(k.canUpdateProgress, who).toBe(k.abilities.setProgress);
          return k;
        },
        async (who, a) => {
          const what = `${who} on task led by ${lead}`;
          const k = await get(`/api/tasks/${id}`, who);
          agrees(
            a.update,
            await req('PUT', `/api/tasks/${id}`, H[who], { title: k.title }),
            `${what} update`,
          );
          agrees(
            a.setProgress,
            await req('PUT', `/api/tasks/${id}`, H[who], { percentComplete: 20 }),
            `${what} setProgress`,
          );
          agrees(
            a.comment,
            await req('POST', `/api/tasks/${id}/comments`, H[who], { body: 'ý kiến' }),
            `${what} comment`,
          );
          const doomed = (await ok('POST', '/api/tasks', taskBody(plan, lead))).id;
          const d = await get(`/api/tasks/${doomed}`, who);
          agrees(d.abilities.delete, await req('DELETE', `/api/tasks/${doomed}`, H[who]), `${what} delete`);
        },
      );
    }
    const k = (await ok('POST', '/api/tasks', taskBody(plan, '725'))).id;
    // the lead unit's reporter updates progress, not the task; a reporter elsewhere does neither
    expect((await get(`/api/tasks/${k}`, 'thuanan')).abilities).toEqual({
      update: false,
      delete: false,
      comment: true,
      setProgress: true,
    });
    expect((await get(`/api/tasks/${k}`, 'readToken')).abilities.comment).toBe(false);
  });
});

describe('report forms', () => {
  it('manage agrees with creating a form over the same units', async () => {
    for (const code of ['FM', 'FD']) {
      await eachActor(
        async (who) => (await get('/api/forms', who)).items.find((x: { code: string }) => x.code === code),
        async (who, a) => {
          const form = (await get('/api/forms', who)).items.find((x: { code: string }) => x.code === code);
          const { abilities: _, ...copy } = form;
          const r = await req('POST', '/api/forms', H[who], { ...copy, code: `${code}_${uniq()}` });
          agrees(a.manage, r, `${who} copies ${code}`);
        },
      );
    }
    const forms = async (who: string) =>
      Object.fromEntries(
        (await get('/api/forms', who)).items.map((x: { code: string; abilities: Abilities }) => [
          x.code,
          x.abilities,
        ]),
      );
    expect((await forms('sotx725')).FD.manage).toBe(true);
    expect((await forms('sotx725')).FM.manage).toBe(false);
    expect((await forms('thuanan')).FM).toMatchObject({ manage: false, enter: true, approve: false });
    expect((await forms('dian')).FD).toMatchObject({ enter: false });
    expect((await forms('xem')).FM).toMatchObject({ enter: false, submit: false, approve: false });
  });
});

describe('a unit report (submission)', () => {
  const ACTIONS = ['save', 'submit', 'approve', 'return', 'unlock'] as const;
  const at = `orgUnit=25978&period=${P}`;
  const run = (who: string, action: (typeof ACTIONS)[number]) =>
    action === 'save'
      ? req('PUT', `/api/forms/FM/entry?${at}`, H[who], { values: [{ indicator: 'APPS', value: 42 }] })
      : req('POST', `/api/forms/FM/${action}?${at}`, H[who], {
          reason: 'cần sửa',
          ...(action === 'submit' ? { confirmWarnings: true } : {}),
        });

  /** Every refused action is refused; then `by` does `action`, which its abilities allow. */
  async function stage(status: string, by: string, action: (typeof ACTIONS)[number]) {
    await eachActor(
      async (who) => get(`/api/forms/FM/entry?${at}`, who),
      async (who, a) => {
        for (const x of ACTIONS) if (!a[x]) agrees(false, await run(who, x), `${who} ${x} when ${status}`);
      },
    );
    const e = await get(`/api/forms/FM/entry?${at}`, by);
    expect(e.status).toBe(status);
    expect(e.abilities.save, `${by} save vs editable`).toBe(e.editable);
    agrees(e.abilities[action], await run(by, action), `${by} ${action} when ${status}`);
    expect(e.abilities[action]).toBe(true);
  }

  it('save, submit, approve, return and unlock agree with the state machine the routes run', async () => {
    await stage('draft', 'thuanan', 'save');
    await stage('draft', 'thuanan', 'submit');
    await stage('submitted', 'sotttt', 'return');
    await stage('returned', 'thuanan', 'submit');
    await stage('submitted', 'admin', 'approve');
    await stage('approved', 'sotttt', 'unlock');
    const e = await get(`/api/forms/FM/entry?${at}`, 'sotx725');
    // a district secretariat reviews its district's communes; a leader only reads
    expect(e.abilities).toMatchObject({ save: true, submit: true, approve: false });
    expect((await get(`/api/forms/FM/entry?${at}`, 'lanhdao')).abilities).toEqual({
      save: false,
      submit: false,
      approve: false,
      return: false,
      unlock: false,
    });
  });
});

describe('scorecards, assessments and reviews', () => {
  it('update, assess, appraise and freezeReview agree with the server', async () => {
    await eachActor(
      async (who) => get('/api/scorecards/SC', who),
      async (who, a) => {
        const listed = (await get('/api/scorecards', who)).items.find(
          (s: { code: string }) => s.code === 'SC',
        );
        expect(listed.abilities, who).toEqual(a);
        agrees(a.update, await req('PUT', '/api/scorecards/SC', H[who], SCORECARD), `${who} update`);
        agrees(
          a.freezeReview,
          await req('POST', '/api/reviews', H[who], {
            scorecard: 'SC',
            title: `Sơ kết ${who}`,
            kind: 'interim',
            period: '2024M01',
            orgUnit: '725',
            level: 3,
          }),
          `${who} freeze`,
        );
      },
    );
    expect((await get('/api/scorecards/SC', 'thuanan')).abilities).toMatchObject({
      assess: true,
      update: false,
    });
    expect((await get('/api/scorecards/SC', 'xem')).abilities.assess).toBe(false);
  });

  it("a unit's assessment: assess and appraise agree with the server", async () => {
    for (const unit of ['25978', '25942']) {
      const url = `/api/scorecards/SC/assessments?orgUnit=${unit}&period=2024M01`;
      await eachActor(
        async (who) => get(url, who),
        async (who, a) => {
          const what = `${who} on ${unit}`;
          agrees(
            a.assess,
            await req('PUT', url, H[who], { items: [{ component: 'APPS', self: { score: 0.5 } }] }),
            `${what} assess`,
          );
          agrees(
            a.appraise,
            await req('PUT', url, H[who], { items: [{ component: 'APPS', appraised: { score: 0.4 } }] }),
            `${what} appraise`,
          );
        },
      );
    }
    expect(
      (await get('/api/scorecards/SC/assessments?orgUnit=25942&period=2024M01', 'dian')).abilities,
    ).toEqual({
      assess: true,
      appraise: false,
    });
  });

  it('a frozen review: freeze agrees with freezing another like it', async () => {
    const id = (
      await ok('POST', '/api/reviews', {
        scorecard: 'SC',
        title: 'Sơ kết 725',
        kind: 'interim',
        period: '2024M01',
        orgUnit: '725',
        level: 3,
      })
    ).id;
    await eachActor(
      async (who) => get(`/api/reviews/${id}`, who),
      async (who, a) => {
        const listed = (await get('/api/reviews', who)).items.find((r: { id: number }) => r.id === id);
        expect(listed.abilities, who).toEqual(a);
        const r = await req('POST', '/api/reviews', H[who], {
          scorecard: 'SC',
          title: `Sơ kết lại ${who}`,
          kind: 'interim',
          period: '2024M01',
          orgUnit: '725',
          level: 3,
        });
        agrees(a.freeze, r, `${who} freeze`);
      },
    );
  });
});

describe('OpenAPI', () => {
  it('documents the abilities of each object', async () => {
    const doc = await ok('GET', '/api/openapi.json');
    const response = (path: string, method: string, status = '200') =>
      JSON.stringify(doc.paths[path][method].responses[status]);
    for (const [path, method, status, ability] of [
      ['/api/plans', 'get', '200', 'createTarget'],
      ['/api/plans/{code}', 'get', '200', 'createTask'],
      ['/api/targets', 'get', '200', 'delete'],
      ['/api/targets/{id}', 'get', '200', 'update'],
      ['/api/tasks/{id}', 'get', '200', 'setProgress'],
      ['/api/forms', 'get', '200', 'manage'],
      ['/api/forms/{code}/entry', 'get', '200', 'unlock'],
      ['/api/scorecards/{code}', 'get', '200', 'appraise'],
      ['/api/scorecards/{code}/assessments', 'get', '200', 'assess'],
      ['/api/reviews/{id}', 'get', '200', 'freeze'],
    ] as const)
      expect(response(path, method, status), `${method} ${path}`).toContain(`"${ability}"`);
  });
});
