import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../main/core/app-core';
import { FILE_GRANT_TTL_MS, FileGrants, FileGrantError } from '../../../main/core/file-grants';

/**
 * A compromised renderer must not be able to name a file: every channel that reads or writes one takes a
 * token main issued for a file the user chose in main's dialog or dropped on the window.
 */
const dir = mkdtempSync(join(tmpdir(), 'bt-file-tokens-'));
let core: AppCore;
beforeAll(async () => {
  core = await createAppCore({
    dataDir: join(dir, 'data'),
    demo: false,
    pickFile: async (kind) => (kind === 'bundle' ? join(dir, 'picked.zip') : null),
  });
});
afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('IPC takes no file paths from the renderer', () => {
  it.each([
    ['bundle.open', { path: '/etc/passwd' }],
    ['bundle.open', { file: '/etc/passwd' }],
    ['bundle.open', { file: 'C:\\Users\\shop\\secret.zip' }],
    ['stores.import', { storePath: '/home/shop/store.json' }],
    ['stores.import', { storeFile: '/home/shop/store.json' }],
    ['stores.import', { storeFile: 'a'.repeat(32), platformPath: '/etc/shadow' }],
    ['report.export', { reportId: 'r1', path: '/home/shop/.bashrc' }],
    ['outbox.retryNow', { reportId: '../../../home/shop' }],
    ['outbox.pollTicket', { reportId: '../settings' }],
  ])('%s %j: refused as invalid input, before any handler runs', async (channel, input) => {
    const answer = await core.dispatch(channel, input);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('a token main never issued (a guess) is refused, and says to choose the file again', async () => {
    for (const [channel, input] of [
      ['bundle.open', { file: 'f'.repeat(32) }],
      ['stores.import', { storeFile: '0'.repeat(32) }],
    ] as const) {
      const answer = await core.dispatch(channel, input);
      expect(answer).toMatchObject({ ok: false, error: { code: 'HANDLER_FAILED' } });
      if (!answer.ok) expect(answer.error.message).toMatch(/choose the file again/);
    }
  });

  it("main's own dialog gives a token and a name, never the path; the token opens that file", async () => {
    writeFileSync(join(dir, 'picked.zip'), 'not a zip at all');
    const picked = await core.dispatch('stores.pickFile', { kind: 'bundle' });
    expect(picked).toMatchObject({ ok: true, data: { file: { name: 'picked.zip' } } });
    if (!picked.ok) return;
    const { file } = picked.data as { file: { token: string; name: string } };
    expect(JSON.stringify(picked.data)).not.toContain(dir);
    const opened = await core.dispatch('bundle.open', { file: file.token });
    expect(opened).toMatchObject({ ok: true, data: { ok: false, problems: [{ code: 'NOT_A_ZIP' }] } });
    expect(await core.dispatch('stores.pickFile', { kind: 'store' })).toEqual({
      ok: true,
      data: { file: null },
    });
  });
});

describe('the token table', () => {
  it('lapses after its time, holds only absolute paths, and stays bounded', () => {
    let now = 0;
    const grants = new FileGrants(() => now);
    const { token, name } = grants.grant('/home/shop/store.json');
    expect(name).toBe('store.json');
    expect(grants.path(token)).toBe('/home/shop/store.json');
    now += FILE_GRANT_TTL_MS;
    expect(() => grants.path(token)).toThrow(FileGrantError);
    expect(() => grants.grant('relative/store.json')).toThrow();
    const first = grants.grant('/a/0.json').token;
    for (let i = 1; i <= 64; i++) grants.grant(`/a/${i}.json`);
    expect(() => grants.path(first)).toThrow(FileGrantError);
  });
});
