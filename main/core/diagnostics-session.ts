import type { ChecklistRun } from '../../shared/checklist/check-result';
import type { Diagnosis } from '../../shared/diagnosis/diagnosis';
import type { ProbeRun } from '../../shared/probe/probe-result';
import type { Scenario } from '../../shared/sandbox/scenarios';
import type { SessionSimulation } from '../model/session-results';

/**
 * The last results of this app session, for the screens that show them again (`*.last`) and for the report.
 * One owner for them, and for the rule that ties them: a checklist reads the last simulated redirect of
 * the same store only (another store's pages say nothing about this one), and a diagnosis replaces all
 * four at once, so the screens never mix parts of two runs.
 */
export class DiagnosticsSession {
  private checklist: ChecklistRun | null = null;
  private probes: ProbeRun | null = null;
  /** Kept with the store it was for. */
  private simulation: { storeId: string; value: SessionSimulation } | null = null;
  private diagnosis: Diagnosis | null = null;
  /** The demo scenario switched to since the last diagnosis: kept here so the mark survives a reload. */
  private staleAfter: Scenario | null = null;

  lastChecklist(): ChecklistRun | null {
    return this.checklist;
  }

  lastProbes(): ProbeRun | null {
    return this.probes;
  }

  lastSimulation(): SessionSimulation | null {
    return this.simulation?.value ?? null;
  }

  lastDiagnosis(): Diagnosis | null {
    return this.diagnosis;
  }

  /** The demo scenario played since the last diagnosis (its verdict answers for the one before), or null. */
  diagnosisStaleAfter(): Scenario | null {
    return this.staleAfter;
  }

  /** Another demo scenario plays now: the last diagnosis (if any) is about the one before. */
  markDiagnosisStale(scenario: Scenario): void {
    if (this.diagnosis) this.staleAfter = scenario;
  }

  /** What page.* and tls.mixed-content of a checklist for `storeId` judge: that store's last simulation, if any. */
  simulationForChecklist(storeId: string): SessionSimulation | undefined {
    return this.simulation?.storeId === storeId ? this.simulation.value : undefined;
  }

  recordChecklist(run: ChecklistRun): ChecklistRun {
    this.checklist = run;
    return run;
  }

  recordProbes(run: ProbeRun): ProbeRun {
    this.probes = run;
    return run;
  }

  recordSimulation(storeId: string, value: SessionSimulation): SessionSimulation {
    this.simulation = { storeId, value };
    return value;
  }

  /** A diagnosis is a checklist, timings and a simulation of one store: all four are its. */
  recordDiagnosis(diagnosis: Diagnosis): Diagnosis {
    this.diagnosis = diagnosis;
    this.staleAfter = null;
    this.checklist = diagnosis.checklist;
    this.probes = diagnosis.probes;
    this.simulation = { storeId: diagnosis.storeId, value: diagnosis.simulation };
    return diagnosis;
  }
}
