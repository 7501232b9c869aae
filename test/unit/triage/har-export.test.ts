import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBundleHar } from '../../../main/bundle/har-export';
import { unzipAll } from '../bundle/bundle-fixtures';
import { writeSyntheticBundle } from './synthetic-bundles';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baitiao-har-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('保存 HAR', () => {
  it('copies network.har byte for byte, for DevTools', async () => {
    const bundle = join(dir, 'b.zip');
    await writeSyntheticBundle(bundle, {
      merchantNo: '2088000000000001',
      outcome: 'BLANK_PAGE',
      at: Date.now(),
    });
    const result = await exportBundleHar(bundle, join(dir, 'b.har'));
    const member = (await unzipAll(bundle)).get('network.har')!;
    expect(result).toEqual({ saved: true, bytes: member.length });
    expect((await readFile(join(dir, 'b.har'))).equals(member)).toBe(true);
  });

  it('saves nothing from a bundle that no longer verifies', async () => {
    const bundle = join(dir, 'b.zip');
    await writeSyntheticBundle(bundle, {
      merchantNo: '2088000000000001',
      outcome: 'BLANK_PAGE',
      at: Date.now(),
      tamper: true,
    });
    expect(await exportBundleHar(bundle, join(dir, 'b.har'))).toEqual({
      saved: false,
      reason: 'not-verified',
    });
    expect(existsSync(join(dir, 'b.har'))).toBe(false);
  });
});
