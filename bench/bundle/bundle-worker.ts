/**
 * One measured bundle write, in a process of its own so memory figures are this work's alone:
 * generate the HAR, preview (redact + stage), write the zip; report times and memory per phase, and copy
 * the staged members out for the `zip -6` reference. Bundled and started by bundle-bench.ts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { previewBundle, writeBundle } from '../../main/bundle';
import { buildReport } from '../../main/report';
import { generateHar } from './har-generator';

/**
 * CPU time by kind of thread, from Linux's /proc (null elsewhere): libuv's thread pool (deflate, file writes) and
 * V8's background threads (the optimizing compiler, the garbage collector's helpers). On two cores they take
 * turns with the main thread, and that is part of why the preview takes longer than the main thread works.
 */
interface ThreadCpu {
  pool: number;
  v8: number;
  /** How long the main thread was ready to run but waited for a core (the kernel's run-queue time). */
  mainWaited: number;
}
const TICK_MS = 10; // USER_HZ is 100 on every Linux Node runs on
function threadCpu(): ThreadCpu | null {
  if (!existsSync('/proc/self/task') || !existsSync('/proc/thread-self/schedstat')) return null;
  const cpu: ThreadCpu = { pool: 0, v8: 0, mainWaited: 0 };
  for (const task of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
    } catch {
      continue; // a thread that ended meanwhile
    }
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    // Fields after the name: state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    if (name.startsWith('libuv-worker')) cpu.pool += ms;
    else if (name.startsWith('V8Worker')) cpu.v8 += ms;
  }
  // schedstat: time on the CPU, time waiting on a run queue (both in ns), time slices.
  cpu.mainWaited = Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e6;
  return cpu;
}
const cpuSince = (before: ThreadCpu | null, after: ThreadCpu | null): ThreadCpu | null =>
  before && after
    ? {
        pool: after.pool - before.pool,
        v8: after.v8 - before.v8,
        mainWaited: after.mainWaited - before.mainWaited,
      }
    : null;

const [outDir, megabytes] = [process.argv[2]!, Number(process.argv[3] ?? 50)];
/**
 * `time`: no memory sampling (a sample every 2 ms cost the main thread ~3 % of the preview: the timed runs are
 * not the memory runs); `memory` (the default): a sample every 2 ms; `live`: collect garbage before every
 * sample, so the peaks are memory actually held, not garbage not yet collected.
 */
const mode = process.argv[4] ?? 'memory';
const live = mode === 'live';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

/**
 * Collects garbage once what the preview let go of is gone (200 ms, then a turn of the loop): zlib's
 * contexts and the staged files' buffers are freed only once their handles have closed, some turns of the
 * loop after the preview resolves
 * (measured: external memory 13 MB over the baseline right after it, 4 MB a turn later, none 200 ms later).
 * Measured from right after it, the write step's own buffers hid under the preview's leftovers.
 */
async function settle(): Promise<void> {
  gc();
  await new Promise((done) => setTimeout(done, 200));
  gc();
  await new Promise((done) => setImmediate(done));
  gc();
}

interface Peak {
  rss: number;
  heapUsed: number;
  external: number;
}
function sampler() {
  const peak: Peak = { rss: 0, heapUsed: 0, external: 0 };
  const take = () => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
    // `external` counts the ArrayBuffers (Buffers) too: adding `arrayBuffers` counted them twice.
    peak.external = Math.max(peak.external, m.external);
  };
  take();
  if (mode === 'time') return () => peak;
  const timer = setInterval(
    () => {
      if (live) gc();
      take();
    },
    live ? 100 : 2,
  );
  return () => {
    clearInterval(timer);
    take();
    return peak;
  };
}

const { har, bytes: harBytes } = generateHar(megabytes * 1024 * 1024);
const draft = buildReport({
  merchantNo: '2088000000000001',
  symptom: { category: 'PAGE_NOT_LOADING', description: '收银台打不开', firstSeen: null, frequency: 'OFTEN' },
  app: { name: 'baitiao-doctor', version: '0.1.0', os: 'linux', arch: 'x64', locale: 'zh-CN' },
  environment: {},
});
gc();
const baseline = process.memoryUsage();

let stop = sampler();
// CPU time of the main thread and of the whole process (the thread pool's deflate included): when the main
// thread's share is close to the wall time, redaction is the bottleneck; the rest ran beside it.
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const mainCpu0 = process.threadCpuUsage();
const allCpu0 = process.cpuUsage();
// Time the main thread spent waiting in the event loop (for zlib or the disk): idle while there was work.
const elu0 = performance.eventLoopUtilization();
const threads0 = threadCpu();
let t = performance.now();
const preview = await previewBundle({ ...draft, har: har as never, logs: [] }, { workDir: outDir });
const previewMs = performance.now() - t;
const previewMainCpuMs = cpuMs(process.threadCpuUsage(mainCpu0));
const previewAllCpuMs = cpuMs(process.cpuUsage(allCpu0));
const previewIdleMs = performance.eventLoopUtilization(elu0).idle;
const previewThreads = cpuSince(threads0, threadCpu());
const previewPeak = stop();
await settle();

const beforeWrite = process.memoryUsage();
stop = sampler();
t = performance.now();
const written = await writeBundle(preview, join(outDir, 'bundle.zip'));
const writeMs = performance.now() - t;
const writePeak = stop();

// The same member files, for `zip -6` to compress.
const refDir = join(outDir, 'members');
for (const m of preview.members) {
  const path = join(refDir, m.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await preview.read(m.path));
}
const memberBytes = preview.members.reduce((sum, m) => sum + m.bytes, 0);
await preview.dispose();

process.stdout.write(
  `${JSON.stringify({
    harBytes,
    memberBytes,
    harMemberBytes: preview.members.find((m) => m.path === 'network.har')!.bytes,
    zipBytes: written.bytes,
    previewMs,
    previewMainCpuMs,
    previewAllCpuMs,
    previewIdleMs,
    previewThreads,
    writeMs,
    baseline,
    beforeWrite,
    previewPeak,
    writePeak,
    maxRssKb: process.resourceUsage().maxRSS,
    redaction: written.manifest.redaction.rules,
    refDir,
  })}\n`,
);
