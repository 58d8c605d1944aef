/**
 * Precision and recall of the plan-text extraction on our labelled set (labels.ts): the three seed
 * articles of ../shared/seeds (read at run time) and sentences of our own. Prints both numbers for
 * the tuned and the held-out part; asserts the floors we reach.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../test/shared.js';
import type { Score } from './evaluate.js';
import { describeScore, SEED_LABELS, scoreLabelled, UNSEEN } from './labels.js';

const seeds = sharedPath('seeds');

function report(name: string, s: Score) {
  console.log(`plan-text ${name}: ${describeScore(s)}`);
  for (const m of s.misses) console.log(`  missed: ${m}`);
  for (const x of s.extras) console.log(`  extra:  ${x}`);
}

describe.skipIf(!seeds)('plan-text extraction on the seed articles (needs ../shared/seeds)', () => {
  it('reaches the floors on the tuned and on the held-out sentences', () => {
    const { tuned, heldOut } = scoreLabelled((file) => readFileSync(`${seeds}/${file}`, 'utf8'));
    report('tuned', tuned);
    report('held-out', heldOut);
    const labelled = (g: (typeof SEED_LABELS)[number]['tuned']) => g.reduce((n, x) => n + x.expect.length, 0);
    expect(tuned.truePositives + tuned.falseNegatives).toBe(
      SEED_LABELS.reduce((n, s) => n + labelled(s.tuned), 0),
    );
    expect(tuned.recall).toBeGreaterThanOrEqual(0.95);
    expect(tuned.precision).toBeGreaterThanOrEqual(0.95);
    expect(heldOut.recall).toBeGreaterThanOrEqual(0.9);
    expect(heldOut.precision).toBeGreaterThanOrEqual(0.9);
  });
});

describe.runIf(!seeds)('without ../shared', () => {
  it('skips the seed articles and says so, scoring only our own sentences', () => {
    console.log('plan-text: ../shared/seeds not found — precision/recall on the seed articles skipped');
    const { heldOut } = scoreLabelled(() => null);
    report('own sentences', heldOut);
    expect(heldOut.truePositives + heldOut.falseNegatives).toBe(
      UNSEEN.reduce((n, u) => n + u.expect.length, 0),
    );
    expect(heldOut.recall).toBeGreaterThanOrEqual(0.9);
  });
});
