/**
 * Lineage between unit versions across a restructuring, as pure rules (decision 0008): reading a
 * row of `new_code,level,old_code,kind[,share]`, assuming the shares a file leaves out, and the
 * checks that need the whole file — duplicates, shares of one old unit above 1, and cycles.
 * The service (services/orgUnitLineage.ts) resolves codes to versions in between.
 */
import type { RowError } from '../errors.js';
import { CODE_RE } from './validate.js';

export const LINEAGE_CSV_REQUIRED = ['new_code', 'level', 'old_code', 'kind'];
export const LINEAGE_CSV_OPTIONAL = ['share'];
export const LINEAGE_KINDS = ['full', 'partial'] as const;
export type LineageKind = (typeof LINEAGE_KINDS)[number];

/** How an unshared partial part is weighted (setting `lineage.weighting`). Only 'equal' has a source yet. */
export const WEIGHTING_METHODS = ['equal', 'population', 'area'] as const;
export type WeightingMethod = (typeof WEIGHTING_METHODS)[number];
export type ShareMethod = 'given' | WeightingMethod;

/** Shares are floating point: a sum may pass 1 by this much (thirds that add to 1.0000000000000002). */
export const SHARE_TOLERANCE = 1e-9;

/** One readable row of a lineage file; `share` is null for a partial part whose share was not given. */
export interface LineageRowInput {
  row: number;
  newCode: string;
  level: number;
  oldCode: string;
  kind: LineageKind;
  share: number | null;
}

type Cells = Record<string, string | undefined>;

/** Reads one row: its problems (row, column, rule) or the row. A full part's share is 1. */
export function readLineageRow(row: number, cells: Cells): { input?: LineageRowInput; errors: RowError[] } {
  const errors: RowError[] = [];
  const err = (field: string, rule: RowError['rule'], params?: Record<string, unknown>) =>
    errors.push({ row, field, rule, params });
  const newCode = cells.new_code ?? '';
  const oldCode = cells.old_code ?? '';
  const levelText = cells.level ?? '';
  const level = Number(levelText);
  const kindText = cells.kind ?? '';
  const shareText = cells.share ?? '';
  for (const [field, code] of [
    ['new_code', newCode],
    ['old_code', oldCode],
  ] as const) {
    if (!code) err(field, 'rule.required');
    else if (!CODE_RE.test(code)) err(field, 'rule.code');
  }
  if (!levelText) err('level', 'rule.required');
  else if (!Number.isInteger(level) || level < 1 || level > 10) err('level', 'rule.integer');
  const kind = (LINEAGE_KINDS as readonly string[]).includes(kindText) ? (kindText as LineageKind) : null;
  if (!kindText) err('kind', 'rule.required');
  else if (!kind) err('kind', 'rule.one_of', { values: LINEAGE_KINDS.join(', ') });
  let share: number | null = null;
  if (shareText) {
    share = Number(shareText);
    if (!Number.isFinite(share)) err('share', 'rule.number');
    else if (share <= 0 || share > 1) err('share', 'rule.lineage_share_range', { value: shareText });
    else if (kind === 'full' && share !== 1) err('share', 'rule.lineage_full_share', { value: shareText });
  }
  if (errors.length > 0 || !kind) return { errors };
  return { input: { row, newCode, level, oldCode, kind, share: kind === 'full' ? 1 : share }, errors };
}

/** Rows naming the same (new, old) pair twice: every later one names the first. */
export function duplicatePairs(rows: readonly LineageRowInput[]): RowError[] {
  const first = new Map<string, number>();
  const errors: RowError[] = [];
  for (const r of rows) {
    const key = `${r.newCode}\u0000${r.oldCode}`;
    const seen = first.get(key);
    if (seen !== undefined)
      errors.push({ row: r.row, field: 'old_code', rule: 'rule.lineage_duplicate', params: { other: seen } });
    else first.set(key, r.row);
  }
  return errors;
}

/** A row of the file once its codes are resolved to versions. */
export interface ResolvedPart {
  row: number;
  newId: number;
  oldId: number;
  kind: LineageKind;
  share: number | null;
  /** "74 Bình Dương": how messages name the old unit. */
  oldLabel: string;
}

/** A lineage row already stored that this file does not replace (same old unit, another new one). */
export interface StoredPart {
  newId: number;
  oldId: number;
  share: number;
}

export interface AllocatedShare {
  share: number;
  method: ShareMethod;
}

/**
 * The share of every part, by row. Given shares (and full parts, 1) stay; the partial parts of an
 * old unit given without a share split what is left of it — 1 minus the shares given in the file
 * and those stored from other files — equally among them (`method`, 'equal'). The parts of one old
 * unit may not sum to more than 1 (within SHARE_TOLERANCE), and unshared parts need something left.
 */
export function allocateShares(
  parts: readonly ResolvedPart[],
  stored: readonly StoredPart[],
  method: WeightingMethod = 'equal',
): { shares: Map<number, AllocatedShare>; errors: RowError[] } {
  const shares = new Map<number, AllocatedShare>();
  const errors: RowError[] = [];
  const byOld = new Map<number, ResolvedPart[]>();
  for (const p of parts) byOld.set(p.oldId, [...(byOld.get(p.oldId) ?? []), p]);
  const storedSum = new Map<number, number>();
  for (const s of stored) storedSum.set(s.oldId, (storedSum.get(s.oldId) ?? 0) + s.share);
  for (const [oldId, list] of byOld) {
    const fixed = list.filter((p) => p.share !== null);
    const open = list.filter((p) => p.share === null);
    const sum = fixed.reduce((a, p) => a + (p.share as number), storedSum.get(oldId) ?? 0);
    const refuse = (p: ResolvedPart, rule: RowError['rule']) =>
      errors.push({
        row: p.row,
        field: 'share',
        rule,
        params: { unit: p.oldLabel, sum: Math.round(sum * 1e6) / 1e6 },
      });
    if (sum > 1 + SHARE_TOLERANCE) {
      refuse(list[list.length - 1] as ResolvedPart, 'rule.lineage_share_sum');
      continue;
    }
    const left = 1 - sum;
    if (open.length > 0 && left <= SHARE_TOLERANCE) {
      refuse(open[0] as ResolvedPart, 'rule.lineage_share_left');
      continue;
    }
    for (const p of fixed) shares.set(p.row, { share: p.share as number, method: 'given' });
    for (const p of open) shares.set(p.row, { share: left / open.length, method });
  }
  return { shares, errors };
}

/**
 * Cycles: within one restructuring a version may be a new unit or an old one, not both — except
 * for a self-link (a unit that carries on, new = old). `stored`: the other rows of the same
 * effective date already stored. The row where a version turns up on its second side is named.
 */
export function lineageCycles(
  parts: readonly ResolvedPart[],
  stored: readonly StoredPart[],
  labelOf: (id: number) => string,
): RowError[] {
  const newAt = new Map<number, number>(); // version → row where it is new (0: stored)
  const oldStored = new Set<number>();
  for (const s of stored)
    if (s.newId !== s.oldId) {
      if (!newAt.has(s.newId)) newAt.set(s.newId, 0);
      oldStored.add(s.oldId);
    }
  for (const p of parts) if (p.newId !== p.oldId && !newAt.has(p.newId)) newAt.set(p.newId, p.row);
  const errors: RowError[] = [];
  for (const p of parts) {
    if (p.newId === p.oldId) continue;
    const other = newAt.get(p.oldId);
    if (other !== undefined)
      errors.push({
        row: p.row,
        field: 'old_code',
        rule: 'rule.lineage_cycle',
        params: { unit: labelOf(p.oldId), other: other || '-' },
      });
    else if (oldStored.has(p.newId))
      errors.push({
        row: p.row,
        field: 'new_code',
        rule: 'rule.lineage_cycle',
        params: { unit: labelOf(p.newId), other: '-' },
      });
  }
  return errors;
}
