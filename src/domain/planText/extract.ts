/**
 * From a plan's text to proposed targets and reported results — a rule pipeline, pure:
 *
 * 1. sentences (sentences.ts), then clauses between semicolons;
 * 2. dates and periods (dates.ts), masked out so that years are not read as quantities;
 * 3. quantities (numbers.ts): value in the unit's scale, unit, comparator, rank;
 * 4. goal or result: the cue nearest before the number in its clause ("phấn đấu", "mục tiêu",
 *    "đến năm …", "sẽ" → target; "đến nay", "hiện có", "đã" → result), else the first cue after it
 *    in the clause, else a cue earlier in the sentence, else the mode carried from the text before
 *    (a list of targets under "Mục tiêu cụ thể:" goes on for paragraphs), else a target (a plan's
 *    figures with no cue are goals: "kinh tế số chiếm trên 10% GRDP");
 * 5. scope: "tại cấp tỉnh", "90% ở cấp tỉnh, 80% cấp huyện" — one target per level named;
 * 6. subject: the noun phrase before the number (after the cue words) or after it, shared by the
 *    later numbers of a clause that name none ("đạt 90% ở cấp tỉnh, 80% cấp huyện");
 * 7. catalogue matching (match.ts).
 */
import { type DateToken, maskDates, readDates } from './dates.js';
import { type CatalogueEntry, catalogueMatcher, type IndicatorMatch } from './match.js';
import { type Comparator, GLUED_UNITS, type NumberToken, readNumbers } from './numbers.js';
import { type Sentence, splitClauses, splitSentences } from './sentences.js';

export type Scope = 'province' | 'district' | 'commune';
export type { CatalogueEntry, Comparator, IndicatorMatch };

interface Found {
  subject: string;
  value: number;
  unit: string;
  comparator: Comparator;
  sentence: string;
  indicator: string | null;
  /** The indicator match's confidence (0 when no indicator matched). */
  confidence: number;
  /** Where it was read: the sentence and the quantity phrase, as offsets into the text. */
  at: { sentence: [number, number]; quote: [number, number] };
  /** The matched indicator's name (for screens). */
  indicatorName: string | null;
}

export interface ExtractedTarget extends Found {
  deadline: string | null;
  scope: Scope | null;
}

export interface ExtractedResult extends Found {
  period: string | null;
}

export interface Extraction {
  targets: ExtractedTarget[];
  results: ExtractedResult[];
}

type Kind = 'target' | 'result';
interface Cue {
  at: number;
  kind: Kind;
  /** Strong cues also set the mode carried to later sentences. */
  strong: boolean;
}

const TARGET_CUES =
  /phấn đấu|mục tiêu|chỉ tiêu|(?:đến|tới) (?:hết )?năm|(?:đến|tới) (?:hết )?(?:19|20)\d\d|hướng (?:đến|tới)|(?<![\p{L}])sẽ(?![\p{L}])|(?:bảo đảm|đảm bảo)(?=[^.;]{0,24}\d)|nhằm đạt|cần đạt|phải đạt|(?<![\p{L}])nâng (?:tỷ lệ|cao tỷ lệ|lên)|hoàn thành trước|yêu cầu đạt|định hướng/gu;
const RESULT_CUES =
  /đến nay|tới nay|hiện có|hiện nay|hiện tại|hiện đã|đạt được|kết quả(?! giải quyết)|tính đến|lũy kế|luỹ kế|vừa qua|thời gian qua|năm qua|so với cùng kỳ|ghi nhận/gu;
const LOCAL_RESULT_CUES = /(?<![\p{L}])đã(?![\p{L}])/gu;

function cuesOf(lower: string): Cue[] {
  const out: Cue[] = [];
  for (const m of lower.matchAll(TARGET_CUES))
    out.push({ at: (m.index ?? 0) + m[0].length, kind: 'target', strong: true });
  for (const m of lower.matchAll(RESULT_CUES))
    out.push({ at: (m.index ?? 0) + m[0].length, kind: 'result', strong: true });
  for (const m of lower.matchAll(LOCAL_RESULT_CUES))
    out.push({ at: (m.index ?? 0) + m[0].length, kind: 'result', strong: false });
  return out.sort((a, b) => a.at - b.at);
}

const SCOPE_WORD: Record<string, Scope> = { tỉnh: 'province', huyện: 'district', xã: 'commune' };
const LEVELS =
  '(tỉnh|huyện|xã)((?:\\s*,\\s*(?:cấp\\s+)?(?:tỉnh|huyện|xã))*(?:\\s+và\\s+(?:cấp\\s+)?(?:tỉnh|huyện|xã))?)';
/** Right after the number, or within a few words behind "tại/ở". */
const SCOPE_AFTER = new RegExp(
  `^(?:\\s*(?:ở|tại)?\\s*(?:cả\\s+)?(?:các\\s+)?cấp\\s+${LEVELS}|[^,;]{0,60}?\\s(?:ở|tại|đối với)\\s+(?:cả\\s+)?(?:các\\s+)?cấp\\s+${LEVELS})`,
  'u',
);
const SCOPE_BEFORE = new RegExp(`(?:ở|tại|đối với)\\s+cấp\\s+${LEVELS}[^,;]{0,40}$`, 'u');

function scopesIn(m: RegExpExecArray | null): Scope[] {
  if (!m) return [];
  const words = m[0].match(/tỉnh|huyện|xã/gu) ?? [];
  return [...new Set(words.map((w) => SCOPE_WORD[w]))];
}

/** Cue words and preambles cut from the start of a subject. */
const PREAMBLE =
  /^.*(?:phấn đấu(?: đưa)?|mục tiêu(?: là)?|chỉ tiêu(?: là)?|đảm bảo|bảo đảm|trong đó|sẽ có|(?<![\p{L}])sẽ|đến nay|hiện nay có|hiện có|hiện nay|hiện tại|đã có|(?:toàn tỉnh|tỉnh) có|cụ thể|hỗ trợ thúc đẩy chuyển đổi số|hướng (?:đến|tới)|nâng (?:tỷ lệ|lên)|đạt được)(?![\p{L}])[\s,:]*/iu;
const LEAD_JUNK =
  /^(?:[\s,;:.\-–()…]|(?:và|các|những|toàn tỉnh|tỉnh|có|là|với|gồm|cả|thì|của|cụ thể|(?:đến|tới|trong|vào)(?: hết)? năm|năm|giai đoạn|đã|đang|sẽ|trong đó)(?![\p{L}]))+/iu;
const TAIL_JUNK =
  /(?:[\s,;:.\-–(…]|(?<![\p{L}])(?:đạt|đạt mức|ở mức|chiếm|là|có|tăng|tăng lên|lên|và|ở|tại|trên|dưới|từ|với|bằng|khoảng|gần|cấp|đến|tới|nhóm|top|thuộc|trong|như|gồm|bao gồm|đạt được|được|đã|đang)(?![\p{L}]))+$/u;
/** Where a subject starts after a comma: "Đối với lĩnh vực kinh tế số, số doanh nghiệp … là". */
const HEAD =
  /^.*[,:]\s*(?=(?:tỷ lệ|tỷ trọng|số lượng|tổng số|số|tốc độ|năng suất|mức|chỉ số|thời gian|doanh thu|giá trị|kinh tế số)(?![\p{L}]))/isu;

function clean(s: string, preamble = false): string {
  let t = s.replace(/\([^)]*\)?/g, ' ').replace(/\s+/g, ' ');
  if (preamble) t = t.replace(PREAMBLE, '').replace(HEAD, '');
  for (let i = 0; i < 3; i++) {
    t = t.replace(LEAD_JUNK, '');
    // the tail pattern ends in `+$`: try it on the last words only (linear in the text)
    const cut = Math.max(0, t.length - 60);
    t = t.slice(0, cut) + t.slice(cut).replace(TAIL_JUNK, '');
  }
  return t.trim();
}

const syllables = (s: string) => s.split(/\s+/).filter(Boolean).length;
const capSyllables = (s: string, n: number) => s.split(/\s+/).filter(Boolean).slice(0, n).join(' ');

/** What follows a quantity up to the next one: the noun phrase it counts. */
function afterPhrase(s: string): string {
  let t = s.split(/[():;]/u)[0];
  t = t.replace(SCOPE_AFTER, (m) => (/^\s*(?:ở|tại)?\s*(?:cả\s+)?(?:các\s+)?cấp/u.test(m) ? '' : m));
  return clean(capSyllables(t, 16));
}

interface Item {
  tok: NumberToken;
  before: string;
  after: string;
}

/** The numbers of a clause, each with the text before (since the previous) and after it. */
function itemsOf(clause: string, tokens: NumberToken[]): Item[] {
  const items: Item[] = [];
  const skip = new Set<NumberToken>();
  let prevCut = 0;
  tokens.forEach((tok, i) => {
    const next = tokens[i + 1];
    let afterEnd = clause.length;
    let nextCut = clause.length;
    if (next) {
      const between = clause.slice(tok.end, next.start);
      const sep = /.*(,\s*|\s+và\s+|\s+hoặc\s+)/su.exec(between);
      afterEnd = tok.end + (sep ? sep.index + sep[0].length - sep[1].length : between.length);
      nextCut = sep ? tok.end + sep[0].length : next.start;
      // "từ 80% đến 90%", "80–90%": a range reads as its lower end
      if (/^\s*(?:đến|tới|-|–)\s*$/u.test(between)) skip.add(next);
    }
    if (skip.has(tok)) return;
    items.push({ tok, before: clause.slice(prevCut, tok.start), after: clause.slice(tok.end, afterEnd) });
    prevCut = nextCut;
  });
  return items;
}

/** A counted noun ("doanh nghiệp", "trạm"), not a measure (%, Mbps) or a rank. */
const NOUN_UNIT = (u: string) => !['', '%', 'hạng'].includes(u) && !GLUED_UNITS.test(u);

function subjectOf(it: Item, first: Item | null, sharedBefore: string): string {
  const before = clean(it.before, true);
  let after = afterPhrase(it.after);
  if (it.tok.rank) {
    const about = /(?<![\p{L}])về\s+(.*)$/u.exec(it.after);
    after = about ? clean(capSyllables(about[1].split(/[(;]/u)[0], 14)) : after;
    const s = before && syllables(before) >= 2 && !about ? `${before} ${after}` : after;
    return /^xếp hạng/iu.test(s) ? s : `xếp hạng ${s}`.trim();
  }
  if (NOUN_UNIT(it.tok.unit)) {
    // a count: what is counted follows the number, unless the text before names it ("số doanh nghiệp … là")
    if (before.toLowerCase().includes(it.tok.unit)) return before;
    return after;
  }
  if (before && syllables(before) >= 2) return after && syllables(after) <= 6 ? `${before} ${after}` : before;
  if (after) return sharedBefore && first !== it ? `${sharedBefore} ${after}` : after;
  return first && first !== it ? subjectOf(first, null, '') : before;
}

function nearestCue(cues: Cue[], from: number, to: number, at: number): Cue | null {
  const inClause = cues.filter((c) => c.at >= from && c.at <= to);
  const before = inClause.filter((c) => c.at <= at);
  if (before.length) return before[before.length - 1];
  const after = inClause.find((c) => c.at > at);
  return after ?? null;
}

interface Context {
  mode: Kind | null;
  deadline: string | null;
  period: string | null;
}

/** Reads targets and results from `text`; `catalogue` gives the indicators to match. */
export function extractPlanText(text: string, catalogue: readonly CatalogueEntry[] = []): Extraction {
  const source = text.normalize('NFC');
  const matcher = catalogueMatcher(catalogue);
  const targets: ExtractedTarget[] = [];
  const results: ExtractedResult[] = [];
  const ctx: Context = { mode: null, deadline: null, period: null };
  const sentences = splitSentences(source);
  let paragraph = -1;
  let paragraphHad = false;
  for (const s of sentences) {
    if (s.paragraph !== paragraph) {
      if (paragraph !== -1 && !paragraphHad) ctx.mode = null;
      paragraph = s.paragraph;
      paragraphHad = false;
    }
    const read = readSentence(s, ctx, matcher);
    if (read.cued || read.targets.length || read.results.length) paragraphHad = true;
    targets.push(...read.targets);
    results.push(...read.results);
  }
  return { targets, results };
}

function readSentence(s: Sentence, ctx: Context, matcher: ReturnType<typeof catalogueMatcher>) {
  const lower = s.text.toLowerCase();
  const dates = readDates(s.text);
  const masked = maskDates(s.text, dates);
  const cues = cuesOf(lower);
  const targets: ExtractedTarget[] = [];
  const results: ExtractedResult[] = [];
  const sentenceCues = cues.filter((c) => c.strong);
  let lastSubject = '';
  for (const clause of splitClauses(masked)) {
    const from = clause.start;
    const to = clause.start + clause.text.length;
    const tokens = readNumbers(clause.text);
    const items = itemsOf(clause.text, tokens);
    const sharedBefore = items.length ? clean(items[0].before, true) : '';
    for (const it of items) {
      const at = from + it.tok.numStart;
      const cue =
        nearestCue(cues, from, to, at) ?? [...sentenceCues].reverse().find((c) => c.at <= at) ?? null;
      // no cue, nothing carried: a figure in a plan is a goal ("kinh tế số chiếm trên 10% GRDP")
      const kind: Kind = cue?.kind ?? ctx.mode ?? 'target';
      let subject = subjectOf(it, items[0], syllables(sharedBefore) >= 2 ? sharedBefore : '');
      if (!subject) subject = lastSubject;
      lastSubject = subject;
      // a short subject ("chỉ số") is matched with what the text said before it
      const context = clean(it.before, true);
      const query = syllables(subject) <= 3 && !subject.includes(context) ? `${subject} ${context}` : subject;
      const date = dateFor(dates, from, to, at);
      const quote: [number, number] = [s.start + from + it.tok.start, s.start + from + it.tok.end];
      const base = {
        value: round(it.tok.value),
        unit: it.tok.unit,
        sentence: s.text,
        at: { sentence: [s.start, s.end] as [number, number], quote },
      };
      if (kind === 'target') {
        const scopes = scopesIn(SCOPE_AFTER.exec(it.after)) as (Scope | null)[];
        if (!scopes.length) scopes.push(...scopesIn(SCOPE_BEFORE.exec(it.before)));
        if (!scopes.length) scopes.push(null);
        const deadline = date ?? ctx.deadline;
        for (const scope of scopes) {
          const m = matcher.match(scope ? `${query} cấp ${SCOPE_VI[scope]}` : query, {
            unit: it.tok.unit,
            rank: it.tok.rank,
          });
          targets.push({
            ...base,
            subject,
            comparator: it.tok.comparator ?? '>=',
            deadline,
            scope,
            indicator: m?.code ?? null,
            indicatorName: m?.name ?? null,
            confidence: m?.confidence ?? 0,
          });
        }
      } else {
        const m = matcher.match(query, { unit: it.tok.unit, rank: it.tok.rank });
        results.push({
          ...base,
          subject,
          comparator: it.tok.rank ? '=' : (it.tok.comparator ?? '='),
          period: date ?? ctx.period,
          indicator: m?.code ?? null,
          indicatorName: m?.name ?? null,
          confidence: m?.confidence ?? 0,
        });
      }
    }
  }
  const strong = sentenceCues.length ? sentenceCues[sentenceCues.length - 1].kind : null;
  if (strong) ctx.mode = strong;
  const lastDate = [...dates].reverse().find((d) => d.period)?.period ?? null;
  if (lastDate && targets.length) ctx.deadline = lastTargetDate(targets) ?? ctx.deadline;
  // a heading with no figures sets the deadline of the list under it: "Mục tiêu đến năm 2030:"
  if (lastDate && strong === 'target' && !targets.length && (/:\s*$/.test(s.text) || syllables(s.text) <= 10))
    ctx.deadline = lastDate;
  if (lastDate && results.length) ctx.period = results[results.length - 1].period ?? ctx.period;
  return { targets, results, cued: cues.length > 0 };
}

const SCOPE_VI: Record<Scope, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã' };

function lastTargetDate(targets: ExtractedTarget[]): string | null {
  return targets[targets.length - 1].deadline;
}

/** The period of a quantity: the first date of its clause, else the nearest date before it. */
function dateFor(dates: DateToken[], from: number, to: number, at: number): string | null {
  const inClause = dates.find((d) => d.period && d.start >= from && d.end <= to);
  if (inClause) return inClause.period;
  const before = dates.filter((d) => d.period && d.end <= at);
  return before.length ? (before[before.length - 1].period as string) : null;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
