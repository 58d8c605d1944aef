/** Text helpers for Vietnamese: search that ignores case and diacritics ("binh duong" finds "Bình Dương"). */

/** Lower-case, strip diacritics, đ → d, collapse spaces. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escape a user query for a SQL LIKE pattern on folded text. */
export function likePattern(q: string): string {
  return `%${foldText(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
