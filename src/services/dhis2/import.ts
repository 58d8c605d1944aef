/**
 * DHIS2 data value set import (dhis2-core dxf2 DefaultDataValueSetService semantics, 2.38+), an
 * adapter in front of the one write pipeline (services/valueImport.ts):
 * - dataElement = indicator code (ratio indicators: `CODE.NUM` and `CODE.DEN`, same cell), orgUnit =
 *   org unit code, period in DHIS2 form (domain/dhis2Period.ts), categoryOptionCombo = a category
 *   option's code or its DHIS2 code (`category_option.dhis2_code`); absent, `default` or DHIS2's
 *   default combo UID `HllvX50cXC0` = no disaggregation;
 * - attributeOptionCombo other than the default → conflict E8110 (chiso keeps no attribute
 *   dimension; refusing is what keeps it from overwriting the default cell);
 * - idScheme/dataElementIdScheme/orgUnitIdScheme: CODE (default); UID, ID, NAME… → conflict (chiso
 *   keeps no UIDs for indicators and units);
 * - importStrategy CREATE_AND_UPDATE (default) | CREATE (stored cells ignored) | UPDATE (new cells
 *   ignored) | DELETE (stored cells deleted, history kept); a value with `deleted: true`, or with no
 *   value under CREATE_AND_UPDATE/UPDATE, deletes its cell, as DHIS2 does;
 * - dryRun: everything validated and counted, nothing kept (the pipeline rolls its transaction back);
 * - an unchanged value is `ignored` and keeps its status (approved stays approved);
 * - storedBy, created and lastUpdated are not taken from the input: chiso records who and when
 *   itself; comment and followup are stored;
 * - partial, like DHIS2: good values go in, each bad one is a conflict `{object, value, errorCode,
 *   property, indexes}`; HTTP 409 when nothing went through (summary.ts).
 */
import type { Actor } from '../../access/actor.js';
import type { Database } from '../../db/index.js';
import type { RowInput } from '../../domain/dataValueRow.js';
import { readDhis2Period } from '../../domain/dhis2Period.js';
import { formatPeriod, isPeriodType } from '../../domain/period.js';
import { translateRowErrors } from '../../i18n/errors.js';
import { type Lang, t } from '../../i18n/index.js';
import * as values from '../../repositories/dataValues.js';
import * as indicators from '../../repositories/indicators.js';
import { startValueImport, type WriteStrategy } from '../valueImport.js';
import { dhis2Messages } from './messages.js';
import type { Dhis2Set, Dhis2Value } from './readers.js';
import { type Dhis2Conflict, errorCodeOf, toWebMessage } from './summary.js';

export const IMPORT_STRATEGIES = [
  'CREATE_AND_UPDATE',
  'CREATE',
  'UPDATE',
  'DELETE',
  'NEW_AND_UPDATES',
  'NEW',
  'UPDATES',
  'DELETES',
] as const;
export type ImportStrategy = (typeof IMPORT_STRATEGIES)[number];

const STRATEGY: Record<ImportStrategy, WriteStrategy> = {
  CREATE_AND_UPDATE: 'upsert',
  NEW_AND_UPDATES: 'upsert',
  CREATE: 'create',
  NEW: 'create',
  UPDATE: 'update',
  UPDATES: 'update',
  DELETE: 'delete',
  DELETES: 'delete',
};

export interface Dhis2ImportOptions {
  dryRun?: boolean;
  importStrategy?: ImportStrategy;
  idScheme?: string;
  dataElementIdScheme?: string;
  orgUnitIdScheme?: string;
  /** tolerated (chiso caches what one import resolves anyway) */
  preheatCache?: boolean;
}

/** DHIS2's default category (and attribute) option combo: absent, `default`, or its fixed UID. */
export const DEFAULT_COMBOS = new Set(['', 'default', 'HllvX50cXC0']);

const str = (x: unknown): string =>
  typeof x === 'string' ? x.trim() : typeof x === 'number' && Number.isFinite(x) ? String(x) : '';
const boolOf = (x: unknown): boolean | undefined | 'bad' =>
  x === undefined || x === null || x === ''
    ? undefined
    : x === true || (typeof x === 'string' && x.trim().toLowerCase() === 'true')
      ? true
      : x === false || (typeof x === 'string' && x.trim().toLowerCase() === 'false')
        ? false
        : 'bad';
/** DHIS2 boolean values: true/false in any case, t/f, 1/0 (BooleanUtils as DHIS2 reads them). */
const DHIS2_BOOL: Record<string, boolean> = {
  true: true,
  t: true,
  '1': true,
  false: false,
  f: false,
  '0': false,
};

interface Cell {
  input: RowInput;
  parts: Set<string>;
  indexes: number[];
  object: { dataElement: string; orgUnit: string; period: string; coc: string };
  remove: boolean;
}

export async function importDataValueSet(
  database: Database,
  actor: Actor,
  set: Dhis2Set,
  options: Dhis2ImportOptions,
  lang: Lang,
  ip: string | null,
) {
  const m = dhis2Messages(lang);
  const strategy = STRATEGY[options.importStrategy ?? 'CREATE_AND_UPDATE'];
  const idScheme = (options.idScheme ?? 'CODE').toUpperCase();
  const deScheme = (options.dataElementIdScheme ?? idScheme).toUpperCase();
  const ouScheme = (options.orgUnitIdScheme ?? idScheme).toUpperCase();
  const conflicts: Dhis2Conflict[] = [];
  const conflict = (indexes: number[], object: string, value: string, errorCode: string, property?: string) =>
    conflicts.push({ object, value, errorCode, ...(property ? { property } : {}), indexes });
  let ignored = 0;

  const list = set.dataValues;
  const defPeriod = str(set.period);
  const defUnit = str(set.orgUnit);
  const defAoc = str(set.attributeOptionCombo);

  // the indicators named (base codes), with their category options by code and by DHIS2 code
  const codes = new Set<string>();
  for (const dv of list)
    if (dv && typeof dv === 'object')
      codes.add(str((dv as Dhis2Value).dataElement).replace(/\.(NUM|DEN)$/i, ''));
  const inds = new Map(
    (await indicators.findByCodes(database, [...codes].filter(Boolean))).map((i) => [i.code, i]),
  );
  const optionCodes = new Map<string, Map<string, string>>();
  for (const o of await indicators.categoryOptions(database)) {
    const byCode = optionCodes.get(o.category) ?? new Map<string, string>();
    byCode.set(o.code, o.code);
    if (o.dhis2Code) byCode.set(o.dhis2Code, o.code);
    optionCodes.set(o.category, byCode);
  }

  const cells = new Map<string, Cell>();
  const readOne = (raw: unknown, index: number): boolean => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      conflict([index], String(raw), m.notObject, 'E8102');
      ignored++;
      return false;
    }
    const dv = raw as Dhis2Value;
    const de = str(dv.dataElement);
    const orgUnit = str(dv.orgUnit) || defUnit;
    const periodText = str(dv.period) || defPeriod;
    const coc = str(dv.categoryOptionCombo);
    const aoc = str(dv.attributeOptionCombo) || defAoc;
    const missing: [string, string] | null = !de
      ? ['dataElement', 'E8102']
      : !orgUnit
        ? ['orgUnit', 'E8105']
        : !periodText
          ? ['period', 'E8100']
          : null;
    const refuse = (object: string, value: string, code: string, property?: string) => {
      conflict([index], object, value, code, property);
      ignored++;
      return false;
    };
    if (missing) return refuse(de || missing[0], m.missing(missing[0]), missing[1], missing[0]);
    if (deScheme !== 'CODE') return refuse(de, m.noUid('data elements', deScheme), 'E8104', 'dataElement');
    if (ouScheme !== 'CODE') return refuse(orgUnit, m.noUid('org units', ouScheme), 'E8106', 'orgUnit');
    if (!DEFAULT_COMBOS.has(aoc)) return refuse(aoc, m.attribute(aoc), 'E8110', 'attributeOptionCombo');
    const v = dv.value;
    if (
      v !== undefined &&
      v !== null &&
      typeof v !== 'string' &&
      typeof v !== 'number' &&
      typeof v !== 'boolean'
    )
      return refuse(de, m.value, 'E8122', 'value');
    const followup = boolOf(dv.followup);
    if (followup === 'bad') return refuse(de, m.followup, 'E8122', 'followup');
    const deleted = boolOf(dv.deleted) === true;

    const part = /\.NUM$/i.test(de) ? 'numerator' : /\.DEN$/i.test(de) ? 'denominator' : 'value';
    const code = de.replace(/\.(NUM|DEN)$/i, '');
    const ind = inds.get(code);
    const frequency = ind && isPeriodType(ind.frequency) ? ind.frequency : undefined;
    const reading = readDhis2Period(periodText, frequency);
    if (!reading.ok) {
      if (reading.reason === 'invalid') return refuse(periodText, m.period(periodText), 'E7611', 'period');
      const range = reading.start ? `, ${reading.start} – ${reading.end}` : '';
      const freq = frequency ? t(lang, `frequency.${frequency}` as never) : '?';
      return refuse(
        periodText,
        m.periodNoMatch(periodText, reading.dhis2Type, range, code, freq),
        'E7611',
        'period',
      );
    }
    const period = formatPeriod(reading.period);
    // the category option this combo stands for (its code, or its DHIS2 code), else as sent
    const option = DEFAULT_COMBOS.has(coc)
      ? undefined
      : ((ind?.category ? optionCodes.get(ind.category)?.get(coc) : undefined) ?? coc);
    const blank = v === undefined || v === null || v === '';
    // DHIS2: DELETE deletes; `deleted: true`, or no value on update, deletes the cell; CREATE ignores a blank
    const remove = strategy === 'delete' || deleted || (blank && strategy !== 'create');
    if (blank && !remove) {
      ignored++;
      return false;
    }
    const key = `${code}|${orgUnit}|${period}|${option ?? ''}|${remove}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = {
        input: {
          row: cells.size + 1,
          indicator: code,
          orgUnit,
          period,
          categoryOption: option,
          value: null,
          numerator: null,
          denominator: null,
          comment: null,
        },
        parts: new Set(),
        indexes: [],
        object: { dataElement: de, orgUnit, period: periodText, coc },
        remove,
      };
      cells.set(key, cell);
    }
    if (cell.parts.has(part)) return refuse(de, m.twice, 'E8128');
    cell.parts.add(part);
    cell.indexes.push(index);
    let scalar: string | number | boolean | null =
      v === undefined ? null : (v as string | number | boolean | null);
    if (
      ind?.valueType === 'boolean' &&
      typeof scalar === 'string' &&
      scalar.trim().toLowerCase() in DHIS2_BOOL
    )
      scalar = DHIS2_BOOL[scalar.trim().toLowerCase()];
    if (part === 'value') cell.input.value = scalar;
    else cell.input[part] = typeof scalar === 'boolean' ? null : scalar;
    if (typeof dv.comment === 'string' && dv.comment.trim()) cell.input.comment = dv.comment;
    if (followup !== undefined) cell.input.followup = followup;
    return true;
  };
  list.forEach((raw, index) => {
    readOne(raw, index);
  });

  const upserts: Cell[] = [];
  const removals: Cell[] = [];
  for (const c of cells.values()) {
    if (
      !c.remove &&
      inds.get(c.input.indicator)?.valueType === 'ratio' &&
      !c.parts.has('numerator') &&
      !c.parts.has('denominator')
    ) {
      conflict(c.indexes, c.input.indicator, m.ratioPlain(c.input.indicator), 'E8122', 'value');
      ignored += c.indexes.length;
      continue;
    }
    (c.remove ? removals : upserts).push(c);
  }

  const counts = { imported: 0, updated: 0, deleted: 0, unchanged: 0 };
  for (const [group, write] of [
    [upserts, strategy],
    [removals, 'delete'],
  ] as const) {
    if (group.length === 0) continue;
    const byRow = new Map(group.map((c) => [c.input.row, c]));
    const pipeline = startValueImport(database, actor, {
      mode: 'partial',
      fields: 'json',
      source: 'dhis2',
      ip,
      strategy: write,
      dryRun: options.dryRun === true,
      keepStatusWhenUnchanged: true,
      // the rows written, the pipeline's report lock passed: a held value's mark changes only if its
      // reviewer may change it (an approved one never), like its value
      afterWrite: async (tx, rows) => {
        const marked = rows.flatMap((r) =>
          r.followup === undefined ? [] : [{ ...r, followup: r.followup }],
        );
        await values.setFollowup(tx, marked);
      },
    });
    await pipeline.add(group.map((c) => c.input));
    const r = await pipeline.finish();
    counts.imported += r.imported;
    counts.updated += r.updated;
    counts.deleted += r.deleted ?? 0;
    counts.unchanged += r.unchanged;
    ignored += r.unchanged + (r.skipped ?? 0) + r.rejected;
    const translated = translateRowErrors(lang, r.errors);
    r.errors.forEach((e, i) => {
      const c = byRow.get(e.row);
      if (!c) return;
      const object =
        e.field === 'orgUnit'
          ? c.object.orgUnit
          : e.field === 'period'
            ? c.object.period
            : e.field === 'numerator'
              ? `${c.input.indicator}.NUM`
              : e.field === 'denominator'
                ? `${c.input.indicator}.DEN`
                : e.field === 'categoryOption'
                  ? c.object.coc
                  : c.object.dataElement;
      const property = e.field === 'categoryOption' ? 'categoryOptionCombo' : e.field;
      conflict(c.indexes, object, translated[i].message, errorCodeOf(e.rule), property);
    });
  }

  const rejected = new Set(conflicts.flatMap((c) => c.indexes));
  return toWebMessage(
    {
      importOptions: {
        idSchemes: { idScheme, dataElementIdScheme: deScheme, orgUnitIdScheme: ouScheme },
        dryRun: options.dryRun === true,
        importStrategy: options.importStrategy ?? 'CREATE_AND_UPDATE',
        preheatCache: options.preheatCache === true,
        async: false,
      },
      importCount: {
        imported: counts.imported,
        updated: counts.updated,
        ignored,
        deleted: counts.deleted,
      },
      conflicts,
      rejectedIndexes: [...rejected].sort((a, b) => a - b),
    },
    counts.imported + counts.updated + counts.deleted + counts.unchanged,
  );
}
