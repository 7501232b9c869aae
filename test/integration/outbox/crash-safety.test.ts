import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOutbox, processAlive } from '../../../main/outbox';
import { startSandbox, type Sandbox } from '../../../main/sandbox';
import { intakeOf, sandboxBundle } from './support';

/**
 * Crash safety: the submitting process is SIGKILLed at random moments, against an intake that also fails
 * transiently, and restarted; in the end every report is delivered exactly once (one ticket) with its
 * bundle (uploaded, right hash).
 *
 * The worker is a separate, plain `node` process. crash-worker.ts is bundled once with vite (already a
 * dev dependency; ~0.6 s) into one self-contained .mjs in a temp folder: Node cannot run the sources
 * directly (extensionless imports, a JSON import, parameter properties), and a bundle starts in 0.2 s
 * where a type-stripping loader needs 0.4 s, which over ~75 process starts is what keeps this test short.
 */
const TRIALS = Number(process.env.CRASH_TRIALS ?? 24);
const LANES = 2;
/** Where a worker can be made to kill itself, by the state its item is in when it starts. */
const UPLOAD_POINTS = [
  'step:bundle-uploading',
  'upload-progress',
  'step:bundle-accepted',
  'item:delivered',
] as const;
const REPORT_POINTS = [
  'step:report-sending',
  'step:report-accepted',
  'item:uploading-bundle',
  ...UPLOAD_POINTS,
] as const;
const KILL_POINTS: Record<string, readonly string[]> = {
  queued: ['item:sending-report', ...REPORT_POINTS],
  'sending-report': REPORT_POINTS,
  'uploading-bundle': UPLOAD_POINTS,
};
const WORKER_SOURCE = fileURLToPath(new URL('./crash-worker.ts', import.meta.url));
let worker = '';

/** Seeded, so a failing run can be replayed: CRASH_SEED=… */
const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(seed);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

let sandbox: Sandbox;
const root = mkdtempSync(join(tmpdir(), 'bt-crash-'));
beforeAll(async () => {
  sandbox = await startSandbox({ onInternalError: () => {} });
  const outDir = join(root, 'worker');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: WORKER_SOURCE,
      outDir,
      // A fresh temp folder: emptying it is safe, and saying so silences vite's warning about it.
      emptyOutDir: true,
      minify: false,
      target: 'node22',
      rollupOptions: { output: { format: 'es', entryFileNames: 'crash-worker.mjs' } },
    },
    // Everything in one file, so it runs from a temp folder without node_modules beside it.
    ssr: { noExternal: true },
  });
  worker = join(outDir, 'crash-worker.mjs');
});
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

interface Run {
  signal: NodeJS.Signals | null;
  code: number | null;
  stdout: string;
  stderr: string;
}

function runWorker(configPath: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    // 'exit' fires once the child is reaped: its pid is then really gone for the next worker's lock check.
    child.once('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.once('error', reject);
  });
}

const kills: Record<string, number> = {};
let restarts = 0;
let totalKills = 0;

async function trial(index: number): Promise<void> {
  const dir = join(root, `t${index}`);
  const bundle = await sandboxBundle(sandbox, root, { harBytes: 150_000 + Math.floor(random() * 1_200_000) });
  const parent = createOutbox({ dir, intake: intakeOf(sandbox) });
  const { reportId } = await parent.enqueue({ bundlePath: bundle.path });
  parent.close();
  if (random() < 0.6) sandbox.intake.failNext(1 + Math.floor(random() * 3), pick([503, 500, 429]), 0);

  const configFor = (killAt: string | null) => {
    const path = join(root, `t${index}-${Math.floor(random() * 1e9)}.json`);
    writeFileSync(path, JSON.stringify({ dir, intake: intakeOf(sandbox), killAt }));
    return path;
  };
  const stateOf = () =>
    (JSON.parse(readFileSync(join(dir, 'items', reportId, 'state.json'), 'utf8')) as { state: string }).state;
  const wanted = 1 + Math.floor(random() * 3);
  let killed = 0;
  for (let attempt = 0; killed < wanted && attempt < 8; attempt++) {
    const points = KILL_POINTS[stateOf()];
    if (!points) break;
    // Kills land on a step still ahead of the item (the first one always, so every trial has one) or,
    // half of the rest, at a random moment from outside, which may also fall before or after the work.
    const byStep = attempt === 0 || random() < 0.5;
    const killAt = byStep ? pick(points) : null;
    const run = await runWorker(configFor(killAt), byStep ? 10_000 : 50 + Math.floor(random() * 600));
    restarts += 1;
    if (run.signal === 'SIGKILL') {
      killed += 1;
      const label = killAt ?? 'timer';
      kills[label] = (kills[label] ?? 0) + 1;
    } else {
      expect(run.code, run.stderr).toBe(0);
    }
  }
  expect(killed, `trial ${index}: the worker was never killed`).toBeGreaterThan(0);
  totalKills += killed;
  const final = await runWorker(configFor(null), null);
  expect(final.code, final.stderr).toBe(0);

  const tickets = [...sandbox.intake.tickets.values()].filter((t) => t.reportId === reportId);
  expect(tickets, `trial ${index} (seed ${seed})`).toHaveLength(1);
  const upload = sandbox.intake.uploads.get(tickets[0]!.ticketId);
  expect(upload?.sha256, `trial ${index} (seed ${seed})`).toBe(bundle.sha256);
  expect(createHash('sha256').update(upload!.bytes).digest('hex')).toBe(bundle.sha256);
  const itemDir = join(dir, 'items', reportId);
  expect(JSON.parse(readFileSync(join(itemDir, 'state.json'), 'utf8'))).toMatchObject({
    state: 'delivered',
    ticketId: tickets[0]!.ticketId,
  });
  // No half-written files survive; a lock left by a worker killed after its last write is a dead one.
  const left = readdirSync(itemDir).filter((name) => {
    if (name !== 'lock') return true;
    return processAlive(JSON.parse(readFileSync(join(itemDir, name), 'utf8')).pid);
  });
  expect(left.sort()).toEqual(['bundle.zip', 'report.json', 'state.json']);
}

it(`every report is delivered exactly once, with its bundle, however often its sender is killed (${TRIALS} trials)`, async () => {
  const queue = Array.from({ length: TRIALS }, (_, i) => i);
  await Promise.all(
    Array.from({ length: LANES }, async () => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) await trial(next);
    }),
  );
  console.log(
    `crash safety: seed ${seed}, ${TRIALS} trials, ${restarts} worker runs, ${totalKills} SIGKILLs:`,
    kills,
  );
  expect(totalKills).toBeGreaterThanOrEqual(TRIALS);
}, 180_000);
