import { join } from 'node:path';
import type { CheckId } from '../../../shared/checklist/catalog';
import { ALL_CHECKS } from '../../checklist/checks';
import { machineFacts, runStoreChecklist } from '../../checklist/run-store-checklist';
import { runDiagnosis } from '../../diagnosis/run-diagnosis';
import { DiagnosisHistory } from '../../history/diagnosis-history';
import { defaultProbeTargets, runProbes } from '../../probe';
import { runSimulationSeries, simulationUnavailable, SimulationUnavailableError } from '../../simulation';
import { APP_IDENTITY } from '../../model/app-identity';
import { storeFacts } from '../../model/session-results';
import type { CoreContext } from '../core-context';
import type { HandlerGroup } from '../handler-table';

/**
 * The diagnosis and its parts (checklist, network timings, simulated redirect) and the diagnosis history:
 * the engine, loaded on the first of these calls, never at start-up.
 */
export function handlers(ctx: CoreContext) {
  const { tasks, events, session, resolveProxy, browserEngine, options } = ctx;
  const machine = () => machineFacts(options.dataDir, APP_IDENTITY.version, ctx.runtime);
  const cancelTask = async ({ taskId }: { taskId: string }) => ({ cancelled: tasks.cancel(taskId) });
  const history = new DiagnosisHistory(join(options.dataDir, 'history'));
  return {
    'checklist.run': async ({ taskId, only }) => {
      const active = await ctx.requireActive();
      return tasks.run(taskId, async (signal) => {
        const run = await runStoreChecklist(
          {
            ...storeFacts(active),
            machine: machine(),
            resolveProxy,
            // page.* and tls.mixed-content read the last simulated redirect of this store, if one ran.
            simulation: session.simulationForChecklist(active.summary.id),
          },
          {
            signal,
            only: only as CheckId[] | undefined,
            onProgress: (e) =>
              events.emit('progress', {
                taskId,
                kind: 'checklist',
                step: e.id,
                done: e.done,
                total: e.total,
                detail: e.type === 'finished' ? e.result : { status: 'running' },
              }),
          },
        );
        return session.recordChecklist(run);
      });
    },
    'checklist.cancel': cancelTask,
    'checklist.last': async () => session.lastChecklist(),
    'probe.run': async ({ taskId, count, intervalMs }) => {
      const active = await ctx.requireActive();
      return tasks.run(taskId, async (signal) => {
        const run = await runProbes({
          targets: defaultProbeTargets(active),
          settings: { count: count ?? 5, intervalMs: intervalMs ?? 500 },
          resolveProxy,
          extraCaCertificates: active.profile.extraCaCertificates,
          signal,
          onProgress: (p) =>
            events.emit('progress', {
              taskId,
              kind: 'probe',
              step: p.result.target.role,
              done: p.done,
              total: p.total,
              detail: p.result,
            }),
        });
        return session.recordProbes(run);
      });
    },
    'probe.cancel': cancelTask,
    'probe.last': async () => session.lastProbes(),
    'simulation.run': async ({ taskId, runs, buyer }) => {
      const active = await ctx.requireActive();
      const pem = active.key.pem;
      if (!pem) throw new Error('No merchant key: import the store’s private key first');
      const value = await tasks.run(taskId, async (signal) => {
        try {
          return await runSimulationSeries(runs ?? 1, {
            profile: active.profile,
            store: active.store,
            privateKeyPem: pem,
            browser: browserEngine,
            ...(buyer ? { buyer } : {}),
            signal,
            onProgress: (event) =>
              events.emit('progress', {
                taskId,
                kind: 'simulation',
                step: event.type,
                done: event.type === 'run-finished' ? event.run + 1 : 0,
                total: runs ?? 1,
                detail: event,
              }),
          });
        } catch (error) {
          if (!(error instanceof SimulationUnavailableError)) throw error;
          return simulationUnavailable(error);
        }
      });
      return session.recordSimulation(active.summary.id, value);
    },
    'simulation.cancel': cancelTask,
    'simulation.last': async () => session.lastSimulation(),
    'diagnosis.run': async ({ taskId, buyers }) => {
      const active = await ctx.requireActive();
      let done = 0;
      return tasks.run(taskId, async (signal) => {
        const diagnosis = await runDiagnosis({
          storeId: active.summary.id,
          ...storeFacts(active),
          machine: machine(),
          resolveProxy,
          browser: browserEngine,
          ...(buyers ? { buyers } : {}),
          signal,
          onProgress: (p) => {
            if (p.step === 'checklist' && p.event.type === 'finished') done = p.event.done;
            events.emit('progress', {
              taskId,
              kind: 'diagnosis',
              step: p.step,
              done,
              total: ALL_CHECKS.length,
              detail: p.event ?? undefined,
            });
          },
        });
        session.recordDiagnosis(diagnosis);
        if (!diagnosis.cancelled) history.add(diagnosis);
        return diagnosis;
      });
    },
    'diagnosis.cancel': cancelTask,
    'diagnosis.last': async () => session.lastDiagnosis(),
    'history.list': async ({ storeId }) => history.list(storeId),
    'history.compare': async ({ storeId }) => history.compareLatest(storeId),
  } satisfies HandlerGroup;
}
