/**
 * One measured bundle write, in a process of its own so memory figures are this work's alone:
 * generate the HAR, preview (redact + stage), write the zip; report times and memory per phase, and copy
 * the staged members out for the `zip -6` reference. Bundled and started by bundle-bench.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { previewBundle, writeBundle } from '../../main/bundle';
import { buildReport } from '../../main/report';
import { generateHar } from './har-generator';

const [outDir, megabytes] = [process.argv[2]!, Number(process.argv[3] ?? 50)];
/** `live`: collect garbage before every sample, so the peaks are memory actually held, not garbage not yet collected. */
const live = process.argv[4] === 'live';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

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
    peak.external = Math.max(peak.external, m.external + m.arrayBuffers);
  };
  take();
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
let t = performance.now();
const preview = await previewBundle({ ...draft, har: har as never, logs: [] }, { workDir: outDir });
const previewMs = performance.now() - t;
const previewMainCpuMs = cpuMs(process.threadCpuUsage(mainCpu0));
const previewAllCpuMs = cpuMs(process.cpuUsage(allCpu0));
const previewIdleMs = performance.eventLoopUtilization(elu0).idle;
const previewPeak = stop();
gc();

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
