import type { ChecklistRun } from '../../shared/checklist/check-result';
import { createGatewayClient } from '../gateway-client';
import type { CheckContext, MachineFacts } from './check-context';
import { ALL_CHECKS } from './checks';
import { runChecklist, type RunChecklistOptions } from './engine';
import { createGatewayFacts } from './gateway-facts';
import { memo } from './memo';
import { defaultProbeTargets, runProbes } from '../probe';
import type { ProbeRun } from '../../shared/probe/probe-result';
import type { SimulationFacts, StoreFacts } from '../model/session-results';
import { QUICK_PROBE_TIMEOUTS } from '../../shared/probe/probe-settings';

export interface StoreChecklistInput extends StoreFacts {
  machine: MachineFacts;
  resolveProxy: (url: string) => Promise<string>;
  /** The simulated redirect page.* judges, typed as it was run (never re-read from JSON here). */
  simulation?: SimulationFacts;
  /** Probes already made (a full diagnosis measures once and shares them); else the checklist probes. */
  probes?: ProbeRun;
  gatewayTimeoutMs?: number;
}

/** A checklist made ready before its run: its gateway client and the platform facts it shares. */
export interface PreparedChecklist {
  /**
   * Asks the platform now for what every run asks first (the config query and /health), so a diagnosis
   * waits on the gateway while the browser works, not after it: on a dead gateway that is one deadline
   * instead of two (the checklist's 8 s after the simulation's 10 s). Answers are kept for run(). Settles
   * when both answers are in; never rejects (a cancelled call is run()'s to report).
   */
  prefetch(): Promise<void>;
  run(
    measured: Pick<StoreChecklistInput, 'simulation' | 'probes'>,
    options?: RunChecklistOptions,
  ): Promise<ChecklistRun>;
  /** Closes the gateway client; after run(), or instead of it when the run never comes. */
  close(): void;
}

/** Builds the context of one checklist run for one store (one gateway client, shared facts); runs later. */
export function prepareStoreChecklist(
  input: Omit<StoreChecklistInput, 'simulation' | 'probes'>,
  signal?: AbortSignal,
): PreparedChecklist {
  const client = input.key.pem
    ? createGatewayClient({
        profile: input.profile,
        store: {
          appId: input.store.appId,
          merchantNo: input.store.merchantNo,
          privateKeyPem: input.key.pem,
          charset: input.store.charset,
        },
        timeoutMs: input.gatewayTimeoutMs ?? 8_000,
        ...(signal ? { signal } : {}),
      })
    : null;
  const gateway = createGatewayFacts(
    client ?? unsignedClient(),
    input.store.notifyUrl,
    input.store.testOrder.amount,
  );
  return {
    async prefetch() {
      // Nobody may be waiting yet: a cancelled call must not become an unhandled rejection. run() awaits
      // the same kept promises and sees the cancellation there.
      await Promise.allSettled([gateway.configQuery(), gateway.health()]);
    },
    run(measured, options = {}) {
      const ctx: CheckContext = {
        store: input.store,
        profile: input.profile,
        key: input.key,
        importNotes: input.importNotes,
        machine: input.machine,
        resolveProxy: input.resolveProxy,
        now: () => new Date(),
        gateway,
        network: {
          probes: memo(
            async () =>
              measured.probes ??
              runProbes({
                targets: defaultProbeTargets(input),
                // Three samples per host keep the checklist quick; the timings screen measures more.
                settings: { count: 3, intervalMs: 100, timeouts: QUICK_PROBE_TIMEOUTS },
                resolveProxy: input.resolveProxy,
                extraCaCertificates: input.profile.extraCaCertificates,
                signal: options.signal ?? signal,
              }),
          ),
        },
        simulation: measured.simulation ?? null,
      };
      return runChecklist(ALL_CHECKS, ctx, options);
    },
    close: () => client?.close(),
  };
}

/** One checklist run for one store: prepared and run at once. */
export async function runStoreChecklist(
  input: StoreChecklistInput,
  options: RunChecklistOptions = {},
): Promise<ChecklistRun> {
  const prepared = prepareStoreChecklist(input, options.signal);
  try {
    return await prepared.run(input, options);
  } finally {
    prepared.close();
  }
}

/** Without a readable key no signed call can be made; the checks that need one then say so. */
function unsignedClient(): Parameters<typeof createGatewayFacts>[0] {
  const refuse = async () => {
    throw Object.assign(new Error('no merchant key'), { kind: 'no-key' });
  };
  return { call: refuse, health: refuse, close: () => {} };
}

/** Facts about this machine for local.environment, read the same way in the app and the CLI. */
export function machineFacts(dataDir: string, appVersion: string, engine: string): MachineFacts {
  return {
    os: `${process.platform} ${process.arch}`,
    arch: process.arch,
    appVersion,
    engine,
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    dataDir,
    hostsFilePath: process.platform === 'win32' ? 'C:\\Windows\\System32\\drivers\\etc\\hosts' : '/etc/hosts',
  };
}
