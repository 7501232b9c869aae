import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/run-cli';
import { startSandbox, writeSandboxFiles, type Sandbox, type SandboxFiles } from '../../../main/sandbox';
import { findBrowser } from '../../../main/simulation';
import { ManualClock, WatchHistory } from '../../../main/watch';

let sandbox: Sandbox;
let files: SandboxFiles;
const dir = mkdtempSync(join(tmpdir(), 'watch-cli-'));

beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'healthy' });
  files = await writeSandboxFiles(sandbox, join(dir, 'sandbox'));
});
afterAll(async () => {
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

function capture(language: CliIo['language'] = 'en-US') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    language,
    stopSignal: new AbortController().signal,
  };
  return { out, err, io };
}

const base = () => ['watch', '--store', files.storePath, '--platform', files.platformPath];
const json = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

/**
 * Runs the CLI on a manual clock, moving it by `steps` (ms) one at a time, each once the round before
 * is over: its sample recorded and the next slot scheduled, i.e. two timers pending on the clock (that
 * slot and --for's end). The probes are real (the sandbox over loopback); only waiting is skipped.
 */
async function runOnClock(args: string[], io: CliIo, steps: number[]): Promise<number> {
  const clock = new ManualClock(Date.UTC(2026, 11, 4, 8, 0, 0));
  const exit = runCli(args, { ...io, clock });
  for (const ms of steps) {
    await vi.waitFor(() => expect(clock.pendingTimers).toBe(2), { timeout: 20_000, interval: 10 });
    clock.advance(ms);
  }
  return exit;
}

describe('baitiao-doctor watch', () => {
  it('prints one JSON line per sample, one interval apart, keeps the history file, exits 0 when healthy', async () => {
    sandbox.setScenario('healthy');
    const history = join(dir, 'healthy.sqlite');
    const t = capture();
    const args = ['--interval', '1', '--allow-short-interval', '--for', '2500ms', '--simulate-every', '0'];
    // Rounds at 0, 1000 and 2000 ms; --for ends the watch at 2500.
    const code = await runOnClock(
      [...base(), ...args, '--history', history, '--json'],
      t.io,
      [1000, 1000, 500],
    );
    expect(code).toBe(0);
    const lines = json(t.out);
    expect(lines.every((l) => l.type === 'sample' && l.kind === 'probe' && l.outcome === 'ok')).toBe(true);
    // Fixed rate: each sample exactly one interval after the one before, however long a probe took.
    const at = lines.map((l) => Date.parse(String(l.at)));
    expect(at.map((t) => t - at[0]!)).toEqual([0, 1000, 2000]);
    const stored = WatchHistory.open(history);
    expect(stored.count(`${sandbox.store.merchantNo}/${sandbox.store.appId}@sandbox`)).toBe(lines.length);
    stored.close();
  });

  it('prints the failing alert and exits 1 when the incident is still open at the end', async () => {
    sandbox.setScenario('system-busy');
    const t = capture('zh-CN');
    const args = ['--interval', '1', '--allow-short-interval', '--for', '1500ms', '--simulate-every', '0'];
    const code = await runOnClock([...base(), ...args], t.io, [1000, 500]);
    sandbox.setScenario('healthy');
    expect(code).toBe(1);
    expect(t.out[0]).toMatch(/探测\s+失败\s+支付网关返回服务器错误（HTTP 503）（server-error）/);
    expect(t.out.filter((l) => l.startsWith('!! '))).toHaveLength(1);
    expect(t.out[1]).toContain('白条支付出现故障');
    expect(t.err.join('\n')).toContain('结束时故障仍未恢复');
  });

  it('runs the real redirect simulation when a browser is found, else says it watches probes only', async () => {
    sandbox.setScenario('healthy');
    const t = capture();
    // Stopped (as by Ctrl+C) once the redirect line is out, so a slow Chromium start on a busy machine
    // costs time, not the result; --for is only the cap.
    const stop = new AbortController();
    const simulationOff = () => t.err.some((l) => /probes only/.test(l));
    const io: CliIo = {
      ...t.io,
      stopSignal: stop.signal,
      out: (line) => {
        t.out.push(line);
        if (line.includes('"kind":"simulation"') || simulationOff()) stop.abort();
      },
    };
    const args = [
      '--interval',
      '60',
      '--allow-short-interval',
      '--for',
      '40s',
      '--simulate-every',
      '1',
      '--json',
    ];
    expect(await runCli([...base(), ...args], io)).toBe(0);
    const kinds = json(t.out).map((l) => [l.kind, l.outcome]);
    if (findBrowser().found && !simulationOff()) {
      expect(kinds).toEqual([
        ['probe', 'ok'],
        ['simulation', 'REDIRECT_OK'],
      ]);
    } else {
      expect(kinds).toEqual([['probe', 'ok']]);
      expect(t.err.join('\n')).toMatch(/probes only/);
    }
  }, 60_000);

  it.each([
    [['--interval', '30'], /--interval: "30".*floor is 60 s/s],
    [[], /Missing option: --interval/],
    [['--interval', '60', '--for', 'forever'], /--for: "forever"/],
    [['--interval', '60', '--simulate-every', '-1'], /--simulate-every/],
  ])('bad input %j: exit 2 naming the option', async (args, message) => {
    const t = capture();
    expect(await runCli([...base(), ...args], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(message);
  });

  it('refuses --allow-short-interval against a platform that is not on this machine', async () => {
    const profile = JSON.parse(readFileSync(files.platformPath, 'utf8')) as Record<string, unknown>;
    const remote = join(dir, 'remote-platform.json');
    writeFileSync(
      remote,
      JSON.stringify({ ...profile, gatewayUrl: 'https://gw.baitiao-platform.test/gateway' }),
    );
    const t = capture();
    const args = [
      'watch',
      '--store',
      files.storePath,
      '--platform',
      remote,
      '--interval',
      '1',
      '--allow-short-interval',
    ];
    expect(await runCli(args, t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/--allow-short-interval is only for a platform running on this machine/);
  });
});
