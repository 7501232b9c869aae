import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { StoreConfig } from '../../shared/config/store-config';

export interface SandboxFiles {
  dir: string;
  platformPath: string;
  storePath: string;
  keyPath: string;
}

/** Where store.json points for the key, relative to store.json itself (§2). */
export const MERCHANT_KEY_RELATIVE_PATH = 'keys/merchant_private.pem';

/**
 * Writes a running sandbox's platform.json, store.json and merchant key, so the CLI or a person can use
 * the sandbox like a real platform. The key goes in its own file, readable by the owner only (0600, in a
 * 0700 folder); store.json refers to it by path rather than embedding it.
 */
export async function writeSandboxFiles(
  sandbox: { profile: PlatformProfile; store: StoreConfig; merchantPrivateKeyPem: string },
  dir: string,
): Promise<SandboxFiles> {
  const keysDir = join(dir, 'keys');
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const platformPath = join(dir, 'platform.json');
  const storePath = join(dir, 'store.json');
  const keyPath = join(dir, MERCHANT_KEY_RELATIVE_PATH);

  await writeFile(keyPath, sandbox.merchantPrivateKeyPem, { mode: 0o600 });
  // writeFile's mode only applies to a new file; a key left from an earlier run is tightened too.
  await chmod(keyPath, 0o600);
  await writeFile(platformPath, `${JSON.stringify(sandbox.profile, null, 2)}\n`);
  const store = { ...sandbox.store, merchantPrivateKey: { file: MERCHANT_KEY_RELATIVE_PATH } };
  await writeFile(storePath, `${JSON.stringify(store, null, 2)}\n`);
  return { dir, platformPath, storePath, keyPath };
}
