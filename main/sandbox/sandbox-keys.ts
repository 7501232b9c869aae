import { generateRsaKeyPair, rsaKeyPairFromPem, type RsaKeyPair } from './keys';

/**
 * The sandbox's seven RSA keys: its root CA and two server certificates' keys, the platform's key and an
 * impostor's, the demo merchant's key and an impostor's. Generating them is most of a sandbox start (seconds
 * on an old PC), so the app's demo makes them once and keeps them (main/core/demo-platform.ts); the
 * registrations and ports are still new every run, certificates in every new process (certificates.ts).
 */
export const SANDBOX_KEY_NAMES = [
  'ca',
  'leaf',
  'expiredLeaf',
  'platform',
  'impostorPlatform',
  'merchant',
  'impostorMerchant',
] as const;
export type SandboxKeys = Record<(typeof SANDBOX_KEY_NAMES)[number], RsaKeyPair>;

const FORMAT = 'baitiao-doctor-sandbox-keys';
const VERSION = 1;

/** Seven fresh keys, made in parallel on libuv's thread pool. */
export async function generateSandboxKeys(): Promise<SandboxKeys> {
  const pairs = await Promise.all(SANDBOX_KEY_NAMES.map(() => generateRsaKeyPair()));
  return Object.fromEntries(SANDBOX_KEY_NAMES.map((name, i) => [name, pairs[i]!])) as SandboxKeys;
}

/** The keys as one text (their PKCS#8 PEMs), for the key vault to seal. */
export function sandboxKeysToText(keys: SandboxKeys): string {
  const pems = Object.fromEntries(SANDBOX_KEY_NAMES.map((name) => [name, keys[name].privateKeyPem]));
  return JSON.stringify({ format: FORMAT, version: VERSION, keys: pems });
}

/** Kept keys back, or null when there are none or they are damaged or of another version: make new ones. */
export function sandboxKeysFromText(text: string | null): SandboxKeys | null {
  if (!text) return null;
  try {
    const parsed = JSON.parse(text) as {
      format?: unknown;
      version?: unknown;
      keys?: Record<string, unknown>;
    };
    if (parsed.format !== FORMAT || parsed.version !== VERSION || typeof parsed.keys !== 'object')
      return null;
    const keys = parsed.keys ?? {};
    return Object.fromEntries(
      SANDBOX_KEY_NAMES.map((name) => {
        const pem = keys[name];
        if (typeof pem !== 'string') throw new Error(`no ${name} key`);
        return [name, rsaKeyPairFromPem(pem)];
      }),
    ) as SandboxKeys;
  } catch {
    return null;
  }
}
