import type { KeyVault } from '../config/key-vault';
import type { Sandbox } from '../sandbox';

/** The demo's seven sandbox keys, sealed in the key vault under this id (never a store's id: those are UUIDs). */
export const DEMO_SANDBOX_KEYS_ID = 'demo-sandbox-keys';

/** The embedded sandbox behind the demo store, started on first need (never on a real merchant's start). */
export interface DemoPlatform {
  /** The running sandbox, or null while it has not been needed. */
  current(): Sandbox | null;
  /** Starts it once (4 HTTPS servers on loopback; the keys of an earlier run, or new ones) and returns it. */
  start(): Promise<Sandbox>;
  close(): Promise<void>;
}

/**
 * The sandbox module (and the reflect-metadata polyfill its certificates need) is imported here only when
 * the demo is used, so neither is on the start path of a merchant with a real store.
 *
 * Its seven RSA keys (most of a start's time) are generated once and kept in the key vault, as merchant keys
 * are: the app's vault seals them with the OS keychain (safeStorage) in the data folder, so the demo merchant's
 * private key is never in a plain-text file; where there is no keychain the vault holds them in memory and
 * each start makes new ones, as before. Ports and registrations stay per run, certificates per process.
 */
export function lazyDemoPlatform(
  options: { vault?: KeyVault; log?: (message: string) => void } = {},
): DemoPlatform {
  const { vault, log = () => {} } = options;
  let starting: Promise<Sandbox> | null = null;
  let running: Sandbox | null = null;
  const start = async (): Promise<Sandbox> => {
    const sandbox = await import('../sandbox');
    const kept = vault
      ? sandbox.sandboxKeysFromText(await vault.get(DEMO_SANDBOX_KEYS_ID).catch(() => null))
      : null;
    const keys = kept ?? (await sandbox.generateSandboxKeys());
    if (!kept && vault) {
      // Not fatal: the demo runs on these keys, and the next start makes new ones.
      await vault
        .put(DEMO_SANDBOX_KEYS_ID, sandbox.sandboxKeysToText(keys))
        .catch((error: unknown) => log(`demo: its keys could not be kept: ${String(error)}`));
    }
    return sandbox.startSandbox({ scenario: 'healthy', keys });
  };
  return {
    current: () => running,
    start() {
      starting ??= start().then((sandbox) => (running = sandbox));
      // A failed start may be retried on the next use.
      starting.catch(() => (starting = null));
      return starting;
    },
    async close() {
      const sandbox = await starting?.catch(() => null);
      await sandbox?.close();
    },
  };
}
