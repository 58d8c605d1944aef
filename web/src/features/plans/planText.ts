/**
 * The review of a plan's text (PlanTextDrawer): the proposals the server read, as editable rows,
 * the document cut into highlighted pieces, and an accepted row as the body of POST /api/targets.
 * Pure functions, no React.
 */
import type { ApiPlanExtraction } from '../../lib/serverTypes';

export type Extraction = ApiPlanExtraction;
export type ProposedTarget = Extraction['targets'][number];
export type ProposedResult = Extraction['results'][number];
export type Scope = 'plan' | 'district' | 'commune';

/** An editable proposed target. */
export interface TargetRow {
  key: number;
  accept: boolean;
  subject: string;
  sentence: string;
  value: number | null;
  /** The stored comparators: ">" reads as ">=", "<" as "<=". */
  comparator: '>=' | '<=' | '=';
  deadline: string | null;
  scope: Scope;
  indicator: string | null;
  confidence: number;
  leadUnit: string | null;
  responsiblePerson: string;
  at: ProposedTarget['at'];
  /** Set once created; an error from the server stays on the row. */
  created?: boolean;
  error?: string;
}

/** An editable reported result: accepted, it becomes the baseline of the targets of its indicator. */
export interface ResultRow {
  key: number;
  accept: boolean;
  subject: string;
  sentence: string;
  value: number | null;
  period: string | null;
  indicator: string | null;
  at: ProposedResult['at'];
}

const storedComparator = (c: string): TargetRow['comparator'] =>
  c === '>' || c === '>=' ? '>=' : c === '<' || c === '<=' ? '<=' : '=';

export function targetRows(x: Extraction, defaultDeadline: string): TargetRow[] {
  return x.targets.map((t, key) => ({
    key,
    accept: true,
    subject: t.subject,
    sentence: t.sentence,
    value: t.value,
    comparator: storedComparator(t.comparator),
    deadline: t.deadline ?? defaultDeadline,
    scope: t.scope === 'district' || t.scope === 'commune' ? t.scope : 'plan',
    indicator: t.indicator,
    confidence: t.confidence,
    leadUnit: null,
    responsiblePerson: '',
    at: t.at,
  }));
}

export function resultRows(x: Extraction): ResultRow[] {
  return x.results.map((r, key) => ({
    key,
    accept: false,
    subject: r.subject,
    sentence: r.sentence,
    value: r.value,
    period: r.period,
    indicator: r.indicator,
    at: r.at,
  }));
}

/** Levels of a level-wide target: "cấp huyện" → every district (level 2), "cấp xã" → every commune. */
const LEVEL: Record<Exclude<Scope, 'plan'>, { level: number; kind: string }> = {
  district: { level: 2, kind: 'district' },
  commune: { level: 3, kind: 'commune' },
};

/** The body of POST /api/targets for an accepted row; the baseline from an accepted result of its indicator. */
export function targetBody(plan: { code: string; scopeUnit: string }, row: TargetRow, results: ResultRow[]) {
  const base = results.find(
    (r) => r.accept && r.indicator && r.indicator === row.indicator && r.value !== null,
  );
  const scope = row.scope === 'plan' ? null : LEVEL[row.scope];
  return {
    plan: plan.code,
    indicator: row.indicator,
    orgUnit: plan.scopeUnit,
    level: scope?.level ?? null,
    kind: scope?.kind ?? null,
    baseline: base ? { value: base.value, ...(base.period ? { period: base.period } : {}) } : { value: null },
    target: { value: row.value, period: row.deadline, comparator: row.comparator },
    leadUnit: row.leadUnit,
    cooperatingUnits: [],
    responsiblePerson: row.responsiblePerson.trim() || null,
    notes: row.sentence,
  };
}

export interface Piece {
  text: string;
  /** Inside a sentence that holds a proposal. */
  sentence: boolean;
  /** The quantity of proposal `key` (targets "t3", results "r0"). */
  quote: string | null;
}

/** The document cut into pieces: plain text, proposal sentences, and the quantities inside them. */
export function pieces(
  text: string,
  rows: Array<{ id: string; at?: { sentence: number[]; quote: number[] } }>,
): Piece[] {
  const sentences: Array<[number, number]> = [];
  const quotes: Array<[number, number, string]> = [];
  for (const r of rows) {
    if (!r.at) continue;
    sentences.push([r.at.sentence[0], r.at.sentence[1]]);
    quotes.push([r.at.quote[0], r.at.quote[1], r.id]);
  }
  const cuts = new Set([0, text.length]);
  for (const [a, b] of sentences) cuts.add(a).add(b);
  for (const [a, b] of quotes) cuts.add(a).add(b);
  const points = [...cuts].filter((n) => n >= 0 && n <= text.length).sort((a, b) => a - b);
  const out: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    const quote = quotes.find(([s, e]) => s <= a && b <= e);
    out.push({
      text: text.slice(a, b),
      sentence: sentences.some(([s, e]) => s <= a && b <= e),
      quote: quote?.[2] ?? null,
    });
  }
  return out;
}
