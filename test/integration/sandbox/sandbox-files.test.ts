import { chmod, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, writeSandboxFiles, type Sandbox } from '../../../main/sandbox';
import { createGatewayClient } from '../../../main/gateway-client';
import { PlatformProfileSchema } from '../../../shared/config/platform-profile';
import { StoreConfigSchema } from '../../../shared/config/store-config';
import { SCENARIOS } from '../../../shared/sandbox/scenarios';
import { publicKeyFingerprint } from '../../../main/signing';
import { request } from './https-helpers';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = await mkdtemp(join(tmpdir(), 'baitiao-sandbox-'));
});
afterAll(async () => {
  await sandbox.close();
  await rm(dir, { recursive: true, force: true });
});

describe('startSandbox', () => {
  it('gives a valid sandbox profile and store on loopback, with this run’s CA and platform key', () => {
    const profile = PlatformProfileSchema.parse(sandbox.profile);
    expect(profile).toMatchObject({
      name: 'sandbox',
      cashierReadyBudgetMs: 5000,
      clockSkewToleranceSeconds: 300,
    });
    for (const url of [
      profile.gatewayUrl,
      profile.cashierOrigin,
      profile.supportApiUrl,
      sandbox.store.storeUrl,
    ]) {
      expect(new URL(url).hostname).toBe('127.0.0.1');
      expect(new URL(url).protocol).toBe('https:');
    }
    expect(profile.extraCaCertificates).toHaveLength(1);
    const store = StoreConfigSchema.parse(sandbox.store);
    expect(store).toMatchObject({ environment: 'sandbox', signType: 'RSA2', charset: 'UTF-8' });
    expect(store.appId).toMatch(/^BTSB/);
    expect(store.merchantPrivateKey).toBe(sandbox.merchantPrivateKeyPem);
    expect(store.notifyUrl).toBe(`${store.storeUrl}/pay/notify`);
    expect(store.returnUrl).toBe(`${store.storeUrl}/pay/return`);
  });

  it('rejects an unknown scenario and a non-loopback host', async () => {
    expect(() => sandbox.setScenario('nope' as never)).toThrow();
    await expect(startSandbox({ host: '0.0.0.0' as never })).rejects.toThrow(/loopback/);
    expect(SCENARIOS).toContain(sandbox.scenario);
  });

  it('close() ends everything, including a request the gateway is holding', async () => {
    const other = await startSandbox({ scenario: 'gateway-timeout' });
    let markSent = (): void => {};
    const sent = new Promise<void>((done) => (markSent = done));
    const hanging = request(other, `${other.profile.gatewayUrl}/health`, {
      timeoutMs: 10_000,
      onSent: markSent,
    }).catch((e: unknown) => e);
    // The gateway holds the request: the connection is up and the request is on it.
    await sent;
    await other.close();
    // Reset by close(), not ended by the request's own 10 s deadline (that would be a timeout error).
    expect(await hanging).toMatchObject({ code: 'ECONNRESET' });
    await expect(request(other, `${other.profile.gatewayUrl}/health`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

describe('writeSandboxFiles', () => {
  it('writes platform.json, store.json (key by file) and a 0600 key the sandbox accepts', async () => {
    const files = await writeSandboxFiles(sandbox, dir);
    expect(files).toEqual({
      dir,
      platformPath: join(dir, 'platform.json'),
      storePath: join(dir, 'store.json'),
      keyPath: join(dir, 'keys/merchant_private.pem'),
    });
    const profile = PlatformProfileSchema.parse(JSON.parse(await readFile(files.platformPath, 'utf8')));
    expect(profile).toEqual(sandbox.profile);
    const store = StoreConfigSchema.parse(JSON.parse(await readFile(files.storePath, 'utf8')));
    expect(store.merchantPrivateKey).toEqual({ file: 'keys/merchant_private.pem' });
    expect(JSON.stringify(store)).not.toContain('PRIVATE KEY');
    if (process.platform !== 'win32') {
      expect((await stat(files.keyPath)).mode & 0o777).toBe(0o600);
    }

    const keyFile = (store.merchantPrivateKey as { file: string }).file;
    const privateKeyPem = await readFile(resolve(dirname(files.storePath), keyFile), 'utf8');
    expect(publicKeyFingerprint(privateKeyPem)).toBe(publicKeyFingerprint(sandbox.merchantPrivateKeyPem));
    const client = createGatewayClient({
      profile,
      store: { appId: store.appId, merchantNo: store.merchantNo, privateKeyPem, charset: store.charset },
      timeoutMs: 5000,
    });
    const result = await client.call('merchant.config.query', {});
    client.close();
    expect(result.body?.code).toBe('10000');
    expect(result.signatureValid).toBe(true);
  });

  it('tightens an existing key file to 0600 on a second write', async () => {
    if (process.platform === 'win32') return;
    await chmod(join(dir, 'keys/merchant_private.pem'), 0o644);
    const files = await writeSandboxFiles(sandbox, dir);
    expect((await stat(files.keyPath)).mode & 0o777).toBe(0o600);
  });
});
