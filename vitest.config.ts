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
          // Each file in a worker thread of its own rather than a process: as isolated (a new V8 isolate and
          // module graph per file), but no new Node process per file. On this VM a fresh process's memory is
          // dear (page faults); measured side by side, the unit tests took 24 % less CPU (66.8 s against
          // 88.2 s) and the integration tests 6 % less. Nothing here needs a process of its own (no
          // process.chdir); what must be one (the crash worker, the CLI) is spawned as one.
          pool: 'threads',
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
