/** Org units: listing in scope, CSV import (the GSO list format), GeoJSON boundaries. */

import type { Actor } from '../access/actor.js';
import { policy } from '../access/index.js';
import { toCopyCsv } from '../db/copy.js';
import type { Database } from '../db/index.js';
import { kindFromVietnameseType, ORG_UNIT_KINDS, type OrgUnitKind } from '../domain/catalog.js';
import { decodeUtf8, isProblem, readCsv } from '../domain/csv.js';
import { foldText, likePattern } from '../domain/text.js';
import { dayBefore, today } from '../domain/unitVersions.js';
import { CODE_RE, isIsoDate } from '../domain/validate.js';
import { AppError, forbidden, notFound, type RowError } from '../errors.js';
import { appendAudit } from '../repositories/audit.js';
import * as repo from '../repositories/orgUnits.js';
import { csvProblemError } from './importErrors.js';
import { lineageNeighbours } from './orgUnitLineage.js';
import { restructureUnits } from './unitRestructuring.js';

export const UNIT_CSV_REQUIRED = ['code', 'name', 'type', 'level', 'parent_code'];
export const UNIT_CSV_OPTIONAL = ['valid_from', 'valid_to', 'kind'];

export function presentUnit(u: repo.OrgUnitRow) {
  return {
    code: u.code,
    name: u.name,
    kind: u.kind,
    type: u.type,
    level: u.level,
    parentCode: u.parentCode,
    validFrom: u.validFrom,
    validTo: u.validTo,
    hasGeometry: u.hasGeometry,
  };
}

/**
 * Units in scope on a date: `asOf`, or today. `parent` names the parent's version on that date.
 */
export async function listUnits(
  database: Database,
  roots: number[] | null,
  q: {
    asOf?: string;
    level?: number;
    parent?: string;
    q?: string;
    kind?: string;
    limit: number;
    offset: number;
  },
) {
  const on = q.asOf ?? today();
  let parentId: number | undefined;
  if (q.parent) {
    const parent = await repo.findByCode(database, q.parent, on);
    if (!parent) return { items: [], total: 0 };
    parentId = parent.id;
  }
  const r = await repo.list(database, {
    on,
    level: q.level,
    parentId,
    kind: q.kind,
    q: q.q ? likePattern(q.q) : undefined,
    roots,
    limit: q.limit,
    offset: q.offset,
  });
  return { items: r.items.map(presentUnit), total: r.total };
}

/**
 * One unit on a date: the version of `code` valid on `asOf` (without it: today's, else the most
 * recent), its readable ancestors, its children on that date, and the versions it was formed from
 * and went into. Without `asOf`, a unit no longer (or not yet) valid shows its children on its last
 * (or first) day.
 */
export async function unitDetail(database: Database, actor: Actor, code: string, asOf?: string) {
  const unit = await repo.findByCode(database, code, asOf);
  if (!unit) throw notFound('word.org_unit', code);
  if (!policy.canRead(actor, unit)) throw forbidden(unit.code);
  const day = asOf ?? dayWithin(unit, today());
  const [ancestors, children, lineage] = await Promise.all([
    repo.findByIds(
      database,
      unit.path.filter((id) => id !== unit.id),
    ),
    repo.children(database, unit.id, day),
    lineageNeighbours(database, unit.id),
  ]);
  return {
    ...presentUnit(unit),
    // the national root stays implicit above the provinces, as parentCode does
    ancestors: ancestors
      .filter((a) => a.level > 0 && policy.canRead(actor, a))
      .map((a) => ({ code: a.code, name: a.name, level: a.level })),
    children: children.map(presentUnit),
    ...lineage,
  };
}

/** `day` moved into a version's validity (its first or last day when outside). */
function dayWithin(v: { validFrom: string | null; validTo: string | null }, day: string): string {
  if (v.validFrom !== null && day < v.validFrom) return v.validFrom;
  if (v.validTo !== null && day > v.validTo) return v.validTo;
  return day;
}

export interface ParsedUnit extends repo.StagedUnit {
  row: number;
}

export interface UnitImportResult {
  created: number;
  updated: number;
  /** A restructuring: versions closed the day before it and units that carried on unchanged. */
  closed?: number;
  unchanged?: number;
  errors: RowError[];
  rejected: boolean;
}

/**
 * Imports units from CSV `code,name,type,level,parent_code[,valid_from,valid_to]`. All or nothing:
 * one bad row and nothing is written. Parents may be in the file (in any order) or already stored.
 */
export async function importUnitsCsv(
  database: Database,
  actor: Actor,
  body: Uint8Array,
  ip: string | null,
  opts: { effective?: string } = {},
): Promise<UnitImportResult> {
  const before = opts.effective ? dayBefore(opts.effective) : undefined;
  const decoded = decodeUtf8(body);
  if (isProblem(decoded)) throw csvProblemError(decoded);
  const table = readCsv(decoded.text, UNIT_CSV_REQUIRED, UNIT_CSV_OPTIONAL);
  if (isProblem(table)) throw csvProblemError(table);

  const errors: RowError[] = [];
  const parsed: ParsedUnit[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    let ok = true;
    const err = (field: string, rule: RowError['rule'], params?: Record<string, unknown>) => {
      errors.push({ row, field, rule, params });
      ok = false;
    };
    const code = cells.code ?? '';
    const name = cells.name ?? '';
    const levelText = cells.level ?? '';
    const level = Number(levelText);
    if (!code) err('code', 'rule.required');
    else if (!CODE_RE.test(code)) err('code', 'rule.code');
    else if (code === repo.NATIONAL_ROOT) err('code', 'rule.reserved_code', { value: code });
    else if (seen.has(code)) err('code', 'rule.duplicate', { other: seen.get(code) });
    if (!name) err('name', 'rule.required');
    else if (name.length > 200) err('name', 'rule.too_long', { max: 200 });
    if (!levelText) err('level', 'rule.required');
    else if (!Number.isInteger(level) || level < 1 || level > 10) err('level', 'rule.integer');
    let kind: OrgUnitKind | null = null;
    if (cells.kind) {
      kind = (ORG_UNIT_KINDS as readonly string[]).includes(cells.kind) ? (cells.kind as OrgUnitKind) : null;
      if (!kind) err('kind', 'rule.one_of', { values: ORG_UNIT_KINDS.join(', ') });
    } else if (!cells.type) err('type', 'rule.required');
    else {
      kind = kindFromVietnameseType(cells.type, level);
      if (!kind) err('type', 'rule.kind_type', { value: cells.type });
    }
    const validFrom = cells.valid_from || null;
    const validTo = cells.valid_to || null;
    if (validFrom && !isIsoDate(validFrom)) err('valid_from', 'rule.date', { value: validFrom });
    if (validTo && !isIsoDate(validTo)) err('valid_to', 'rule.date', { value: validTo });
    if (validFrom && validTo && isIsoDate(validFrom) && isIsoDate(validTo) && validTo < validFrom)
      err('valid_to', 'rule.date_order');
    const parentCode = cells.parent_code || null;
    if (parentCode === code && code) err('parent_code', 'rule.cycle');
    if (code && !seen.has(code)) seen.set(code, row);
    if (ok && kind) {
      parsed.push({
        row,
        code,
        name,
        nameSearch: foldText(name),
        kind,
        type: cells.type || null,
        level,
        parentCode,
        validFrom,
        validTo,
      });
    }
  }
  // parents: in the file or stored; levels must step by one
  const inFile = new Map(parsed.map((u) => [u.code, u]));
  const missing = [
    ...new Set(parsed.map((u) => u.parentCode).filter((c): c is string => !!c && !inFile.has(c))),
  ];
  // a restructuring's tree hangs from what is valid the day before it (non-territorial units)
  const stored = new Map((await repo.findByCodes(database, missing, before)).map((u) => [u.code, u]));
  for (const u of parsed) {
    if (!u.parentCode) {
      if (u.level !== 1)
        errors.push({
          row: u.row,
          field: 'level',
          rule: 'rule.level',
          params: { value: u.level, parentLevel: 0 },
        });
      continue;
    }
    const parent = inFile.get(u.parentCode) ?? stored.get(u.parentCode);
    if (!parent)
      errors.push({
        row: u.row,
        field: 'parent_code',
        rule: 'rule.unknown_parent',
        params: { value: u.parentCode },
      });
    else if (parent.level + 1 !== u.level)
      errors.push({
        row: u.row,
        field: 'level',
        rule: 'rule.level',
        params: { value: u.level, parentLevel: parent.level },
      });
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    return { created: 0, updated: 0, errors, rejected: true as const };
  }
  if (opts.effective) return restructureUnits(database, actor, parsed, opts.effective, ip);
  const result = await database.transaction(async (tx) => {
    await repo.lockUnitTree(tx);
    await repo.stageUnits(tx, parsed, toCopyCsv);
    // history never moves silently: re-parenting or re-levelling a unit with data needs a date
    const moves = await repo.stagedMovesWithData(tx);
    if (moves.length > 0)
      throw new AppError(
        409,
        'unit_has_history',
        'error.unit_has_history',
        {
          count: moves.length,
          units: moves
            .slice(0, 10)
            .map((m) => m.code)
            .join(', '),
        },
        moves,
      );
    const counts = await repo.applyStagedUnits(tx);
    await appendAudit(tx, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'import',
      entity: 'org_unit',
      key: null,
      after: { rows: parsed.length, ...counts },
    });
    return counts;
  });
  return { ...result, errors: [] as RowError[], rejected: false as const };
}
