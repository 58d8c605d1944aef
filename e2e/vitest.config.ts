import { defineConfig } from 'vitest/config';
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

/**
 * One server serves every file, so files run in a fixed order: units over time first (its picker
 * reads the demo as loaded), then by name, and the national map last (it imports province
 * boundaries, which change what the overview draws).
 */
class FixedOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const last = (f: TestSpecification) =>
      /unitsOverTime\.e2e\.ts$/.test(f.moduleId) ? -1 : /nationalMap\.e2e\.ts$/.test(f.moduleId) ? 1 : 0;
    return [...files].sort((a, b) => last(a) - last(b) || a.moduleId.localeCompare(b.moduleId));
  }
}

// Browser tests: run by scripts/e2e.mjs, which starts chiso and sets CHISO_BASE_URL and CHROMIUM_PATH.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    sequence: { sequencer: FixedOrder },
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // a loaded CI machine draws slower than a laptop: poll for up to 15 s before failing
    expect: { poll: { timeout: 15_000, interval: 100 } },
    // in CI a failed browser test is run once more before the run fails, as Playwright's own runner
    // does; the report names every test that needed it ("retry x1"), so a flaky one is still seen
    retry: process.env.CI ? 1 : 0,
  },
});
