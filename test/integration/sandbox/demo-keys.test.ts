import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryKeyVault } from '../../../main/config/key-vault';
import { createAppCore } from '../../../main/core/app-core';
import { DEMO_SANDBOX_KEYS_ID, lazyDemoPlatform } from '../../../main/core/demo-platform';
import { SANDBOX_KEY_NAMES, sandboxKeysFromText } from '../../../main/sandbox';
import { sandboxPkiFor } from '../../../main/sandbox/certificates';

/** Every file under a folder, as text. */
function filesUnder(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, text: readFileSync(path, 'latin1') }));
}

const caKey = (pem: string) => new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'pem' });

describe('the demo sandbox’s keys are made once and kept in the key vault (issue 15)', () => {
  it('the next start reuses them: same merchant and CA keys; the same certificates in one process, new ones a day on', async () => {
    // The app's vault seals with safeStorage in the data folder and outlives a start; one vault object here.
    const vault = new MemoryKeyVault();
    const first = lazyDemoPlatform({ vault });
    const a = await first.start();
    const keptA = { merchant: a.merchantPrivateKeyPem, ca: a.profile.extraCaCertificates[0]! };
    await first.close();
    const kept = JSON.parse((await vault.get(DEMO_SANDBOX_KEYS_ID))!) as { keys: Record<string, string> };
    expect(Object.keys(kept.keys).sort()).toEqual([...SANDBOX_KEY_NAMES].sort());

    const second = lazyDemoPlatform({ vault });
    const b = await second.start();
    try {
      expect(b.merchantPrivateKeyPem).toBe(keptA.merchant);
      expect(caKey(b.profile.extraCaCertificates[0]!)).toBe(caKey(keptA.ca));
      // In the same process, the same certificates: the simulation browser that trusts this CA is reused.
      expect(b.profile.extraCaCertificates[0]).toBe(keptA.ca);
      // A day on (or in a new process), they are issued afresh from the kept keys (new dates, serial).
      const keys = sandboxKeysFromText((await vault.get(DEMO_SANDBOX_KEYS_ID))!)!;
      const later = await sandboxPkiFor(keys, new Date(Date.now() + 2 * 24 * 3600 * 1000));
      expect(later.caCertPem).not.toBe(keptA.ca);
      expect(caKey(later.caCertPem)).toBe(caKey(keptA.ca));
    } finally {
      await second.close();
    }
  });

  it('damaged kept keys are replaced by new ones; without a vault nothing is kept', async () => {
    const vault = new MemoryKeyVault();
    await vault.put(
      DEMO_SANDBOX_KEYS_ID,
      '{"format":"baitiao-doctor-sandbox-keys","version":1,"keys":{"ca":"x"}}',
    );
    const demo = lazyDemoPlatform({ vault });
    const sandbox = await demo.start();
    await demo.close();
    const kept = JSON.parse((await vault.get(DEMO_SANDBOX_KEYS_ID))!) as { keys: Record<string, string> };
    expect(kept.keys.merchant).toBe(sandbox.merchantPrivateKeyPem);

    const unkept = lazyDemoPlatform();
    const one = await unkept.start();
    await unkept.close();
    const again = lazyDemoPlatform();
    const two = await again.start();
    await again.close();
    expect(two.merchantPrivateKeyPem).not.toBe(one.merchantPrivateKeyPem);
  });

  it('in the app: the demo merchant’s private key is in no plain file of the data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bt-demo-keys-'));
    const vault = new MemoryKeyVault();
    // First start: no store yet, so the demo store is in use and its sandbox starts.
    const core = await createAppCore({ dataDir, demo: true, keyVault: vault });
    try {
      const workspace = await core.dispatch('workspace.get', undefined);
      expect(workspace).toMatchObject({ ok: true, data: { demo: { running: true } } });
    } finally {
      await core.close();
    }
    expect(await vault.get(DEMO_SANDBOX_KEYS_ID)).toContain('PRIVATE KEY');
    const leaking = filesUnder(dataDir).filter((f) => f.text.includes('PRIVATE KEY'));
    expect(leaking.map((f) => f.path)).toEqual([]);
  });
});
