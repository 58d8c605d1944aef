import { defineConfig } from 'vitest/config';

// Browser tests: run by scripts/e2e.mjs, which starts chiso and sets CHISO_BASE_URL and CHROMIUM_PATH.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // a loaded CI machine draws slower than a laptop: poll for up to 15 s before failing
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
