import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The gate `npm test` runs: it must pass on our tree and fail on a window that turns security off,
// and give the same answer every time (its CLI's CSV writer raced, and once failed CI at random).
const gate = (...args: string[]) =>
  spawnSync(process.execPath, ['scripts/electronegativity-gate.mjs', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  });

const unsafe = mkdtempSync(join(tmpdir(), 'gate-unsafe-'));
mkdirSync(join(unsafe, 'main'));
writeFileSync(
  join(unsafe, 'main/window.ts'),
  [
    "import { BrowserWindow } from 'electron';",
    'export const open = () =>',
    '  new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });',
  ].join('\n'),
);
afterAll(() => rmSync(unsafe, { recursive: true, force: true }));

describe('the electronegativity gate', () => {
  it('passes on this repository, twice alike, every medium finding explained in the allowlist', () => {
    // Twice here, and once more as `npm test`'s own gate: three scans alike per test run.
    const runs = [gate(), gate()];
    for (const run of runs) expect(run.status, run.stdout + run.stderr).toBe(0);
    const summaries = runs.map((run) => run.stdout.trim().split('\n').at(-1));
    expect(summaries[0]).toMatch(/^electronegativity: \d+ checks, \d+ findings, 0 blocking/);
    expect(new Set(summaries).size).toBe(1);
    expect(runs[0]?.stdout).not.toContain('BLOCKING');
    // Whole-tree scans one after another: about 6 s each on a quiet machine, over 15 s with the machine's
    // two cores busy with the browser journeys. Each run is bounded by its own 120 s; so is the test.
  }, 240_000);

  // The scanner's own start-up is most of this run's time: over 30 s once on a saturated machine.
  it('fails on a window with context isolation and the sandbox off, naming the findings', () => {
    const run = gate('--root', unsafe);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/BLOCKING\s+\w+\s+SANDBOX_JS_CHECK main\/window\.ts/);
    expect(run.stdout).toMatch(/BLOCKING\s+\w+\s+CONTEXT_ISOLATION_JS_CHECK main\/window\.ts/);
  }, 120_000);
});
