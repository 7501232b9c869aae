import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { createAppCore } from '../../main/core/app-core';
import { startSandbox, writeSandboxFiles } from '../../main/sandbox';
import { machineLine, median, writeBenchmarkSection } from '../support/benchmarks-file';
import { buildStartupTree, REPO, timeNode } from './startup-trees';

const HEADING = '## Start-up: CLI and main process (issue 15)';
const START_BEFORE = 'before: main start, real store, demo off';
const START_AFTER = 'after: main start as the app runs it, real store (demo not in use)';
// Odd, and enough that one slow start on a busy 2-core VM does not move the median much.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
/** The last commit before issue 15's work: the "before" column, rebuilt and measured in the same run. */
const BEFORE_REF = process.env.BENCH_BEFORE_REF ?? 'b321921';

/** A data folder holding one real (non-demo) store, imported the way the app imports one. */
async function dataDirWithRealStore(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bd-start-data-'));
  const sandbox = await startSandbox({ scenario: 'healthy' });
  try {
    const files = await writeSandboxFiles(sandbox, mkdtempSync(join(tmpdir(), 'bd-start-store-')));
    const core = await createAppCore({ dataDir, demo: false });
    const imported = await core.dispatch('stores.import', {
      storeFile: core.grantDroppedFile(files.storePath).token,
      platformFile: core.grantDroppedFile(files.platformPath).token,
    });
    await core.close();
    if (!imported.ok || !(imported.data as { ok: boolean }).ok)
      throw new Error(`store import failed: ${JSON.stringify(imported)}`);
  } finally {
    await sandbox.close();
  }
  return dataDir;
}

it('CLI --help/--version and the main start path, beside a bare Node start, before and after', async () => {
  const dataDir = await dataDirWithRealStore();
  const before = await buildStartupTree('before', BEFORE_REF);
  const after = await buildStartupTree('after', null);
  const shipped = join(REPO, 'bin/baitiao-doctor.js');
  const cases: Record<string, string[]> = {
    'bare `node -e 0`': ['-e', '0'],
    'before: --help': [before.cli, '--help'],
    'before: --version': [before.cli, '--version'],
    'after: --help': [after.cli, '--help'],
    'after: --version': [after.cli, '--version'],
    'after, as shipped (bin/, npm run build): --help': [shipped, '--help'],
    [START_BEFORE]: [before.start, dataDir, 'demo-off'],
    'before: main start as the app ran it (demo always on)': [before.start, dataDir],
    [START_AFTER]: [after.start, dataDir],
    'after: … and the window’s first call answered (workspace.get)': [
      after.start,
      dataDir,
      'app',
      'first-call',
    ],
  };
  for (const args of Object.values(cases)) timeNode(args); // warm-up: disk cache, first compile cache
  const samples = Object.fromEntries(Object.keys(cases).map((k) => [k, [] as number[]]));
  // Interleaved, so a burst of load from elsewhere on the machine hits every case alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, args] of Object.entries(cases)) samples[name]!.push(timeNode(args));
  }
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const med = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)]));
  const bare = med['bare `node -e 0`']!;
  const beyond = (name: string) => (med[name]! - bare).toFixed(0);
  const row = (name: string) =>
    `| ${name} | ${med[name]!.toFixed(0)} | ${(med[name]! / bare).toFixed(2)} | ${(med[name]! - bare).toFixed(0)} |`;
  const section = [
    HEADING,
    '',
    machineLine(),
    '',
    `Each case is a fresh Node process, spawn to exit, median of ${ROUNDS} interleaved rounds after one warm-up.`,
    `"before" is commit ${BEFORE_REF} and "after" the working tree, both built here the same way (Vite's Node`,
    'build, dependencies from node_modules). The main start is what the main process does before its window',
    'can open, in Node (bench/startup/startup-trees.ts, startEntry): every module main/index.ts loads before the',
    'window (its static imports followed through every file; files importing electron, electron-log,',
    'electron-store or electron-updater cannot run in Node and are left out), then createAppCore with the app’s',
    'options on a data folder holding one real store; it',
    'exits as soon as createAppCore resolves, where main/index.ts opens its window. The last row also waits for',
    'the answer to the window’s first call: the work moved after the window (the services, zod’s contract).',
    `Load average at the end of the run (1 / 5 / 15 min): ${load} on ${cpus().length} cores shared with other work: a loaded machine inflates every figure, the bare start too.`,
    '',
    '| case | ms | × bare | ms beyond bare |',
    '|---|---:|---:|---:|',
    ...Object.keys(cases).map(row),
    '',
    `CLI goal: --help and --version at most 2.5× bare. --help: before ${(med['before: --help']! / bare).toFixed(2)}×, after **${(med['after: --help']! / bare).toFixed(2)}×**; --version: before ${(med['before: --version']! / bare).toFixed(2)}×, after **${(med['after: --version']! / bare).toFixed(2)}×**.`,
    `Main start goal: at most 150 ms beyond bare. Before ${beyond(START_BEFORE)} ms (as the app ran it, demo on: ${beyond('before: main start as the app ran it (demo always on)')} ms), after **${beyond(START_AFTER)} ms**; ratio before/after ${(med[START_BEFORE]! / med[START_AFTER]!).toFixed(2)}.`,
  ].join('\n');
  console.log(section);
  writeBenchmarkSection(HEADING, section);
});
