import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithRegisteredKey, generateMerchantKeyPair, type GeneratedKeyPair } from '../../../main/keys';
import { startSandbox, type Sandbox } from '../../../main/sandbox';
import { request } from '../sandbox/https-helpers';

/**
 * 沙箱商家后台 over HTTPS on loopback: the key-mismatch scenario holds an old key, and the page registers
 * the store's new public key so the platform verifies with it from the next call on.
 */
describe('sandbox back office (沙箱商家后台)', () => {
  let sandbox: Sandbox;
  let fresh: GeneratedKeyPair;
  beforeAll(async () => {
    [sandbox, fresh] = await Promise.all([
      startSandbox({ scenario: 'key-mismatch' }),
      generateMerchantKeyPair(),
    ]);
  });
  afterAll(() => sandbox?.close());

  const post = (publicKey: string) =>
    request(sandbox, sandbox.backOfficeUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ public_key: publicKey }).toString(),
    });
  const registeredWith = (privateKeyPem: string) =>
    compareWithRegisteredKey({ profile: sandbox.profile, store: sandbox.store, privateKeyPem });

  it('key-mismatch: the platform refuses the store key; the page is HTTPS on loopback and names the merchant', async () => {
    expect(new URL(sandbox.backOfficeUrl).protocol).toBe('https:');
    expect(['127.0.0.1', '[::1]']).toContain(new URL(sandbox.backOfficeUrl).hostname);
    expect((await registeredWith(sandbox.merchantPrivateKeyPem)).kind).toBe('signature-refused');
    const page = await request(sandbox, sandbox.backOfficeUrl);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('沙箱商家后台');
    expect(page.text).toContain(sandbox.store.merchantNo);
  });

  it('a pasted private key is refused, and neither stored nor echoed', async () => {
    const answer = await post(fresh.privateKeyPem);
    expect(answer.status).toBe(400);
    expect(answer.text).toContain('您粘贴的是私钥');
    const body = fresh.privateKeyPem.split('\n')[1]!;
    expect(answer.text).not.toContain(body);
    expect((await registeredWith(fresh.privateKeyPem)).kind).toBe('signature-refused');
  });

  it('junk and short keys are refused with what to paste', async () => {
    const junk = await post('hello');
    expect(junk.status).toBe(400);
    expect(junk.text).toContain('不是有效的 RSA 公钥');
    const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
    const short = await post(weak.export({ type: 'spki', format: 'pem' }).toString());
    expect(short.status).toBe(400);
    expect(short.text).toContain('只有 1024 位');
  });

  it('the one-line public key registers; the platform then answers with its fingerprint', async () => {
    const answer = await post(fresh.publicKeyOneLine);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`已保存`);
    expect(answer.text).toContain(fresh.fingerprint);
    expect(await registeredWith(fresh.privateKeyPem)).toEqual({
      kind: 'same',
      ours: fresh.fingerprint,
      registered: fresh.fingerprint,
    });
  });

  it('the registration outlives a switch to healthy, and entering key-mismatch again makes the key stale', async () => {
    sandbox.setScenario('healthy');
    expect((await registeredWith(fresh.privateKeyPem)).kind).toBe('same');
    sandbox.setScenario('key-mismatch');
    expect((await registeredWith(fresh.privateKeyPem)).kind).toBe('signature-refused');
    // A PEM public key registers as well as the one line.
    expect(
      (await post(createPublicKey(fresh.privateKeyPem).export({ type: 'spki', format: 'pem' }).toString()))
        .status,
    ).toBe(200);
    expect((await registeredWith(fresh.privateKeyPem)).kind).toBe('same');
  });
});
