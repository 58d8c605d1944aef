/** Rows → CSV text for COPY (NULL is an unquoted empty field). */
import { stringify } from 'csv-stringify/sync';

export function toCopyCsv(rows: unknown[][]): string {
  return stringify(rows, { cast: { boolean: (b) => (b ? 't' : 'f'), date: (d) => d.toISOString() } });
}

/** Fast path for rows of numbers and nulls only (no quoting needed). */
export function numericCsv(rows: Array<Array<number | null>>): string {
  const out: string[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    let line = '';
    for (let j = 0; j < r.length; j++) {
      const v = r[j];
      if (j > 0) line += ',';
      if (v !== null && v !== undefined) line += String(v);
    }
    out[i] = line;
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
