/**
 * Formula injection guard for files a person opens in a spreadsheet, and its inverse for files
 * coming back. A text cell starting with = + - @ (or tab/CR) would run as a formula in Excel: it
 * is written with an apostrophe in front. So that every exported text reads back exactly, a text
 * that already starts with apostrophes before such a character gets one more; the reader drops one.
 */

const GUARDED = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

/** The cell as written to a CSV or Excel download. */
export function safeCell(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  return GUARDED.test(v) ? `'${v}` : v;
}

/** A text cell read back from a file: the apostrophe `safeCell` added is dropped. */
export function plainCell(s: string): string {
  return ESCAPED.test(s) ? s.slice(1) : s;
}
