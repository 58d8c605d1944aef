import { describe, expect, it } from 'vitest';
import type { UnitStatistics } from './aggregate.js';
import type { IndicatorRules } from './catalog.js';
import {
  expectedSources,
  type GeoLink,
  geographyLinks,
  type LineageEdge,
  landingsOn,
  selectWeighted,
  type VersionNode,
} from './geography.js';

const OLD_TO = '2025-06-30';
const NEW_FROM = '2025-07-01';

function v(id: number, parent: VersionNode | null, kind: string, from: string | null, to: string | null) {
  return {
    id,
    parentId: parent?.id ?? null,
    path: [...(parent?.path ?? []), id],
    level: (parent?.level ?? 0) + 1,
    kind,
    validFrom: from,
    validTo: to,
  } satisfies VersionNode;
}

// old province A → districts D1, D2 → communes C1, C2 (D1), C3, C4 (D2), all closed on 2025-06-30;
// new province P from 2025-07-01 → communes N1 (C1 + C2), N2 (0.4 of C3), N3 (0.6 of C3 + C4);
// H carries on across the break (a self-link), with an old district HD and a new ward HW.
const A = v(1, null, 'province', null, OLD_TO);
const D1 = v(2, A, 'district', null, OLD_TO);
const D2 = v(3, A, 'district', null, OLD_TO);
const C1 = v(4, D1, 'commune', null, OLD_TO);
const C2 = v(5, D1, 'commune', null, OLD_TO);
const C3 = v(6, D2, 'commune', null, OLD_TO);
const C4 = v(7, D2, 'commune', null, OLD_TO);
const P = v(10, null, 'province', NEW_FROM, null);
const N1 = v(11, P, 'commune', NEW_FROM, null);
const N2 = v(12, P, 'commune', NEW_FROM, null);
const N3 = v(13, P, 'commune', NEW_FROM, null);
const H = v(20, null, 'province', null, null);
const HD = v(21, H, 'district', null, OLD_TO);
const HC = v(22, HD, 'commune', null, OLD_TO);
const HW = v(23, H, 'commune', NEW_FROM, null);
const VERSIONS = [A, D1, D2, C1, C2, C3, C4, P, N1, N2, N3, H, HD, HC, HW];

const full = (n: VersionNode, o: VersionNode): LineageEdge => ({
  newUnitId: n.id,
  oldUnitId: o.id,
  kind: 'full',
  share: 1,
});
const part = (n: VersionNode, o: VersionNode, share: number): LineageEdge => ({
  newUnitId: n.id,
  oldUnitId: o.id,
  kind: 'partial',
  share,
});
const LINEAGE = [
  full(P, A),
  full(N1, C1),
  full(N1, C2),
  part(N2, C3, 0.4),
  part(N3, C3, 0.6),
  full(N3, C4),
  full(H, H),
  full(HW, HC),
];

/** target id → source id → [weight, exact] */
function table(links: GeoLink[]) {
  const t: Record<number, Record<number, [number, boolean]>> = {};
  for (const l of links) {
    t[l.targetId] = { ...t[l.targetId], [l.sourceId]: [Number(l.weight.toFixed(12)), l.exact] };
  }
  return t;
}

describe('geographyLinks forward (old periods in new units)', () => {
  const links = table(geographyLinks(VERSIONS, LINEAGE, NEW_FROM, [P.id, N1.id, N2.id, N3.id, H.id]));

  it('a full part counts whole; two old communes merged count whole, exact', () => {
    expect(links[N1.id]).toEqual({ [C1.id]: [1, true], [C2.id]: [1, true], [N1.id]: [1, true] });
  });

  it('a partial part counts by share and is estimated; both parts inside one target are exact', () => {
    expect(links[N2.id]).toEqual({ [C3.id]: [0.4, false], [N2.id]: [1, true] });
    expect(links[N3.id]).toEqual({ [C3.id]: [0.6, false], [C4.id]: [1, true], [N3.id]: [1, true] });
    expect(links[P.id][C3.id]).toEqual([1, true]);
  });

  it('a district without lineage goes through its province: it counts for the new province, never for a commune', () => {
    expect(links[P.id][D1.id]).toEqual([1, true]);
    expect(links[P.id][D2.id]).toEqual([1, true]);
    expect(links[P.id][A.id]).toEqual([1, true]);
    for (const t of [N1, N2, N3]) {
      expect(links[t.id][D1.id]).toBeUndefined();
      expect(links[t.id][D2.id]).toBeUndefined();
      expect(links[t.id][A.id]).toBeUndefined();
    }
  });

  it('a unit that carries on (self-link) keeps its old district and commune through itself and lineage', () => {
    expect(links[H.id]).toEqual({
      [H.id]: [1, true],
      [HD.id]: [1, true],
      [HC.id]: [1, true],
      [HW.id]: [1, true],
    });
  });

  it('depth is source level − target level', () => {
    const l = geographyLinks(VERSIONS, LINEAGE, NEW_FROM, [P.id]);
    expect(l.find((x) => x.sourceId === C1.id)?.depth).toBe(2);
    expect(l.find((x) => x.sourceId === D1.id)?.depth).toBe(1);
    expect(l.find((x) => x.sourceId === N1.id)?.depth).toBe(1);
  });

  it('targets not valid on the date get no links', () => {
    expect(geographyLinks(VERSIONS, LINEAGE, NEW_FROM, [A.id, C1.id])).toEqual([]);
  });
});

describe('geographyLinks chained restructurings', () => {
  // 2027: N2 and N3 merge into M, 0.5 of N1 goes into M too
  const M = v(30, P, 'commune', '2027-01-01', null);
  const closed = (x: VersionNode) => ({ ...x, validTo: '2026-12-31' });
  const versions = [
    ...VERSIONS.filter((x) => ![N1, N2, N3].includes(x)),
    closed(N1),
    closed(N2),
    closed(N3),
    M,
  ];
  const lineage = [...LINEAGE, full(M, N2), full(M, N3), part(M, N1, 0.5)];

  it('shares multiply along the chain and add up over paths', () => {
    const links = table(geographyLinks(versions, lineage, '2027-01-01', [M.id]));
    // C3: 0.4 via N2 + 0.6 via N3, both wholly into M
    expect(links[M.id][C3.id]).toEqual([1, true]);
    // C1: wholly into N1, of which 0.5 into M
    expect(links[M.id][C1.id]).toEqual([0.5, false]);
    expect(links[M.id][N1.id]).toEqual([0.5, false]);
    expect(links[M.id][C4.id]).toEqual([1, true]);
  });

  it('reverse through two restructurings: M in 2025-06 units', () => {
    const links = table(geographyLinks(versions, lineage, OLD_TO, [C1.id, C3.id, C4.id, D1.id, D2.id, A.id]));
    // M's predecessors N2 (1), N3 (1), N1 (0.5): weights 0.4, 0.4, 0.2; N1 → C1, C2 (½ each)
    expect(links[D2.id][M.id]).toEqual([0.8, false]);
    expect(links[D1.id][M.id]).toEqual([0.2, false]);
    expect(links[C1.id][M.id]).toEqual([0.1, false]);
    expect(links[A.id][M.id]).toEqual([1, true]);
  });
});

describe('geographyLinks reverse (new periods in old units)', () => {
  const links = table(
    geographyLinks(VERSIONS, LINEAGE, OLD_TO, [A.id, D1.id, D2.id, C1.id, C3.id, C4.id, H.id]),
  );

  it('a new unit whose predecessors all lie in the old target counts whole, exact', () => {
    expect(links[D1.id][N1.id]).toEqual([1, true]);
    expect(links[D2.id][N2.id]).toEqual([1, true]);
    expect(links[D2.id][N3.id]).toEqual([1, true]);
    expect(links[A.id][P.id]).toEqual([1, true]);
    expect(links[A.id][N3.id]).toEqual([1, true]);
  });

  it('a new unit spanning several old targets is split by predecessor shares, estimated', () => {
    // N1 = C1 (1) + C2 (1): ½ each; N3 = 0.6 of C3 + C4 (1): 0.6/1.6 and 1/1.6
    expect(links[C1.id][N1.id]).toEqual([0.5, false]);
    expect(links[C3.id][N3.id]).toEqual([0.375, false]);
    expect(links[C4.id][N3.id]).toEqual([0.625, false]);
    // N2 has one predecessor: it lies wholly in C3
    expect(links[C3.id][N2.id]).toEqual([1, true]);
  });

  it('a new ward of a unit that carries on, with lineage, lands on its old commune', () => {
    expect(links[H.id][HW.id]).toEqual([1, true]);
  });

  it('a new unit without lineage lands where its parent lands', () => {
    const dept = v(40, P, 'department', NEW_FROM, null);
    const l = table(geographyLinks([...VERSIONS, dept], LINEAGE, OLD_TO, [A.id, D1.id]));
    expect(l[A.id][dept.id]).toEqual([1, true]);
    expect(l[D1.id][dept.id]).toBeUndefined();
  });
});

describe('landingsOn edge cases', () => {
  it('self-links are ignored and a cycle lands nowhere', () => {
    const X = v(50, null, 'province', null, '2020-12-31');
    const Y = v(51, null, 'province', null, '2020-12-31');
    const l = landingsOn([X, Y], [full(Y, X), full(X, Y), full(X, X)], '2021-01-01');
    expect(l.get(X.id)).toEqual([]);
    expect(l.get(Y.id)).toEqual([]);
  });

  it('a closed unit without lineage and without a parent lands nowhere', () => {
    const X = v(52, null, 'province', null, '2020-12-31');
    expect(geographyLinks([X, P], [], NEW_FROM, [P.id])).toEqual([
      { targetId: P.id, sourceId: P.id, weight: 1, exact: true, depth: 0 },
    ]);
  });

  it('equal thirds add up to exactly 1', () => {
    const Z = v(60, null, 'province', null, OLD_TO);
    const Q = v(61, null, 'province', NEW_FROM, null);
    const parts = [1, 2, 3].map((k) => v(61 + k, Q, 'commune', NEW_FROM, null));
    const links = geographyLinks(
      [Z, Q, ...parts],
      parts.map((p) => part(p, Z, 1 / 3)),
      NEW_FROM,
      [Q.id],
    );
    expect(links.find((x) => x.sourceId === Z.id)).toMatchObject({ weight: 1, exact: true });
  });
});

describe('expectedSources', () => {
  const links = geographyLinks(VERSIONS, LINEAGE, NEW_FROM, [P.id]);
  const byId = new Map(VERSIONS.map((x) => [x.id, x]));
  const communes = (x: VersionNode) => x.kind === 'commune';

  it('counts the linked sources of the reporting kinds valid in the period', () => {
    expect(expectedSources(links, byId, { from: '2024-01-01', to: '2024-12-31' }, communes)).toBe(4);
    expect(expectedSources(links, byId, { from: '2025-08-01', to: '2025-08-31' }, communes)).toBe(3);
    // a year across the break: the old and the new communes were all valid in it
    expect(expectedSources(links, byId, { from: '2025-01-01', to: '2025-12-31' }, communes)).toBe(7);
  });
});

describe('selectWeighted', () => {
  const rules = (
    aggregation: IndicatorRules['aggregation'],
    valueType: IndicatorRules['valueType'] = 'count',
  ) =>
    ({
      valueType,
      aggregation,
      timeAggregation: 'sum',
      frequency: 'month',
      ratioScale: 100,
    }) as IndicatorRules;
  const stats: UnitStatistics = { reported: 2, sum: 14, avg: 7, min: 4, max: 10, one: null, num: 3, den: 12 };

  it('sums and ratios carry a partial weight, flagged estimated', () => {
    expect(selectWeighted(rules('sum'), { ...stats, estimated: true }, 3)).toEqual({
      value: 14,
      numerator: null,
      denominator: null,
      reported: 2,
      expected: 3,
      estimated: true,
    });
    expect(selectWeighted(rules('ratio', 'ratio'), { ...stats, estimated: true }, 3)).toMatchObject({
      value: 25,
      numerator: 3,
      denominator: 12,
      estimated: true,
    });
  });

  it.each(['average', 'min', 'max', 'none'] as const)(
    '%s refuses a partial weight: null, not_additive',
    (agg) => {
      expect(selectWeighted(rules(agg), { ...stats, estimated: true }, 3)).toEqual({
        value: null,
        numerator: null,
        denominator: null,
        reported: 2,
        expected: 3,
        estimated: true,
        note: 'not_additive',
      });
    },
  );

  it('exact links answer as the unit rule does', () => {
    expect(selectWeighted(rules('min'), { ...stats, estimated: false }, 3)).toMatchObject({
      value: 4,
      estimated: false,
    });
    expect(selectWeighted(rules('max'), { ...stats, estimated: false }, 3).note).toBeUndefined();
  });
});
