/**
 * Notifications that reach people: written with their event (a report returned or approved, a task
 * or target assigned), by the daily reminder job (reports and tasks due soon), shown only to their
 * person in the app, and sent by e-mail through a local SMTP server according to each person's choices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../test/harness.js';
import { type MailCatcher, startMailCatcher } from '../test/mailCatcher.js';
import { addUser, INDICATOR_ONLINE, INDICATOR_TOTAL, startWith } from '../test/setup.js';
import { sendDigests } from './digest.js';
import { remindDue, sendNotificationEmails } from './notifications.js';

const UNITS_CSV = `code,name,type,level,parent_code
74,Bình Dương,Tỉnh,1,
718,Thủ Dầu Một,Thành phố,2,74
725,Thuận An,Thành phố,2,74
`;
const PASSWORD = 'notify-Pass-123';
const FORM = {
  code: 'BC_TB',
  name: 'Báo cáo tháng',
  nameEn: 'Monthly report',
  periodType: 'month',
  indicators: ['ONLINE', 'TOTAL'],
  unitsWithin: { orgUnit: '74', level: 2, kind: 'district' },
  dueWorkingDays: 5,
  reminderDays: 3,
  lockDays: 3650,
};
const GOOD = [
  { indicator: 'ONLINE', numerator: 40, denominator: 50 },
  { indicator: 'TOTAL', value: 100 },
];

let t: TestApp;
let admin: Record<string, string>;
let rep725: Record<string, string>;
let rep718: Record<string, string>;
let sec74: Record<string, string>;
let catcher: MailCatcher;
const json = (res: { body: string }) => JSON.parse(res.body);
type Item = { id: number; kind: string; message: string; link: string | null; readAt: string | null };

const call = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  headers: Record<string, string>,
  payload?: unknown,
) => t.request({ method, url, headers, payload: payload as never });
const act = (action: string, headers: Record<string, string>, unit: string, period: string, extra = {}) =>
  call('POST', `/api/forms/BC_TB/${action}`, headers, { orgUnit: unit, period, ...extra });
const inbox = async (headers: Record<string, string>, lang = 'vi') =>
  json(await call('GET', '/api/notifications', { ...headers, 'accept-language': lang })) as {
    total: number;
    unread: number;
    items: Item[];
  };
/** The text of a quoted-printable mail body (nodemailer's encoding for non-ASCII text). */
const unQuote = (s: string) =>
  Buffer.from(
    s
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    'latin1',
  ).toString('utf8');
const userId = async (username: string) =>
  (
    await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  ({ t, admin } = await startWith({ units: UNITS_CSV, indicators: [INDICATOR_ONLINE, INDICATOR_TOTAL] }));
  rep725 = await addUser(t, {
    username: 'rep725',
    role: 'reporter',
    unit: '725',
    password: PASSWORD,
    displayName: 'Nguyễn Văn An',
  });
  rep718 = await addUser(t, { username: 'rep718', role: 'reporter', unit: '718', password: PASSWORD });
  sec74 = await addUser(t, {
    username: 'sec74',
    role: 'secretariat',
    unit: '74',
    password: PASSWORD,
    displayName: 'Trần Thị Bình',
  });
  const f = await call('POST', '/api/forms', sec74, FORM);
  expect(f.statusCode, f.body).toBe(201);
  catcher = await startMailCatcher();
}, 120_000);
afterAll(async () => {
  await catcher?.close();
  await t?.close();
});

const mailCfg = () => ({
  smtpUrl: catcher.url,
  from: 'chiso@example.vn',
  appUrl: 'http://chiso.example.vn/',
});

describe('a returned and an approved report', () => {
  it('tells the person who submitted it, with the reason, in their language, and nobody else', async () => {
    expect(
      (await call('PUT', '/api/forms/BC_TB/entry?orgUnit=725&period=2024M03', rep725, { values: GOOD }))
        .statusCode,
    ).toBe(200);
    expect((await act('submit', rep725, '725', '2024M03')).statusCode).toBe(200);
    const ret = await act('return', sec74, '725', '2024M03', { reason: 'Thiếu số liệu phường' });
    expect(ret.statusCode, ret.body).toBe(200);

    const vi = await inbox(rep725);
    expect(vi.unread).toBe(1);
    expect(vi.items[0]).toMatchObject({
      kind: 'report_returned',
      link: '/reports/entry?form=BC_TB&unit=725&period=2024M03',
      readAt: null,
    });
    expect(vi.items[0].message).toBe(
      'Báo cáo "Báo cáo tháng" kỳ Tháng 3/2024 của Thuận An bị trả lại bởi Trần Thị Bình: Thiếu số liệu phường',
    );
    const en = await inbox(rep725, 'en');
    expect(en.items[0].message).toMatch(
      /^Report "Báo cáo tháng" for .*Thuận An, was returned by Trần Thị Bình/,
    );
    // the reviewer and other units hear nothing
    expect((await inbox(sec74)).total).toBe(0);
    expect((await inbox(rep718)).total).toBe(0);

    // resubmitted and approved: a second notification
    expect((await act('submit', rep725, '725', '2024M03')).statusCode).toBe(200);
    expect((await act('approve', sec74, '725', '2024M03')).statusCode).toBe(200);
    const after = await inbox(rep725);
    expect(after.items.map((i) => i.kind)).toEqual(['report_approved', 'report_returned']);
    expect(after.items[0].message).toMatch(/đã được duyệt bởi Trần Thị Bình$/);
  });

  it('a returned report twice is two notifications (one per event)', async () => {
    expect(
      (await call('PUT', '/api/forms/BC_TB/entry?orgUnit=725&period=2024M04', rep725, { values: GOOD }))
        .statusCode,
    ).toBe(200);
    for (const reason of ['Lần 1', 'Lần 2']) {
      expect((await act('submit', rep725, '725', '2024M04')).statusCode).toBe(200);
      expect((await act('return', sec74, '725', '2024M04', { reason })).statusCode).toBe(200);
    }
    const msgs = (await inbox(rep725)).items.filter((i) => i.link?.includes('2024M04')).map((i) => i.message);
    expect(msgs).toHaveLength(2);
    expect(msgs[0]).toMatch(/Lần 2$/);
    expect(msgs[1]).toMatch(/Lần 1$/);
  });

  it('marks read only one’s own notifications', async () => {
    const mine = await inbox(rep725);
    const id = mine.items[0].id;
    // another person cannot mark it (404, as if it were not there) and it stays unread
    expect((await call('POST', `/api/notifications/${id}/read`, rep718)).statusCode).toBe(404);
    expect((await inbox(rep725)).items[0].readAt).toBeNull();
    expect((await call('POST', `/api/notifications/${id}/read`, rep725)).statusCode).toBe(200);
    const after = await inbox(rep725);
    expect(after.items[0].readAt).not.toBeNull();
    expect(after.unread).toBe(mine.unread - 1);
    const unreadOnly = json(await call('GET', '/api/notifications?unread=true', rep725));
    expect(unreadOnly.items.every((i: Item) => i.readAt === null)).toBe(true);
    expect(json(await call('POST', '/api/notifications/read-all', rep725)).updated).toBe(after.unread);
    expect((await inbox(rep725)).unread).toBe(0);
    // nobody logged in: 401
    expect((await t.request({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });
});

describe('assignments', () => {
  it('a new task tells the people acting for its lead and cooperating units; a re-save tells nobody again', async () => {
    const plan = await call('POST', '/api/plans', admin, {
      code: 'KH-TB',
      name: 'Kế hoạch thử',
      periodFrom: '2024',
      periodTo: '2025',
      scopeUnit: '74',
    });
    expect(plan.statusCode, plan.body).toBe(201);
    const before725 = (await inbox(rep725)).total;
    const task = await call('POST', '/api/tasks', admin, {
      plan: 'KH-TB',
      title: 'Số hóa hồ sơ',
      leadUnit: '725',
      cooperatingUnits: ['718'],
      dueDate: '2024-07-18',
    });
    expect(task.statusCode, task.body).toBe(201);
    const id = json(task).id;
    const a725 = (await inbox(rep725)).items.find((i) => i.kind === 'assignment');
    expect(a725?.message).toBe(
      'Thuận An được giao chủ trì nhiệm vụ "Số hóa hồ sơ" (kế hoạch KH-TB), hạn 18/07/2024',
    );
    expect(a725?.link).toBe(`/my-work?task=${id}`);
    const a718 = (await inbox(rep718)).items.find((i) => i.kind === 'assignment');
    expect(a718?.message).toMatch(/^Thủ Dầu Một được giao phối hợp nhiệm vụ/);
    // the province's secretariat is not on the task's units
    expect((await inbox(sec74)).items.some((i) => i.kind === 'assignment')).toBe(false);
    // an update that names no new unit adds nothing
    expect((await call('PUT', `/api/tasks/${id}`, admin, { title: 'Số hóa hồ sơ (sửa)' })).statusCode).toBe(
      200,
    );
    expect((await inbox(rep725)).total).toBe(before725 + 1);
  });
});

describe('the daily reminder job', () => {
  it('reminds the reporters of units that have not submitted, once a day, from the reminder date to the due date', async () => {
    // BC_TB 2024M02: window to 14/02, due 21/02 (5 working days), reminders from 18/02
    expect(await remindDue(t.database, '2024-02-17')).toMatchObject({ reports: 0 });
    // 718 submits; 725 does not
    expect(
      (await call('PUT', '/api/forms/BC_TB/entry?orgUnit=718&period=2024M02', rep718, { values: GOOD }))
        .statusCode,
    ).toBe(200);
    expect((await act('submit', rep718, '718', '2024M02')).statusCode).toBe(200);
    const r = await remindDue(t.database, '2024-02-19');
    expect(r.reports).toBe(1);
    const due = (await inbox(rep725)).items.find((i) => i.kind === 'report_due');
    expect(due?.message).toBe(
      'Sắp đến hạn nộp báo cáo "Báo cáo tháng" kỳ Tháng 2/2024 của Thuận An: hạn 21/02/2024 (còn 2 ngày)',
    );
    expect((await inbox(rep718)).items.some((i) => i.kind === 'report_due')).toBe(false);
    // a second run the same day adds nothing; the next day reminds again
    expect((await remindDue(t.database, '2024-02-19')).reports).toBe(0);
    expect((await remindDue(t.database, '2024-02-20')).reports).toBe(1);
    // after the due date: no reminder (the late-report warnings take over)
    expect((await remindDue(t.database, '2024-02-22')).reports).toBe(0);
  });

  it('reminds of a task 7, 3, 1 and 0 days before it is due, once per step', async () => {
    expect((await remindDue(t.database, '2024-07-10')).tasks).toBe(0); // 8 days before
    expect((await remindDue(t.database, '2024-07-11')).tasks).toBe(1); // 7 days: step 7, rep725 on 725
    expect((await remindDue(t.database, '2024-07-12')).tasks).toBe(0); // still step 7
    expect((await remindDue(t.database, '2024-07-15')).tasks).toBe(1); // 3 days
    const msg = (await inbox(rep725)).items.find((i) => i.kind === 'task_due')?.message;
    expect(msg).toBe('Nhiệm vụ "Số hóa hồ sơ (sửa)" của Thuận An sắp đến hạn: 18/07/2024 (còn 3 ngày)');
  });
});

describe('choices and e-mail', () => {
  it('sends e-mail only for the kinds a person chose, once, and hides kinds turned off in the app', async () => {
    await t.database.db
      .updateTable('app_user')
      .set({ email: 'an@example.vn' })
      .where('username', '=', 'rep725')
      .execute();
    // defaults: approvals not by e-mail
    const prefs = json(await call('GET', '/api/notifications/preferences', rep725));
    expect(prefs.report_approved).toEqual({ inApp: true, email: false });
    expect(prefs.report_returned).toEqual({ inApp: true, email: true });
    // turn off report_due by e-mail and task_due in the app
    const put = await call('PUT', '/api/notifications/preferences', rep725, {
      report_due: { email: false },
      task_due: { inApp: false },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(json(put).report_due).toEqual({ inApp: true, email: false });
    expect(json(put).task_due).toEqual({ inApp: false, email: true });
    expect((await inbox(rep725)).items.some((i) => i.kind === 'task_due')).toBe(false);
    // bad choices are refused
    expect(
      (await call('PUT', '/api/notifications/preferences', rep725, { nope: { email: true } })).statusCode,
    ).toBe(400);
    expect(
      (await call('PUT', '/api/notifications/preferences', rep725, { report_due: { email: 'yes' } }))
        .statusCode,
    ).toBe(400);

    // notifications are stored now; the mailer sees those of the last two days
    const now = new Date();
    const m = await sendNotificationEmails(t.database, mailCfg(), now);
    expect(m.mails).toBe(1);
    expect(catcher.received).toHaveLength(1);
    const mail = { ...catcher.received[0], body: unQuote(catcher.received[0].body) };
    expect(mail.to).toBe('an@example.vn');
    // returned reports, the assignment and task reminders went; approvals and report reminders did not
    const kinds = await t.database.db
      .selectFrom('notification')
      .select(['kind', 'emailed_at'])
      .where('user_id', '=', await userId('rep725'))
      .execute();
    expect(kinds.every((k) => k.emailed_at !== null)).toBe(true);
    expect(m.sent).toBe(
      kinds.filter((k) => ['report_returned', 'assignment', 'task_due'].includes(k.kind)).length,
    );
    expect(m.skipped).toBe(kinds.length - m.sent);
    expect(mail.body).toMatch(
      /http:\/\/chiso\.example\.vn\/reports\/entry\?form=BC_TB&unit=725&period=2024M03/,
    );
    expect(mail.body).toContain('Kính gửi Nguyễn Văn An,');
    expect(mail.body).toContain('bị trả lại bởi Trần Thị Bình: Thiếu số liệu phường');
    expect(mail.body).not.toContain('đã được duyệt');
    expect(mail.body).not.toContain('Sắp đến hạn nộp báo cáo');
    // sent once
    expect((await sendNotificationEmails(t.database, mailCfg(), now)).mails).toBe(0);
    expect(catcher.received).toHaveLength(1);
  });

  it('the daily digest follows the person’s choice', async () => {
    await t.database.db
      .updateTable('app_user')
      .set({ email: 'binh@example.vn' })
      .where('username', '=', 'sec74')
      .execute();
    await call('PUT', '/api/notifications/preferences', sec74, { digest: { email: false } });
    await call('PUT', '/api/notifications/preferences', rep725, { digest: { email: false } });
    const r = await sendDigests(t.database, mailCfg(), '2024-06-30');
    expect(r.recipients).not.toContain('binh@example.vn');
    expect(r.recipients).not.toContain('an@example.vn');
  });
});
