import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { startSandbox, writeSandboxFiles } from '../../main/sandbox';
import { IncidentTracker, WatchHistory } from '../../main/watch';
import type { WatchSample } from '../../shared/watch/watch-sample';
import { machineLine, median, writeBenchmarkSection } from '../support/benchmarks-file';
import { syntheticYear } from './synthetic-year';

const HEADING = '## Watch (issue 8)';
const STORE = 'bench-store';
const MIN = 60_000;
const DAY = 86_400_000;
const CHINA = 480;
const DAYS = 365;
const RUNS = 7;
/** 2025-11-26 00:00 in China. */
const START = Date.UTC(2025, 10, 25, 16, 0, 0);
const END = START + DAYS * DAY;
/** Half an hour into the day after: the current hour is live, every other bucket finished. */
const NOW = END + 30 * MIN;

const ms = (t0: number) => performance.now() - t0;

const hourSample = (at: number): WatchSample => ({
  at,
  kind: 'probe',
  ok: true,
  outcome: 'ok',
  target: null,
  httpStatus: null,
  gateway: { dns: 1, connect: 0.5, tls: 4, wait: 20, total: 26 },
  cashier: { dns: 1, connect: 0.5, tls: 4, wait: 30, total: 36 },
  timeToReadyMs: null,
  durationMs: 37,
  error: null,
});
const fmt = (x: number) => x.toFixed(1);

/** What the chart screen asks for when it opens on a year: by day, by hour, and the last week's points. */
function loadCharts(history: WatchHistory) {
  const year = { from: START, to: END, utcOffsetMinutes: CHINA };
  const byDay = history.chart(STORE, { ...year, granularity: 'day' });
  const byHour = history.chart(STORE, { ...year, granularity: 'hour' });
  const week = history.chart(STORE, {
    from: END - 7 * DAY,
    to: END,
    granularity: 'hour',
    utcOffsetMinutes: CHINA,
    points: true,
  });
  return { byDay, byHour, week };
}

async function chartLoadBench(dir: string) {
  const path = join(dir, 'year.sqlite');
  const history = WatchHistory.open(path, { now: () => NOW });
  // The incidents a watcher would have opened over that year, through the same tracker.
  const tracker = new IncidentTracker({ storeId: STORE, storeName: 'bench', incidents: history.incidents });
  let t0 = performance.now();
  let rows = 0;
  for (const batch of syntheticYear(START, DAYS)) {
    history.appendBatch(STORE, batch);
    for (const sample of batch) tracker.observe(sample);
    rows += batch.length;
  }
  const insertMs = ms(t0);

  // An import rolls the whole year up at once; a watcher does it an hour at a time after each round.
  t0 = performance.now();
  history.sealRollups(STORE, CHINA, NOW);
  const rollupYearMs = ms(t0);
  const fileMb = statSync(path).size / 1024 / 1024;

  const first = loadCharts(history);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    t0 = performance.now();
    loadCharts(history);
    warm.push(ms(t0));
  }
  history.close();
  // As the app does after a restart: open the file, then load (rollups persist in it).
  const reopened: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    t0 = performance.now();
    const again = WatchHistory.open(path, { now: () => NOW });
    loadCharts(again);
    reopened.push(ms(t0));
    again.close();
  }
  t0 = performance.now();
  const payload = JSON.stringify(first).length;
  const stringifyMs = ms(t0);

  // What a watcher pays when an hour ends: one more hour of samples, then the round's seal.
  const later = WatchHistory.open(path, { now: () => END + 90 * MIN });
  for (let m = 0; m < 60; m += 1) later.append(STORE, hourSample(END + m * MIN));
  t0 = performance.now();
  later.sealRollups(STORE, CHINA);
  const sealHourMs = ms(t0);
  later.close();
  return {
    rows,
    insertMs,
    fileMb,
    rollupYearMs,
    sealHourMs,
    warmMs: median(warm),
    reopenedMs: median(reopened),
    payloadMb: payload / 1024 / 1024,
    stringifyMs,
    counts: {
      days: first.byDay.buckets.length,
      hours: first.byHour.buckets.length,
      points: first.week.points?.length ?? 0,
      failures: first.byHour.failures.length,
      incidents: first.byHour.incidents.length,
    },
  };
}

interface CpuMark {
  wall: number;
  cpuUs: number;
}

/**
 * The watcher as its own process (the built CLI, bench/watch/idle-child.mjs) against the in-process
 * sandbox, probing every 5 s for 30 s. Its CPU is sampled every 250 ms; a 250 ms slice overlapping a
 * sample (its start to its end + 100 ms) is "busy", every other slice "idle".
 */
async function idleCpuBench(dir: string) {
  const cli = new URL('../../out/main/cli.js', import.meta.url).pathname;
  if (!existsSync(cli)) throw new Error('out/main/cli.js is missing: run `npm run bench` (it builds first)');
  const sandbox = await startSandbox({ scenario: 'healthy' });
  try {
    const files = await writeSandboxFiles(sandbox, join(dir, 'sandbox'));
    const cpuOut = join(dir, 'cpu.json');
    const child = spawn(
      process.execPath,
      [
        new URL('./idle-child.mjs', import.meta.url).pathname,
        'watch',
        '--store',
        files.storePath,
        '--platform',
        files.platformPath,
        '--interval',
        '5',
        '--allow-short-interval',
        '--for',
        '30s',
        '--simulate-every',
        '0',
        '--json',
      ],
      { env: { ...process.env, WATCH_CPU_OUT: cpuOut }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`watcher exited with ${code}`);
    const samples = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { at: string; durationMs: number; ok: boolean });
    const marks: CpuMark[] = (JSON.parse(readFileSync(cpuOut, 'utf8')) as number[][]).map(([wall, u, s]) => ({
      wall: wall!,
      cpuUs: u! + s!,
    }));
    const busy = samples.map((s) => [Date.parse(s.at), Date.parse(s.at) + s.durationMs + 100] as const);
    const firstAt = busy[0]![0];
    let idleCpu = 0;
    let idleWall = 0;
    let busyCpu = 0;
    let totalCpu = 0;
    let totalWall = 0;
    for (let i = 1; i < marks.length; i += 1) {
      const a = marks[i - 1]!;
      const b = marks[i]!;
      if (a.wall < firstAt) continue; // start-up (loading the CLI, reading the files) is not watching
      const cpu = (b.cpuUs - a.cpuUs) / 1000;
      const wall = b.wall - a.wall;
      totalCpu += cpu;
      totalWall += wall;
      if (busy.some(([from, to]) => a.wall < to && b.wall > from)) busyCpu += cpu;
      else {
        idleCpu += cpu;
        idleWall += wall;
      }
    }
    const perSampleMs = busyCpu / samples.length;
    const idleRate = idleCpu / idleWall;
    const projection = (intervalS: number) =>
      (100 * (perSampleMs + idleRate * intervalS * 1000)) / (intervalS * 1000);
    return {
      samples: samples.length,
      allOk: samples.every((s) => s.ok),
      windowS: totalWall / 1000,
      averagePct: (100 * totalCpu) / totalWall,
      idlePct: 100 * idleRate,
      idleWallS: idleWall / 1000,
      perSampleMs,
      at60: projection(60),
      at300: projection(300),
    };
  } finally {
    await sandbox.close();
  }
}

it('watch: a year of one-minute samples into the charts, and the idle CPU of a watcher', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'watch-bench-'));
  const loadAtStart = loadavg()[0]!;
  try {
    const charts = await chartLoadBench(dir);
    const cpu = await idleCpuBench(dir);
    const c = charts.counts;
    const section = [
      HEADING,
      '',
      machineLine(),
      `Load average when the benchmark started: ${loadAtStart.toFixed(2)} (other work on the machine makes every figure below slower).`,
      '',
      '### Chart load over a year of samples',
      '',
      `${charts.rows.toLocaleString('en-US')} samples in one SQLite file (node:sqlite, WAL; ${fmt(charts.fileMb)} MB): a probe every minute for ${DAYS} days (525,600) and a simulated redirect every 15 minutes (35,040), 0.3 % scattered probe failures and a two-hour outage every ten days (bench/watch/synthetic-year.ts). Inserted in batches of 20,000 in ${fmt(charts.insertMs / 1000)} s (schema-validated).`,
      '',
      `One chart load = what the chart screen asks for on opening: the year by day (${c.days} buckets), the year by hour (${c.hours} buckets, ${c.failures} failure markers, ${c.incidents} incidents) and the last 7 days' points (${c.points.toLocaleString('en-US')}), China time (UTC+8). "now" is half an hour into the day after the year, so the current hour is computed live.`,
      '',
      '| measure | ms |',
      '|---|---:|',
      `| rolling the whole year up at once (after an import; ${charts.rows.toLocaleString('en-US')} rows → ${c.hours} hours + ${c.days} days) | ${fmt(charts.rollupYearMs)} |`,
      `| rolling up one finished hour, as the watcher does after each round | ${charts.sealHourMs.toFixed(2)} |`,
      `| **load, median of ${RUNS}** (rollups built) | **${fmt(charts.warmMs)}** |`,
      `| open the file + load, median of ${RUNS} (as after an app restart) | ${fmt(charts.reopenedMs)} |`,
      `| JSON.stringify of one load's answer (${fmt(charts.payloadMb)} MB; the IPC copy is of this order) | ${fmt(charts.stringifyMs)} |`,
      '',
      `Goal: under 1 s (median): ${charts.warmMs < 1000 && charts.reopenedMs < 1000 ? 'met' : 'NOT met'}. Finished buckets are computed once, as they end, and kept in the file (main/watch/rollup-cache.ts), so a load reads ${c.days + c.hours} small rows plus the current hour; rolling the year up at once is what every load would cost without them.`,
      '',
      '### Idle CPU of a watcher',
      '',
      `The built CLI \`baitiao-doctor watch --interval 5 --allow-short-interval --for 30s --simulate-every 0\` (the same watcher, probes and SQLite code as the app) in its own Node process, against the sandbox in the benchmark's process; ${cpu.samples} samples${cpu.allOk ? ', all ok' : ''}. Its CPU time (process.cpuUsage) is sampled every 250 ms; a slice overlapping a sample (start to end + 100 ms) counts as busy, every other slice as idle. Start-up before the first sample is left out. The 250 ms sampler itself is counted as idle (upper bound).`,
      '',
      '| measure | value |',
      '|---|---:|',
      `| CPU between samples (idle, over ${fmt(cpu.idleWallS)} s) | ${cpu.idlePct.toFixed(3)} % |`,
      `| CPU per probe sample (gateway + cashier, fresh TLS each, stored) | ${fmt(cpu.perSampleMs)} ms |`,
      `| average over the ${fmt(cpu.windowS)} s window at a 5 s interval | ${cpu.averagePct.toFixed(3)} % |`,
      `| projected average at the 60 s floor | ${cpu.at60.toFixed(3)} % |`,
      `| projected average at the app's default 300 s | ${cpu.at300.toFixed(3)} % |`,
      '',
      "Projection: (CPU per sample + idle rate × interval) / interval. Not included: the simulated redirect's browser (a separate Chromium process, every 3rd sample by default) and Electron's own idle cost, which the app has whether it watches or not.",
      '',
      'Run: `npm run bench` (builds, then every benchmark) or `npx vitest run --project bench bench/watch` after `npm run build`.',
    ].join('\n');
    console.log(section);
    writeBenchmarkSection(HEADING, section);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
