import { describe, expect, it } from 'vitest';
import {
  advise,
  compareRankings,
  competitionRanks,
  flatten,
  minmaxScores,
  parseDefinition,
  rankUnits,
  type ScorecardDef,
  scoreValue,
  smallestCover,
  type UnitInput,
} from './scoring.js';
import { DTI2022_COMPONENTS, dti2022Template } from './templates/dti2022.js';

const leaf = (code: string, weight: number, indicator: string, scoring: Record<string, unknown>) => ({
  code,
  name: code,
  weight,
  indicator,
  scoring,
});

function def(x: unknown): ScorecardDef {
  const r = parseDefinition(x);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.def;
}

const unit = (key: string, values: UnitInput['values'], overrides?: Record<string, number>): UnitInput => ({
  key,
  name: `Unit ${key}`,
  values,
  ...(overrides ? { overrides } : {}),
});

describe('competition ranking', () => {
  it('gives ties the same rank and skips the next (1, 2, 2, 4)', () => {
    expect(competitionRanks([0.9, 0.7, 0.7, 0.5])).toEqual([1, 2, 2, 4]);
    expect(competitionRanks([0.5, 0.7, 0.9, 0.7])).toEqual([4, 2, 1, 2]);
    expect(competitionRanks([1, 1, 1])).toEqual([1, 1, 1]);
    expect(competitionRanks([0.3, null, 0.3])).toEqual([1, null, 1]);
    expect(competitionRanks([])).toEqual([]);
  });

  it('ranks on the total rounded to the definition decimals', () => {
    const d = def({ name: 'x', decimals: 2, components: [leaf('A', 1, 'I', { method: 'value' })] });
    const r = rankUnits(d, [unit('a', { I: 0.501 }), unit('b', { I: 0.499 }), unit('c', { I: 0.4 })]);
    expect(r.items.map((i) => [i.key, i.score, i.rank])).toEqual([
      ['a', 0.5, 1],
      ['b', 0.5, 1],
      ['c', 0.4, 3],
    ]);
  });
});

describe('leaf methods at their edges', () => {
  it('value: clamps to 0..1 and divides by scale', () => {
    const s = { method: 'value' as const };
    expect(scoreValue(0.42, s)).toBe(0.42);
    expect(scoreValue(-0.1, s)).toBe(0);
    expect(scoreValue(1.7, s)).toBe(1);
    expect(scoreValue(80, { method: 'value', scale: 100 })).toBe(0.8);
  });

  it('ratio_to_target: capped at 1, lower-is-better inverted, target 0 handled', () => {
    const s = { method: 'ratio_to_target' as const, target: 80 };
    expect(scoreValue(40, s)).toBe(0.5);
    expect(scoreValue(80, s)).toBe(1);
    expect(scoreValue(120, s)).toBe(1);
    expect(scoreValue(0, s)).toBe(0);
    expect(scoreValue(-5, s)).toBe(0);
    // lower is better: target / value
    expect(scoreValue(4, { method: 'ratio_to_target', target: 2 }, 'lower')).toBe(0.5);
    expect(scoreValue(1, { method: 'ratio_to_target', target: 2 }, 'lower')).toBe(1);
    expect(scoreValue(0, { method: 'ratio_to_target', target: 2 }, 'lower')).toBe(1);
    // the definition's polarity wins over the indicator's
    expect(scoreValue(4, { method: 'ratio_to_target', target: 2, polarity: 'higher' }, 'lower')).toBe(1);
    // target 0
    expect(scoreValue(0, { method: 'ratio_to_target', target: 0 })).toBe(1);
    expect(scoreValue(5, { method: 'ratio_to_target', target: 0 })).toBe(1);
    expect(scoreValue(0, { method: 'ratio_to_target', target: 0 }, 'lower')).toBe(1);
    expect(scoreValue(3, { method: 'ratio_to_target', target: 0 }, 'lower')).toBe(0);
  });

  it('minmax: across units, polarity, all equal → 1 for all, missing stays missing', () => {
    expect(minmaxScores([10, 20, 30])).toEqual([0, 0.5, 1]);
    expect(minmaxScores([10, 20, 30], 'lower')).toEqual([1, 0.5, 0]);
    expect(minmaxScores([7, 7, 7])).toEqual([1, 1, 1]);
    expect(minmaxScores([7, null, 9])).toEqual([0, null, 1]);
    expect(minmaxScores([null, null])).toEqual([null, null]);
    expect(minmaxScores([5])).toEqual([1]);
    expect(() => scoreValue(1, { method: 'minmax' })).toThrow();
  });

  it('tiers: ascending and descending thresholds, below all, exactly on a threshold', () => {
    const asc = {
      method: 'tiers' as const,
      tiers: [
        { threshold: 50, points: 0.5 },
        { threshold: 80, points: 1 },
        { threshold: 65, points: 0.75 },
      ].sort((a, b) => a.threshold - b.threshold),
    };
    expect(scoreValue(49.9, asc)).toBe(0);
    expect(scoreValue(50, asc)).toBe(0.5);
    expect(scoreValue(70, asc)).toBe(0.75);
    expect(scoreValue(80, asc)).toBe(1);
    expect(scoreValue(1000, asc)).toBe(1);
    expect(scoreValue(10, { ...asc, below: 0.1 })).toBe(0.1);
    const desc = {
      method: 'tiers' as const,
      direction: 'descending' as const,
      tiers: [
        { threshold: 2, points: 1 },
        { threshold: 5, points: 0.5 },
        { threshold: 10, points: 0.2 },
      ],
    };
    expect(scoreValue(0, desc)).toBe(1);
    expect(scoreValue(2, desc)).toBe(1);
    expect(scoreValue(3, desc)).toBe(0.5);
    expect(scoreValue(10, desc)).toBe(0.2);
    expect(scoreValue(11, desc)).toBe(0);
  });

  it('boolean: yes is 1, anything short of 1 is 0', () => {
    expect(scoreValue(1, { method: 'boolean' })).toBe(1);
    expect(scoreValue(0, { method: 'boolean' })).toBe(0);
    expect(scoreValue(0.99, { method: 'boolean' })).toBe(0);
  });
});

describe('the weighted tree', () => {
  const tree = def({
    name: 'Tree',
    components: [
      {
        code: 'P1',
        name: 'Pillar 1',
        weight: 0.6,
        components: [
          leaf('L1', 0.5, 'A', { method: 'value' }),
          leaf('L2', 0.5, 'B', { method: 'ratio_to_target', target: 100 }),
        ],
      },
      { code: 'P2', name: 'Pillar 2', weight: 0.4, components: [leaf('L3', 1, 'C', { method: 'boolean' })] },
    ],
  });

  it('scores a node as Σ weight × child score, weights as given', () => {
    const r = rankUnits(tree, [unit('x', { A: 0.8, B: 50, C: 1 })]);
    const x = r.items[0];
    expect(x.score).toBe(0.79); // 0.6 × (0.5×0.8 + 0.5×0.5) + 0.4 × 1 = 0.39 + 0.4
    expect(x.components.find((c) => c.code === 'P1')?.score).toBe(0.65);
    expect(x.components.find((c) => c.code === 'P2')?.score).toBe(1);
    expect(x.components.map((c) => c.code)).toEqual(['P1', 'L1', 'L2', 'P2', 'L3']);
    expect(x.components.find((c) => c.code === 'L1')?.effectiveWeight).toBe(0.3);
    expect(x.flags).toEqual([]);
    // weights not normalised: a tree with weights summing to 100 gives points out of 100
    const hundred = def({
      name: 'H',
      components: [leaf('a', 60, 'A', { method: 'value' }), leaf('b', 40, 'B', { method: 'value' })],
    });
    expect(rankUnits(hundred, [unit('x', { A: 0.5, B: 1 })]).items[0].score).toBe(70);
  });

  it('gives pillar sub-rankings', () => {
    const r = rankUnits(tree, [
      unit('a', { A: 1, B: 100, C: 0 }),
      unit('b', { A: 0.5, B: 50, C: 1 }),
      unit('c', { A: 0.5, B: 50, C: 1 }),
    ]);
    const rank = (k: string, code: string) =>
      r.items.find((i) => i.key === k)!.components.find((c) => c.code === code)!.rank;
    expect(r.items.map((i) => [i.key, i.score, i.rank])).toEqual([
      ['b', 0.7, 1],
      ['c', 0.7, 1],
      ['a', 0.6, 3],
    ]);
    expect(rank('a', 'P1')).toBe(1);
    expect(rank('b', 'P1')).toBe(2);
    expect(rank('c', 'P1')).toBe(2);
    expect(rank('a', 'P2')).toBe(3);
  });

  it('uses the council final score instead of the computed one', () => {
    const r = rankUnits(tree, [unit('x', { A: 0.8, B: 50, C: 1 }, { L2: 1 })]);
    expect(r.items[0].score).toBe(0.94);
    expect(r.items[0].components.find((c) => c.code === 'L2')?.assessed).toBe(true);
  });
});

describe('missing data', () => {
  const mk = (missing?: string, leafMissing?: string) =>
    def({
      name: 'M',
      ...(missing ? { missing } : {}),
      components: [
        leaf('A', 0.5, 'A', { method: 'value' }),
        leaf('B', 0.5, 'B', { method: 'value', ...(leafMissing ? { missing: leafMissing } : {}) }),
      ],
    });
  const units = [
    unit('full', { A: 0.6, B: 0.4 }),
    unit('gap', { A: 0.8 }),
    unit('other', { A: 0.2, B: 0.9 }),
  ];

  it("'zero' (default): scores 0 and flags", () => {
    const r = rankUnits(mk(), units);
    const g = r.items.find((i) => i.key === 'gap')!;
    expect(g.score).toBe(0.4);
    expect(g.flags).toEqual([{ component: 'B', indicator: 'B', rule: 'missing_zero' }]);
    expect(g.components.find((c) => c.code === 'B')).toMatchObject({ missing: true, score: 0 });
    expect(r.items.find((i) => i.key === 'full')!.flags).toEqual([]);
  });

  it("'min': scores the lowest score of the units with data", () => {
    const r = rankUnits(mk('min'), units);
    const g = r.items.find((i) => i.key === 'gap')!;
    expect(g.score).toBe(0.6); // 0.5 × 0.8 + 0.5 × 0.4
    expect(g.flags[0].rule).toBe('missing_min');
  });

  it("'exclude': leaves the component out and scales up its siblings (leaf rule beats scorecard rule)", () => {
    const r = rankUnits(mk('zero', 'exclude'), units);
    const g = r.items.find((i) => i.key === 'gap')!;
    expect(g.score).toBe(0.8);
    expect(g.flags[0].rule).toBe('missing_excluded');
    expect(g.components.find((c) => c.code === 'B')?.score).toBeNull();
    expect(g.components.find((c) => c.code === 'A')?.effectiveWeight).toBe(1);
    // nothing at all → 0, still ranked and flagged twice
    const none = rankUnits(mk('exclude'), [unit('n', {})]).items[0];
    expect(none.score).toBe(0);
    expect(none.flags).toHaveLength(2);
  });

  it("'exclude' propagates: a branch with every leaf missing is left out one level up", () => {
    const d = def({
      name: 'E',
      missing: 'exclude',
      components: [
        { code: 'P', name: 'P', weight: 0.5, components: [leaf('a', 1, 'A', { method: 'value' })] },
        { code: 'Q', name: 'Q', weight: 0.5, components: [leaf('b', 1, 'B', { method: 'value' })] },
      ],
    });
    const x = rankUnits(d, [unit('x', { A: 0.3 })]).items[0];
    expect(x.score).toBe(0.3);
    expect(x.components.find((c) => c.code === 'Q')?.score).toBeNull();
  });

  it('minmax skips units without data when finding min and max', () => {
    const d = def({ name: 'mm', components: [leaf('a', 1, 'A', { method: 'minmax' })] });
    const r = rankUnits(d, [unit('x', { A: 10 }), unit('y', {}), unit('z', { A: 20 })]);
    expect(r.items.map((i) => [i.key, i.score, i.rank])).toEqual([
      ['z', 1, 1],
      ['x', 0, 2],
      ['y', 0, 2],
    ]);
  });
});

describe('validation', () => {
  const errs = (x: unknown, known?: string[]) => {
    const r = parseDefinition(x, known ? { knownIndicators: new Set(known) } : {});
    return r.ok ? [] : r.errors.map((e) => `${e.path}:${e.rule}`);
  };

  it('accepts a good definition and rejects what is not one', () => {
    expect(errs({ name: 'ok', components: [leaf('A', 1, 'X', { method: 'value' })] })).toEqual([]);
    expect(errs(null)).toEqual([':not_object']);
    expect(errs({ components: [] })).toEqual(['name:name_required', 'components:components_required']);
  });

  it('checks weights: numeric, non-negative, optionally summing to 1', () => {
    expect(errs({ name: 'w', components: [leaf('A', -0.1, 'X', { method: 'value' })] })).toEqual([
      'components[0].weight:weight_negative',
    ]);
    expect(
      errs({ name: 'w', components: [{ ...leaf('A', 1, 'X', { method: 'value' }), weight: '0.5' }] }),
    ).toEqual(['components[0].weight:weight_number']);
    expect(
      errs({
        name: 'w',
        weightsSumToOne: true,
        components: [leaf('A', 0.5, 'X', { method: 'value' }), leaf('B', 0.4, 'Y', { method: 'value' })],
      }),
    ).toEqual(['components:weights_sum']);
    expect(
      errs({
        name: 'w',
        weightsSumToOne: true,
        components: [leaf('A', 0.7, 'X', { method: 'value' }), leaf('B', 0.3, 'Y', { method: 'value' })],
      }),
    ).toEqual([]);
  });

  it('finds duplicate codes, leaves without an indicator, unknown indicators and cycles', () => {
    expect(
      errs({
        name: 'd',
        components: [
          { code: 'P', name: 'P', weight: 1, components: [leaf('A', 1, 'X', { method: 'value' })] },
          leaf('A', 1, 'Y', { method: 'value' }),
        ],
      }),
    ).toEqual(['components[1].code:duplicate_code']);
    expect(
      errs({ name: 'l', components: [{ code: 'A', name: 'A', weight: 1, scoring: { method: 'value' } }] }),
    ).toEqual(['components[0].indicator:leaf_indicator']);
    expect(errs({ name: 'u', components: [leaf('A', 1, 'NOPE', { method: 'value' })] }, ['X'])).toEqual([
      'components[0].indicator:unknown_indicator',
    ]);
    const loop: Record<string, unknown> = { code: 'L', name: 'L', weight: 1 };
    loop.components = [loop];
    expect(errs({ name: 'c', components: [loop] })).toContain('components[0].components[0]:cycle');
  });

  it('checks each method’s parameters', () => {
    const one = (scoring: unknown) =>
      errs({ name: 's', components: [{ code: 'A', name: 'A', weight: 1, indicator: 'X', scoring }] });
    expect(one(undefined)).toEqual(['components[0].scoring:scoring_required']);
    expect(one({ method: 'magic' })).toEqual(['components[0].scoring.method:method']);
    expect(one({ method: 'ratio_to_target' })).toEqual(['components[0].scoring.target:target']);
    expect(one({ method: 'ratio_to_target', target: -1 })).toEqual([
      'components[0].scoring.target:target_negative',
    ]);
    expect(one({ method: 'tiers', tiers: [] })).toEqual(['components[0].scoring.tiers:tiers_required']);
    expect(one({ method: 'tiers', tiers: [{ threshold: 1, points: 2 }] })).toEqual([
      'components[0].scoring.tiers[0].points:points',
    ]);
    expect(
      one({
        method: 'tiers',
        tiers: [
          { threshold: 1, points: 0.5 },
          { threshold: 1, points: 1 },
        ],
      }),
    ).toEqual(['components[0].scoring.tiers:tiers_duplicate']);
    expect(one({ method: 'value', missing: 'guess' })).toEqual([
      'components[0].scoring.missing:missing_rule',
    ]);
    expect(one({ method: 'minmax', polarity: 'sideways' })).toEqual([
      'components[0].scoring.polarity:polarity',
    ]);
  });

  it('flattens with effective weights multiplied down the tree', () => {
    const d = def({
      name: 'f',
      components: [
        { code: 'P', name: 'P', weight: 0.5, components: [leaf('A', 0.4, 'X', { method: 'value' })] },
      ],
    });
    expect(flatten(d).map((n) => [n.node.code, n.effectiveWeight, n.parent])).toEqual([
      ['P', 0.5, null],
      ['A', 0.2, 'P'],
    ]);
  });
});

describe('change from the previous period', () => {
  it('reports places gained and score change; new units have none', () => {
    const m = compareRankings(
      [
        { key: 'a', score: 0.7, rank: 1 },
        { key: 'b', score: 0.6, rank: 2 },
        { key: 'n', score: 0.5, rank: 3 },
      ],
      [
        { key: 'b', score: 0.65, rank: 1 },
        { key: 'a', score: 0.55, rank: 2 },
      ],
    );
    expect(m.get('a')).toEqual({ previousRank: 2, previousScore: 0.55, rankChange: 1, scoreChange: 0.15 });
    expect(m.get('b')).toEqual({ previousRank: 1, previousScore: 0.65, rankChange: -1, scoreChange: -0.05 });
    expect(m.get('n')).toEqual({
      previousRank: null,
      previousScore: null,
      rankChange: null,
      scoreChange: null,
    });
  });
});

describe('advice to reach the Top N', () => {
  const d = def({
    name: 'adv',
    components: [
      {
        code: 'P',
        name: 'P',
        weight: 0.5,
        components: [leaf('a', 0.6, 'A', { method: 'value' }), leaf('b', 0.4, 'B', { method: 'value' })],
      },
      leaf('c', 0.3, 'C', { method: 'value' }),
      leaf('d', 0.2, 'D', { method: 'value' }),
    ],
  });
  const r = rankUnits(d, [
    unit('top1', { A: 1, B: 1, C: 1, D: 1 }),
    unit('top2', { A: 0.9, B: 0.9, C: 0.9, D: 0.9 }),
    unit('top3', { A: 0.8, B: 0.8, C: 0.8, D: 0.8 }),
    unit('me', { A: 0.5, B: 0, C: 0.9, D: 0.5 }),
  ]);

  it('gives the gap, the points still available and the smallest plan', () => {
    const a = advise(r, 'me', 2)!;
    // me: 0.5×(0.6×0.5 + 0) + 0.3×0.9 + 0.2×0.5 = 0.15 + 0.27 + 0.1 = 0.52
    expect(a.score).toBe(0.52);
    expect(a.rank).toBe(4);
    expect(a.benchmark).toMatchObject({ unit: 'top2', score: 0.9, rank: 2 });
    expect(a.gap).toBeCloseTo(0.38, 10);
    // available: a 0.3×0.5=0.15, b 0.2×1=0.2, c 0.3×0.1=0.03, d 0.2×0.5=0.1
    expect(a.components.map((c) => [c.code, c.available])).toEqual([
      ['b', 0.2],
      ['a', 0.15],
      ['d', 0.1],
      ['c', 0.03],
    ]);
    expect(a.plan).toEqual(['b', 'a', 'd']);
    expect(a.planGain).toBeCloseTo(0.45, 10);
    expect(a.reachable).toBe(true);
    expect(a.inTop).toBe(false);
  });

  it('needs every component for the Top 1, and says when the unit is already in the Top N', () => {
    const a = advise(r, 'me', 1)!;
    expect(a.gap).toBeCloseTo(0.48, 10);
    expect(a.reachable).toBe(true);
    expect(a.plan).toEqual(['b', 'a', 'd', 'c']);
    const inside = advise(r, 'top2', 3)!;
    expect(inside.inTop).toBe(true);
    expect(inside.gap).toBe(0);
    expect(inside.plan).toEqual([]);
    expect(advise(r, 'nobody', 3)).toBeNull();
  });

  it('is out of reach when excluded components hold the difference', () => {
    const d2 = def({
      name: 'x',
      components: [
        leaf('a', 0.5, 'A', { method: 'value' }),
        leaf('b', 0.5, 'B', { method: 'value', missing: 'exclude' }),
      ],
    });
    // 'me' has only A (scaled to full weight): 0.4; raising A to 1 gives 1 — reachable. Make A full already.
    const r2 = rankUnits(d2, [unit('lead', { A: 1, B: 1 }), unit('me', { A: 1 })]);
    expect(r2.items.map((i) => i.score)).toEqual([1, 1]);
    const r3 = rankUnits(d2, [unit('lead', { A: 1, B: 1 }), unit('me', { A: 0.5, B: 0.4 })]);
    const a = advise(r3, 'me', 1)!;
    expect(a.plan).toEqual(['b', 'a']);
    expect(smallestCover([0.1, 0.2], 0.5)).toBeNull();
    const r4 = rankUnits(d2, [unit('lead', { A: 1, B: 1 }), unit('me', { A: 0.5 })]);
    const b = advise(r4, 'me', 1)!;
    expect(b.excluded).toEqual(['b']);
    expect(b.components.map((c) => [c.code, c.available])).toEqual([['a', 0.5]]);
    expect(b.reachable).toBe(true);
  });

  it('greedy by available points is the smallest cover (checked against brute force)', () => {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(rnd() * 8);
      const items = Array.from({ length: n }, () => Math.round(rnd() * 1000) / 1000);
      const gap = Math.round(rnd() * items.reduce((s, x) => s + x, 0) * 1.2 * 1000) / 1000;
      let best: number | null = gap <= 1e-9 ? 0 : null;
      for (let mask = 1; mask < 1 << n; mask++) {
        let sum = 0;
        let k = 0;
        for (let i = 0; i < n; i++)
          if (mask & (1 << i)) {
            sum += items[i];
            k++;
          }
        if (sum >= gap - 1e-9 && (best === null || k < best)) best = k;
      }
      const g = smallestCover(items, gap);
      if (best === null) expect(g).toBeNull();
      else {
        expect(g).not.toBeNull();
        expect(g!.length).toBe(best);
        expect(g!.reduce((s, i) => s + items[i], 0)).toBeGreaterThanOrEqual(gap - 1e-9);
      }
    }
  });
});

describe('DTI 2022 reproduced from its component values', () => {
  // Illustrative component values for six provinces (0..1, as the DTI publishes its indexes); the
  // expected totals are computed by hand with decimal arithmetic from the published formula
  // 0.1 × each foundation index + 0.2 × government + 0.15 × economy + 0.15 × society, to 4 places.
  // Order: awareness, institutions, infrastructure, human resources, cyber-security, gov, econ, society.
  const TABLE: Array<[string, number[], number, number]> = [
    ['E', [0.9, 0.88, 0.81, 0.67, 0.79, 0.74, 0.59, 0.66], 0.7405, 1],
    ['B', [0.77, 0.8, 0.62, 0.49, 0.66, 0.7, 0.47, 0.55], 0.627, 2],
    ['A', [0.82, 0.75, 0.68, 0.55, 0.71, 0.64, 0.43, 0.52], 0.6215, 3],
    ['D', [0.7, 0.65, 0.72, 0.51, 0.6, 0.58, 0.39, 0.47], 0.563, 4],
    ['G', [0.72, 0.63, 0.7, 0.53, 0.6, 0.58, 0.39, 0.47], 0.563, 4],
    ['C', [0.61, 0.58, 0.55, 0.44, 0.52, 0.49, 0.31, 0.4], 0.4745, 6],
    ['F', [0.55, 0.52, 0.49, 0.38, 0.45, 0.41, 0.28, 0.35], 0.4155, 7],
  ];

  it('has the structure of Decision 922/QĐ-BTTTT and passes its own sum-to-one check', () => {
    const t = dti2022Template();
    expect(parseDefinition(t).ok).toBe(true);
    expect(t.components.map((c) => c.weight)).toEqual([0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.15, 0.15]);
    expect(DTI2022_COMPONENTS.filter((c) => c.pillar === 'foundation')).toHaveLength(5);
  });

  it('reproduces every total and rank, with the tie sharing rank 4', () => {
    const t = def(dti2022Template());
    const units = [...TABLE]
      .reverse()
      .map(([k, vals]) =>
        unit(k, Object.fromEntries(DTI2022_COMPONENTS.map((c, i) => [c.indicator, vals[i]]))),
      );
    const r = rankUnits(t, units);
    expect(r.items.map((i) => [i.key, i.score, i.rank]).sort((a, b) => (a[0] < b[0] ? -1 : 1))).toEqual(
      TABLE.map(([k, , total, rank]) => [k, total, rank]).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    );
    expect(r.items.map((i) => i.rank)).toEqual([1, 2, 3, 4, 4, 6, 7]);
    const e = r.items[0];
    expect(e.components.find((c) => c.code === 'CQS')).toMatchObject({ score: 0.74, rank: 1 });
  });
});
