/**
 * Loads the demo province (src/demo) into an empty database, in one transaction: categories, units,
 * indicators, values, accounts. Run by services/bootstrap.ts; then plans.ts, reporting.ts and
 * scorecards.ts of this folder add the demo plans, reporting history and scorecards.
 */
import { toCopyCsv } from '../db/copy.js';
import type { Database } from '../db/index.js';
import { parsePeriod, periodId } from '../domain/period.js';
import { foldText } from '../domain/text.js';
import * as dataValues from '../repositories/dataValues.js';
import * as indicators from '../repositories/indicators.js';
import * as orgUnits from '../repositories/orgUnits.js';
import { putSettingIfAbsent } from '../repositories/settings.js';
import * as users from '../repositories/users.js';
import { generatePassword, hashPassword } from '../services/auth.js';
import { DEMO_CATEGORIES, DEMO_INDICATORS } from './catalog.js';
import { DEMO_UNITS } from './units.js';
import { generateDemoValues } from './values.js';

/** Demo accounts (issue: roles on the org tree): username, name, role, unit. */
export const DEMO_USERS = [
  { username: 'lanhdao', displayName: 'Lãnh đạo UBND tỉnh', role: 'leader', unit: '74' },
  { username: 'sotttt', displayName: 'Sở Thông tin và Truyền thông', role: 'secretariat', unit: '74' },
  { username: 'thuanan', displayName: 'Cán bộ báo cáo TP. Thuận An', role: 'reporter', unit: '725' },
  { username: 'dian', displayName: 'Cán bộ báo cáo TP. Dĩ An', role: 'reporter', unit: '724' },
  { username: 'xem', displayName: 'Người xem', role: 'viewer', unit: '74' },
] as const;

export async function loadDemo(
  database: Database,
  opts: { password?: string; log?: (m: string) => void } = {},
) {
  const log = opts.log ?? (() => {});
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
    await orgUnits.upsertUnits(
      tx,
      DEMO_UNITS.map((u) => ({
        code: u.code,
        name: u.name,
        nameSearch: foldText(u.name),
        kind: u.kind,
        type: u.type,
        level: u.level,
        parentCode: u.parentCode,
        validFrom: null,
        validTo: null,
      })),
      toCopyCsv,
    );
    const unitRows = await orgUnits.findByCodes(
      tx,
      DEMO_UNITS.map((u) => u.code),
    );
    const unitByCode = new Map(unitRows.map((u) => [u.code, u]));
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
        owner_unit_id: d.owner ? (unitByCode.get(d.owner)?.id ?? null) : null,
        source: d.source ?? null,
        reporting_kinds: d.reportingKinds ?? [],
        category_code: d.category ?? null,
        formula: d.formula ?? null,
      });
    }
    const indRows = await indicators.findByCodes(
      tx,
      DEMO_INDICATORS.map((d) => d.code),
    );
    const indByCode = new Map(indRows.map((i) => [i.code, i]));
    const options = new Map(
      (await indicators.categoryOptions(tx)).map((o) => [`${o.category}:${o.code}`, o.id]),
    );
    const staged: dataValues.StagedValue[] = [];
    for (const v of generateDemoValues()) {
      const ind = indByCode.get(v.indicator)!;
      const unit = unitByCode.get(v.orgUnit)!;
      const period = parsePeriod(v.period)!;
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
      const unitId = unitByCode.get(u.unit)!.id;
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
    await putSettingIfAbsent(tx, 'home_unit', '74');
    return staged.length;
  });
  log(
    `Loaded the demo province Bình Dương: ${DEMO_UNITS.length} units, ${DEMO_INDICATORS.length} indicators, ${values} values in ${Date.now() - started} ms.`,
  );
  if (!opts.password) {
    log(
      `Demo users ${DEMO_USERS.map((u) => u.username).join(', ')} have the password: ${password}  (shown once; set CHISO_DEMO_PASSWORD to choose it)`,
    );
  }
  return { values, generatedPassword: opts.password ? undefined : password };
}
