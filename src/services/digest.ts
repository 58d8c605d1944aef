/**
 * The daily warnings digest (bản tin cảnh báo hằng ngày): for every active user with an e-mail
 * address, the warnings of their part of the tree (targets behind, tasks overdue or due soon,
 * units without data), sent by e-mail when SMTP is configured (CHISO_SMTP_URL).
 */

import nodemailer from 'nodemailer';
import type { Database } from '../db/index.js';
import type { Lang } from '../i18n/index.js';
import { getSetting, putSetting } from '../repositories/settings.js';
import { activeUsersWithEmail } from '../repositories/users.js';
import { loadActor } from './auth.js';
import { wantsDigest } from './notifications.js';
import { warnings } from './plans.js';

export interface DigestConfig {
  /** smtp://user:pass@host:port (smtps:// for TLS). */
  smtpUrl: string;
  from: string;
  /** Link to the app, put in the mail. */
  appUrl: string;
  lang?: Lang;
}

export interface DigestResult {
  sent: number;
  skipped: number;
  recipients: string[];
}

const SEVERITY_MARK = { high: '!!', medium: '!', low: '·' } as const;

/** The text of one user's digest, or null when there is nothing to say. */
export async function digestFor(database: Database, userId: number, asOf: string, lang: Lang) {
  const actor = await loadActor(database, userId, 'session');
  if (!actor) return null;
  const w = await warnings(database, actor, lang, { asOf });
  if (w.items.length === 0) return null;
  const title =
    lang === 'en'
      ? `chiso — ${w.items.length} warning(s) as of ${asOf}`
      : `chiso — ${w.items.length} cảnh báo tính đến ngày ${asOf.split('-').reverse().join('/')}`;
  const lines = w.items.slice(0, 200).map((x) => `${SEVERITY_MARK[x.severity]} ${x.message}`);
  if (w.items.length > 200)
    lines.push(
      lang === 'en' ? `… and ${w.items.length - 200} more` : `… và ${w.items.length - 200} cảnh báo khác`,
    );
  return { subject: title, text: lines.join('\n'), count: w.items.length };
}

/** Sends each active user with an e-mail address their digest; users with no warnings get none. */
export async function sendDigests(
  database: Database,
  cfg: DigestConfig,
  asOf: string,
): Promise<DigestResult> {
  const transport = nodemailer.createTransport(cfg.smtpUrl);
  const users = await activeUsersWithEmail(database);
  const lang = cfg.lang ?? 'vi';
  const result: DigestResult = { sent: 0, skipped: 0, recipients: [] };
  for (const u of users) {
    // a person may turn the digest off (notification preferences)
    if (!(await wantsDigest(database, u.id))) {
      result.skipped++;
      continue;
    }
    const d = await digestFor(database, u.id, asOf, lang);
    if (!d || !u.email) {
      result.skipped++;
      continue;
    }
    const footer = lang === 'en' ? `\n\nOpen chiso: ${cfg.appUrl}` : `\n\nMở chiso: ${cfg.appUrl}`;
    await transport.sendMail({ from: cfg.from, to: u.email, subject: d.subject, text: `${d.text}${footer}` });
    result.sent++;
    result.recipients.push(u.email);
  }
  transport.close();
  return result;
}

/**
 * Runs the digest once a day after `hour` (Vietnam time), remembering the last day sent in the
 * `setting` table so a restart does not send twice. Returns a stop function.
 */
export function scheduleDailyDigest(
  database: Database,
  cfg: DigestConfig,
  log: (m: string) => void,
  hour = 7,
): () => void {
  const tick = async () => {
    const now = new Date(Date.now() + 7 * 3600_000); // UTC+7
    const today = now.toISOString().slice(0, 10);
    if (now.getUTCHours() < hour) return;
    if ((await getSetting(database, 'digest_last_sent')) === today) return;
    await putSetting(database, 'digest_last_sent', today);
    const r = await sendDigests(database, cfg, today);
    log(`Daily digest ${today}: ${r.sent} sent, ${r.skipped} without warnings or address.`);
  };
  const timer = setInterval(
    () => void tick().catch((e) => log(`Daily digest failed: ${(e as Error).message}`)),
    15 * 60_000,
  );
  void tick().catch((e) => log(`Daily digest failed: ${(e as Error).message}`));
  return () => clearInterval(timer);
}
