/**
 * Dependencies point inwards (docs/ARCHITECTURE.md): the HTTP layer (src/server) is used by no
 * service, repository or domain module, and no service takes a Fastify object; the access module
 * (policies and Actor) depends on nothing but itself and src/domain.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/** Every module specifier a file imports or re-exports (static and dynamic), resolved under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [
    ...text.matchAll(/\b(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
  ].map((m) => m[1]);
  return specs.map((s) => (s.startsWith('.') ? `/${relative(SRC, resolve(dirname(file), s))}` : s));
}

function offenders(folders: string[], bad: (spec: string) => boolean, skipTests = false): string[] {
  const out: string[] = [];
  for (const folder of folders) {
    for (const file of sourceFiles(join(SRC, folder))) {
      if (skipTests && file.endsWith('.test.ts')) continue;
      for (const spec of importsOf(file)) if (bad(spec)) out.push(`${relative(SRC, file)} → ${spec}`);
    }
  }
  return out;
}

describe('layers', () => {
  it('the scan sees imports (guards the test itself)', () => {
    const specs = importsOf(join(SRC, 'server', 'app.ts'));
    expect(specs).toContain('fastify');
    expect(specs.some((s) => s.startsWith('/server/'))).toBe(true);
  });

  it('services, repositories and domain import nothing from src/server', () => {
    expect(offenders(['services', 'repositories', 'domain'], (s) => s.startsWith('/server/'))).toEqual([]);
  });

  it('no service, repository or domain module uses Fastify', () => {
    expect(
      offenders(['services', 'repositories', 'domain'], (s) => s === 'fastify' || s.startsWith('@fastify/')),
    ).toEqual([]);
  });

  it('src/access imports only itself and src/domain (its tests aside)', () => {
    expect(
      offenders(['access'], (s) => !(s.startsWith('/access/') || s.startsWith('/domain/')), true),
    ).toEqual([]);
  });
});
