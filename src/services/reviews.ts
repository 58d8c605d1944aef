/**
 * Emulation reviews (sơ kết / tổng kết): a ranking frozen at a date, stored as JSON so later data
 * changes never alter it; list, read, compare two, export as a formatted workbook or a printable page.
 */
import ExcelJS from 'exceljs';
import type { Actor } from '../access/actor.js';
import { scorecardPolicy } from '../access/scorecards.js';
import type { Database } from '../db/index.js';
import { labelPeriod, parsePeriod } from '../domain/period.js';
import { AppError, conflict, forbidden } from '../errors.js';
import { type Lang, registerMessages, tx } from '../i18n/index.js';
import { appendAudit } from '../repositories/audit.js';
import * as orgUnits from '../repositories/orgUnits.js';
import * as repo from '../repositories/scorecards.js';
import { type FileDownload, XLSX_TYPE } from './exports.js';
import { type RankingResult, ranking, scorecardNotFound } from './scorecards.js';

registerMessages(
  {
    'reviews.kind.interim': 'Sơ kết',
    'reviews.kind.final': 'Tổng kết',
    'reviews.col.rank': 'Hạng',
    'reviews.col.code': 'Mã đơn vị',
    'reviews.col.name': 'Đơn vị',
    'reviews.col.score': 'Tổng điểm',
    'reviews.col.previous_rank': 'Hạng kỳ trước',
    'reviews.col.rank_change': 'Thay đổi hạng',
    'reviews.col.score_change': 'Thay đổi điểm',
    'reviews.col.flags': 'Thiếu số liệu',
    'reviews.col.component': 'Thành phần',
    'reviews.col.weight': 'Trọng số',
    'reviews.col.value': 'Giá trị',
    'reviews.col.status': 'Trạng thái',
    'reviews.col.indicator': 'Chỉ tiêu',
    'reviews.col.target': 'Mục tiêu',
    'reviews.sheet.ranking': 'Xếp hạng',
    'reviews.sheet.components': 'Chi tiết điểm',
    'reviews.sheet.targets': 'Mục tiêu',
    'reviews.meta.scorecard': 'Bộ chỉ số',
    'reviews.meta.period': 'Kỳ đánh giá',
    'reviews.meta.date': 'Ngày',
    'reviews.meta.frozen': 'Số liệu chốt lúc {{at}} bởi {{by}}',
    'reviews.meta.scope': 'Phạm vi',
    'reviews.everywhere': 'Toàn bộ',
    'reviews.print': 'In',
  },
  {
    'reviews.kind.interim': 'Mid-term review',
    'reviews.kind.final': 'Final review',
    'reviews.col.rank': 'Rank',
    'reviews.col.code': 'Unit code',
    'reviews.col.name': 'Unit',
    'reviews.col.score': 'Score',
    'reviews.col.previous_rank': 'Previous rank',
    'reviews.col.rank_change': 'Rank change',
    'reviews.col.score_change': 'Score change',
    'reviews.col.flags': 'Missing data',
    'reviews.col.component': 'Component',
    'reviews.col.weight': 'Weight',
    'reviews.col.value': 'Value',
    'reviews.col.status': 'Status',
    'reviews.col.indicator': 'Indicator',
    'reviews.col.target': 'Target',
    'reviews.sheet.ranking': 'Ranking',
    'reviews.sheet.components': 'Score details',
    'reviews.sheet.targets': 'Targets',
    'reviews.meta.scorecard': 'Scorecard',
    'reviews.meta.period': 'Period',
    'reviews.meta.date': 'Date',
    'reviews.meta.frozen': 'Data frozen at {{at}} by {{by}}',
    'reviews.meta.scope': 'Scope',
    'reviews.everywhere': 'Everywhere',
    'reviews.print': 'Print',
  },
);

export interface ReviewInput {
  scorecard: string;
  title: string;
  kind: 'interim' | 'final';
  date: string;
  period?: string;
  orgUnit?: string;
  level?: number;
  unitKind?: string;
}

export interface ReviewSnapshot {
  ranking: RankingResult;
  targets?: unknown;
}

export const reviewNotFound = (id: string | number) =>
  new AppError(404, 'not_found', 'error.not_found', { whatKey: 'scorecards.word.review', key: String(id) });

/** The period a review covers when none is given: the first half (sơ kết) or the year (tổng kết) of its date. */
export function defaultReviewPeriod(kind: 'interim' | 'final', date: string): string {
  const y = date.slice(0, 4);
  return kind === 'interim' ? `${y}S1` : y;
}

/** POST /api/reviews: computes the ranking now and stores it, with target statuses when given. */
export async function createReview(
  database: Database,
  actor: Actor,
  input: ReviewInput,
  ip: string | null,
  targets?: unknown,
) {
  if (!scorecardPolicy.canFreezeReview(actor)) throw forbidden();
  const sc = await repo.findScorecard(database, input.scorecard);
  if (!sc) throw scorecardNotFound(input.scorecard);
  const period = input.period ?? defaultReviewPeriod(input.kind, input.date);
  const r = await ranking(database, actor, input.scorecard, {
    period,
    orgUnit: input.orgUnit,
    level: input.level,
    kind: input.unitKind,
  });
  const snapshot: ReviewSnapshot = { ranking: r, ...(targets !== undefined ? { targets } : {}) };
  const scope = { orgUnit: input.orgUnit ?? null, level: input.level ?? 1, kind: input.unitKind ?? null };
  const id = await database.transaction(async (t) => {
    const same = {
      scorecardId: sc.id,
      kind: input.kind,
      title: input.title,
      reviewDate: input.date,
      period: r.period,
      scope,
    };
    // freezing the same review twice (a double click, a second try) is refused
    if (await repo.findSameReview(t, same))
      throw conflict('word.review', `${input.title} · ${r.period} · ${input.date}`);
    const newId = await repo.insertReview(t, {
      ...same,
      snapshot,
      userId: actor.id,
      username: actor.username,
    });
    await appendAudit(t, {
      userId: actor.id,
      username: actor.username,
      ip,
      action: 'freeze',
      entity: 'emulation_review',
      key: String(newId),
      after: {
        scorecard: sc.code,
        kind: input.kind,
        title: input.title,
        date: input.date,
        period: r.period,
        scope,
      },
    });
    return newId;
  });
  return getReview(database, actor, id);
}

function present(r: repo.ReviewRow) {
  const snap = r.snapshot as ReviewSnapshot;
  return {
    id: r.id,
    scorecard: r.scorecardCode,
    kind: r.kind,
    title: r.title,
    date: r.reviewDate,
    period: r.period,
    scope: r.scope as { orgUnit: string | null; level: number; kind: string | null },
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    ranking: snap.ranking,
    targets: snap.targets ?? null,
  };
}

async function mayRead(database: Database, actor: Actor, r: repo.ReviewRow) {
  if (actor.isAdmin) return true;
  const scope = r.scope as { orgUnit: string | null };
  const snap = r.snapshot as ReviewSnapshot;
  const codes = [...(scope.orgUnit ? [scope.orgUnit] : []), ...snap.ranking.items.map((i) => i.orgUnit)];
  const units = await orgUnits.findByCodes(database, codes);
  const scopeUnit = scope.orgUnit ? (units.find((u) => u.code === scope.orgUnit) ?? null) : null;
  return scorecardPolicy.canReadReview(actor, scopeUnit, units);
}

export async function getReview(database: Database, actor: Actor, id: number) {
  const r = await repo.findReview(database, id);
  if (!r) throw reviewNotFound(id);
  if (!(await mayRead(database, actor, r))) throw forbidden();
  return present(r);
}

export async function listReviews(
  database: Database,
  actor: Actor,
  q: { scorecard?: string; limit: number; offset: number },
) {
  const page = await repo.listReviews(database, q);
  const items = [];
  for (const r of page.items) {
    if (!(await mayRead(database, actor, r))) continue;
    const p = present(r);
    items.push({
      id: p.id,
      scorecard: p.scorecard,
      kind: p.kind,
      title: p.title,
      date: p.date,
      period: p.period,
      scope: p.scope,
      createdBy: p.createdBy,
      createdAt: p.createdAt,
      units: p.ranking.items.length,
      leader: p.ranking.items[0]
        ? { orgUnit: p.ranking.items[0].orgUnit, name: p.ranking.items[0].name }
        : null,
    });
  }
  return { items, total: page.total };
}

/** GET /api/reviews/compare?a=&b=: each unit's rank and score in both, and the change from a to b. */
export async function compareReviews(database: Database, actor: Actor, a: number, b: number) {
  const ra = await getReview(database, actor, a);
  const rb = await getReview(database, actor, b);
  const inA = new Map(ra.ranking.items.map((i) => [i.orgUnit, i]));
  const inB = new Map(rb.ranking.items.map((i) => [i.orgUnit, i]));
  const codes = [...new Set([...inB.keys(), ...inA.keys()])];
  const round = (x: number) => Math.round(x * 1e6) / 1e6;
  const items = codes.map((c) => {
    const x = inA.get(c);
    const y = inB.get(c);
    return {
      orgUnit: c,
      name: y?.name ?? x?.name ?? c,
      a: x ? { score: x.score, rank: x.rank } : null,
      b: y ? { score: y.score, rank: y.rank } : null,
      rankChange: x && y ? x.rank - y.rank : null,
      scoreChange: x && y ? round(y.score - x.score) : null,
    };
  });
  items.sort((p, q) => (p.b?.rank ?? 1e9) - (q.b?.rank ?? 1e9) || (p.a?.rank ?? 1e9) - (q.a?.rank ?? 1e9));
  const head = (r: typeof ra) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    date: r.date,
    period: r.period,
    scorecard: r.scorecard,
  });
  return { a: head(ra), b: head(rb), items };
}

// ---------------------------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------------------------

type Review = Awaited<ReturnType<typeof getReview>>;
const m = (lang: Lang, k: string, p: Record<string, unknown> = {}) => tx(lang, k, p);

function periodLabel(code: string, lang: Lang) {
  const p = parsePeriod(code);
  return p ? labelPeriod(p, lang) : code;
}

const safe = (v: unknown) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

interface TargetLike {
  indicator?: unknown;
  orgUnit?: unknown;
  target?: { value?: unknown; period?: unknown; comparator?: unknown };
  current?: { value?: unknown; period?: unknown };
  status?: unknown;
}

function targetItems(targets: unknown): TargetLike[] {
  if (!targets || typeof targets !== 'object') return [];
  const items = (targets as { items?: unknown }).items;
  return Array.isArray(items) ? (items as TargetLike[]) : [];
}

/** A formatted workbook: title block, ranking with top-level components, details, target statuses. */
export async function reviewWorkbook(review: Review, lang: Lang): Promise<FileDownload> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'chiso';
  wb.created = new Date(review.createdAt);
  const r = review.ranking;
  const top = r.components.filter((c) => c.parent === null);
  const ws = wb.addWorksheet(m(lang, 'reviews.sheet.ranking'), {
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  const header = [
    m(lang, 'reviews.col.rank'),
    m(lang, 'reviews.col.code'),
    m(lang, 'reviews.col.name'),
    m(lang, 'reviews.col.score'),
    ...top.map((c) => `${c.name} (${c.weight})`),
    m(lang, 'reviews.col.previous_rank'),
    m(lang, 'reviews.col.rank_change'),
    m(lang, 'reviews.col.flags'),
  ];
  const width = header.length;
  const titleRow = ws.addRow([safe(`${m(lang, `reviews.kind.${review.kind}`)}: ${review.title}`)]);
  titleRow.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, width);
  ws.addRow([`${m(lang, 'reviews.meta.scorecard')}: ${r.name} (${r.scorecard})`]);
  ws.addRow([
    `${m(lang, 'reviews.meta.period')}: ${periodLabel(review.period, lang)} — ${m(lang, 'reviews.meta.date')}: ${review.date.split('-').reverse().join('/')}`,
  ]);
  ws.addRow([m(lang, 'reviews.meta.frozen', { at: review.createdAt, by: review.createdBy ?? '' })]).font = {
    italic: true,
    color: { argb: 'FF666666' },
  };
  ws.addRow([]);
  const h = ws.addRow(header);
  h.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  h.alignment = { vertical: 'middle', wrapText: true };
  h.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  h.height = 32;
  const headerRow = h.number;
  for (const it of r.items) {
    const row = ws.addRow([
      it.rank,
      safe(it.orgUnit),
      safe(it.name),
      it.score,
      ...top.map((c) => it.components.find((x) => x.code === c.code)?.score ?? null),
      it.previousRank,
      it.rankChange,
      it.flags.map((f) => f.component).join(', '),
    ]);
    if (it.rank <= 3) row.getCell(1).font = { bold: true, color: { argb: 'FF1F7A1F' } };
    if (it.flags.length) row.getCell(width).font = { color: { argb: 'FFB00020' } };
  }
  for (let i = 4; i <= 4 + top.length; i++) ws.getColumn(i).numFmt = '0.0000';
  ws.getColumn(1).width = 7;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 36;
  ws.getColumn(4).width = 11;
  for (let i = 5; i <= width; i++) ws.getColumn(i).width = 16;
  ws.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 3 }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: width } };

  const ds = wb.addWorksheet(m(lang, 'reviews.sheet.components'));
  const dh = ds.addRow([
    m(lang, 'reviews.col.code'),
    m(lang, 'reviews.col.name'),
    m(lang, 'reviews.col.component'),
    m(lang, 'reviews.col.weight'),
    m(lang, 'reviews.col.indicator'),
    m(lang, 'reviews.col.value'),
    m(lang, 'reviews.col.score'),
    m(lang, 'reviews.col.rank'),
  ]);
  dh.font = { bold: true };
  for (const it of r.items)
    for (const c of it.components)
      ds.addRow([
        safe(it.orgUnit),
        safe(it.name),
        safe(`${'  '.repeat(Math.max(0, (c.parent ? 1 : 0) + 0))}${c.code} — ${c.name}`),
        c.weight,
        safe(c.indicator ?? ''),
        c.value ?? null,
        c.score,
        c.rank,
      ]);
  ds.getColumn(7).numFmt = '0.0000';
  [12, 30, 44, 9, 24, 12, 10, 7].forEach((w, i) => {
    ds.getColumn(i + 1).width = w;
  });
  ds.views = [{ state: 'frozen', ySplit: 1 }];

  const targets = targetItems(review.targets);
  if (targets.length) {
    const ts = wb.addWorksheet(m(lang, 'reviews.sheet.targets'));
    ts.addRow([
      m(lang, 'reviews.col.indicator'),
      m(lang, 'reviews.col.code'),
      m(lang, 'reviews.col.target'),
      m(lang, 'reviews.col.value'),
      m(lang, 'reviews.col.status'),
    ]).font = { bold: true };
    for (const t of targets)
      ts.addRow([
        safe(String(t.indicator ?? '')),
        safe(String(t.orgUnit ?? '')),
        (t.target?.value as number) ?? null,
        (t.current?.value as number) ?? null,
        safe(String(t.status ?? '')),
      ]);
    [24, 12, 12, 12, 14].forEach((w, i) => {
      ts.getColumn(i + 1).width = w;
    });
  }
  return {
    contentType: XLSX_TYPE,
    filename: `review-${review.id}.xlsx`,
    body: Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer),
  };
}
