import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sweepTempLeftovers } from '../../../main/kept-files';

// Fault suite, kill -9 during a simulation: its browser HOME and Playwright's scratch folder stay in the
// temp folder; the next start sweeps them, and nothing that may still be in use.

const deadPid = (): number =>
  Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());

describe('fault suite: temp leftovers of a killed simulation', () => {
  it("sweeps a dead process's browser HOME and old empty playwright-artifacts-*, keeps the rest", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bt-sweep-'));
    const make = (name: string, ageMs = 0, content = false) => {
      const path = join(dir, name);
      mkdirSync(path);
      if (content) writeFileSync(join(path, 'trace.zip'), 'x');
      const at = new Date(Date.now() - ageMs);
      utimesSync(path, at, at);
      return path;
    };
    const HOURS = 3 * 3_600_000;
    const dead = make(`baitiao-doctor-browser-${deadPid()}-AbC123`, 0, true);
    const alive = make(`baitiao-doctor-browser-${process.pid}-XyZ789`, HOURS, true);
    const oldEmpty = make('playwright-artifacts-Qw12', HOURS);
    const oldFull = make('playwright-artifacts-Er34', HOURS, true);
    const fresh = make('playwright-artifacts-Ty56');
    const unrelated = make('something-else', HOURS);
    const removed = await sweepTempLeftovers({ dir });
    expect(removed.sort()).toEqual([dead, oldEmpty].sort());
    for (const kept of [alive, oldFull, fresh, unrelated]) expect(existsSync(kept)).toBe(true);
  });
});
