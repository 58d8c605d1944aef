/**
 * The shape of the code (docs/ARCHITECTURE.md): SQL only in repositories/ and db/, and no service
 * file longer than 600 lines. Reads the source files; no database.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('.', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

const SQL = /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql(<[^>]*>)?`|\bsql\.raw\(|from 'kysely'/;

describe('code shape', () => {
  it('keeps SQL in repositories/ and db/', () => {
    const offenders = sources(ROOT)
      .map((p) => relative(ROOT, p))
      // test support (src/test/) may drive the database directly
      .filter((p) => !p.startsWith('repositories/') && !p.startsWith('db/') && !p.startsWith('test/'))
      .filter((p) => SQL.test(readFileSync(join(ROOT, p), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('keeps every service file under 600 lines', () => {
    const long = sources(join(ROOT, 'services'))
      .map((p) => ({ file: relative(ROOT, p), lines: readFileSync(p, 'utf8').split('\n').length }))
      .filter((f) => f.lines >= 600);
    expect(long).toEqual([]);
  });
});
