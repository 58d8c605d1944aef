/** Turns a file that cannot be read at all into the contract's error (not per-row errors). */
import { type CsvProblem, type CsvTable, decodeUtf8, isProblem, readCsv } from '../domain/csv.js';
import { AppError } from '../errors.js';

export function csvProblemError(p: CsvProblem): AppError {
  switch (p.kind) {
    case 'encoding':
      return new AppError(400, 'bad_encoding', 'error.encoding', { row: p.row }, [
        { row: p.row, field: '', message: 'encoding' },
      ]);
    case 'parse':
      return new AppError(400, 'bad_csv', 'error.csv_parse', { row: p.row, reason: p.reason }, [
        { row: p.row },
      ]);
    case 'header':
      return new AppError(
        400,
        'bad_header',
        'error.csv_header',
        {
          expected: p.expected.join(','),
          got: p.got.join(','),
        },
        [{ row: 1, field: 'header', expected: p.expected, got: p.got }],
      );
    case 'empty':
      return new AppError(400, 'empty', 'error.empty');
  }
}

/** A CSV body as a table (strict UTF-8, header checked), or the contract's error for a file that cannot be read. */
export function readCsvBody(body: Uint8Array, required: string[], optional: string[] = []): CsvTable {
  const decoded = decodeUtf8(body);
  if (isProblem(decoded)) throw csvProblemError(decoded);
  const table = readCsv(decoded.text, required, optional);
  if (isProblem(table)) throw csvProblemError(table);
  return table;
}
