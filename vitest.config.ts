import { defineConfig } from 'vitest/config';

// Projects: fast Node tests (unit + integration over loopback sockets), browser journeys (Playwright in
// Debian's Chromium against the built renderer), and the benchmarks, which `npm test` does not run.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // `npm run bench` only: measurements against a reference run side by side, never timed assertions.
        test: {
          name: 'bench',
          include: ['bench/**/*.bench-run.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
