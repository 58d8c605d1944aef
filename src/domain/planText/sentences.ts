/**
 * Sentence splitting for Vietnamese administrative text, keeping offsets into the original text
 * (so a screen can highlight what was read). A paragraph is a line; a sentence ends at . ! ? or …
 * followed by a space and a capital, a digit or an opening quote — but not inside a number
 * ("4.500", "80.2"), after an abbreviation ("TP.", "ThS.") or after an initial ("A.X"). Clauses are
 * the parts of a sentence between semicolons: plans list their targets that way.
 *
 * Lines that are web-page furniture when a plan is pasted from an e-portal (share buttons, ratings,
 * "Cập nhật: …", photo captions) are left out.
 */

export interface Sentence {
  text: string;
  start: number;
  end: number;
  /** Index of the paragraph (line) the sentence is in. */
  paragraph: number;
}

export interface Clause {
  text: string;
  /** Offset in the sentence. */
  start: number;
}

const ABBREVIATIONS = new Set([
  'tp',
  'q',
  'p',
  'tx',
  'tt',
  'ths',
  'ts',
  'pgs',
  'gs',
  'bs',
  'ks',
  'st',
  'v.v',
  'vv',
  'no',
  'tr',
  'đ/c',
  'ông',
  'bà',
]);

/** Lines of e-portal furniture (folded-insensitive checks on the lower-cased line). */
const FURNITURE: RegExp[] = [
  /^(cập nhật|ngày đăng|đăng lúc|nguồn|ảnh|tin,? ảnh|lưu ý|từ khóa|tags?)\s*:/u,
  /^(chia sẻ|bản in|in bài|quay lên|quay lại|trở về|gửi file|đính kèm|bình luận|ý kiến bạn đọc)(?![\p{L}])/u,
  /^a-\s*a\s*a\+/u,
  /(tổng số điểm của bài viết|click để đánh giá|đánh giá bài viết|chia sẻ bài viết)/u,
];

export function isFurniture(line: string): boolean {
  const l = line.trim().toLowerCase();
  return FURNITURE.some((re) => re.test(l));
}

/** Splits `text` into sentences with offsets; furniture lines are skipped. */
export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let paragraph = 0;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const base = lineStart;
    lineStart += line.length + 1;
    if (!line.trim()) continue;
    paragraph++;
    if (isFurniture(line)) continue;
    let from = 0;
    const re = /[.!?…]+(?=\s+["“'(\p{Lu}\d-]|\s*$)/gu;
    for (const m of line.matchAll(re)) {
      const at = m.index ?? 0;
      const end = at + m[0].length;
      if (m[0] === '.' && !sentenceDot(line, at)) continue;
      push(out, line, base, from, end, paragraph);
      from = end;
    }
    push(out, line, base, from, line.length, paragraph);
  }
  // a photo credit after a caption ("… Ảnh: A.X") is a sentence of its own
  return out.filter((s) => !isFurniture(s.text));
}

function push(out: Sentence[], line: string, base: number, from: number, to: number, paragraph: number) {
  const raw = line.slice(from, to);
  const lead = raw.length - raw.trimStart().length;
  const text = raw.trim();
  if (!text) return;
  out.push({ text, start: base + from + lead, end: base + from + lead + text.length, paragraph });
}

/** Whether the dot at `at` ends a sentence. */
function sentenceDot(line: string, at: number): boolean {
  const before = /([\p{L}./]+)$/u.exec(line.slice(Math.max(0, at - 24), at))?.[1] ?? '';
  if (ABBREVIATIONS.has(before.toLowerCase())) return false;
  // an initial: "A.X", "N.V.A"
  if (/(^|\.)\p{Lu}$/u.test(before) && before.length <= 3) return false;
  return true;
}

/** The clauses of a sentence: parts between semicolons (offsets in the sentence). */
export function splitClauses(sentence: string): Clause[] {
  const out: Clause[] = [];
  let from = 0;
  for (const m of sentence.matchAll(/;/g)) {
    out.push({ text: sentence.slice(from, m.index), start: from });
    from = (m.index ?? 0) + 1;
  }
  out.push({ text: sentence.slice(from), start: from });
  return out.filter((c) => c.text.trim());
}

/**
 * Joins lines a layout broke inside a sentence (a PDF's lines, hard-wrapped text): a line that
 * does not end a sentence or a heading (. ; : ! ? …) is followed by one that starts in lower case.
 * Lines of a list ("- 90% …", "a) …") and blank lines stay.
 */
export function reflowLines(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const prev = out.length ? out[out.length - 1] : null;
    const t = line.trim();
    if (prev?.trim() && t && !/[.;:!?…]\s*$/.test(prev) && /^\p{Ll}/u.test(t))
      out[out.length - 1] = `${prev.trimEnd()} ${t}`;
    else out.push(line);
  }
  return out.join('\n');
}
