import { copyFile, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/run-cli';
import { inlineVerifier, runTriage, threadVerifier, TriageIndex } from '../../../main/triage';
import { TriageSummarySchema } from '../../../shared/triage/triage-view';
import { writeSyntheticBundle } from './synthetic-bundles';

const T0 = Date.parse('2026-12-04T08:00:00Z');
const MIN = 60_000;
const merchant = (i: number) => `2088${String(i).padStart(12, '0')}`;

let dir: string;
let folder: string;
let index: TriageIndex;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baitiao-triage-'));
  folder = join(dir, 'bundles');
  index = TriageIndex.open(join(dir, 'index.sqlite'));
});
afterEach(async () => {
  index.close();
  await rm(dir, { recursive: true, force: true });
});

/** A support inbox on a bad day: 6 shops time out within 25 min, 2 with a blank page, 1 healthy, 1 own fault. */
async function badDay(): Promise<void> {
  for (let i = 1; i <= 6; i++) {
    await writeSyntheticBundle(join(folder, `shop-${i}`, 'report.zip'), {
      merchantNo: merchant(i),
      outcome: 'GATEWAY_TIMEOUT',
      at: T0 + i * 5 * MIN,
    });
  }
  await writeSyntheticBundle(join(folder, 'blank-1.zip'), {
    merchantNo: merchant(7),
    outcome: 'BLANK_PAGE',
    at: T0,
  });
  await writeSyntheticBundle(join(folder, 'blank-2.zip'), {
    merchantNo: merchant(8),
    outcome: 'BLANK_PAGE',
    at: T0 + MIN,
  });
  await writeSyntheticBundle(join(folder, 'ok.zip'), {
    merchantNo: merchant(9),
    outcome: 'REDIRECT_OK',
    at: T0,
  });
  await writeSyntheticBundle(join(folder, 'sign.zip'), {
    merchantNo: merchant(10),
    outcome: 'SIGN_INVALID',
    at: T0,
    failing: ['key.matches-platform'],
  });
}

describe('triage of a folder of bundles', () => {
  it('groups by outcome and side, counts merchants, and finds the incident', async () => {
    await badDay();
    // The same bundle saved twice (the merchant sent it again) counts once.
    await copyFile(join(folder, 'blank-1.zip'), join(folder, 'blank-1 (copy).zip'));
    const run = await runTriage(folder, { index, verifier: inlineVerifier() });
    expect(run.found).toBe(11);
    expect(run.verifiedNow).toBe(11);
    const { summary } = run;
    expect(summary.bundles).toBe(10);
    expect(summary.refused).toEqual([]);
    const byOutcome = Object.fromEntries(summary.groups.map((g) => [g.outcome, g]));
    expect(byOutcome.GATEWAY_TIMEOUT).toEqual({
      outcome: 'GATEWAY_TIMEOUT',
      side: 'platform',
      count: 6,
      merchants: 6,
      first_seen: '2026-12-04T08:05:00.000Z',
      last_seen: '2026-12-04T08:30:00.000Z',
    });
    expect(byOutcome.BLANK_PAGE).toMatchObject({ count: 2, merchants: 2 });
    expect(byOutcome.REDIRECT_OK).toMatchObject({ side: 'none', count: 1 });
    expect(byOutcome.SIGN_INVALID).toMatchObject({ side: 'store', count: 1 });
    expect(summary.groups[0]!.outcome).toBe('GATEWAY_TIMEOUT');
    expect(summary.incidents).toEqual([
      {
        outcome: 'GATEWAY_TIMEOUT',
        side: 'platform',
        merchants: 6,
        from: '2026-12-04T08:05:00.000Z',
        to: '2026-12-04T08:30:00.000Z',
      },
    ]);
  });

  it('--since leaves earlier diagnoses out of the groups and incidents', async () => {
    await badDay();
    const run = await runTriage(folder, { index, verifier: inlineVerifier(), sinceMs: T0 + 16 * MIN });
    expect(run.summary.bundles).toBe(3);
    expect(run.summary.incidents).toEqual([]);
  });

  it('a hostile or broken bundle is refused with its reader code and the batch goes on', async () => {
    await badDay();
    await writeFile(join(folder, 'not-a-zip.zip'), 'this is a text file named .zip');
    await writeSyntheticBundle(join(folder, 'tampered.zip'), {
      merchantNo: merchant(11),
      outcome: 'GATEWAY_TIMEOUT',
      at: T0 + 10 * MIN,
      tamper: true,
    });
    await writeFile(join(folder, 'notes.txt'), 'not a bundle, not looked at');
    const run = await runTriage(folder, { index, verifier: inlineVerifier() });
    expect(run.summary.refused).toEqual([
      { file: join(folder, 'not-a-zip.zip'), code: 'NOT_A_ZIP' },
      { file: join(folder, 'tampered.zip'), code: 'HASH_MISMATCH' },
    ]);
    expect(run.summary.bundles).toBe(10);
    // The tampered bundle's merchant is not counted in the incident.
    expect(run.summary.incidents[0]!.merchants).toBe(6);
  });

  it('a re-run verifies only new or changed files and forgets deleted ones', async () => {
    await badDay();
    const first = await runTriage(folder, { index, verifier: inlineVerifier() });
    expect(first.verifiedNow).toBe(10);

    const again = await runTriage(folder, { index, verifier: inlineVerifier() });
    expect(again.verifiedNow).toBe(0);
    expect(again.summary).toEqual(first.summary);

    // One bundle replaced by another (new size and mtime), one added, one deleted.
    await writeSyntheticBundle(join(folder, 'ok.zip'), {
      merchantNo: merchant(9),
      outcome: 'GATEWAY_TIMEOUT',
      at: T0 + 20 * MIN,
      failing: ['platform.health'],
    });
    await utimes(join(folder, 'ok.zip'), new Date(), new Date(Date.now() + 5000));
    await writeSyntheticBundle(join(folder, 'new.zip'), {
      merchantNo: merchant(12),
      outcome: 'BLANK_PAGE',
      at: T0 + 2 * MIN,
    });
    await rm(join(folder, 'sign.zip'));
    const third = await runTriage(folder, { index, verifier: inlineVerifier() });
    expect(third.verifiedNow).toBe(2);
    expect(third.forgotten).toBe(1);
    const byOutcome = Object.fromEntries(third.summary.groups.map((g) => [g.outcome, g.count]));
    expect(byOutcome).toEqual({ GATEWAY_TIMEOUT: 7, BLANK_PAGE: 3 });
    expect(third.summary.incidents[0]!.merchants).toBe(7);
  });

  it('verifies in worker threads when the worker is built (the app and CLI do)', async () => {
    const script = join(import.meta.dirname, '../../../out/main/triage-worker.js');
    if (!existsSync(script)) {
      console.warn(
        `skipped: ${script} is not built (npx electron-vite build); the inline path is tested above`,
      );
      return;
    }
    await badDay();
    await writeFile(join(folder, 'broken.zip'), 'PK\u0003\u0004 broken');
    const verifier = threadVerifier(script, 2);
    try {
      const run = await runTriage(folder, { index, verifier });
      expect(run.summary.bundles).toBe(10);
      expect(run.summary.refused.map((r) => r.code)).toEqual(['NOT_A_ZIP']);
      expect(run.summary.incidents).toHaveLength(1);
    } finally {
      await verifier.close();
    }
  });
});

function io(language: CliIo['language'] = 'zh-CN') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      language,
      stopSignal: new AbortController().signal,
    },
  };
}

describe('baitiao-doctor triage', () => {
  it('--json prints exactly bundles, refused, groups and incidents; exit 0 even with refusals', async () => {
    await badDay();
    await writeFile(join(folder, 'junk.zip'), 'junk');
    const t = io();
    const code = await runCli(['triage', folder, '--json', '--index', join(dir, 'cli.sqlite')], t.io);
    expect(t.err).toEqual([]);
    expect(code).toBe(0);
    const printed = JSON.parse(t.out.join('\n')) as Record<string, unknown>;
    expect(Object.keys(printed)).toEqual(['bundles', 'refused', 'groups', 'incidents']);
    const summary = TriageSummarySchema.strict().parse(printed);
    expect(summary.bundles).toBe(10);
    expect(summary.refused).toEqual([{ file: join(folder, 'junk.zip'), code: 'NOT_A_ZIP' }]);
    for (const group of summary.groups) {
      expect(Object.keys(group)).toEqual([
        'outcome',
        'side',
        'count',
        'merchants',
        'first_seen',
        'last_seen',
      ]);
    }
    expect(Object.keys(summary.incidents[0]!)).toEqual(['outcome', 'side', 'merchants', 'from', 'to']);
  });

  it('prints incidents first in words, and takes the rule from --merchants and --window', async () => {
    await badDay();
    const t = io('en-US');
    const args = ['triage', folder, '--index', join(dir, 'cli.sqlite'), '--merchants', '2', '--window', '2m'];
    expect(await runCli(args, t.io)).toBe(0);
    const text = t.out.join('\n');
    expect(text).toMatch(
      /Incidents \(at least 2 merchants with the same outcome within 2 minutes\):\n {2}!! BLANK_PAGE {2}the platform {2}2 merchants/,
    );
    expect(text.indexOf('Incidents')).toBeLessThan(text.indexOf('By outcome'));
  });

  it('--export writes one JSON Lines file per table', async () => {
    await badDay();
    const out = join(dir, 'export');
    const t = io();
    expect(await runCli(['triage', folder, '--index', join(dir, 'cli.sqlite'), '--export', out], t.io)).toBe(
      0,
    );
    const lines = async (table: string) =>
      (await readFile(join(out, `${table}.jsonl`), 'utf8'))
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const bundles = await lines('bundles');
    expect(bundles).toHaveLength(10);
    expect(Object.keys(bundles[0]!)).toEqual([
      'report_id',
      'manifest_sha256',
      'file',
      'merchant_no',
      'diagnosed_at',
      'diagnosed_ms',
      'created_at',
      'outcome',
      'side',
      'verdict_status',
      'symptom',
      'app_version',
      'checks_failed',
      'checks_warned',
      'bytes',
    ]);
    expect(bundles[0]!.diagnosed_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
    const checks = await lines('checks');
    expect(checks.length).toBeGreaterThanOrEqual(50);
    expect(checks.find((c) => c.check_id === 'key.matches-platform')).toMatchObject({
      status: 'fail',
      check_group: 'key',
    });
    const hops = await lines('hops');
    expect(hops).toHaveLength(30); // 3 hops of the payment chain × 10 bundles
  });

  it('a folder that does not exist or a bad option is bad input: exit 2, naming it', async () => {
    const t = io('en-US');
    expect(await runCli(['triage', join(dir, 'nope'), '--index', join(dir, 'x.sqlite')], t.io)).toBe(2);
    expect(t.err.join('\n')).toContain('nope: no such folder');
    const u = io('en-US');
    await badDay();
    expect(await runCli(['triage', folder, '--since', 'yesterday'], u.io)).toBe(2);
    expect(u.err.join('\n')).toContain('--since: "yesterday"');
  });
});
