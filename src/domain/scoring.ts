/**
 * Scorecards (bộ chỉ số đánh giá): pure rules, no I/O.
 *
 * A scorecard is a weighted tree of components. A node's score is Σ children weight × score, with
 * the weights exactly as given (they are not normalised: a tree whose weights sum to 1 at every
 * level gives totals in 0..1, one whose weights sum to 100 gives totals in 0..100). A leaf scores
 * one indicator's value for the unit and period, in 0..1, by its method:
 *
 * - `value`: the value itself (divided by `scale`, default 1), clamped to 0..1;
 * - `ratio_to_target`: value / target capped at 1 (lower-is-better: target / value); a target of 0
 *   is met by any value ≥ 0 (higher) or only by 0 (lower); negative values score 0;
 * - `minmax`: (value − min) / (max − min) across the ranked units that have a value
 *   (lower-is-better: (max − value) / (max − min)); when all those values are equal every one of
 *   them scores 1 (no unit is worse than another, so none is penalised);
 * - `tiers`: thresholds → points; ascending: the points of the highest threshold the value reaches
 *   (value ≥ threshold), descending: of the lowest threshold the value stays under (value ≤
 *   threshold); a value that reaches no threshold scores `below` (default 0);
 * - `boolean`: 1 when the value is 1 (yes; any value ≥ 1), 0 otherwise.
 *
 * Missing data (no value for the leaf): `missing` on the leaf, else on the scorecard, else 'zero':
 * - 'zero': the leaf scores 0;
 * - 'min': the leaf scores the lowest score of the ranked units that have data (0 if none has);
 * - 'exclude': the leaf is left out and its siblings' weights are scaled up to the full sibling
 *   weight (Σ present w·s × Σ all w / Σ present w); a node whose children are all left out is
 *   left out in turn; a unit with nothing at all scores 0.
 * Every missing leaf is flagged on the unit, whatever the rule.
 *
 * Ranking is standard competition ranking (1, 2, 2, 4) on the total rounded to `decimals`
 * (default 4, as the DTI publishes). Every node also gets a sub-ranking (pillar rankings).
 */

export const SCORING_METHODS = ['value', 'ratio_to_target', 'minmax', 'tiers', 'boolean'] as const;
export type ScoringMethod = (typeof SCORING_METHODS)[number];
export const MISSING_RULES = ['zero', 'exclude', 'min'] as const;
export type MissingRule = (typeof MISSING_RULES)[number];
export type Polarity = 'higher' | 'lower';

export interface Tier {
  threshold: number;
  points: number;
}

export interface Scoring {
  method: ScoringMethod;
  /** ratio_to_target: the target value. */
  target?: number;
  /** ratio_to_target, minmax: which way is better; defaults to the indicator's polarity, else higher. */
  polarity?: Polarity;
  /** value: divide by this first (100 for a percentage); default 1. */
  scale?: number;
  /** tiers: thresholds and their points (0..1). */
  tiers?: Tier[];
  /** tiers: 'ascending' (default; reach a threshold from below) or 'descending' (stay under it). */
  direction?: 'ascending' | 'descending';
  /** tiers: the points of a value that reaches no threshold (default 0). */
  below?: number;
  missing?: MissingRule;
}

export interface ComponentDef {
  code: string;
  name: string;
  weight: number;
  indicator?: string;
  scoring?: Scoring;
  components?: ComponentDef[];
}

export interface ScorecardDef {
  name: string;
  components: ComponentDef[];
  /** The default rule for missing data (default 'zero'). */
  missing?: MissingRule;
  /** Check that the weights of every set of siblings sum to 1. */
  weightsSumToOne?: boolean;
  /** Decimals of the published scores, ranks are on the rounded total (default 4). */
  decimals?: number;
}

// -------------------------------------------------------------------------------------------
// Validation
// -------------------------------------------------------------------------------------------

export interface DefinitionError {
  /** Where: `components[0].components[2].weight`. */
  path: string;
  /** A short rule name, translated by the service (`scorecards.rule.<rule>`). */
  rule: string;
  params?: Record<string, unknown>;
}

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_DEPTH = 10;
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks a definition as it arrives (any JSON) and returns the typed definition or every problem,
 * each with its path. `knownIndicators`, when given, is the set of indicator codes that exist.
 */
export function parseDefinition(
  input: unknown,
  opts: { knownIndicators?: Set<string> } = {},
): { ok: true; def: ScorecardDef } | { ok: false; errors: DefinitionError[] } {
  const errors: DefinitionError[] = [];
  const err = (path: string, rule: string, params?: Record<string, unknown>) =>
    errors.push({ path, rule, ...(params ? { params } : {}) });
  if (!isObj(input)) {
    err('', 'not_object');
    return { ok: false, errors };
  }
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) err('name', 'name_required');
  const missing = input.missing;
  if (missing !== undefined && !MISSING_RULES.includes(missing as MissingRule))
    err('missing', 'missing_rule', { allowed: MISSING_RULES.join(', ') });
  const decimals = input.decimals;
  if (
    decimals !== undefined &&
    !(Number.isInteger(decimals) && (decimals as number) >= 0 && (decimals as number) <= 10)
  )
    err('decimals', 'decimals');
  const sumToOne = input.weightsSumToOne === true;
  const seen = new Map<string, string>();
  const visiting = new Set<unknown>();

  const node = (x: unknown, path: string, depth: number): ComponentDef | null => {
    if (!isObj(x)) {
      err(path, 'not_object');
      return null;
    }
    if (visiting.has(x)) {
      err(path, 'cycle');
      return null;
    }
    if (depth > MAX_DEPTH) {
      err(path, 'too_deep', { max: MAX_DEPTH });
      return null;
    }
    const code = typeof x.code === 'string' ? x.code.trim() : '';
    if (!CODE_RE.test(code)) err(`${path}.code`, 'code', { code: String(x.code ?? '') });
    else if (seen.has(code)) err(`${path}.code`, 'duplicate_code', { code, other: seen.get(code) });
    else seen.set(code, path);
    const cname = typeof x.name === 'string' && x.name.trim() ? x.name.trim() : code;
    const weight = x.weight;
    if (!isNum(weight)) err(`${path}.weight`, 'weight_number', { code });
    else if (weight < 0) err(`${path}.weight`, 'weight_negative', { code });
    const out: ComponentDef = { code, name: cname, weight: isNum(weight) ? weight : 0 };
    const kids = x.components;
    const hasKids = Array.isArray(kids) && kids.length > 0;
    if (kids !== undefined && kids !== null && !Array.isArray(kids)) err(`${path}.components`, 'not_array');
    if (hasKids) {
      if (x.indicator !== undefined && x.indicator !== null)
        err(`${path}.indicator`, 'indicator_on_branch', { code });
      visiting.add(x);
      out.components = children(kids as unknown[], `${path}.components`, depth + 1);
      visiting.delete(x);
    } else {
      const ind = typeof x.indicator === 'string' ? x.indicator.trim() : '';
      if (!ind) err(`${path}.indicator`, 'leaf_indicator', { code });
      else {
        out.indicator = ind;
        if (opts.knownIndicators && !opts.knownIndicators.has(ind))
          err(`${path}.indicator`, 'unknown_indicator', { code, indicator: ind });
      }
      const s = scoring(x.scoring, `${path}.scoring`);
      if (s) out.scoring = s;
    }
    return out;
  };

  const children = (list: unknown[], path: string, depth: number): ComponentDef[] => {
    const out: ComponentDef[] = [];
    list.forEach((c, i) => {
      const n = node(c, `${path}[${i}]`, depth);
      if (n) out.push(n);
    });
    if (sumToOne && out.length === list.length && list.every((c) => isObj(c) && isNum(c.weight))) {
      const sum = out.reduce((s, c) => s + c.weight, 0);
      if (Math.abs(sum - 1) > 1e-9) err(path, 'weights_sum', { sum: Math.round(sum * 1e9) / 1e9 });
    }
    return out;
  };

  const scoring = (x: unknown, path: string): Scoring | null => {
    if (!isObj(x)) {
      err(path, 'scoring_required');
      return null;
    }
    const method = x.method as ScoringMethod;
    if (!SCORING_METHODS.includes(method)) {
      err(`${path}.method`, 'method', { allowed: SCORING_METHODS.join(', ') });
      return null;
    }
    const s: Scoring = { method };
    if (x.missing !== undefined) {
      if (!MISSING_RULES.includes(x.missing as MissingRule))
        err(`${path}.missing`, 'missing_rule', { allowed: MISSING_RULES.join(', ') });
      else s.missing = x.missing as MissingRule;
    }
    if (x.polarity !== undefined) {
      if (x.polarity !== 'higher' && x.polarity !== 'lower') err(`${path}.polarity`, 'polarity');
      else s.polarity = x.polarity;
    }
    if (method === 'value' && x.scale !== undefined) {
      if (!isNum(x.scale) || x.scale <= 0) err(`${path}.scale`, 'scale');
      else s.scale = x.scale;
    }
    if (method === 'ratio_to_target') {
      if (!isNum(x.target)) err(`${path}.target`, 'target');
      else if (x.target < 0) err(`${path}.target`, 'target_negative');
      else s.target = x.target;
    }
    if (method === 'tiers') {
      const dir = x.direction ?? 'ascending';
      if (dir !== 'ascending' && dir !== 'descending') err(`${path}.direction`, 'direction');
      else s.direction = dir;
      if (x.below !== undefined) {
        if (!isNum(x.below) || x.below < 0 || x.below > 1) err(`${path}.below`, 'points');
        else s.below = x.below;
      }
      const tiers = x.tiers;
      if (!Array.isArray(tiers) || tiers.length === 0) err(`${path}.tiers`, 'tiers_required');
      else {
        const list: Tier[] = [];
        tiers.forEach((t, i) => {
          const tp = `${path}.tiers[${i}]`;
          if (!isObj(t) || !isNum(t.threshold)) err(`${tp}.threshold`, 'threshold');
          else if (!isNum(t.points) || t.points < 0 || t.points > 1) err(`${tp}.points`, 'points');
          else list.push({ threshold: t.threshold, points: t.points });
        });
        const sorted = [...list].sort((a, b) => a.threshold - b.threshold);
        for (let i = 1; i < sorted.length; i++)
          if (sorted[i].threshold === sorted[i - 1].threshold)
            err(`${path}.tiers`, 'tiers_duplicate', { threshold: sorted[i].threshold });
        s.tiers = sorted;
      }
    }
    return s;
  };

  let components: ComponentDef[] = [];
  if (!Array.isArray(input.components) || input.components.length === 0)
    err('components', 'components_required');
  else components = children(input.components, 'components', 1);
  if (errors.length) return { ok: false, errors };
  const def: ScorecardDef = { name, components };
  if (missing !== undefined) def.missing = missing as MissingRule;
  if (sumToOne) def.weightsSumToOne = true;
  if (decimals !== undefined) def.decimals = decimals as number;
  return { ok: true, def };
}

// -------------------------------------------------------------------------------------------
// Tree helpers
// -------------------------------------------------------------------------------------------

export interface FlatNode {
  node: ComponentDef;
  /** Codes from the top-level component down to this one. */
  path: string[];
  depth: number;
  parent: string | null;
  /** Product of the weights from the root down to this node. */
  effectiveWeight: number;
  isLeaf: boolean;
}

/** Every node, depth-first in definition order. */
export function flatten(def: ScorecardDef): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (list: ComponentDef[], path: string[], ew: number) => {
    for (const c of list) {
      const p = [...path, c.code];
      const isLeaf = !c.components?.length;
      out.push({
        node: c,
        path: p,
        depth: p.length,
        parent: path.length ? path[path.length - 1] : null,
        effectiveWeight: ew * c.weight,
        isLeaf,
      });
      if (!isLeaf) walk(c.components!, p, ew * c.weight);
    }
  };
  walk(def.components, [], 1);
  return out;
}

export const leaves = (def: ScorecardDef) => flatten(def).filter((n) => n.isLeaf);
export const indicatorsOf = (def: ScorecardDef) => [...new Set(leaves(def).map((l) => l.node.indicator!))];

// -------------------------------------------------------------------------------------------
// Scoring a leaf
// -------------------------------------------------------------------------------------------

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** The 0..1 score of one value by a method that needs no other unit (all but minmax). */
export function scoreValue(value: number, s: Scoring, indicatorPolarity: Polarity = 'higher'): number {
  const polarity = s.polarity ?? indicatorPolarity;
  switch (s.method) {
    case 'value':
      return clamp01(value / (s.scale ?? 1));
    case 'boolean':
      return value >= 1 ? 1 : 0;
    case 'ratio_to_target': {
      const target = s.target ?? 0;
      if (value < 0) return 0;
      if (polarity === 'lower') {
        if (value === 0) return 1;
        return clamp01(target / value);
      }
      if (target === 0) return 1;
      return clamp01(value / target);
    }
    case 'tiers': {
      const tiers = s.tiers ?? [];
      let points = s.below ?? 0;
      if ((s.direction ?? 'ascending') === 'ascending') {
        for (const t of tiers) if (value >= t.threshold) points = t.points;
      } else {
        for (let i = tiers.length - 1; i >= 0; i--) if (value <= tiers[i].threshold) points = tiers[i].points;
      }
      return clamp01(points);
    }
    case 'minmax':
      throw new Error('minmax needs the other units: use minmaxScores');
  }
}

/** Min-max scores of a set of values (nulls stay null); all equal → 1 for every one of them. */
export function minmaxScores(
  values: Array<number | null>,
  polarity: Polarity = 'higher',
): Array<number | null> {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return values.map(() => null);
  const min = Math.min(...present);
  const max = Math.max(...present);
  return values.map((v) => {
    if (v === null) return null;
    if (max === min) return 1;
    return polarity === 'lower' ? (max - v) / (max - min) : (v - min) / (max - min);
  });
}

// -------------------------------------------------------------------------------------------
// Ranking
// -------------------------------------------------------------------------------------------

/** Standard competition ranks (1, 2, 2, 4) of scores, higher first; null scores get null. */
export function competitionRanks(scores: Array<number | null>, eps = 1e-9): Array<number | null> {
  return scores.map((s) => {
    if (s === null) return null;
    let better = 0;
    for (const o of scores) if (o !== null && o > s + eps) better++;
    return better + 1;
  });
}

export const roundTo = (x: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round((x + Number.EPSILON * Math.sign(x)) * f) / f;
};

export interface UnitInput {
  key: string;
  name: string;
  /** Indicator code → value (null or absent: no data). */
  values: Record<string, number | null | undefined>;
  /** Leaf code → a final score set by the appraisal council; replaces the computed one. */
  overrides?: Record<string, number>;
}

export type FlagRule = 'missing_zero' | 'missing_min' | 'missing_excluded';
export interface Flag {
  component: string;
  indicator: string;
  rule: FlagRule;
}

export interface NodeScore {
  code: string;
  name: string;
  parent: string | null;
  depth: number;
  weight: number;
  /** Score of the node (0..1 for a leaf), rounded; null when left out (missing, rule 'exclude'). */
  score: number | null;
  /** Rank of the units on this node (pillar sub-ranking). */
  rank: number | null;
  /** Leaves: the indicator scored. */
  indicator?: string;
  /** Leaves: the indicator value used (null: none). */
  value?: number | null;
  /** Weight of this node in the total for this unit (weights multiplied down, after exclusions). */
  effectiveWeight: number;
  missing?: boolean;
  assessed?: boolean;
}

export interface RankedUnit {
  key: string;
  name: string;
  score: number;
  rank: number;
  components: NodeScore[];
  flags: Flag[];
}

export interface Ranking {
  items: RankedUnit[];
}

/** Polarity of each indicator, when the definition does not say. */
export type PolarityOf = (indicator: string) => Polarity | undefined;

/**
 * Scores and ranks units on a scorecard. Units come with their indicator values; the result is
 * sorted by rank (ties in input order of their keys).
 */
export function rankUnits(
  def: ScorecardDef,
  units: UnitInput[],
  polarityOf: PolarityOf = () => undefined,
): Ranking {
  const decimals = def.decimals ?? 4;
  const flat = flatten(def);
  const leafList = flat.filter((n) => n.isLeaf);
  // leaf scores per unit (null: missing)
  const leafScore = new Map<string, Array<number | null>>();
  const leafValue = new Map<string, Array<number | null>>();
  for (const l of leafList) {
    const s = l.node.scoring!;
    const ind = l.node.indicator!;
    const pol = s.polarity ?? polarityOf(ind) ?? 'higher';
    const vals = units.map((u) => {
      const v = u.values[ind];
      return v === null || v === undefined || !Number.isFinite(v) ? null : v;
    });
    leafValue.set(l.node.code, vals);
    let scores: Array<number | null>;
    if (s.method === 'minmax') scores = minmaxScores(vals, pol);
    else scores = vals.map((v) => (v === null ? null : scoreValue(v, s, pol)));
    // council's final scores replace computed ones
    scores = scores.map((x, i) => {
      const o = units[i].overrides?.[l.node.code];
      return o !== undefined && Number.isFinite(o) ? clamp01(o) : x;
    });
    leafScore.set(l.node.code, scores);
  }
  const minOf = new Map<string, number>();
  for (const [code, scores] of leafScore) {
    const present = scores.filter((x): x is number => x !== null);
    minOf.set(code, present.length ? Math.min(...present) : 0);
  }

  const perUnit = units.map((u, ui) => {
    const flags: Flag[] = [];
    const nodes = new Map<string, NodeScore>();
    const evalNode = (c: ComponentDef, parent: string | null, depth: number): number | null => {
      const ns: NodeScore = {
        code: c.code,
        name: c.name,
        parent,
        depth,
        weight: c.weight,
        score: null,
        rank: null,
        effectiveWeight: 0,
      };
      nodes.set(c.code, ns);
      if (!c.components?.length) {
        const s = c.scoring!;
        const v = leafValue.get(c.code)![ui];
        ns.indicator = c.indicator;
        ns.value = v;
        if (u.overrides?.[c.code] !== undefined) ns.assessed = true;
        let score = leafScore.get(c.code)![ui];
        if (score === null) {
          const rule = s.missing ?? def.missing ?? 'zero';
          ns.missing = true;
          flags.push({
            component: c.code,
            indicator: c.indicator!,
            rule: rule === 'zero' ? 'missing_zero' : rule === 'min' ? 'missing_min' : 'missing_excluded',
          });
          score = rule === 'zero' ? 0 : rule === 'min' ? minOf.get(c.code)! : null;
        }
        ns.score = score;
        return score;
      }
      const { sum, wAll, wPresent } = weighted(c.components, c.code, depth + 1);
      const anyPresent = c.components.some((k) => nodes.get(k.code)!.score !== null);
      let score: number | null;
      if (!anyPresent) score = null;
      else if (wPresent === wAll) score = sum;
      else if (wPresent === 0) score = null;
      else score = (sum * wAll) / wPresent;
      ns.score = score;
      return score;
    };
    /** Evaluates the components in order: Σ weight × score over those with a score, and the weights of all and of those. */
    const weighted = (list: ComponentDef[], parent: string | null, depth: number) => {
      let sum = 0;
      let wAll = 0;
      let wPresent = 0;
      for (const k of list) {
        const ks = evalNode(k, parent, depth);
        wAll += k.weight;
        if (ks !== null) {
          sum += k.weight * ks;
          wPresent += k.weight;
        }
      }
      return { sum, wAll, wPresent };
    };
    const top = weighted(def.components, null, 1);
    let total = top.sum;
    const { wAll, wPresent } = top;
    const factor = wPresent > 0 && wPresent !== wAll ? wAll / wPresent : 1;
    if (wPresent > 0 && wPresent !== wAll) total *= factor;
    if (wPresent === 0) total = 0;
    // effective weights after exclusions
    const setEw = (list: ComponentDef[], ew: number) => {
      let wa = 0;
      let wp = 0;
      for (const k of list) {
        wa += k.weight;
        if (nodes.get(k.code)!.score !== null) wp += k.weight;
      }
      const f = wp > 0 ? wa / wp : 0;
      for (const k of list) {
        const ns = nodes.get(k.code)!;
        ns.effectiveWeight = ns.score === null ? 0 : ew * k.weight * f;
        if (k.components?.length) setEw(k.components, ns.effectiveWeight);
      }
    };
    setEw(def.components, 1);
    return { unit: u, total, nodes, flags };
  });

  // round, rank total and every node
  const totals = perUnit.map((p) => roundTo(p.total, decimals));
  const ranks = competitionRanks(totals);
  const nodeRanks = new Map<string, Array<number | null>>();
  for (const f of flat) {
    const scores = perUnit.map((p) => {
      const s = p.nodes.get(f.node.code)!.score;
      return s === null ? null : roundTo(s, decimals);
    });
    nodeRanks.set(f.node.code, competitionRanks(scores));
  }
  const items: RankedUnit[] = perUnit.map((p, i) => ({
    key: p.unit.key,
    name: p.unit.name,
    score: totals[i],
    rank: ranks[i]!,
    flags: p.flags,
    components: flat.map((f) => {
      const ns = p.nodes.get(f.node.code)!;
      return {
        ...ns,
        score: ns.score === null ? null : roundTo(ns.score, decimals),
        rank: nodeRanks.get(f.node.code)![i],
        effectiveWeight: roundTo(ns.effectiveWeight, 10),
      };
    }),
  }));
  const order = items.map((_, i) => i).sort((a, b) => items[a].rank - items[b].rank || a - b);
  return { items: order.map((i) => items[i]) };
}

// -------------------------------------------------------------------------------------------
// Change from the previous period
// -------------------------------------------------------------------------------------------

export interface RankChange {
  previousRank: number | null;
  previousScore: number | null;
  /** Places gained (positive: moved up). */
  rankChange: number | null;
  scoreChange: number | null;
}

export function compareRankings(
  current: Array<{ key: string; score: number; rank: number }>,
  previous: Array<{ key: string; score: number; rank: number }>,
  decimals = 4,
): Map<string, RankChange> {
  const prev = new Map(previous.map((p) => [p.key, p]));
  const out = new Map<string, RankChange>();
  for (const c of current) {
    const p = prev.get(c.key);
    out.set(c.key, {
      previousRank: p?.rank ?? null,
      previousScore: p?.score ?? null,
      rankChange: p ? p.rank - c.rank : null,
      scoreChange: p ? roundTo(c.score - p.score, decimals) : null,
    });
  }
  return out;
}

// -------------------------------------------------------------------------------------------
// Advice: what it takes to reach the Top N
// -------------------------------------------------------------------------------------------

export interface AdviceComponent {
  code: string;
  name: string;
  path: string[];
  indicator: string;
  score: number;
  effectiveWeight: number;
  /** Points still available: effective weight × (1 − score). */
  available: number;
}

export interface Advice {
  unit: string;
  name: string;
  rank: number;
  score: number;
  top: number;
  inTop: boolean;
  /** The unit now at rank N (the N-th place in the ranking, ties broken as listed). */
  benchmark: { unit: string; name: string; score: number; rank: number } | null;
  /** Points the unit needs to tie the benchmark (0 when already in the Top N). */
  gap: number;
  /** Leaves by points still available, most first. */
  components: AdviceComponent[];
  /** The smallest set of leaves that, raised to full marks, closes the gap (empty if none can). */
  plan: string[];
  planGain: number;
  reachable: boolean;
  /** Leaves left out for missing data (rule 'exclude'): reporting them changes the weights. */
  excluded: string[];
}

/**
 * Smallest set of items whose sum reaches `gap`. Greedy by size is optimal: for any k the k largest
 * items have the largest sum of any k items, so if some set of k items reaches the gap, so do the
 * k largest — the first k at which the largest-first prefix reaches the gap is the minimum.
 * (Tests check this against brute force.) Returns the chosen indices, or null when all together fall short.
 */
export function smallestCover(available: number[], gap: number, eps = 1e-9): number[] | null {
  const order = available.map((_, i) => i).sort((a, b) => available[b] - available[a] || a - b);
  if (gap <= eps) return [];
  const chosen: number[] = [];
  let sum = 0;
  for (const i of order) {
    if (available[i] <= 0) break;
    chosen.push(i);
    sum += available[i];
    if (sum >= gap - eps) return chosen;
  }
  return null;
}

/**
 * Advice for one unit of a ranking to reach the Top N, holding the other units' scores fixed
 * (minmax leaves are scored against the others, so raising one value can move them; the advice
 * takes today's scores as they stand).
 */
export function advise(ranking: Ranking, unitKey: string, top: number): Advice | null {
  const me = ranking.items.find((i) => i.key === unitKey);
  if (!me) return null;
  const others = ranking.items.filter((i) => i.key !== unitKey);
  const bench = others.length >= top ? others[top - 1] : null;
  const inTop = me.rank <= top;
  const gap = inTop || !bench ? 0 : Math.max(0, roundTo(bench.score - me.score, 10));
  const comps: AdviceComponent[] = me.components
    .filter((c) => c.value !== undefined && c.score !== null && c.effectiveWeight > 0)
    .map((c) => {
      const pathCodes: string[] = [];
      let cur: NodeScore | undefined = c;
      while (cur) {
        pathCodes.unshift(cur.code);
        const parentCode: string | null = cur.parent;
        cur = parentCode ? me.components.find((x) => x.code === parentCode) : undefined;
      }
      const available = roundTo(c.effectiveWeight * (1 - (c.score ?? 0)), 10);
      return {
        code: c.code,
        name: c.name,
        path: pathCodes,
        indicator: c.indicator ?? '',
        score: c.score ?? 0,
        effectiveWeight: c.effectiveWeight,
        available,
      };
    })
    .sort((a, b) => b.available - a.available || a.code.localeCompare(b.code));
  const cover = smallestCover(
    comps.map((c) => c.available),
    gap,
  );
  const plan = cover ? cover.map((i) => comps[i].code) : [];
  return {
    unit: me.key,
    name: me.name,
    rank: me.rank,
    score: me.score,
    top,
    inTop,
    benchmark: bench ? { unit: bench.key, name: bench.name, score: bench.score, rank: bench.rank } : null,
    gap,
    components: comps,
    plan,
    planGain: roundTo(cover ? cover.reduce((s, i) => s + comps[i].available, 0) : 0, 10),
    reachable: cover !== null,
    excluded: me.components.filter((c) => c.value !== undefined && c.score === null).map((c) => c.code),
  };
}
