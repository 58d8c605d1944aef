/**
 * The four printable documents, each read with the caller's rights through the same service call as
 * its JSON route: a frozen review, a live ranking, a unit's report for a period, a plan's progress.
 * Names, not codes; numbers and dates in the document's language; a summary, not a dump.
 */
import type { Actor } from '../../access/actor.js';
import type { Database } from '../../db/index.js';
import { labelPeriod, parsePeriod } from '../../domain/period.js';
import { PROGRESS_STATUSES } from '../../domain/progress.js';
import { type Lang, registerMessages } from '../../i18n/index.js';
import { ptx } from '../../i18n/plans.js';
import { getPlan, listTargetProgress } from '../plans.js';
import { getEntry } from '../reporting.js';
import { getReview } from '../reviews.js';
import { type RankingResult, ranking } from '../scorecards.js';
import {
  displayNameOf,
  esc,
  fmtDate,
  fmtDateTime,
  fmtNumber,
  fmtScore,
  fmtShare,
  letterheadOf,
  m,
  type OfficialDocument,
  table,
  td,
  todayVn,
} from './official.js';

registerMessages(
  {
    'print.review.title': 'Báo cáo {{kind}} thi đua: {{title}}',
    'print.ranking.title': 'Bảng xếp hạng {{name}}',
    'print.report.title': 'Báo cáo {{form}}',
    'print.plan.title': 'Báo cáo tiến độ thực hiện {{name}}',
    'print.scorecard': 'Bộ chỉ số: {{name}}',
    'print.period': 'Kỳ: {{period}}',
    'print.as_of': 'Số liệu tính đến ngày {{date}}',
    'print.frozen': 'Số liệu chốt lúc {{at}}, người chốt: {{by}}',
    'print.units_ranked': 'Số đơn vị được xếp hạng: {{n}}',
    'print.col.rank': 'Hạng',
    'print.col.unit': 'Đơn vị',
    'print.col.score': 'Tổng điểm',
    'print.col.previous_rank': 'Hạng kỳ trước',
    'print.col.change': 'Thay đổi',
    'print.col.missing': 'Thiếu số liệu',
    'print.col.indicator': 'Chỉ tiêu',
    'print.col.measure': 'Đơn vị tính',
    'print.col.current': 'Kỳ này',
    'print.col.previous': 'Kỳ trước',
    'print.col.last_year': 'Cùng kỳ năm trước',
    'print.col.status': 'Tình trạng',
    'print.col.target': 'Mục tiêu',
    'print.col.targets': 'Số mục tiêu',
    'print.weight': 'trọng số {{w}}',
    'print.targets_summary': 'Tình hình thực hiện các mục tiêu',
    'print.by_indicator': 'Theo chỉ tiêu',
    'print.no_targets': 'Không có mục tiêu nào.',
    'print.report.status': 'Trạng thái báo cáo: {{status}}',
    'print.report.submitted': 'Gửi lần đầu lúc {{at}}; hạn gửi {{due}}',
    'print.report.not_submitted': 'Chưa gửi; hạn gửi {{due}}',
    'print.report.status.draft': 'Đang nhập',
    'print.report.status.submitted': 'Đã gửi, chờ duyệt',
    'print.report.status.approved': 'Đã duyệt',
    'print.report.status.returned': 'Bị trả lại',
    'print.plan.document': 'Văn bản: {{number}} ngày {{date}} của {{body}}',
    'print.plan.period': 'Giai đoạn {{from}} – {{to}}',
    'print.deadline': 'hạn {{date}}',
  },
  {
    'print.review.title': '{{kind}}: {{title}}',
    'print.ranking.title': 'Ranking: {{name}}',
    'print.report.title': 'Report: {{form}}',
    'print.plan.title': 'Progress report: {{name}}',
    'print.scorecard': 'Scorecard: {{name}}',
    'print.period': 'Period: {{period}}',
    'print.as_of': 'Data as of {{date}}',
    'print.frozen': 'Data frozen at {{at}} by {{by}}',
    'print.units_ranked': 'Units ranked: {{n}}',
    'print.col.rank': 'Rank',
    'print.col.unit': 'Unit',
    'print.col.score': 'Score',
    'print.col.previous_rank': 'Previous rank',
    'print.col.change': 'Change',
    'print.col.missing': 'Missing data',
    'print.col.indicator': 'Indicator',
    'print.col.measure': 'Measure',
    'print.col.current': 'This period',
    'print.col.previous': 'Previous period',
    'print.col.last_year': 'Same period last year',
    'print.col.status': 'Status',
    'print.col.target': 'Target',
    'print.col.targets': 'Targets',
    'print.weight': 'weight {{w}}',
    'print.targets_summary': 'Progress of the targets',
    'print.by_indicator': 'By indicator',
    'print.no_targets': 'No targets.',
    'print.report.status': 'Report status: {{status}}',
    'print.report.submitted': 'First submitted at {{at}}; due {{due}}',
    'print.report.not_submitted': 'Not submitted; due {{due}}',
    'print.report.status.draft': 'Being entered',
    'print.report.status.submitted': 'Submitted, awaiting approval',
    'print.report.status.approved': 'Approved',
    'print.report.status.returned': 'Returned',
    'print.plan.document': 'Document: {{number}} of {{date}} by {{body}}',
    'print.plan.period': 'Period {{from}} – {{to}}',
    'print.deadline': 'due {{date}}',
  },
);

/** What a route renders: the document without its toolbar (added by the route for the HTML page). */
export type PrintDocument = Omit<OfficialDocument, 'toolbar'>;

const periodText = (code: string, lang: Lang) => {
  const p = parsePeriod(code);
  return p ? labelPeriod(p, lang) : code;
};

const SIGN: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };

const rankChange = (c: number | null) => (c === null ? '—' : c > 0 ? `▲ ${c}` : c < 0 ? `▼ ${-c}` : '=');

/** The ranking table: rank, unit name, score, each top component's score, previous rank, change, gaps. */
function rankingTable(r: RankingResult, lang: Lang): string {
  const top = r.components.filter((c) => c.parent === null);
  const names = new Map(r.components.map((c) => [c.code, c.name]));
  const head = [
    m(lang, 'print.col.rank'),
    m(lang, 'print.col.unit'),
    m(lang, 'print.col.score'),
    ...top.map((c) => `${c.name} (${m(lang, 'print.weight', { w: fmtShare(c.weight, lang) })})`),
    m(lang, 'print.col.previous_rank'),
    m(lang, 'print.col.change'),
    m(lang, 'print.col.missing'),
  ];
  const rows = r.items.map((it) => [
    td(it.rank, 'c'),
    td(it.name),
    td(fmtScore(it.score, lang), 'n b'),
    ...top.map((c) => td(fmtScore(it.components.find((x) => x.code === c.code)?.score, lang), 'n')),
    td(it.previousRank ?? '—', 'c'),
    td(rankChange(it.rankChange), 'c'),
    td(it.flags.map((f) => names.get(f.component) ?? f.component).join('; ')),
  ]);
  return table(head, rows);
}

type StatusCounts = Map<string, number>;

function countStatuses(statuses: string[]): StatusCounts {
  const counts: StatusCounts = new Map(PROGRESS_STATUSES.map((s) => [s, 0]));
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return counts;
}

/** Targets by status: count and share, with a total row. */
function statusSummary(statuses: string[], lang: Lang): string {
  if (!statuses.length) return `<p>${esc(m(lang, 'print.no_targets'))}</p>`;
  const counts = countStatuses(statuses);
  const rows = [...counts].map(([s, n]) => [
    td(ptx(lang, `plans.status.${s}`)),
    td(fmtNumber(n, lang), 'n'),
    td(fmtShare(n / statuses.length, lang), 'n'),
  ]);
  rows.push([
    td(m(lang, 'print.total'), 'b'),
    td(fmtNumber(statuses.length, lang), 'n b'),
    td(fmtShare(1, lang), 'n b'),
  ]);
  return table([m(lang, 'print.col.status'), m(lang, 'print.col.count'), m(lang, 'print.col.share')], rows);
}

/** A frozen review (sơ kết / tổng kết). */
export async function reviewDocument(
  database: Database,
  actor: Actor,
  id: number,
  lang: Lang,
): Promise<PrintDocument> {
  const review = await getReview(database, actor, id);
  const r = review.ranking;
  const issuerCode = review.scope.orgUnit ?? null;
  const targets = ((review.targets as { items?: Array<{ status?: string }> } | null)?.items ?? [])
    .map((t) => t.status)
    .filter((s): s is string => typeof s === 'string');
  const kind = m(lang, `reviews.kind.${review.kind}`);
  return {
    lang,
    letterhead: await letterheadOf(database, issuerCode),
    date: review.date,
    title: m(lang, 'print.review.title', {
      kind: lang === 'vi' ? kind.toLowerCase() : kind,
      title: review.title,
    }),
    subtitle: [
      m(lang, 'print.scorecard', { name: r.name }),
      m(lang, 'print.period', { period: periodText(review.period, lang) }),
      m(lang, 'print.frozen', {
        at: fmtDateTime(review.createdAt),
        by: await displayNameOf(database, review.createdBy),
      }),
    ],
    body: `${rankingTable(r, lang)}${targets.length ? `<h2>${esc(m(lang, 'print.targets_summary'))}</h2>${statusSummary(targets, lang)}` : ''}`,
    preparedBy: actor.displayName,
    landscape: true,
  };
}

/** The ranking as it stands now. */
export async function rankingDocument(
  database: Database,
  actor: Actor,
  code: string,
  q: Parameters<typeof ranking>[3],
  lang: Lang,
): Promise<PrintDocument> {
  const r = await ranking(database, actor, code, q);
  const today = todayVn();
  return {
    lang,
    letterhead: await letterheadOf(database, q.orgUnit ?? null),
    date: today,
    title: m(lang, 'print.ranking.title', { name: r.name }),
    subtitle: [
      m(lang, 'print.period', { period: periodText(r.period, lang) }),
      m(lang, 'print.units_ranked', { n: fmtNumber(r.items.length, lang) }),
      m(lang, 'print.as_of', { date: fmtDate(today) }),
    ],
    body: rankingTable(r, lang),
    preparedBy: actor.displayName,
    landscape: true,
  };
}

/** A unit's report for a form and period: each indicator this period, the previous one, last year. */
export async function reportDocument(
  database: Database,
  actor: Actor,
  form: string,
  q: { orgUnit: string; period: string },
  lang: Lang,
): Promise<PrintDocument> {
  const e = await getEntry(database, actor, form, q.orgUnit, q.period);
  const value = (c: { value: number | null } | null, valueType: string) => {
    if (!c || c.value === null) return '—';
    if (valueType === 'boolean') return m(lang, c.value ? 'print.yes' : 'print.no');
    return fmtNumber(c.value, lang);
  };
  const rows = e.items.map((it, i) => [
    td(i + 1, 'c'),
    td(lang === 'en' && it.nameEn ? it.nameEn : it.name),
    td(it.unit ?? '', 'c'),
    td(value(it.current, it.valueType), 'n b'),
    td(value(it.previous, it.valueType), 'n'),
    td(value(it.lastYear, it.valueType), 'n'),
  ]);
  const head = [
    m(lang, 'print.col.no'),
    m(lang, 'print.col.indicator'),
    m(lang, 'print.col.measure'),
    m(lang, 'print.col.current'),
    m(lang, 'print.col.previous'),
    m(lang, 'print.col.last_year'),
  ];
  const due = fmtDate(e.schedule.dueDate);
  return {
    lang,
    letterhead: await letterheadOf(database, e.orgUnit),
    date: e.firstSubmittedAt ? e.firstSubmittedAt.slice(0, 10) : todayVn(),
    title: m(lang, 'print.report.title', { form: e.formName }),
    subtitle: [
      m(lang, 'print.period', { period: periodText(e.period, lang) }),
      m(lang, 'print.report.status', { status: m(lang, `print.report.status.${e.status}`) }),
      e.firstSubmittedAt
        ? m(lang, 'print.report.submitted', { at: fmtDateTime(e.firstSubmittedAt), due })
        : m(lang, 'print.report.not_submitted', { due }),
    ],
    body: table(head, rows),
    preparedBy: actor.displayName,
  };
}

/** A plan's progress: its targets by status, then one row per indicator (not one per unit). */
export async function planDocument(
  database: Database,
  actor: Actor,
  code: string,
  q: { asOf?: string },
  lang: Lang,
): Promise<PrintDocument> {
  const plan = await getPlan(database, actor, code);
  const { asOf, items } = await listTargetProgress(database, actor, lang, { plan: code, asOf: q.asOf });
  const byIndicator = new Map<string, typeof items>();
  for (const it of items) byIndicator.set(it.indicator, [...(byIndicator.get(it.indicator) ?? []), it]);
  const rows = [...byIndicator.values()].map((group) => {
    const first = group[0];
    const counts = countStatuses(group.map((g) => g.status));
    const targets = [...new Set(group.map((g) => g.target.value))];
    const target =
      targets.length === 1
        ? `${SIGN[first.target.comparator ?? ''] ?? ''} ${fmtNumber(targets[0], lang)} ${first.measure ?? ''}`.trim()
        : `${fmtNumber(Math.min(...targets), lang)} – ${fmtNumber(Math.max(...targets), lang)} ${first.measure ?? ''}`.trim();
    return [
      td(first.indicatorName),
      td(`${target} (${m(lang, 'print.deadline', { date: fmtDate(first.deadline) })})`),
      td(fmtNumber(group.length, lang), 'n'),
      ...PROGRESS_STATUSES.map((s) => td(fmtNumber(counts.get(s) ?? 0, lang), 'n')),
    ];
  });
  const head = [
    m(lang, 'print.col.indicator'),
    m(lang, 'print.col.target'),
    m(lang, 'print.col.targets'),
    ...PROGRESS_STATUSES.map((s) => ptx(lang, `plans.status.${s}`)),
  ];
  const name = lang === 'en' && plan.nameEn ? plan.nameEn : plan.name;
  const subtitle = [
    m(lang, 'print.plan.period', {
      from: periodText(plan.periodFrom, lang),
      to: periodText(plan.periodTo, lang),
    }),
  ];
  if (plan.documentNumber)
    subtitle.push(
      m(lang, 'print.plan.document', {
        number: plan.documentNumber,
        date: fmtDate(plan.documentDate),
        body: plan.issuingBody ?? '',
      }),
    );
  subtitle.push(m(lang, 'print.as_of', { date: fmtDate(asOf) }));
  return {
    lang,
    letterhead: await letterheadOf(database, plan.scopeUnit),
    date: asOf,
    title: m(lang, 'print.plan.title', { name }),
    subtitle,
    body: `<h2>${esc(m(lang, 'print.targets_summary'))}</h2>${statusSummary(
      items.map((i) => i.status),
      lang,
    )}${rows.length ? `<h2>${esc(m(lang, 'print.by_indicator'))}</h2>${table(head, rows)}` : ''}`,
    preparedBy: actor.displayName,
    landscape: true,
  };
}
