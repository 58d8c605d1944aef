/**
 * Precision and recall of the extraction against labelled sentences. A label names a sentence by
 * a snippet of it and lists what it states: kind (T target, R result), value, comparator, and for
 * targets the scope and the deadline year (null: not checked). An extracted item is right when an
 * unused label of a sentence containing the snippet agrees on all of those; an item read from a
 * sentence with no label group is wrong.
 */
import type { Extraction, Scope } from './extract.js';
import type { Comparator } from './numbers.js';

export type Expected = [
  kind: 'T' | 'R',
  value: number,
  comparator: Comparator,
  scope?: Scope | null,
  deadline?: number | null,
];

export interface LabelGroup {
  /** A snippet of the sentence, unique in its document. */
  sentence: string;
  expect: Expected[];
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** What went wrong, for the test's output. */
  misses: string[];
  extras: string[];
}

interface Flat {
  kind: 'T' | 'R';
  value: number;
  comparator: Comparator;
  scope: Scope | null;
  year: number | null;
  sentence: string;
}

function flatten(x: Extraction): Flat[] {
  return [
    ...x.targets.map((t) => ({
      kind: 'T' as const,
      value: t.value,
      comparator: t.comparator,
      scope: t.scope,
      year: t.deadline ? Number(t.deadline.slice(0, 4)) : null,
      sentence: t.sentence,
    })),
    ...x.results.map((r) => ({
      kind: 'R' as const,
      value: r.value,
      comparator: r.comparator,
      scope: null,
      year: null,
      sentence: r.sentence,
    })),
  ];
}

const agrees = (f: Flat, e: Expected) =>
  f.kind === e[0] &&
  Math.abs(f.value - e[1]) <= 1e-9 * Math.max(1, Math.abs(e[1])) &&
  f.comparator === e[2] &&
  (f.kind === 'R' || f.scope === (e[3] ?? null)) &&
  (e[4] === undefined || e[4] === null || f.year === e[4]);

const show = (e: Expected | Flat) =>
  Array.isArray(e)
    ? `${e[0]} ${e[2]} ${e[1]}${e[3] ? ` @${e[3]}` : ''}${e[4] ? ` by ${e[4]}` : ''}`
    : `${e.kind} ${e.comparator} ${e.value}${e.scope ? ` @${e.scope}` : ''}${e.year ? ` by ${e.year}` : ''}`;

/** Scores `extraction` against `groups`; several documents add up through `addScores`. */
export function scoreExtraction(extraction: Extraction, groups: readonly LabelGroup[]): Score {
  const found = flatten(extraction);
  const open = groups.map((g) => ({ g, left: [...g.expect] }));
  let tp = 0;
  const extras: string[] = [];
  for (const f of found) {
    const group = open.find((o) => f.sentence.includes(o.g.sentence));
    const i = group ? group.left.findIndex((e) => agrees(f, e)) : -1;
    if (group && i >= 0) {
      group.left.splice(i, 1);
      tp++;
    } else extras.push(`${show(f)} ← "${f.sentence.slice(0, 70)}…"`);
  }
  const misses = open.flatMap((o) => o.left.map((e) => `${show(e)} ← "${o.g.sentence}"`));
  return summarise(tp, extras, misses);
}

function summarise(tp: number, extras: string[], misses: string[]): Score {
  const fp = extras.length;
  const fn = misses.length;
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp ? tp / (tp + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    misses,
    extras,
  };
}

export function addScores(scores: readonly Score[]): Score {
  return summarise(
    scores.reduce((s, x) => s + x.truePositives, 0),
    scores.flatMap((x) => x.extras),
    scores.flatMap((x) => x.misses),
  );
}
