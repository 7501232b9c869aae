import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { it } from 'vitest';
import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import { launchChromium, openSession, startRendererServer } from '../../test/e2e/harness';
import { writeSyntheticBundle } from '../../test/unit/triage/synthetic-bundles';
import { machineLine, median, writeBenchmarkSection } from '../support/benchmarks-file';

const HEADING = '## Triage (issue 18)';
const TOTAL = 10_000;
const SUBSET = 2_500;
const PAINT_ROUNDS = 5;

/** Deterministic PRNG (mulberry32), so every run triages the same folder. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const OUTCOMES: OutcomeCode[] = [
  'REDIRECT_OK',
  'REDIRECT_OK',
  'SIGN_INVALID',
  'DOMAIN_NOT_AUTHORIZED',
  'CLOCK_SKEW',
  'BLANK_PAGE',
  'CASHIER_TIMEOUT',
  'GATEWAY_ERROR',
];

/**
 * A month of a busy support inbox: 10,000 bundles from 3,000 shops over 30 days, one outcome each, with
 * a 40-shop GATEWAY_TIMEOUT outage on day 12, and 1 % broken files. The first SUBSET go to part-a/.
 */
async function generate(root: string): Promise<void> {
  const next = random(18);
  const start = Date.parse('2026-11-01T00:00:00Z');
  for (let i = 0; i < TOTAL; i++) {
    const part = i < SUBSET ? 'part-a' : 'part-b';
    const file = join(root, part, `d${Math.floor(i / 500)}`, `bundle-${i}.zip`);
    if (i % 100 === 99) {
      mkdirSync(join(root, part, `d${Math.floor(i / 500)}`), { recursive: true });
      writeFileSync(file, 'not a bundle');
      continue;
    }
    const outage = i % 250 === 7;
    await writeSyntheticBundle(file, {
      merchantNo: `2088${String(Math.floor(next() * 3000)).padStart(12, '0')}`,
      outcome: outage ? 'GATEWAY_TIMEOUT' : OUTCOMES[Math.floor(next() * OUTCOMES.length)]!,
      at: outage
        ? start + 11 * 86_400_000 + Math.floor(next() * 25 * 60_000)
        : start + Math.floor(next() * 30 * 86_400_000),
    });
  }
}

/** The built CLI in a child process: wall time and peak RSS (worker threads included). */
function cli(args: string[]): {
  ms: number;
  rssMb: number;
  json: { bundles: number; refused: unknown[]; incidents: unknown[] };
} {
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [join(import.meta.dirname, 'rss-child.mjs'), ...args, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  if (child.status !== 0) throw new Error(`triage failed (${child.status}): ${child.stderr}`);
  const rss = /MAXRSS_KB (\d+)/.exec(child.stderr);
  return { ms, rssMb: Number(rss?.[1] ?? 0) / 1024, json: JSON.parse(child.stdout) };
}

/**
 * Runs in the page (a string: this file is compiled without the DOM's types). Start: the press of the
 * mouse on 打开文件夹 (pointerdown, caught before the app's own handlers). End: the first frame after the
 * table's first row is in the document (requestAnimationFrame, then a task: that frame has been painted).
 * Resolves with the milliseconds between, and what that row says (its file and outcome), so the bench
 * can check it is the index's newest bundle and not a placeholder.
 */
const PAINT_AFTER_PRESS = `new Promise((resolve) => {
  document.addEventListener('pointerdown', () => {
    const t0 = performance.now();
    const observer = new MutationObserver(() => {
      const row = document.querySelector('[data-testid="triage-row"]');
      if (!row) return;
      observer.disconnect();
      const file = row.querySelector('td:last-child')?.textContent ?? '';
      const outcome = row.getAttribute('data-outcome');
      requestAnimationFrame(() => setTimeout(() => resolve({ ms: performance.now() - t0, file, outcome })));
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, { capture: true, once: true });
})`;

/** The newest bundle in the index (the table's first row), as the table names it. */
function newestInIndex(file: string, folder: string): { file: string; outcome: string } {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const row = db
      .prepare('SELECT path, outcome FROM bundles ORDER BY diagnosed_ms DESC, path LIMIT 1')
      .get() as {
      path: string;
      outcome: string | null;
    };
    return { file: relative(folder, row.path).split('\\').join('/'), outcome: row.outcome ?? 'none' };
  } finally {
    db.close();
  }
}

it('triage: first index of 10,000 bundles, a re-run with nothing new, the table first paint', async () => {
  const root = mkdtempSync(join(tmpdir(), 'baitiao-triage-bench-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'baitiao-triage-bench-data-'));
  try {
    const g0 = performance.now();
    await generate(join(root, 'inbox'));
    const generateMs = performance.now() - g0;

    const small = cli(['triage', join(root, 'inbox', 'part-a'), '--index', join(root, 'small.sqlite')]);
    const first = cli(['triage', join(root, 'inbox'), '--index', join(root, 'full.sqlite')]);
    const again = cli(['triage', join(root, 'inbox'), '--index', join(root, 'full.sqlite')]);

    // First paint: support mode opening the same folder, the index already there (the app's data folder).
    copyFileSync(join(root, 'full.sqlite'), join(dataDir, 'triage-index.sqlite'));
    const newest = newestInIndex(join(dataDir, 'triage-index.sqlite'), join(root, 'inbox'));
    const browser = await launchChromium();
    const server = await startRendererServer();
    const paints: number[] = [];
    const outer: number[] = [];
    try {
      const session = await openSession(browser, server, {
        dataDir,
        dialogs: { pickFolder: async () => join(root, 'inbox') },
      });
      for (let i = 0; i < PAINT_ROUNDS; i++) {
        // A fresh page each round: open() only changes the hash of a page already there, which would
        // leave the last round's table up (the first row visible before the click) and the screen's
        // code warm, measuring a re-open instead of a first paint.
        await session.page.goto('about:blank');
        await session.open('#/support');
        // The page times itself: from the press on 打开文件夹 to the first frame after the first row is in the
        // document. Playwright's own part (actionability checks before the click, polling for the row, and
        // main's work sharing this Node process with the test runner) is timed apart as the outer figure.
        const painted = session.page.evaluate<{ ms: number; file: string; outcome: string }>(
          PAINT_AFTER_PRESS,
        );
        const t0 = performance.now();
        await session.page.getByTestId('triage-open-folder').click();
        await session.page.getByTestId('triage-row').first().waitFor({ state: 'visible', timeout: 60_000 });
        outer.push(performance.now() - t0);
        const first = await painted;
        // Not gamed: the row painted is the index's newest bundle, read from the index.
        if (first.file !== newest.file || first.outcome !== newest.outcome) {
          throw new Error(
            `first row ${JSON.stringify(first)} is not the index's newest ${JSON.stringify(newest)}`,
          );
        }
        paints.push(first.ms);
        // The look for new files that follows must end before the next round.
        await session.page.getByTestId('triage-working').waitFor({ state: 'hidden', timeout: 120_000 });
      }
      await session.close();
    } finally {
      await browser.close();
      await server.close();
    }

    const row = (name: string, value: string, goal: string, ok: boolean) =>
      `| ${name} | ${value} | ${goal} | ${ok ? '✓' : '✗'} |`;
    const section = [
      HEADING,
      '',
      machineLine(),
      `Generated ${TOTAL.toLocaleString('en')} synthetic bundles (bench/triage; 3,000 shops, 30 days, 1 % broken files, one 40-shop outage) in ${(generateMs / 1000).toFixed(1)} s; not committed.`,
      'The built CLI (`baitiao-doctor triage DIR --json`) in a child process, timed from spawn to exit (Node start-up included);',
      'peak RSS from `process.resourceUsage().maxRSS`, worker threads included. First paint: support mode in Chromium (the e2e harness),',
      'the index the CLI runs above left (summary stored in it, current) copied into the data folder, a freshly loaded page each round.',
      "Start: the press (pointerdown) on 打开文件夹, in the page; the dialog answers at once. End: the first frame after the table's first row is in the document (requestAnimationFrame, then a task).",
      "Between: main reads the folder's summary and the table's first 20 rows from the index, the page draws them; the look through the folder for new files starts after that frame.",
      `Each round checks the row painted is the index's newest bundle (its file and outcome, read from the index). Median of ${PAINT_ROUNDS}.`,
      `The same rounds timed from outside by Playwright (its actionability checks, polling, and main sharing the test runner's process included): median ${median(outer).toFixed(0)} ms (all: ${outer.map((p) => p.toFixed(0)).join(', ')}).`,
      '',
      '| measure | result | goal | |',
      '|---|---:|---|---|',
      row(
        `first index, ${SUBSET.toLocaleString('en')} bundles`,
        `${(small.ms / 1000).toFixed(1)} s, peak RSS ${small.rssMb.toFixed(0)} MB`,
        '—',
        true,
      ),
      row(
        `first index, ${TOTAL.toLocaleString('en')} bundles`,
        `${(first.ms / 1000).toFixed(1)} s`,
        '≤ 60 s',
        first.ms <= 60_000,
      ),
      row(
        `peak RSS, ${TOTAL.toLocaleString('en')} vs ${SUBSET.toLocaleString('en')}`,
        `${first.rssMb.toFixed(0)} MB vs ${small.rssMb.toFixed(0)} MB`,
        'flat (does not grow with the count)',
        first.rssMb <= small.rssMb * 1.25,
      ),
      row('re-run, nothing new', `${(again.ms / 1000).toFixed(2)} s`, '≤ 2 s', again.ms <= 2_000),
      row(
        'triage table first paint from the index',
        `${median(paints).toFixed(0)} ms (all: ${paints.map((p) => p.toFixed(0)).join(', ')})`,
        '< 300 ms',
        median(paints) < 300,
      ),
      '',
      `Found: ${first.json.bundles} valid bundles, ${first.json.refused.length} refused, ${first.json.incidents.length} incident(s).`,
    ].join('\n');
    console.log(section);
    writeBenchmarkSection(HEADING, section);
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
});
