/**
 * Catalogue matching: the indicator whose name best covers a subject phrase, diacritics-blind
 * (foldText), by meaning words: abbreviations are spelt out ("DVCTT", "TTHC", "CĐS"), a few
 * synonyms brought to one word ("trực tuyến" ~ "trên môi trường mạng", "Top" ~ "xếp hạng"), and
 * words weighted by how rare they are in the catalogue (inverse document frequency over the
 * catalogue's own names), on single syllables and on syllable pairs (Vietnamese words are mostly
 * two syllables: "dịch vụ", "hồ sơ"). The score is a weighted F1 of the shared words, nudged by
 * whether the units agree (a percentage against a ratio indicator, a rank against a rank).
 */
import { foldText } from '../text.js';

export interface CatalogueEntry {
  code: string;
  name: string;
  nameEn?: string | null;
  unit?: string | null;
}

export interface IndicatorMatch {
  code: string;
  name: string;
  confidence: number;
}

/** Folded abbreviations and synonyms → the words the catalogue uses. */
const MEANING: ReadonlyArray<[RegExp, string]> = [
  [/\bdvctt\b/g, 'dich vu cong truc tuyen'],
  [/\bdvc\b/g, 'dich vu cong'],
  [/\btthc\b/g, 'thu tuc hanh chinh'],
  [/\bcntt\b/g, 'cong nghe thong tin'],
  [/\bcds\b/g, 'chuyen doi so'],
  [/\bcsdl\b/g, 'co so du lieu'],
  [/\bhscv\b/g, 'ho so cong viec'],
  [/\battt\b/g, 'an toan thong tin'],
  [/\btmdt\b/g, 'thuong mai dien tu'],
  [/\bdnnvv\b/g, 'doanh nghiep nho va vua'],
  [/\bdti\b/g, 'chi so chuyen doi so'],
  [/\bcccd\b/g, 'can cuoc cong dan'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
  [/\bioc\b/g, 'giam sat dieu hanh thong minh'],
  [/\b(top|dan dau|dung dau|hang dau|thu hang)\b/g, 'xep hang'],
  [/\btren moi truong mang\b/g, 'truc tuyen'],
  [/\bqua mang\b/g, 'truc tuyen'],
  [/\bty trong\b/g, 'ty le'],
  [/\bnguoi dan\b/g, 'nguoi dan'],
  [/\bso hoa\b/g, 'so hoa'],
  [/\bdinh danh\b/g, 'dinh danh xac thuc'],
  [/\bthanh toan khong dung tien mat\b/g, 'khong dung tien mat'],
  [/\bthue bao\b/g, 'tai khoan'],
  [/\bbts\b/g, 'tram phat song'],
];

/** Words that carry no meaning for matching. */
const STOP = new Set(
  'cua va cac nhung duoc tren tai o co cho voi theo trong da dat la mot ve den tu nay do ma thi se dang bao gom gom hoac cung nhu khi de nham sau truoc'.split(
    ' ',
  ),
);

export function meaningWords(s: string): string[] {
  let f = ` ${foldText(s).replace(/[^a-z0-9]+/g, ' ')} `;
  for (const [re, to] of MEANING) f = f.replace(re, to);
  return f.split(' ').filter((w) => w && !STOP.has(w));
}

function features(s: string): string[] {
  const w = meaningWords(s);
  const out = [...w];
  for (let i = 0; i + 1 < w.length; i++) out.push(`${w[i]} ${w[i + 1]}`);
  return out;
}

export interface Matcher {
  match(subject: string, hint?: { unit?: string; rank?: boolean }): IndicatorMatch | null;
}

/** A matcher over `catalogue`; `threshold` is the least confidence that is still a match. */
export function catalogueMatcher(catalogue: readonly CatalogueEntry[], threshold = 0.3): Matcher {
  const entries = catalogue.map((e) => {
    const unit = foldText(e.unit ?? '');
    const name = foldText(e.name);
    return {
      e,
      f: new Set(features(e.name)),
      isRank: unit.includes('hang') || /^xep hang/.test(name),
      isShare: unit === '%' || /^(ty le|ty trong)/.test(name),
    };
  });
  const df = new Map<string, number>();
  for (const { f } of entries) for (const w of f) df.set(w, (df.get(w) ?? 0) + 1);
  const n = Math.max(entries.length, 1);
  const idf = (w: string) => Math.log(1 + n / (df.get(w) ?? 0.5)) * (w.includes(' ') ? 1.5 : 1);
  const weight = (f: Iterable<string>) => {
    let s = 0;
    for (const w of f) s += idf(w);
    return s;
  };
  const weights = entries.map(({ f }) => weight(f));
  // feature → the entries that have it (a query touches only those)
  const index = new Map<string, number[]>();
  entries.forEach(({ f }, i) => {
    for (const w of f) {
      const list = index.get(w);
      if (list) list.push(i);
      else index.set(w, [i]);
    }
  });
  return {
    match(subject, hint = {}) {
      const q = new Set(features(subject));
      if (q.size === 0) return null;
      const qw = weight(q);
      const shared = new Map<number, number>();
      for (const w of q) for (const i of index.get(w) ?? []) shared.set(i, (shared.get(i) ?? 0) + idf(w));
      let best: (IndicatorMatch & { rank: number }) | null = null;
      for (const [i, common] of shared) {
        const { e, isRank, isShare } = entries[i];
        const precision = common / qw;
        const recall = common / weights[i];
        let score = (2 * precision * recall) / (precision + recall);
        if (hint.rank !== undefined) score *= hint.rank === isRank ? 1.15 : 0.6;
        if (hint.unit === '%') score *= isShare ? 1.15 : 0.75;
        else if (hint.unit && hint.unit !== 'hạng' && isShare) score *= 0.75;
        const confidence = Math.min(1, Math.round(score * 100) / 100);
        if (!best || confidence > best.confidence || (confidence === best.confidence && i < best.rank))
          best = { code: e.code, name: e.name, confidence, rank: i };
      }
      const found = best as (IndicatorMatch & { rank: number }) | null;
      return found && found.confidence >= threshold
        ? { code: found.code, name: found.name, confidence: found.confidence }
        : null;
    },
  };
}
