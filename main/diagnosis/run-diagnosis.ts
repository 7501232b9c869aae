import { randomUUID } from 'node:crypto';
import type { Diagnosis } from '../../shared/diagnosis/diagnosis';
import type { ChecklistRun } from '../../shared/checklist/check-result';
import type { ProbeRun } from '../../shared/probe/probe-result';
import type {
  SimulationProgress,
  SimulationSeries,
  SimulationUnavailable,
} from '../../shared/simulation/simulation-result';
import type { ChecklistProgress } from '../checklist/engine';
import type { MachineFacts } from '../checklist/check-context';
import { storeFacts, type StoreFacts } from '../model/session-results';
import { prepareStoreChecklist } from '../checklist/run-store-checklist';
import { defaultProbeTargets, runProbes, type ProbeProgress } from '../probe';
import type { ResolveProxy } from '../probe/proxy';
import {
  deviceOutcome,
  leadingOutcome,
  phonesFirst,
  runSimulation,
  simulationUnavailable,
  SimulationUnavailableError,
  summarizeSeries,
  type SessionSource,
} from '../simulation';
import { DEFAULT_DIAGNOSIS_BUYERS, type BuyerProfile } from '../../shared/simulation/device-profiles';
import type { SimulationResult } from '../../shared/simulation/simulation-result';
import { text } from '../../shared/i18n/localized-text';
import { diagnosisVerdict } from './verdict';
import { QUICK_PROBE_TIMEOUTS } from '../../shared/probe/probe-settings';

export type DiagnosisProgress =
  | { step: 'simulation'; event: SimulationProgress }
  | { step: 'probes'; event: ProbeProgress }
  | { step: 'checklist'; event: ChecklistProgress }
  | { step: 'done' | 'started'; event: null };

export interface DiagnosisInput extends StoreFacts {
  storeId: string;
  machine: MachineFacts;
  resolveProxy: ResolveProxy;
  browser: SessionSource;
  signal?: AbortSignal;
  onProgress?: (progress: DiagnosisProgress) => void;
  /** Probes per host (the timings screen measures more; a diagnosis keeps it quick). */
  probeCount?: number;
  /** The buyers to simulate, side by side (default: WeChat on an iPhone, and Chrome on a computer). */
  buyers?: readonly BuyerProfile[];
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
  const pem = input.key.pem;
  const buyers = phonesFirst(input.buyers ?? DEFAULT_DIAGNOSIS_BUYERS, (b) => b);
  // The store's own page is the same for every buyer: looked at once, by the computer if there is one.
  const computer = buyers.findIndex((b) => b.device === 'pc');
  const inspector = computer === -1 ? 0 : computer;
  // Every device at once, each in its own browser session: two devices take about as long as one.
  const settled = await Promise.allSettled(
    buyers.map((buyer, index) =>
      runSimulation({
        profile: input.profile,
        store: input.store,
        privateKeyPem: pem,
        browser: input.browser,
        buyer,
        runIndex: index,
        inspectStorePage: index === inspector,
        signal: input.signal,
        onProgress: (event) => input.onProgress?.({ step: 'simulation', event }),
      }),
    ),
  );
  const runs = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const errors = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
  const unavailable = errors.find(
    (e): e is SimulationUnavailableError => e instanceof SimulationUnavailableError,
  );
  if (unavailable) return simulationUnavailable(unavailable);
  if (errors.length > 0 && !input.signal?.aborted) throw errors[0];
  return summarizeSeries(buyers.length, runs, errors.length > 0);
}

/**
 * The whole diagnosis a shop owner starts with one button (and `baitiao-doctor diagnose`): the simulated
 * redirect and the network timings side by side, then the checklist, which reads both, then one verdict.
 */
export async function runDiagnosis(input: DiagnosisInput): Promise<Diagnosis> {
  const startedAt = new Date();
  input.onProgress?.({ step: 'started', event: null });
  // The checklist's first gateway calls go out now, beside the simulation and the timings: it reads both
  // when it runs, but the platform's answers do not depend on them.
  const prepared = prepareStoreChecklist(
    { ...storeFacts(input), machine: input.machine, resolveProxy: input.resolveProxy },
    input.signal,
  );
  let simulation: Awaited<ReturnType<typeof simulate>>;
  let probes: ProbeRun;
  let checklist: ChecklistRun;
  try {
    void prepared.prefetch();
    [simulation, probes] = await Promise.all([
      simulate(input),
      runProbes({
        targets: defaultProbeTargets(input),
        settings: { count: input.probeCount ?? 3, intervalMs: 200, timeouts: QUICK_PROBE_TIMEOUTS },
        resolveProxy: input.resolveProxy,
        extraCaCertificates: input.profile.extraCaCertificates,
        signal: input.signal,
        onProgress: (event) => input.onProgress?.({ step: 'probes', event }),
      }),
    ]);
    checklist = await prepared.run(
      { simulation, probes },
      { signal: input.signal, onProgress: (event) => input.onProgress?.({ step: 'checklist', event }) },
    );
  } finally {
    prepared.close();
  }
  const runs: SimulationResult[] = simulation.kind === 'simulation-series' ? simulation.runs : [];
  const outcome = leadingOutcome(runs);
  input.onProgress?.({ step: 'done', event: null });
  return {
    id: randomUUID(),
    storeId: input.storeId,
    storeName: input.store.storeName,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    cancelled: input.signal?.aborted ?? false,
    verdict: diagnosisVerdict(checklist.results, outcome, runs),
    outcome,
    simulation,
    devices: runs.map(deviceOutcome),
    probes,
    checklist,
  };
}
