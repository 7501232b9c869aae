import { randomUUID } from 'node:crypto';
import type { PlatformProfile } from '../../shared/config/platform-profile';
import type { CheckedStoreConfig } from '../../shared/config/store-config';
import type { Diagnosis } from '../../shared/diagnosis/diagnosis';
import type {
  SimulationProgress,
  SimulationSeries,
  SimulationUnavailable,
} from '../../shared/simulation/simulation-result';
import type { ChecklistProgress } from '../checklist/engine';
import type { ImportNotes, KeyFacts, MachineFacts } from '../checklist/check-context';
import { runStoreChecklist } from '../checklist/run-store-checklist';
import { defaultProbeTargets, runProbes, type ProbeProgress } from '../probe';
import type { ResolveProxy } from '../probe/proxy';
import {
  runSimulationSeries,
  simulationUnavailable,
  SimulationUnavailableError,
  type SessionSource,
} from '../simulation';
import { text } from '../../shared/i18n/localized-text';
import { diagnosisVerdict } from './verdict';

export type DiagnosisProgress =
  | { step: 'simulation'; event: SimulationProgress }
  | { step: 'probes'; event: ProbeProgress }
  | { step: 'checklist'; event: ChecklistProgress }
  | { step: 'done' | 'started'; event: null };

export interface DiagnosisInput {
  storeId: string;
  store: CheckedStoreConfig;
  profile: PlatformProfile;
  key: KeyFacts;
  importNotes: ImportNotes | null;
  machine: MachineFacts;
  resolveProxy: ResolveProxy;
  browser: SessionSource;
  signal?: AbortSignal;
  onProgress?: (progress: DiagnosisProgress) => void;
  /** Probes per host (the timings screen measures more; a diagnosis keeps it quick). */
  probeCount?: number;
}

async function simulate(input: DiagnosisInput): Promise<SimulationSeries | SimulationUnavailable> {
  if (!input.key.pem) {
    return {
      kind: 'simulation-unavailable',
      reason: text(
        '没有商户私钥，无法发起模拟支付。',
        'No merchant key, so no simulated payment could be started.',
      ),
      detail: 'no merchant key',
    };
  }
  try {
    return await runSimulationSeries(1, {
      profile: input.profile,
      store: input.store,
      privateKeyPem: input.key.pem,
      browser: input.browser,
      signal: input.signal,
      onProgress: (event) => input.onProgress?.({ step: 'simulation', event }),
    });
  } catch (error) {
    if (error instanceof SimulationUnavailableError) return simulationUnavailable(error);
    throw error;
  }
}

/**
 * The whole diagnosis a shop owner starts with one button (and `baitiao-doctor diagnose`): the simulated
 * redirect and the network timings side by side, then the checklist, which reads both, then one verdict.
 */
export async function runDiagnosis(input: DiagnosisInput): Promise<Diagnosis> {
  const startedAt = new Date();
  input.onProgress?.({ step: 'started', event: null });
  const [simulation, probes] = await Promise.all([
    simulate(input),
    runProbes({
      targets: defaultProbeTargets(input),
      // Shorter waits than the timings screen: a host that does not answer in 5 s is already the finding,
      // and the shop owner is waiting for a verdict.
      settings: {
        count: input.probeCount ?? 3,
        intervalMs: 200,
        timeouts: { firstByteMs: 5_000, bodyIdleMs: 5_000, bodyTotalMs: 10_000 },
      },
      resolveProxy: input.resolveProxy,
      extraCaCertificates: input.profile.extraCaCertificates,
      signal: input.signal,
      onProgress: (event) => input.onProgress?.({ step: 'probes', event }),
    }),
  ]);
  const checklist = await runStoreChecklist(
    {
      store: input.store,
      profile: input.profile,
      key: input.key,
      importNotes: input.importNotes,
      machine: input.machine,
      resolveProxy: input.resolveProxy,
      simulation,
      probes,
    },
    { signal: input.signal, onProgress: (event) => input.onProgress?.({ step: 'checklist', event }) },
  );
  const run = simulation.kind === 'simulation-series' ? simulation.runs[0] : undefined;
  const outcome = run?.outcome ?? null;
  input.onProgress?.({ step: 'done', event: null });
  return {
    id: randomUUID(),
    storeId: input.storeId,
    storeName: input.store.storeName,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    cancelled: input.signal?.aborted ?? false,
    verdict: diagnosisVerdict(checklist.results, outcome),
    outcome,
    simulation,
    probes,
    checklist,
  };
}
