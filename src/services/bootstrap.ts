/**
 * First start: reference data (pillars, fields), the `admin` account, and — on an empty database
 * unless CHISO_DEMO=0 — the demo province. Generated passwords are printed once.
 */
import type { Config } from '../config.js';
import type { Database } from '../db/index.js';
import { PILLAR_NAMES, PILLARS } from '../domain/catalog.js';
import { FIELDS } from '../domain/reference.js';
import * as indicators from '../repositories/indicators.js';
import * as orgUnits from '../repositories/orgUnits.js';
import { getSetting, putSettingIfAbsent } from '../repositories/settings.js';
import * as users from '../repositories/users.js';
import { generatePassword, hashPassword } from './auth.js';

export interface BootstrapReport {
  adminCreated: boolean;
  adminPassword?: string;
  demoLoaded: boolean;
  demoPassword?: string;
  demoValues?: number;
}

export async function ensureReferenceData(database: Database) {
  let sort = 0;
  for (const code of PILLARS) {
    await indicators.upsertPillar(database, {
      code,
      name: PILLAR_NAMES[code].vi,
      name_en: PILLAR_NAMES[code].en,
      sort: sort++,
    });
  }
  for (const f of FIELDS)
    await indicators.upsertField(database, { code: f.code, name: f.name, name_en: f.nameEn });
}

export async function bootstrap(
  database: Database,
  config: Config,
  log: (msg: string) => void = console.log,
): Promise<BootstrapReport> {
  await ensureReferenceData(database);
  const report: BootstrapReport = { adminCreated: false, demoLoaded: false };
  if (!(await users.findUserByUsername(database, 'admin'))) {
    const password = config.adminPassword ?? generatePassword();
    await users.createUser(database, {
      username: 'admin',
      displayName: 'Quản trị hệ thống',
      passwordHash: await hashPassword(password),
      isAdmin: true,
    });
    report.adminCreated = true;
    if (!config.adminPassword) {
      report.adminPassword = password;
      log(
        `Created user "admin" with password: ${password}  (shown once; set CHISO_ADMIN_PASSWORD to choose it)`,
      );
    }
  }
  if (config.demo) {
    const empty = (await orgUnits.countUnits(database)) === 0;
    if (empty) {
      const { loadDemo } = await import('../demo/load.js');
      const r = await loadDemo(database, { password: config.demoPassword, log });
      report.demoLoaded = true;
      report.demoPassword = r.generatedPassword;
      report.demoValues = r.values;
    }
    // plans, reporting history and scorecards of the demo: each loader is idempotent, and the
    // marker is written last, so a start interrupted half-way finishes the job next time
    const demoBase = (await getSetting(database, 'home_unit')) !== undefined;
    const extrasDone = (await getSetting(database, 'demo_extras')) !== undefined;
    if (demoBase && !extrasDone) {
      const started = Date.now();
      const { loadDemoPlans } = await import('../demo/plans.js');
      const { loadDemoReporting } = await import('../demo/reporting.js');
      const { loadDemoScorecards } = await import('../demo/scorecards.js');
      await loadDemoPlans(database);
      await loadDemoReporting(database);
      await loadDemoScorecards(database);
      await putSettingIfAbsent(database, 'demo_extras', true);
      log(`Loaded the demo plans, reporting history and scorecards in ${Date.now() - started} ms.`);
    }
  }
  return report;
}
