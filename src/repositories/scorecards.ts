/** Scorecards, their versions, assessments and frozen reviews: SQL only. */
import { sql } from 'kysely';
import type { Database, Tx } from '../db/index.js';

type Target = Database | Tx;

export interface ScorecardRow {
  id: number;
  code: string;
  name: string;
  updatedAt: string;
}

export interface VersionRow {
  id: number;
  scorecardId: number;
  validFrom: number;
  name: string;
  definition: unknown;
  createdBy: number | null;
  updatedAt: string;
}

export async function findScorecard(t: Target, code: string): Promise<ScorecardRow | undefined> {
  const r = await sql<ScorecardRow>`
    SELECT id, code, name, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"
    FROM scorecard WHERE code = ${code}`.execute(t.db);
  return r.rows[0];
}

export async function listScorecards(t: Target): Promise<Array<ScorecardRow & { validFrom: number[] }>> {
  const r = await sql<ScorecardRow & { validFrom: number[] }>`
    SELECT s.id, s.code, s.name,
      to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt",
      coalesce(array_agg(v.valid_from::int ORDER BY v.valid_from) FILTER (WHERE v.id IS NOT NULL), '{}') AS "validFrom"
    FROM scorecard s LEFT JOIN scorecard_version v ON v.scorecard_id = s.id
    GROUP BY s.id ORDER BY s.code`.execute(t.db);
  return r.rows;
}

export async function versions(t: Target, scorecardId: number): Promise<VersionRow[]> {
  const r = await sql<VersionRow>`
    SELECT id, scorecard_id AS "scorecardId", valid_from::int AS "validFrom", name, definition,
      created_by AS "createdBy",
      to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"
    FROM scorecard_version WHERE scorecard_id = ${scorecardId} ORDER BY valid_from`.execute(t.db);
  return r.rows.map((v) => ({
    ...v,
    definition: typeof v.definition === 'string' ? JSON.parse(v.definition) : v.definition,
  }));
}

export async function upsertScorecard(tx: Tx, code: string, name: string): Promise<number> {
  const r = await sql<{ id: number }>`
    INSERT INTO scorecard (code, name) VALUES (${code}, ${name})
    ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
    RETURNING id`.execute(tx.db);
  return r.rows[0].id;
}

export async function upsertVersion(
  tx: Tx,
  v: { scorecardId: number; validFrom: number; name: string; definition: unknown; userId: number | null },
) {
  await sql`
    INSERT INTO scorecard_version (scorecard_id, valid_from, name, definition, created_by)
    VALUES (${v.scorecardId}, ${v.validFrom}, ${v.name}, ${JSON.stringify(v.definition)}::jsonb, ${v.userId})
    ON CONFLICT (scorecard_id, valid_from) DO UPDATE SET name = EXCLUDED.name,
      definition = EXCLUDED.definition, created_by = EXCLUDED.created_by, updated_at = now()`.execute(tx.db);
}

export interface RankedUnitRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  level: number;
  provinceId: number | null;
  parentId: number | null;
  path: number[];
}

/** Units of `level` (and kind) inside `rootId` (null: everywhere) valid at some time in [from, to]. */
export async function unitsToRank(
  t: Target,
  q: { rootId: number | null; level: number; kinds?: string[]; from: string; to: string },
): Promise<RankedUnitRow[]> {
  const kinds = q.kinds?.length ? q.kinds : null;
  const r = await sql<RankedUnitRow>`
    SELECT u.id, u.code, u.name, u.kind, u.level, u.province_id AS "provinceId", u.parent_id AS "parentId", u.path
    FROM org_unit u
    WHERE u.level = ${q.level}
      AND (${q.rootId}::int IS NULL OR EXISTS (
        SELECT 1 FROM org_unit_closure c WHERE c.descendant_id = u.id AND c.ancestor_id = ${q.rootId}::int))
      AND (${kinds}::text[] IS NULL OR u.kind = ANY(${kinds}::text[]))
      AND (u.valid_from IS NULL OR u.valid_from <= ${q.to}::date)
      AND (u.valid_to IS NULL OR u.valid_to >= ${q.from}::date)
    ORDER BY u.code`.execute(t.db);
  return r.rows;
}

export interface AssessmentRow {
  orgUnitId: number;
  componentCode: string;
  selfScore: number | null;
  selfEvidence: string | null;
  selfUrl: string | null;
  selfBy: string | null;
  selfAt: string | null;
  appraisedScore: number | null;
  appraisedNote: string | null;
  appraisedBy: string | null;
  appraisedAt: string | null;
  finalScore: number | null;
  finalNote: string | null;
  finalBy: string | null;
  finalAt: string | null;
}

const ts = (col: string) => sql.raw(`to_char(a.${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

export async function assessments(
  t: Target,
  q: { scorecardId: number; periodId: number; unitIds: number[] },
): Promise<AssessmentRow[]> {
  if (q.unitIds.length === 0) return [];
  const r = await sql<AssessmentRow>`
    SELECT a.org_unit_id AS "orgUnitId", a.component_code AS "componentCode",
      a.self_score AS "selfScore", a.self_evidence AS "selfEvidence", a.self_url AS "selfUrl",
      us.username AS "selfBy", ${ts('self_at')} AS "selfAt",
      a.appraised_score AS "appraisedScore", a.appraised_note AS "appraisedNote",
      ua.username AS "appraisedBy", ${ts('appraised_at')} AS "appraisedAt",
      a.final_score AS "finalScore", a.final_note AS "finalNote",
      uf.username AS "finalBy", ${ts('final_at')} AS "finalAt"
    FROM scorecard_assessment a
    LEFT JOIN app_user us ON us.id = a.self_by
    LEFT JOIN app_user ua ON ua.id = a.appraised_by
    LEFT JOIN app_user uf ON uf.id = a.final_by
    WHERE a.scorecard_id = ${q.scorecardId} AND a.period_id = ${q.periodId}
      AND a.org_unit_id = ANY(${q.unitIds}::int[])
    ORDER BY a.org_unit_id, a.component_code`.execute(t.db);
  return r.rows;
}

export interface AssessmentWrite {
  provinceId: number;
  scorecardId: number;
  periodId: number;
  orgUnitId: number;
  componentCode: string;
  self?: { score: number | null; evidence: string | null; url: string | null };
  appraised?: { score: number | null; note: string | null };
  final?: { score: number | null; note: string | null };
  userId: number;
}

/** Writes the parts given (self, appraised, final); the others stay as they are. */
export async function upsertAssessment(tx: Tx, w: AssessmentWrite) {
  await sql`
    INSERT INTO scorecard_assessment (province_id, scorecard_id, period_id, org_unit_id, component_code)
    VALUES (${w.provinceId}, ${w.scorecardId}, ${w.periodId}, ${w.orgUnitId}, ${w.componentCode})
    ON CONFLICT DO NOTHING`.execute(tx.db);
  const key = sql`province_id = ${w.provinceId} AND scorecard_id = ${w.scorecardId}
    AND period_id = ${w.periodId} AND org_unit_id = ${w.orgUnitId} AND component_code = ${w.componentCode}`;
  if (w.self)
    await sql`UPDATE scorecard_assessment SET self_score = ${w.self.score}, self_evidence = ${w.self.evidence},
      self_url = ${w.self.url}, self_by = ${w.userId}, self_at = now() WHERE ${key}`.execute(tx.db);
  if (w.appraised)
    await sql`UPDATE scorecard_assessment SET appraised_score = ${w.appraised.score},
      appraised_note = ${w.appraised.note}, appraised_by = ${w.userId}, appraised_at = now() WHERE ${key}`.execute(
      tx.db,
    );
  if (w.final)
    await sql`UPDATE scorecard_assessment SET final_score = ${w.final.score}, final_note = ${w.final.note},
      final_by = ${w.userId}, final_at = now() WHERE ${key}`.execute(tx.db);
}

export interface ReviewRow {
  id: number;
  scorecardCode: string;
  kind: string;
  title: string;
  reviewDate: string;
  period: string;
  scope: unknown;
  snapshot: unknown;
  createdBy: string | null;
  createdAt: string;
}

const reviewSelect = sql`
  SELECT r.id, s.code AS "scorecardCode", r.kind, r.title, to_char(r.review_date, 'YYYY-MM-DD') AS "reviewDate",
    r.period, r.scope, r.snapshot, r.created_by_name AS "createdBy",
    to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
  FROM emulation_review r JOIN scorecard s ON s.id = r.scorecard_id`;

const parseJson = (x: unknown) => (typeof x === 'string' ? JSON.parse(x) : x);

export async function insertReview(
  tx: Tx,
  r: {
    scorecardId: number;
    kind: string;
    title: string;
    reviewDate: string;
    period: string;
    scope: unknown;
    snapshot: unknown;
    userId: number;
    username: string;
  },
): Promise<number> {
  const res = await sql<{ id: number }>`
    INSERT INTO emulation_review (scorecard_id, kind, title, review_date, period, scope, snapshot, created_by, created_by_name)
    VALUES (${r.scorecardId}, ${r.kind}, ${r.title}, ${r.reviewDate}::date, ${r.period},
      ${JSON.stringify(r.scope)}::jsonb, ${JSON.stringify(r.snapshot)}::jsonb, ${r.userId}, ${r.username})
    RETURNING id`.execute(tx.db);
  return res.rows[0].id;
}

/** A review already frozen with the same scorecard, kind, title (any case), date, period and scope. */
export async function findSameReview(
  t: Target,
  r: { scorecardId: number; kind: string; title: string; reviewDate: string; period: string; scope: unknown },
): Promise<number | undefined> {
  const res = await sql<{ id: number }>`
    SELECT id FROM emulation_review
    WHERE scorecard_id = ${r.scorecardId} AND kind = ${r.kind} AND lower(btrim(title)) = lower(btrim(${r.title}))
      AND review_date = ${r.reviewDate}::date AND period = ${r.period} AND scope = ${JSON.stringify(r.scope)}::jsonb
    LIMIT 1`.execute(t.db);
  return res.rows[0]?.id;
}

export async function findReview(t: Target, id: number): Promise<ReviewRow | undefined> {
  const r = await sql<ReviewRow>`${reviewSelect} WHERE r.id = ${id}`.execute(t.db);
  const row = r.rows[0];
  return row && { ...row, scope: parseJson(row.scope), snapshot: parseJson(row.snapshot) };
}

export async function listReviews(
  t: Target,
  q: { scorecard?: string; limit: number; offset: number },
): Promise<{ items: ReviewRow[]; total: number }> {
  const where = q.scorecard ? sql`WHERE s.code = ${q.scorecard}` : sql``;
  const r = await sql<ReviewRow>`${reviewSelect} ${where}
    ORDER BY r.review_date DESC, r.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`.execute(t.db);
  const n = await sql<{ n: number }>`SELECT count(*)::int AS n FROM emulation_review r
    JOIN scorecard s ON s.id = r.scorecard_id ${where}`.execute(t.db);
  return {
    items: r.rows.map((row) => ({ ...row, scope: parseJson(row.scope), snapshot: parseJson(row.snapshot) })),
    total: n.rows[0].n,
  };
}
