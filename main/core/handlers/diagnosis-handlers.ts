import { join } from 'node:path';
import type { CheckId } from '../../../shared/checklist/catalog';
import { ALL_CHECKS } from '../../checklist/checks';
import { machineFacts, runStoreChecklist } from '../../checklist/run-store-checklist';
import { runDiagnosis } from '../../diagnosis/run-diagnosis';
import { DiagnosisHistory } from '../../history/diagnosis-history';
import { defaultProbeTargets, runProbes } from '../../probe';
import { runSimulationSeries, simulationUnavailable, SimulationUnavailableError } from '../../simulation';
import { APP_IDENTITY } from '../../model/app-identity';
import type { CoreContext } from '../core-context';
import type { HandlerGroup } from '../handler-table';

/**
 * The diagnosis and its parts (checklist, network timings, simulated redirect) and the diagnosis history:
 * the engine, loaded on the first of these calls, never at start-up.
 */
export function handlers(ctx: CoreContext) {
  const { tasks, events, last, resolveProxy, browserEngine, options } = ctx;
  const machine = () => machineFacts(options.dataDir, APP_IDENTITY.version, ctx.runtime);
  const cancelTask = async ({ taskId }: { taskId: string }) => ({ cancelled: tasks.cancel(taskId) });
  const history = new DiagnosisHistory(join(options.dataDir, 'history'));
  return {
    'checklist.run': async ({ taskId, only }) => {
      const active = await ctx.requireActive();
      return tasks.run(taskId, async (signal) => {
        last.checklist = await runStoreChecklist(
          {
            store: active.store,
            profile: active.profile,
            key: active.key,
            importNotes: active.importNotes,
            machine: machine(),
            resolveProxy,
            // page.* and tls.mixed-content read the last simulated redirect of this store, if one ran.
            simulation: last.simulation?.storeId === active.summary.id ? last.simulation.value : undefined,
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
        return last.checklist;
      });
    },
    'checklist.cancel': cancelTask,
    'checklist.last': async () => last.checklist,
    'probe.run': async ({ taskId, count, intervalMs }) => {
      const active = await ctx.requireActive();
      return tasks.run(taskId, async (signal) => {
        last.probes = await runProbes({
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
        return last.probes;
      });
    },
    'probe.cancel': cancelTask,
    'probe.last': async () => last.probes,
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
      last.simulation = { storeId: active.summary.id, value };
      return value;
    },
    'simulation.cancel': cancelTask,
    'simulation.last': async () => last.simulation?.value ?? null,
    'diagnosis.run': async ({ taskId, buyers }) => {
      const active = await ctx.requireActive();
      let done = 0;
      return tasks.run(taskId, async (signal) => {
        const diagnosis = await runDiagnosis({
          storeId: active.summary.id,
          store: active.store,
          profile: active.profile,
          key: active.key,
          importNotes: active.importNotes,
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
        last.diagnosis = diagnosis;
        last.checklist = diagnosis.checklist;
        last.probes = diagnosis.probes;
        last.simulation = { storeId: diagnosis.storeId, value: diagnosis.simulation };
        if (!diagnosis.cancelled) history.add(diagnosis);
        return diagnosis;
      });
    },
    'diagnosis.cancel': cancelTask,
    'diagnosis.last': async () => last.diagnosis,
    'history.list': async ({ storeId }) => history.list(storeId),
    'history.compare': async ({ storeId }) => history.compareLatest(storeId),
  } satisfies HandlerGroup;
}
