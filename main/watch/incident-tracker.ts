import type { SampleOutcome, WatchSample, WatchSampleKind } from '../../shared/watch/watch-sample';
import type { WatchAlert, WatchIncident } from '../../shared/watch/watch-incident';
import { failingText, recoveredText } from './alert-text';

/** Where incidents are kept; IncidentTable in the app, a fake in unit tests. */
export interface IncidentStore {
  open(storeId: string, at: number, outcome: SampleOutcome): WatchIncident;
  addFailure(incident: WatchIncident, outcome: SampleOutcome): WatchIncident;
  markClosed(incident: WatchIncident, closedAt: number): WatchIncident;
  openFor(storeId: string): WatchIncident | null;
}

export interface IncidentTrackerOptions {
  storeId: string;
  storeName: string;
  incidents: IncidentStore;
  /**
   * Ok samples in a row that confirm a recovery. Two: one working sample between failures is a flap,
   * not a recovery, and must not cost the merchant a "recovered" and then a second "failing" alert.
   */
  recoverAfterOkSamples?: number;
  /** After a restart: the kinds whose latest stored sample failed, so an open incident resumes where it was. */
  failingKinds?: Iterable<WatchSampleKind>;
}

export const DEFAULT_RECOVER_AFTER_OK_SAMPLES = 2;

/**
 * ok → failing opens an incident and yields one 'failing' alert; it closes, with one 'recovered' alert,
 * once every kind of check (probe and simulation) is passing again and has done so for
 * `recoverAfterOkSamples` samples in a row. Anything in between (a flap, a second outcome code, the other
 * kind failing too) updates the open incident without alerting. A kind counts as failing until a sample
 * of that same kind passes: a passing probe does not clear a redirect that failed, so the recovery is
 * confirmed by the check that saw the failure.
 */
export class IncidentTracker {
  private incident: WatchIncident | null;
  private readonly failing: Set<WatchSampleKind>;
  private readonly recoverAfter: number;
  private okStreak = 0;
  /** The first passing sample of the current streak: when the path actually worked again. */
  private recoveredAt: number | null = null;

  constructor(private readonly options: IncidentTrackerOptions) {
    this.recoverAfter = Math.max(1, options.recoverAfterOkSamples ?? DEFAULT_RECOVER_AFTER_OK_SAMPLES);
    this.incident = options.incidents.openFor(options.storeId);
    this.failing = new Set(this.incident ? (options.failingKinds ?? []) : []);
  }

  get openIncident(): WatchIncident | null {
    return this.incident;
  }

  /** Feeds one sample in time order; returns the alert it causes, if any (at most one per incident and type). */
  observe(sample: WatchSample): WatchAlert | null {
    const { incidents, storeId } = this.options;
    if (!sample.ok) {
      this.failing.add(sample.kind);
      this.okStreak = 0;
      this.recoveredAt = null;
      if (this.incident) {
        this.incident = incidents.addFailure(this.incident, sample.outcome);
        return null;
      }
      this.incident = incidents.open(storeId, sample.at, sample.outcome);
      return this.alert('failing', sample, this.incident);
    }
    this.failing.delete(sample.kind);
    if (!this.incident) return null;
    if (this.failing.size > 0) {
      this.okStreak = 0;
      this.recoveredAt = null;
      return null;
    }
    this.recoveredAt ??= sample.at;
    this.okStreak += 1;
    if (this.okStreak < this.recoverAfter) return null;
    const closed = incidents.markClosed(this.incident, this.recoveredAt);
    this.incident = null;
    this.okStreak = 0;
    this.recoveredAt = null;
    return this.alert('recovered', sample, closed);
  }

  /** A kind that is no longer sampled (no browser any more, simulation turned off) stops holding an incident open. */
  forget(kind: WatchSampleKind): void {
    this.failing.delete(kind);
  }

  private alert(type: WatchAlert['type'], sample: WatchSample, incident: WatchIncident): WatchAlert {
    const { storeId, storeName } = this.options;
    const words = type === 'failing' ? failingText(storeName, sample) : recoveredText(storeName, incident);
    return {
      type,
      storeId,
      incidentId: incident.id,
      at: sample.at,
      kind: sample.kind,
      outcome: type === 'failing' ? sample.outcome : incident.lastOutcome,
      incident,
      ...words,
    };
  }
}
