/**
 * History in any geography, as pure functions: which unit versions feed a unit valid on a date G,
 * and with what weight. Used by analytics `geography=G` (services/analytics) and rankings across a
 * restructuring; the SQL then aggregates each source's values multiplied by its weight
 * (docs/decisions/0002-aggregation.md, "Weighted links").
 *
 * Every version lands on G somewhere, with weights that add up to at most 1:
 * - valid on G: itself, weight 1 (identity);
 * - closed before G: follow lineage old → new (shares multiply over chained restructurings) until
 *   a version valid on G (forward);
 * - starting after G: follow lineage new → old until a version valid on G, each predecessor weighted
 *   share_i / Σ shares, since all that is known of the new unit is which parts formed it (reverse);
 * - a version with no lineage of its own on the side it needs (an old district: the 2025 lineage links
 *   only provinces and communes; a department) lands where its parent lands: its nearest ancestor
 *   with lineage, or valid on G.
 * A source then counts for a target T with the total weight of its landings inside T's subtree. A
 * weight of 1 is exact (all of the source lies in T, however it was split inside T); below 1 the
 * figure is an estimate (a part of the source lies elsewhere, or the shares are assumptions).
 */
import { type Aggregate, selectAggregate, type UnitStatistics } from './aggregate.js';
import type { IndicatorRules } from './catalog.js';
import { type DateWindow, overlaps, type Validity, validOn } from './unitVersions.js';

/** A unit version as the mapping needs it. */
export interface VersionNode extends Validity {
  id: number;
  parentId: number | null;
  /** Version ids from the level-1 ancestor down to the version itself. */
  path: number[];
  level: number;
  kind: string;
}

/** One lineage row: share is the part of the old version that went into the new one (1 when full). */
export interface LineageEdge {
  newUnitId: number;
  oldUnitId: number;
  kind: 'full' | 'partial';
  share: number;
}

/** A source version feeding a target version valid on G. */
export interface GeoLink {
  targetId: number;
  sourceId: number;
  /** The part of the source's figures that counts for the target, in (0, 1]. */
  weight: number;
  /** weight 1: the whole source lies in the target. */
  exact: boolean;
  /** source level − target level (as the closure's depth: target level + depth = the source's level). */
  depth: number;
}

/** Weights this close to 1 are 1 (a split in thirds adds up to 0.999…). */
const EPSILON = 1e-9;

/** Where a version lands: (id of a version valid on the date, weight) pairs. */
export type Landing = ReadonlyArray<readonly [number, number]>;
const NOWHERE: Landing = [];

/** Σ factor × landing, one pair per place (a single whole part is shared, not copied). */
function combine(parts: Array<readonly [Landing, number]>): Landing {
  if (parts.length === 0) return NOWHERE;
  if (parts.length === 1 && parts[0][1] === 1) return parts[0][0];
  const sum = new Map<number, number>();
  for (const [landing, factor] of parts)
    for (const [id, w] of landing) sum.set(id, (sum.get(id) ?? 0) + w * factor);
  return [...sum];
}

function group(edges: readonly LineageEdge[], key: (e: LineageEdge) => number) {
  const out = new Map<number, LineageEdge[]>();
  for (const e of edges) {
    if (e.newUnitId === e.oldUnitId) continue; // a unit that carries on
    const list = out.get(key(e));
    if (list) list.push(e);
    else out.set(key(e), [e]);
  }
  return out;
}

/**
 * Where each version lands on `date`: version id → the versions valid on `date` it lands on, with
 * weights. Self-links (a unit that carries on) are ignored; a cycle in the lineage lands nowhere.
 */
export function landingsOn(
  versions: readonly VersionNode[],
  lineage: readonly LineageEdge[],
  date: string,
): Map<number, Landing> {
  const byId = new Map(versions.map((v) => [v.id, v]));
  const successors = group(lineage, (e) => e.oldUnitId);
  const predecessors = group(lineage, (e) => e.newUnitId);
  const memo = new Map<number, Landing>();
  const busy = new Set<number>();
  const land = (id: number): Landing => {
    const known = memo.get(id);
    if (known) return known;
    const v = byId.get(id);
    if (!v || busy.has(id)) return NOWHERE;
    busy.add(id);
    let out: Landing;
    if (validOn(v, date)) out = [[id, 1]];
    else if (v.validTo !== null && v.validTo < date) {
      // closed before the date: forward, shares multiply
      const edges = successors.get(id) ?? [];
      out = edges.length
        ? combine(edges.map((e) => [land(e.newUnitId), e.share] as const))
        : v.parentId !== null
          ? land(v.parentId)
          : NOWHERE;
    } else {
      // starts after the date: backward, each predecessor by share / Σ shares
      const edges = predecessors.get(id) ?? [];
      const total = edges.reduce((sum, e) => sum + e.share, 0);
      out = edges.length
        ? combine(edges.map((e) => [land(e.oldUnitId), e.share / total] as const))
        : v.parentId !== null
          ? land(v.parentId)
          : NOWHERE;
    }
    busy.delete(id);
    memo.set(id, out);
    return out;
  };
  for (const v of versions) land(v.id);
  return memo;
}

/**
 * The links from every source version to each target (versions valid on `date`) that its figures
 * count for: the total weight of the source's landings inside the target's subtree.
 */
export function geographyLinks(
  versions: readonly VersionNode[],
  lineage: readonly LineageEdge[],
  date: string,
  targetIds: readonly number[],
): GeoLink[] {
  const byId = new Map(versions.map((v) => [v.id, v]));
  const targets = new Set(targetIds.filter((id) => byId.has(id) && validOn(byId.get(id)!, date)));
  const out: GeoLink[] = [];
  for (const [sourceId, landing] of landingsOn(versions, lineage, date)) {
    const source = byId.get(sourceId)!;
    const weights = new Map<number, number>();
    for (const [placeId, w] of landing)
      for (const a of byId.get(placeId)?.path ?? [])
        if (targets.has(a)) weights.set(a, (weights.get(a) ?? 0) + w);
    for (const [targetId, w] of weights) {
      if (w <= EPSILON) continue;
      const exact = w >= 1 - EPSILON;
      out.push({
        targetId,
        sourceId,
        weight: exact ? 1 : w,
        exact,
        depth: source.level - byId.get(targetId)!.level,
      });
    }
  }
  return out.sort((a, b) => a.targetId - b.targetId || a.sourceId - b.sourceId);
}

/**
 * Expected reporters of a target in a period, in a geography: the source versions linked to it that
 * are valid in the period and that `reports` accepts (reporting kinds, or the levels that reported).
 */
export function expectedSources(
  links: readonly GeoLink[],
  versions: ReadonlyMap<number, VersionNode>,
  window: DateWindow,
  reports: (v: VersionNode) => boolean,
): number {
  let n = 0;
  for (const l of links) {
    const v = versions.get(l.sourceId);
    if (v && overlaps(v, window) && reports(v)) n++;
  }
  return n;
}

/** Unit rules that survive a partial weight: Σ w·value and Σ w·num / Σ w·den. */
export function additive(aggregation: string): boolean {
  return aggregation === 'sum' || aggregation === 'ratio';
}

/** An aggregate read through weighted links: estimated when a partial weight went in. */
export type GeoAggregate = Aggregate & { estimated: boolean; note?: 'not_additive' };

/**
 * The unit rule over weighted statistics. Sums and ratios carry a partial weight (Σ w·value,
 * Σ w·num / Σ w·den); average, min, max and `none` cannot — a part of a unit has no smallest or
 * single value — so, when a partial weight went in, the value is null with note `not_additive`
 * rather than an invented number. reported/expected stand either way.
 */
export function selectWeighted(
  rules: IndicatorRules,
  s: UnitStatistics & { estimated: boolean },
  expected: number,
): GeoAggregate {
  const a = selectAggregate(rules, s, expected);
  if (!s.estimated || s.reported === 0) return { ...a, estimated: false };
  if (additive(rules.aggregation)) return { ...a, estimated: true };
  return { ...a, value: null, numerator: null, denominator: null, estimated: true, note: 'not_additive' };
}
