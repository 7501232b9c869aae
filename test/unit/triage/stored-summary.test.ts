import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inlineVerifier, readRowsPage, runTriage, summaryFromIndex, TriageIndex } from '../../../main/triage';
import { DEFAULT_INCIDENT_RULE } from '../../../shared/triage/triage-view';
import { writeSyntheticBundle } from './synthetic-bundles';

const T0 = Date.parse('2026-12-04T08:00:00Z');
const merchant = (i: number) => `2088${String(i).padStart(12, '0')}`;
const RULE = DEFAULT_INCIDENT_RULE;
const key = (prefix: string) => ({ prefix, sinceMs: 0, ...RULE });

let dir: string;
let folder: string;
let prefix: string;
let index: TriageIndex;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baitiao-stored-summary-'));
  folder = join(dir, 'inbox');
  prefix = `${folder}/`;
  index = TriageIndex.open(join(dir, 'index.sqlite'));
  for (let i = 1; i <= 6; i++) {
    await writeSyntheticBundle(join(folder, `shop-${i}.zip`), {
      merchantNo: merchant(i),
      outcome: 'GATEWAY_TIMEOUT',
      at: T0 + i * 60_000,
    });
  }
});
afterEach(async () => {
  index.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the summary stored in the index (what 打开文件夹 shows at once)', () => {
  it('is stored by each triage and read back while the index has not changed', async () => {
    const run = await runTriage(folder, { index, verifier: inlineVerifier() });
    const stored = index.storedSummary(key(prefix));
    expect(stored?.generation).toBe(index.generation());
    expect(JSON.parse(stored!.json)).toEqual(run.summary);
    expect(summaryFromIndex(index, { prefix, sinceMs: 0 }, RULE)).toEqual(run.summary);

    // Read back, not recomputed: a stored answer at the current generation is what comes back.
    index.storeSummary(key(prefix), index.generation(), JSON.stringify({ ...run.summary, bundles: 999 }));
    expect(summaryFromIndex(index, { prefix, sinceMs: 0 }, RULE).bundles).toBe(999);
  });

  it('is recomputed once the index changed, or when the stored row is damaged', async () => {
    await runTriage(folder, { index, verifier: inlineVerifier() });
    const before = index.generation();
    await writeSyntheticBundle(join(folder, 'shop-7.zip'), {
      merchantNo: merchant(7),
      outcome: 'BLANK_PAGE',
      at: T0,
    });
    // Another triage (the CLI, say) recorded the new file: the generation moved on.
    const again = await runTriage(folder, { index, verifier: inlineVerifier() });
    expect(index.generation()).toBeGreaterThan(before);
    expect(again.summary.bundles).toBe(7);

    index.storeSummary(key(prefix), index.generation(), '{"bundles": "not a summary"');
    expect(summaryFromIndex(index, { prefix, sinceMs: 0 }, RULE)).toEqual(again.summary);
    // An older generation's row is not trusted either.
    index.storeSummary(key(prefix), before, JSON.stringify({ ...again.summary, bundles: 999 }));
    expect(summaryFromIndex(index, { prefix, sinceMs: 0 }, RULE).bundles).toBe(7);
  });

  it('a re-run with nothing new keeps the stored summary current', async () => {
    await runTriage(folder, { index, verifier: inlineVerifier() });
    const generation = index.generation();
    await runTriage(folder, { index, verifier: inlineVerifier() });
    expect(index.generation()).toBe(generation);
  });
});

describe('a page of the table, straight from the index', () => {
  it('lists newest first, a bundle saved twice once at its first path, pages joining up', async () => {
    await copyFile(join(folder, 'shop-3.zip'), join(folder, 'a-copy-of-shop-3.zip'));
    await runTriage(folder, { index, verifier: inlineVerifier() });
    const scope = { prefix, sinceMs: 0 };
    const all = readRowsPage(index.db, scope, 0, 100);
    expect(all.map((row) => row.merchantNo)).toEqual([6, 5, 4, 3, 2, 1].map(merchant));
    expect(all.find((row) => row.merchantNo === merchant(3))!.path).toBe(
      join(folder, 'a-copy-of-shop-3.zip'),
    );
    const pages = [...readRowsPage(index.db, scope, 0, 4), ...readRowsPage(index.db, scope, 4, 4)];
    expect(pages).toEqual(all);
    // Since: only diagnoses at or after it.
    expect(readRowsPage(index.db, { prefix, sinceMs: T0 + 5 * 60_000 }, 0, 100)).toHaveLength(2);
  });
});
