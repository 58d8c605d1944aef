/**
 * The demo's lineage across 2025-07-01 (org_unit_lineage rows) and how its old units' data carry
 * into the new ones.
 *
 * Rows: the real rows of HCMC_LINEAGE (hcmcUnits.ts) — each partial part of an old commune gets an
 * equal share of it, as the import does when the file gives no share (share_method 'equal') — and,
 * derived by us (not in the national file): each old commune's team → the team of each ward it
 * went into (same kind and share), each old department → the HCMC department that took it over
 * (full). Districts have no rows, as in the real file: they closed, their territory is their
 * communes'.
 */
import { DEPARTMENT_SUCCESSOR, HCMC_CODE, HCMC_LINEAGE, HCMC_REPORTING_WARDS } from './hcmcUnits.js';
import { DEMO_UNITS, teamCode } from './units.js';

export interface DemoLineage {
  newCode: string;
  oldCode: string;
  kind: 'full' | 'partial';
  share: number;
  shareMethod: 'given' | 'equal';
}

/** Partial rows of one old unit share it equally; full rows have share 1. */
export function withEqualShares(
  rows: ReadonlyArray<readonly [string, string, 'full' | 'partial']>,
): DemoLineage[] {
  const parts = new Map<string, number>();
  for (const [, old, kind] of rows) if (kind === 'partial') parts.set(old, (parts.get(old) ?? 0) + 1);
  return rows.map(([newCode, oldCode, kind]) =>
    kind === 'full'
      ? { newCode, oldCode, kind, share: 1, shareMethod: 'given' }
      : { newCode, oldCode, kind, share: 1 / parts.get(oldCode)!, shareMethod: 'equal' },
  );
}

const COMMUNE_ROWS = withEqualShares(HCMC_LINEAGE);
const reporting = new Set(HCMC_REPORTING_WARDS);

/** Every lineage row the demo stores (old side valid on 2025-06-30, new side on 2025-07-01). */
export const DEMO_LINEAGE: readonly DemoLineage[] = [
  ...COMMUNE_ROWS,
  ...COMMUNE_ROWS.filter((r) => reporting.has(r.newCode)).map((r) => ({
    ...r,
    newCode: teamCode(r.newCode),
    oldCode: teamCode(r.oldCode),
  })),
  ...[...DEPARTMENT_SUCCESSOR].map(
    ([oldCode, newCode]): DemoLineage => ({ newCode, oldCode, kind: 'full', share: 1, shareMethod: 'given' }),
  ),
];

/**
 * Where each old unit's figures go in the demo's generated data after 2025-06-30: lineage rows by
 * share, the 74 → 79 province row, and — for the data only — each old district's own figures
 * spread over the wards formed from its demo communes (each commune's lineage shares, divided by
 * the district's number of demo communes), used only by indicators that communes may report.
 */
export function successors(): ReadonlyMap<string, ReadonlyArray<{ code: string; share: number }>> {
  const out = new Map<string, Array<{ code: string; share: number }>>();
  const add = (old: string, code: string, share: number) => {
    const list = out.get(old) ?? [];
    const same = list.find((x) => x.code === code);
    if (same) same.share += share;
    else list.push({ code, share });
    out.set(old, list);
  };
  for (const r of DEMO_LINEAGE) if (r.oldCode !== HCMC_CODE) add(r.oldCode, r.newCode, r.share);
  for (const d of DEMO_UNITS.filter((x) => x.kind === 'district')) {
    const communes = DEMO_UNITS.filter((c) => c.kind === 'commune' && c.parentCode === d.code);
    for (const c of communes)
      for (const r of COMMUNE_ROWS.filter((x) => x.oldCode === c.code))
        add(d.code, r.newCode, r.share / communes.length);
  }
  return out;
}
