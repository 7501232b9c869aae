import { describe, expect, it } from 'vitest';
import type { Diagnosis } from '../../../shared/diagnosis/diagnosis';
import type { ChecklistRun } from '../../../shared/checklist/check-result';
import type { ProbeRun } from '../../../shared/probe/probe-result';
import type { SimulationUnavailable } from '../../../shared/simulation/simulation-result';
import { DiagnosticsSession } from '../../../main/core/diagnostics-session';
import { text } from '../../../shared/i18n/localized-text';

// Only identity matters here: the session keeps what it is given and hands the same object back.
const checklist = { id: 'checklist' } as unknown as ChecklistRun;
const probes = { id: 'probes' } as unknown as ProbeRun;
const unavailable = (why: string): SimulationUnavailable => ({
  kind: 'simulation-unavailable',
  reason: text(why, why),
  detail: why,
});

describe('DiagnosticsSession', () => {
  it('starts empty', () => {
    const session = new DiagnosticsSession();
    expect([
      session.lastChecklist(),
      session.lastProbes(),
      session.lastSimulation(),
      session.lastDiagnosis(),
    ]).toEqual([null, null, null, null]);
    expect(session.simulationForChecklist('demo')).toBeUndefined();
  });

  it("a checklist reads the last simulation of its own store, never another store's", () => {
    const session = new DiagnosticsSession();
    const shopA = unavailable('a');
    expect(session.recordSimulation('shop-a', shopA)).toBe(shopA);
    expect(session.simulationForChecklist('shop-a')).toBe(shopA);
    expect(session.simulationForChecklist('shop-b')).toBeUndefined();
    // The screens still show the last simulation, whichever store it was for.
    expect(session.lastSimulation()).toBe(shopA);
    const shopB = unavailable('b');
    session.recordSimulation('shop-b', shopB);
    expect(session.simulationForChecklist('shop-a')).toBeUndefined();
    expect(session.simulationForChecklist('shop-b')).toBe(shopB);
  });

  it('a diagnosis replaces all four results at once, with its simulation kept for its store', () => {
    const session = new DiagnosticsSession();
    session.recordChecklist({ id: 'older' } as unknown as ChecklistRun);
    session.recordProbes({ id: 'older' } as unknown as ProbeRun);
    session.recordSimulation('shop-a', unavailable('older'));
    const simulation = unavailable('from the diagnosis');
    const diagnosis = { storeId: 'shop-b', checklist, probes, simulation } as unknown as Diagnosis;
    expect(session.recordDiagnosis(diagnosis)).toBe(diagnosis);
    expect(session.lastDiagnosis()).toBe(diagnosis);
    expect(session.lastChecklist()).toBe(checklist);
    expect(session.lastProbes()).toBe(probes);
    expect(session.lastSimulation()).toBe(simulation);
    expect(session.simulationForChecklist('shop-b')).toBe(simulation);
    expect(session.simulationForChecklist('shop-a')).toBeUndefined();
  });

  it('keeps the stale mark of a demo switch with the last diagnosis (a reload reads it) until the next diagnosis', () => {
    const session = new DiagnosticsSession();
    session.markDiagnosisStale('redirect-loop');
    expect(session.diagnosisStaleAfter()).toBeNull();
    const diagnosis = {
      storeId: 'shop-a',
      checklist,
      probes,
      simulation: unavailable('x'),
    } as unknown as Diagnosis;
    session.recordDiagnosis(diagnosis);
    session.markDiagnosisStale('redirect-loop');
    expect(session.diagnosisStaleAfter()).toBe('redirect-loop');
    session.recordDiagnosis(diagnosis);
    expect(session.diagnosisStaleAfter()).toBeNull();
  });
});
