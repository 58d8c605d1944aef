/**
 * Loads the demo (src/demo) into an empty database, in one transaction: categories, units of both
 * trees (Bình Dương's old versions, valid to 2025-06-30, and Hồ Chí Minh City's from 2025-07-01),
 * their lineage, indicators (the open-data set published), values (the old history and today's, relative to `today`), accounts.
 * Run by services/bootstrap.ts; then plans.ts, reporting.ts and scorecards.ts of this folder add
 * the demo plans, reporting history and scorecards.
 */
import type { Database } from '../db/index.js';
import { parsePeriod, periodEnd, periodId } from '../domain/period.js';
import { foldText } from '../domain/text.js';
import { today as todayDate } from '../domain/unitVersions.js';
import * as dataValues from '../repositories/dataValues.js';
import * as indicators from '../repositories/indicators.js';
import { insertLineage } from '../repositories/orgUnitLineage.js';
import * as orgUnits from '../repositories/orgUnits.js';
import { putSettingIfAbsent } from '../repositories/settings.js';
import * as users from '../repositories/users.js';
import { generatePassword, hashPassword } from '../services/auth.js';
import { DEMO_CATEGORIES, DEMO_INDICATORS, DEMO_PUBLISHED } from './catalog.js';
import { generateAllDemoValues } from './currentValues.js';
import { DEPARTMENT_SUCCESSOR, HCMC_CODE, HCMC_UNITS } from './hcmcUnits.js';
import { DEMO_LINEAGE } from './lineage.js';
import { DEMO_BREAK, DEMO_UNITS, type DemoUnit } from './units.js';

/**
 * Demo accounts (issue: roles on the org tree): username, name, role, unit, and which tree the
 * unit is in — the first five hold their rights over Bình Dương's old units (its history), the
 * others over Hồ Chí Minh City's units of today.
 */
export const DEMO_USERS = [
  { username: 'lanhdao', displayName: 'Lãnh đạo UBND tỉnh', role: 'leader', unit: '74', tree: 'old' },
  {
    username: 'sotttt',
    displayName: 'Sở Thông tin và Truyền thông',
    role: 'secretariat',
    unit: '74',
    tree: 'old',
  },
  {
    username: 'thuanan',
    displayName: 'Cán bộ báo cáo TP. Thuận An',
    role: 'reporter',
    unit: '725',
    tree: 'old',
  },
  { username: 'dian', displayName: 'Cán bộ báo cáo TP. Dĩ An', role: 'reporter', unit: '724', tree: 'old' },
  { username: 'xem', displayName: 'Người xem', role: 'viewer', unit: '74', tree: 'old' },
  {
    username: 'lanhdaohcm',
    displayName: 'Lãnh đạo UBND Thành phố Hồ Chí Minh',
    role: 'leader',
    unit: HCMC_CODE,
    tree: 'new',
  },
  {
    username: 'sokhcnhcm',
    displayName: 'Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh',
    role: 'secretariat',
    unit: HCMC_CODE,
    tree: 'new',
  },
  {
    username: 'phuongthuanan',
    displayName: 'Cán bộ báo cáo phường Thuận An',
    role: 'reporter',
    unit: '25978',
    tree: 'new',
  },
  {
    username: 'phuongdian',
    displayName: 'Cán bộ báo cáo phường Dĩ An',
    role: 'reporter',
    unit: '25942',
    tree: 'new',
  },
  {
    username: 'xemhcm',
    displayName: 'Người xem (TP. Hồ Chí Minh)',
    role: 'viewer',
    unit: HCMC_CODE,
    tree: 'new',
  },
] as const;

const toStaged = (u: DemoUnit): orgUnits.StagedUnit => ({ ...u, nameSearch: foldText(u.name) });

export async function loadDemo(
  database: Database,
  opts: { password?: string; log?: (m: string) => void; today?: string } = {},
) {
  const log = opts.log ?? (() => {});
  const today = opts.today ?? todayDate();
  const started = Date.now();
  const password = opts.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const values = await database.transaction(async (tx) => {
    for (const c of DEMO_CATEGORIES) {
      await indicators.upsertCategory(tx, {
        code: c.code,
        name: c.name,
        name_en: c.nameEn,
        options: c.options.map((o) => ({ code: o.code, name: o.name, name_en: o.nameEn })),
      });
    }
    // both trees at once: several new wards reuse an old commune's code, so every row is a
    // version of its own (upsertUnits would match a code to its stored version)
    await orgUnits.insertUnitVersions(tx, [...DEMO_UNITS, ...HCMC_UNITS].map(toStaged));
    const versions = await orgUnits.versionsByCodes(tx, [
      ...new Set([...DEMO_UNITS, ...HCMC_UNITS].map((u) => u.code)),
    ]);
    // the old tree's versions (valid on 2025-06-30) and the new tree's (valid from 2025-07-01); 79 is in both
    const old = new Map(versions.filter((v) => v.validFrom === null).map((v) => [v.code, v]));
    const now = new Map(versions.filter((v) => v.validTo === null).map((v) => [v.code, v]));
    await insertLineage(
      tx,
      DEMO_LINEAGE.map((r) => ({
        effective: DEMO_BREAK,
        newUnitId: now.get(r.newCode)!.id,
        oldUnitId: old.get(r.oldCode)!.id,
        kind: r.kind,
        share: r.share,
        shareMethod: r.shareMethod,
      })),
    );
    // an indicator's owner is the department responsible today (the HCMC one that took it over)
    const ownerOf = (code: string) =>
      (now.get(DEPARTMENT_SUCCESSOR.get(code) ?? '') ?? old.get(code))?.id ?? null;
    for (const d of DEMO_INDICATORS) {
      await indicators.insert(tx, {
        code: d.code,
        name: d.name,
        name_en: d.nameEn,
        name_search: foldText(`${d.name} ${d.nameEn}`),
        definition: d.definition ?? null,
        definition_en: d.definitionEn ?? null,
        unit: d.unit,
        pillar: d.pillar,
        field: d.field,
        value_type: d.valueType,
        aggregation: d.aggregation,
        time_aggregation: d.timeAggregation,
        polarity: d.polarity,
        frequency: d.frequency,
        ratio_scale: d.ratioScale,
        decimals: d.decimals ?? null,
        owner_unit_id: d.owner ? ownerOf(d.owner) : null,
        source: d.source ?? null,
        reporting_kinds: d.reportingKinds ?? [],
        category_code: d.category ?? null,
        formula: d.formula ?? null,
      });
    }
    // the open-data set (catalog.ts DEMO_PUBLISHED): /open has something to show from the start
    for (const code of DEMO_PUBLISHED) await indicators.setPublished(tx, code, true);
    const indRows = await indicators.findByCodes(
      tx,
      DEMO_INDICATORS.map((d) => d.code),
    );
    const indByCode = new Map(indRows.map((i) => [i.code, i]));
    const options = new Map(
      (await indicators.categoryOptions(tx)).map((o) => [`${o.category}:${o.code}`, o.id]),
    );
    const staged: dataValues.StagedValue[] = [];
    for (const v of generateAllDemoValues(today)) {
      const ind = indByCode.get(v.indicator)!;
      const period = parsePeriod(v.period)!;
      // a period that ends before 2025-07-01 is the old units'; later ones (2025 included) the new
      const unit = (periodEnd(period) < DEMO_BREAK ? old : now).get(v.orgUnit)!;
      staged.push({
        provinceId: unit.provinceId ?? unit.id,
        indicatorId: ind.id,
        periodId: periodId(period),
        orgUnitId: unit.id,
        optionId: v.categoryOption ? (options.get(`${ind.category}:${v.categoryOption}`) ?? 0) : 0,
        value: v.value,
        numerator: v.numerator,
        denominator: v.denominator,
        comment: null,
      });
    }
    // Straight to the repository (mergeValues, status 'approved'), not through importValues of
    // services/dataValues.ts: that path needs an actor, validates row by row and stores drafts or
    // submitted values, while the demo's years of history are approved figures; the generator's
    // rows fit the catalogue they are made for (demo.test.ts checks them), and one COPY keeps the
    // first start fast.
    await dataValues.mergeValues(tx, staged, { userId: null, status: 'approved', source: 'demo' });
    // accounts straight through the repository: the user services need an administrator actor and
    // would audit each account; the demo has no actor yet (no audit entries, as before)
    for (const u of DEMO_USERS) {
      const unitId = (u.tree === 'old' ? old : now).get(u.unit)!.id;
      const existing = await users.findUserByUsername(tx, u.username);
      const id =
        existing?.id ??
        (
          await users.createUser(tx, {
            username: u.username,
            displayName: u.displayName,
            passwordHash,
            orgUnitId: unitId,
          })
        ).id;
      await users.addGrant(tx, id, u.role, unitId);
    }
    // a fresh start opens on HCMC; users open on the unit of their first grant (auth.ts)
    await putSettingIfAbsent(tx, 'home_unit', HCMC_CODE);
    return staged.length;
  });
  log(
    `Loaded the demo: Hồ Chí Minh City today (${HCMC_UNITS.length} units) and Bình Dương's history to 2025-06-30 (${DEMO_UNITS.length} units), ${DEMO_INDICATORS.length} indicators, ${values} values up to ${today} in ${Date.now() - started} ms.`,
  );
  if (!opts.password) {
    log(
      `Demo users ${DEMO_USERS.map((u) => u.username).join(', ')} have the password: ${password}  (shown once; set CHISO_DEMO_PASSWORD to choose it)`,
    );
  }
  return { values, generatedPassword: opts.password ? undefined : password };
}
