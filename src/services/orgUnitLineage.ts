/**
 * Lineage of unit versions across a restructuring (issue #12, decision 0008): the CSV import
 * `new_code,level,old_code,kind[,share]` effective on a date — new codes resolved on that date, old
 * codes the day before — and each version's predecessors and successors for the API.
 */
import type { Actor } from '../access/actor.js';
import type { Database, Tx } from '../db/index.js';
import {
  allocateShares,
  duplicatePairs,
  LINEAGE_CSV_OPTIONAL,
  LINEAGE_CSV_REQUIRED,
  type LineageRowInput,
  lineageCycles,
  type ResolvedPart,
  readLineageRow,
  type StoredPart,
  type WeightingMethod,
} from '../domain/lineage.js';
import { dayBefore, nearestVersion } from '../domain/unitVersions.js';
import { AppError, type RowError } from '../errors.js';
import { appendAudit } from '../repositories/audit.js';
import {
  insertLineage,
  type LineageInsert,
  type LineageRow,
  lineageOf,
  lockLineage,
} from '../repositories/orgUnitLineage.js';
import { findByCodes, type OrgUnitRow, versionsByCodes } from '../repositories/orgUnits.js';
import { getSetting } from '../repositories/settings.js';
import { readCsvBody } from './importErrors.js';

/** The setting naming how unshared partial parts are weighted (decision 0008). */
export const WEIGHTING_SETTING = 'lineage.weighting';

const label = (u: { code: string; name: string }) => `${u.code} ${u.name}`;
const pairKey = (newId: number, oldId: number) => `${newId}:${oldId}`;

/** The weighting method in force; only 'equal' has a weight source yet, the others answer 400. */
async function weightingMethod(database: Database | Tx): Promise<WeightingMethod> {
  const method = (await getSetting<string>(database, WEIGHTING_SETTING)) ?? 'equal';
  if (method !== 'equal')
    throw new AppError(400, 'weighting_not_available', 'error.lineage_weighting', { method });
  return method;
}

/**
 * Each row's code resolved on its side of the date: the new unit on `effective`, the old one the day
 * before. A code not valid there is an error naming the unit's dates (or unknown when it has none).
 */
async function resolveSides(database: Database | Tx, inputs: LineageRowInput[], effective: string) {
  const before = dayBefore(effective);
  const newCodes = [...new Set(inputs.map((r) => r.newCode))];
  const oldCodes = [...new Set(inputs.map((r) => r.oldCode))];
  const newAt = await findByCodes(database, newCodes, effective);
  const oldAt = await findByCodes(database, oldCodes, before);
  const newBy = new Map(newAt.map((u) => [u.code, u]));
  const oldBy = new Map(oldAt.map((u) => [u.code, u]));
  const missing = [...newCodes.filter((c) => !newBy.has(c)), ...oldCodes.filter((c) => !oldBy.has(c))];
  const versions = new Map<string, OrgUnitRow[]>();
  for (const v of await versionsByCodes(database, [...new Set(missing)]))
    versions.set(v.code, [...(versions.get(v.code) ?? []), v]);

  const errors: RowError[] = [];
  const parts: ResolvedPart[] = [];
  const units = new Map<number, OrgUnitRow>();
  const side = (row: number, field: 'new_code' | 'old_code', code: string, date: string) => {
    const found = (field === 'new_code' ? newBy : oldBy).get(code);
    if (found) return found;
    const near = nearestVersion(versions.get(code) ?? [], { from: date, to: date });
    const isNew = field === 'new_code';
    if (!near)
      errors.push({
        row,
        field,
        rule: isNew ? 'rule.lineage_unknown_new' : 'rule.lineage_unknown_old',
        params: { value: code },
      });
    else
      errors.push({
        row,
        field,
        rule: isNew ? 'rule.lineage_new_not_valid' : 'rule.lineage_old_not_valid',
        params: { unit: label(near), from: near.validFrom ?? '…', to: near.validTo ?? '…', date },
      });
    return undefined;
  };
  for (const r of inputs) {
    const n = side(r.row, 'new_code', r.newCode, effective);
    const o = side(r.row, 'old_code', r.oldCode, before);
    if (n && n.level !== r.level)
      errors.push({
        row: r.row,
        field: 'level',
        rule: 'rule.lineage_level',
        params: { value: r.level, unit: label(n), level: n.level },
      });
    if (!n || !o || n.level !== r.level) continue;
    units.set(n.id, n);
    units.set(o.id, o);
    parts.push({ row: r.row, newId: n.id, oldId: o.id, kind: r.kind, share: r.share, oldLabel: label(o) });
  }
  return { parts, units, errors };
}

/** Stored rows the file does not replace: those of the same old units (for shares) and of the same date (for cycles). */
function storedAround(stored: LineageRow[], parts: ResolvedPart[], effective: string) {
  const inFile = new Set(parts.map((p) => pairKey(p.newId, p.oldId)));
  const olds = new Set(parts.map((p) => p.oldId));
  const others = stored.filter((s) => !inFile.has(pairKey(s.newUnitId, s.oldUnitId)));
  const part = (s: LineageRow): StoredPart => ({ newId: s.newUnitId, oldId: s.oldUnitId, share: s.share });
  return {
    sameOld: others.filter((s) => olds.has(s.oldUnitId)).map(part),
    sameDate: others.filter((s) => s.effective === effective).map(part),
  };
}

export interface LineageImportResult {
  created: number;
  /** Partial parts whose share was assumed by the weighting method. */
  assumed: number;
  errors: RowError[];
  rejected: boolean;
}

/**
 * Imports lineage effective on `effective`. All or nothing: any bad row and nothing is written.
 * Re-importing a file replaces its rows (upsert on the (old, new) pair).
 */
export async function importLineageCsv(
  database: Database,
  actor: Actor,
  body: Uint8Array,
  effective: string,
  ip: string | null,
): Promise<LineageImportResult> {
  const table = readCsvBody(body, LINEAGE_CSV_REQUIRED, LINEAGE_CSV_OPTIONAL);

  const errors: RowError[] = [];
  const inputs: LineageRowInput[] = [];
  for (const { row, cells } of table.rows) {
    const r = readLineageRow(row, cells);
    errors.push(...r.errors);
    if (r.input) inputs.push(r.input);
  }
  const duplicates = duplicatePairs(inputs);
  errors.push(...duplicates);
  const repeated = new Set(duplicates.map((d) => d.row));
  // checked against the stored rows and written in one transaction, one import at a time
  return database.transaction(async (tx) => {
    await lockLineage(tx);
    const resolved = await resolveSides(
      tx,
      inputs.filter((r) => !repeated.has(r.row)),
      effective,
    );
    errors.push(...resolved.errors);
    const { parts, units } = resolved;
    const method = parts.some((p) => p.share === null) ? await weightingMethod(tx) : 'equal';
    const stored = storedAround(await lineageOf(tx, [...units.keys()]), parts, effective);
    const { shares, errors: shareErrors } = allocateShares(parts, stored.sameOld, method);
    errors.push(...shareErrors);
    errors.push(
      ...lineageCycles(parts, stored.sameDate, (id) => {
        const u = units.get(id);
        return u ? label(u) : String(id);
      }),
    );
    if (errors.length > 0) {
      errors.sort((a, b) => a.row - b.row);
      return { created: 0, assumed: 0, errors, rejected: true };
    }
    const rows = parts.map((p) => {
      const s = shares.get(p.row) ?? { share: 1, method: 'given' as const };
      return {
        effective,
        newUnitId: p.newId,
        oldUnitId: p.oldId,
        kind: p.kind,
        share: s.share,
        shareMethod: s.method,
      };
    });
    const assumed = rows.filter((r) => r.shareMethod !== 'given').length;
    const created = await insertLineage(tx, rows);
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'import',
      entity: 'org_unit_lineage',
      key: effective,
      after: { rows: rows.length, stored: created, assumed, method },
    });
    return { created, assumed, errors: [], rejected: false };
  });
}

/** One neighbour of a version across a restructuring, as the API shows it. */
export interface LineageNeighbour {
  code: string;
  name: string;
  kind: 'full' | 'partial';
  share: number;
  shareMethod: LineageInsert['shareMethod'];
  /** The share was assumed by the weighting method, not given. */
  estimated: boolean;
  effective: string;
  validFrom: string | null;
  validTo: string | null;
}

/** The versions a version was formed from (predecessors) and the ones it went into (successors). */
export async function lineageNeighbours(database: Database, unitId: number) {
  const rows = await lineageOf(database, [unitId]);
  const neighbour = (r: LineageRow, side: 'old' | 'new'): LineageNeighbour => ({
    code: side === 'old' ? r.oldCode : r.newCode,
    name: side === 'old' ? r.oldName : r.newName,
    kind: r.kind,
    share: r.share,
    shareMethod: r.shareMethod,
    estimated: r.shareMethod !== 'given',
    effective: r.effective,
    validFrom: side === 'old' ? r.oldValidFrom : r.newValidFrom,
    validTo: side === 'old' ? r.oldValidTo : r.newValidTo,
  });
  return {
    predecessors: rows.filter((r) => r.newUnitId === unitId).map((r) => neighbour(r, 'old')),
    successors: rows.filter((r) => r.oldUnitId === unitId).map((r) => neighbour(r, 'new')),
  };
}
