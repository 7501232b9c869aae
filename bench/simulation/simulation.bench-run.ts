import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { chromium, type Browser } from 'playwright-core';
import { it } from 'vitest';
import { createGatewayClient } from '../../main/gateway-client';
import { startSandbox, type Sandbox } from '../../main/sandbox';
import { BUYER_VIEWPORT, findBrowser, runSimulation, type BrowserLauncher } from '../../main/simulation';
import { createNssTrustHome, findCertutil, type NssTrustHome } from '../../main/simulation/nss-trust-home';
import { createPlaywrightLauncher, SIMULATION_BROWSER_ARGS } from '../../main/simulation/playwright-launcher';
import { diagnosticOutTradeNo } from '../../main/simulation/prepay-call';
import { PrepayDataSchema } from '../../shared/protocol/gateway';
import { median, writeBenchmarkSection } from '../support/benchmarks-file';

const HEADING = '## Simulation (issue 4)';
const TIMING_ROUNDS = 15;
const MEMORY_RUNS = 50;
const SETTLE_MS = 1000;

/** A full collection before reading the Node heap, so the figure is what is kept, not garbage not yet swept. */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const p95 = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length, Math.ceil(0.95 * s.length)) - 1]!;
};
const fmt = (ms: number): string => ms.toFixed(1);

/**
 * Processes under this one that are Chromium's (Debian's /usr/bin/chromium is a wrapper script that execs
 * /usr/lib/chromium/chromium, so the name is matched, not the path): the engine and all its children.
 */
function browserProcesses(): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const descends = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p))
      if (p === process.pid) return true;
    return false;
  };
  return [...parents.keys()].filter((pid) => {
    if (!descends(pid)) return false;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
      return cmd.includes('chrom');
    } catch {
      return false;
    }
  });
}

/** PSS (shared pages split between sharers, so a tree's figures add up honestly), in MiB. */
function treeMemory(): { pssMiB: number; processes: number } {
  let kib = 0;
  const pids = browserProcesses();
  for (const pid of pids) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      kib += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return { pssMiB: kib / 1024, processes: pids.length };
}

/** The same chain with nothing of ours in the page: prepay, goto, wait for the ready attribute. */
async function barePlaywrightRun(browser: Browser, sandbox: Sandbox): Promise<number> {
  const context = await browser.newContext({ viewport: BUYER_VIEWPORT, locale: 'zh-CN' });
  const page = await context.newPage();
  const client = createGatewayClient({
    profile: sandbox.profile,
    store: {
      appId: sandbox.store.appId,
      merchantNo: sandbox.store.merchantNo,
      privateKeyPem: sandbox.merchantPrivateKeyPem,
      charset: 'UTF-8',
    },
  });
  try {
    const t0 = performance.now();
    const answer = await client.call('baitiao.prepay', {
      out_trade_no: diagnosticOutTradeNo(),
      amount: sandbox.store.testOrder.amount,
      subject: sandbox.store.testOrder.subject,
      installments: 3,
      return_url: sandbox.store.returnUrl,
      notify_url: sandbox.store.notifyUrl,
      diagnostic: true,
    });
    const { cashier_url } = PrepayDataSchema.parse(answer.body?.data);
    await page.goto(cashier_url, { waitUntil: 'commit' });
    await page.waitForFunction("document.documentElement.dataset.cashierState === 'ready'", undefined, {
      polling: 'raf',
      timeout: 10_000,
    });
    return performance.now() - t0;
  } finally {
    client.close();
    await context.close();
  }
}

async function ourRun(launcher: BrowserLauncher, sandbox: Sandbox) {
  const result = await runSimulation({
    profile: sandbox.profile,
    store: sandbox.store,
    privateKeyPem: sandbox.merchantPrivateKeyPem,
    browser: launcher,
    inspectStorePage: false,
  });
  if (result.outcome !== 'REDIRECT_OK' || result.timeToReadyMs === null) {
    throw new Error(`healthy sandbox gave ${result.outcome}: ${result.outcomeDetail.reason}`);
  }
  return result;
}

/**
 * Time from prepay to the cashier's ready state against the healthy sandbox, our run (CDP gate, body
 * capture, state observer, recorder) beside a bare Playwright load of the same chain in the same
 * Chromium build and trust, alternating; then the engine's memory after 1 run and after 50.
 */
it('simulation: prepay → ready vs bare Playwright; engine memory after 50 runs', async () => {
  const found = findBrowser();
  const certutil = findCertutil();
  if (!found.found || !certutil) throw new Error('the benchmark needs Chromium and certutil (libnss3-tools)');
  const sandbox = await startSandbox({ scenario: 'healthy' });
  const launcher = createPlaywrightLauncher({ executablePath: found.path });
  let bare: Browser | null = null;
  let trustHome: NssTrustHome | null = null;
  try {
    trustHome = await createNssTrustHome(sandbox.profile.extraCaCertificates, certutil);
    bare = await chromium.launch({
      executablePath: found.path,
      args: [...SIMULATION_BROWSER_ARGS],
      chromiumSandbox: process.getuid?.() !== 0,
      env: { ...process.env, HOME: trustHome.home },
    });
    for (let i = 0; i < 2; i += 1) {
      await ourRun(launcher, sandbox);
      await barePlaywrightRun(bare, sandbox);
    }
    const ours: number[] = [];
    const oursCashier: number[] = [];
    const oursPrepay: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < TIMING_ROUNDS; i += 1) {
      const result = await ourRun(launcher, sandbox);
      ours.push(result.timeToReadyMs!);
      oursPrepay.push(result.prepay.durationMs);
      oursCashier.push(result.cashier.readyAfterMs!);
      baseline.push(await barePlaywrightRun(bare, sandbox));
    }
    await bare.close();
    bare = null;

    const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const memory: { run: number; pssMiB: number; processes: number; heapMiB: number }[] = [];
    const chromiumVersion = (await ourRun(launcher, sandbox)).browser.product;
    for (let run = 1; run <= MEMORY_RUNS; run += 1) {
      await ourRun(launcher, sandbox);
      if (run === 1 || run === 10 || run === MEMORY_RUNS) {
        await settle();
        collectGarbage();
        memory.push({ run, ...treeMemory(), heapMiB: process.memoryUsage().heapUsed / 1024 / 1024 });
      }
    }
    const first = memory[0]!;
    const last = memory.at(-1)!;
    const growth = last.pssMiB / first.pssMiB;
    const ratio = median(ours) / median(baseline);

    const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
    const section = [
      HEADING,
      '',
      `Machine: nproc ${nproc}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${chromiumVersion} (${found.path}), ${process.platform}; date ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `Time from the start of the signed prepay to the cashier's ready state, healthy sandbox on loopback (its page renders`,
      `150 ms after load), ${TIMING_ROUNDS} rounds after 2 warm-up rounds, ours and the baseline alternating, each in a fresh`,
      `browser context. Ours: \`runSimulation\` (Fetch gate on every document, raw body capture, state observer binding,`,
      `full CDP recorder; the store-page stage off). Baseline: the same prepay, then Playwright \`page.goto(cashier_url)\` and`,
      `\`waitForFunction\` on the ready attribute (rAF polling) in a second Chromium of the same build and trust.`,
      '',
      '| measure (ms) | ours | bare Playwright | ours / bare |',
      '|---|---:|---:|---:|',
      `| prepay → ready, median | ${fmt(median(ours))} | ${fmt(median(baseline))} | ${ratio.toFixed(2)} |`,
      `| prepay → ready, p95 | ${fmt(p95(ours))} | ${fmt(p95(baseline))} | ${(p95(ours) / p95(baseline)).toFixed(2)} |`,
      `| of which prepay call, median | ${fmt(median(oursPrepay))} | – | – |`,
      `| of which cashier request → ready, median | ${fmt(median(oursCashier))} | – | – |`,
      '',
      `Engine memory: PSS summed over the Chromium process tree (browser, renderers, GPU/utility) the launcher keeps`,
      `for a series, ${SETTLE_MS} ms after the run ended, ${MEMORY_RUNS} healthy runs in a row (full runs with inline`,
      `screenshots, store page off). Node heap of this process beside it, after a full GC.`,
      '',
      '| after run | Chromium PSS (MiB) | processes | Node heap used (MiB) |',
      '|---:|---:|---:|---:|',
      ...memory.map(
        (m) => `| ${m.run} | ${m.pssMiB.toFixed(1)} | ${m.processes} | ${m.heapMiB.toFixed(1)} |`,
      ),
      '',
      `Growth after ${MEMORY_RUNS} runs vs after 1: ×${growth.toFixed(2)} (${growth <= 1.1 ? 'no growth' : 'GROWTH: look into it'}).`,
      '',
      'Run: `npx vitest run --project bench bench/simulation` (writes this section).',
    ].join('\n');
    console.log(section);
    writeBenchmarkSection(HEADING, section);
  } finally {
    await bare?.close();
    await launcher.close();
    await trustHome?.dispose();
    await sandbox.close();
  }
  if (!existsSync('/proc/self/smaps_rollup')) console.warn('no /proc: memory figures are zero');
});
