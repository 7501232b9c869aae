import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryKeyVault } from '../../../main/config';
import { createAppCore, type AppCore } from '../../../main/core/app-core';
import { generateMerchantKeyPair, type GeneratedKeyPair } from '../../../main/keys';

/**
 * 密钥工具 through the IPC dispatcher, as the renderer calls it: inputs validated, the private key only in
 * the vault or in a file the save dialog chose, files picked in main's dialog (here a queue of answers).
 */
describe('key tool over IPC (demo store)', () => {
  const work = mkdtempSync(join(tmpdir(), 'bt-keytool-'));
  const vault = new MemoryKeyVault();
  const picks: Array<string | null> = [];
  const saves: Array<string | null> = [];
  let core: AppCore;
  let other: GeneratedKeyPair;
  const invoke = async (channel: string, input: unknown) => core.dispatch(channel, input);
  const data = async (channel: string, input: unknown) => {
    const answer = await invoke(channel, input);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.data as Record<string, unknown>;
  };

  beforeAll(async () => {
    [core, other] = await Promise.all([
      createAppCore({
        dataDir: join(work, 'data'),
        demo: true,
        keyVault: vault,
        pickFile: async () => picks.shift() ?? null,
        saveFile: async () => saves.shift() ?? null,
      }),
      generateMerchantKeyPair(),
    ]);
    writeFileSync(join(work, 'other_private.pem'), other.privateKeyPem);
    writeFileSync(join(work, 'other_public.txt'), `${other.publicKeyOneLine}\n`);
    writeFileSync(join(work, 'notes.txt'), 'not a key');
  });
  afterAll(async () => {
    await core?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('refuses input the contract does not allow', async () => {
    const weak = await invoke('keys.generate', { bits: 1024 });
    expect(weak.ok).toBe(false);
    if (!weak.ok) expect(weak.error.code).toBe('INVALID_INPUT');
    const extra = await invoke('keys.convert', { to: 'pkcs8', path: '/etc/passwd' });
    expect(extra.ok).toBe(false);
  });

  it('generate: the public half comes back, the private key goes to the vault and the demo store signs with it', async () => {
    const view = await data('keys.generate', {});
    expect(JSON.stringify(view)).not.toContain('PRIVATE KEY');
    expect(view.publicKeyOneLine).toMatch(/^MIIBIjAN/);
    expect(view.backOfficeUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/backoffice\/keys$/);
    const stored = await vault.get('demo');
    expect(stored).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    // The demo store now signs with the new key: the platform (holding the sandbox's key) refuses it.
    const run = await data('checklist.run', { taskId: 'k1', only: ['key.parse', 'key.sign-roundtrip'] });
    const results = run.results as Array<{ id: string; status: string }>;
    expect(results.find((r) => r.id === 'key.sign-roundtrip')?.status).toBe('fail');
  });

  it('savePrivateKey writes the vault’s key where the save dialog says, owner-only, never over a file', async () => {
    saves.push(join(work, 'saved.pem'));
    expect(await data('keys.savePrivateKey', undefined)).toEqual({ savedAs: 'saved.pem' });
    expect(readFileSync(join(work, 'saved.pem'), 'utf8')).toBe(await vault.get('demo'));
    expect(statSync(join(work, 'saved.pem')).mode & 0o777).toBe(0o600);
    saves.push(join(work, 'saved.pem'));
    expect((await invoke('keys.savePrivateKey', undefined)).ok).toBe(false);
    expect(await data('keys.savePrivateKey', undefined)).toEqual({ savedAs: null });
  });

  it('convert: a private key is saved, never returned; a public key comes back to copy', async () => {
    picks.push(join(work, 'other_private.pem'));
    saves.push(join(work, 'other_pkcs1.pem'));
    const privateOne = await data('keys.convert', { to: 'pkcs1' });
    expect(privateOne).toMatchObject({
      ok: true,
      kind: 'private',
      from: 'pkcs8',
      to: 'pkcs1',
      publicText: null,
      savedAs: 'other_pkcs1.pem',
    });
    const written = readFileSync(join(work, 'other_pkcs1.pem'), 'utf8');
    expect(written).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    expect(createPublicKey(written).export({ type: 'spki', format: 'pem' })).toBe(other.publicKeyPem);

    picks.push(join(work, 'other_public.txt'));
    const publicOne = await data('keys.convert', { to: 'pkcs8' });
    expect(publicOne).toMatchObject({
      ok: true,
      kind: 'public',
      from: 'one-line',
      publicText: other.publicKeyPem.trimEnd(),
    });

    picks.push(join(work, 'notes.txt'));
    const junk = await data('keys.convert', { to: 'pkcs8' });
    expect(junk).toMatchObject({ ok: false, fileName: 'notes.txt' });
    expect(await data('keys.convert', { to: 'pkcs8' })).toEqual({ ok: false, cancelled: true });
  });

  it('match: a pair, not a pair, two of a kind', async () => {
    picks.push(join(work, 'other_private.pem'), join(work, 'other_public.txt'));
    expect(await data('keys.match', undefined)).toMatchObject({
      ok: true,
      pair: true,
      publicFingerprint: other.fingerprint,
    });
    const third = await generateMerchantKeyPair();
    writeFileSync(join(work, 'third_public.pem'), third.publicKeyPem);
    picks.push(join(work, 'third_public.pem'), join(work, 'other_private.pem'));
    expect(await data('keys.match', undefined)).toMatchObject({
      ok: true,
      pair: false,
      privateFileName: 'other_private.pem',
    });
    picks.push(join(work, 'third_public.pem'), join(work, 'other_public.txt'));
    expect(await data('keys.match', undefined)).toMatchObject({ ok: false });
  });
});
