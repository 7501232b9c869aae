import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSupportService } from '../../../main/core/support-service';
import { channels } from '../../../shared/ipc/contract';
import { TRIAGE_FIRST_ROWS } from '../../../shared/triage/triage-view';
import { writeSyntheticBundle } from '../triage/synthetic-bundles';

const T0 = Date.parse('2026-12-04T08:00:00Z');
const COUNT = TRIAGE_FIRST_ROWS + 12;
const merchant = (i: number) => `2088${String(i).padStart(12, '0')}`;

let dir: string;
let folder: string;
let service: ReturnType<typeof createSupportService>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baitiao-support-rows-'));
  folder = join(dir, 'inbox');
  // One bundle a minute: shop i diagnosed at minute i, so newest first is shop COUNT down to shop 1.
  for (let i = 1; i <= COUNT; i++) {
    await writeSyntheticBundle(join(folder, `shop-${i}.zip`), {
      merchantNo: merchant(i),
      outcome: i % 2 ? 'BLANK_PAGE' : 'REDIRECT_OK',
      at: T0 + i * 60_000,
    });
  }
  service = createSupportService({ dataDir: join(dir, 'data'), pickFolder: async () => folder });
});
afterEach(async () => {
  service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('triage view: the first page with the view, the rest by triage.rows', () => {
  it('sends one page first, then the rest in order, with handles that open the right bundle', async () => {
    const opened = await service.openFolder('triage-1');
    if (!opened.picked) throw new Error('the stub dialog picked a folder');
    const { view } = opened;
    // What crosses the IPC is what the contract says.
    expect(channels['triage.openFolder'].output.parse(opened)).toEqual(opened);
    expect(view.summary.bundles).toBe(COUNT);
    expect(view.rows).toHaveLength(TRIAGE_FIRST_ROWS);
    expect(view.rowsMore).toBe(COUNT - TRIAGE_FIRST_ROWS);
    expect(view.rowsLeftOut).toBe(0);
    expect(view.rows[0]!.merchant_no).toBe(merchant(COUNT));

    const rest = await service.rows(view.serial, view.rows.length);
    expect(channels['triage.rows'].output.parse(rest)).toEqual(rest);
    if (!rest.current) throw new Error('the view is the latest');
    const all = [...view.rows, ...rest.rows];
    expect(all.map((row) => row.merchant_no)).toEqual(
      Array.from({ length: COUNT }, (_, i) => merchant(COUNT - i)),
    );
    expect(new Set(all.map((row) => row.id)).size).toBe(COUNT);

    // A row from the rest opens its own bundle.
    const last = rest.rows.at(-1)!;
    const bundle = await service.openTriageBundle(last.id);
    expect(bundle.ok && bundle.bundle.report.report_id).toBe(last.report_id);
  });

  it('gives nothing for a view a later one replaced (its handles are gone)', async () => {
    const first = await service.openFolder('triage-1');
    const again = await service.openFolder('triage-2');
    if (!first.picked || !again.picked) throw new Error('the stub dialog picked a folder');
    // The second open is read from the index (no verification), and is a view of its own.
    expect(again.view.fresh).toBe(false);
    expect(again.view.serial).toBeGreaterThan(first.view.serial);
    expect(await service.rows(first.view.serial, TRIAGE_FIRST_ROWS)).toEqual({ current: false });
    const rest = await service.rows(again.view.serial, TRIAGE_FIRST_ROWS);
    expect(rest.current && rest.rows).toHaveLength(COUNT - TRIAGE_FIRST_ROWS);
  });
});
