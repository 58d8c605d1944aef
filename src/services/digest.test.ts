/** The daily digest goes out by SMTP: a local SMTP server (smtp-server) receives it. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test/harness.js';
import { type MailCatcher, startMailCatcher } from '../test/mailCatcher.js';
import { digestFor, sendDigests } from './digest.js';

let t: TestApp;
let catcher: MailCatcher;

beforeAll(async () => {
  t = await startTestApp({ demo: true });
  await t.database.db
    .updateTable('app_user')
    .set({ email: 'lanhdao@example.vn' })
    .where('username', '=', 'lanhdao')
    .execute();
  await t.database.db
    .updateTable('app_user')
    .set({ email: 'xem@example.vn', disabled: true })
    .where('username', '=', 'xem')
    .execute();
  catcher = await startMailCatcher();
}, 180_000);

afterAll(async () => {
  await catcher?.close();
  await t?.close();
});

it('builds a digest from the warnings of the user’s part of the tree', async () => {
  const user = await t.database.db
    .selectFrom('app_user')
    .select('id')
    .where('username', '=', 'lanhdao')
    .executeTakeFirstOrThrow();
  const d = await digestFor(t.database, user.id, '2024-06-30', 'vi');
  expect(d).not.toBeNull();
  expect(d?.count).toBeGreaterThan(0);
  expect(d?.subject).toMatch(/cảnh báo tính đến ngày 30\/06\/2024/);
});

it('sends one mail to each active user with an address, through SMTP', async () => {
  const r = await sendDigests(
    t.database,
    { smtpUrl: catcher.url, from: 'chiso@example.vn', appUrl: 'http://localhost:3000/' },
    '2024-06-30',
  );
  expect(r.sent).toBe(1);
  expect(r.recipients).toEqual(['lanhdao@example.vn']);
  expect(catcher.received).toHaveLength(1);
  expect(catcher.received[0].to).toBe('lanhdao@example.vn');
  expect(catcher.received[0].body).toMatch(/Subject: /);
  expect(catcher.received[0].body).toMatch(/localhost:3000/);
});
