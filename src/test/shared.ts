/**
 * The shared data folder (vn-admin lists, seed articles) beside the checkout: `../shared` of the
 * repository, or of a folder above it (a git worktree under /work/wt/<name> finds /work/shared).
 * Tests that need it skip their real-file part when it is absent.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Path to `rel` inside the shared folder when it is there, else null. */
export function sharedPath(rel: string): string | null {
  const base = process.env.CHISO_SHARED;
  if (base) {
    const p = join(base, rel);
    return existsSync(p) ? p : null;
  }
  let dir = dirname(dirname(dirname(dirname(fileURLToPath(import.meta.url)))));
  for (let i = 0; i < 3; i++) {
    const p = join(dir, 'shared', rel);
    if (existsSync(p)) return p;
    dir = dirname(dir);
  }
  return null;
}
