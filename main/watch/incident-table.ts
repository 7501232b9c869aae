import type { SampleOutcome } from '../../shared/watch/watch-sample';
import type { WatchIncident } from '../../shared/watch/watch-incident';
import type { DatabaseSync, StatementSync } from './sqlite';

interface IncidentRow {
  id: number;
  store_id: string;
  opened_at: number;
  closed_at: number | null;
  first_outcome: string;
  last_outcome: string;
  failed_samples: number;
  outcomes: string;
}

const fromRow = (row: IncidentRow): WatchIncident => ({
  id: row.id,
  storeId: row.store_id,
  openedAt: row.opened_at,
  closedAt: row.closed_at,
  firstOutcome: row.first_outcome as SampleOutcome,
  lastOutcome: row.last_outcome as SampleOutcome,
  failedSamples: row.failed_samples,
  outcomes: JSON.parse(row.outcomes) as WatchIncident['outcomes'],
});

/** Incidents are persisted as they change, so a restart neither forgets an open one nor alerts it twice. */
export class IncidentTable {
  private readonly insert: StatementSync;
  private readonly update: StatementSync;
  private readonly close: StatementSync;
  private readonly byId: StatementSync;
  private readonly openOne: StatementSync;
  private readonly overlapping: StatementSync;
  private readonly deleteBefore: StatementSync;

  constructor(db: DatabaseSync) {
    this.insert = db.prepare(
      `INSERT INTO incidents (store_id, opened_at, closed_at, first_outcome, last_outcome, failed_samples, outcomes)
       VALUES (?, ?, NULL, ?, ?, 1, ?) RETURNING id`,
    );
    this.update = db.prepare(
      `UPDATE incidents SET last_outcome = ?, failed_samples = ?, outcomes = ? WHERE id = ?`,
    );
    this.close = db.prepare(`UPDATE incidents SET closed_at = ? WHERE id = ?`);
    this.byId = db.prepare(`SELECT * FROM incidents WHERE id = ?`);
    this.openOne = db.prepare(
      `SELECT * FROM incidents WHERE store_id = ? AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 1`,
    );
    this.overlapping = db.prepare(
      `SELECT * FROM incidents WHERE store_id = ? AND opened_at < ? AND (closed_at IS NULL OR closed_at >= ?)
       ORDER BY opened_at`,
    );
    this.deleteBefore = db.prepare(`DELETE FROM incidents WHERE closed_at IS NOT NULL AND closed_at < ?`);
  }

  open(storeId: string, at: number, outcome: SampleOutcome): WatchIncident {
    const { id } = this.insert.get(storeId, at, outcome, outcome, JSON.stringify({ [outcome]: 1 })) as {
      id: number;
    };
    return this.get(id)!;
  }

  /** One more failing sample in an open incident. */
  addFailure(incident: WatchIncident, outcome: SampleOutcome): WatchIncident {
    const outcomes = { ...incident.outcomes, [outcome]: (incident.outcomes[outcome] ?? 0) + 1 };
    const failedSamples = incident.failedSamples + 1;
    this.update.run(outcome, failedSamples, JSON.stringify(outcomes), incident.id);
    return { ...incident, lastOutcome: outcome, failedSamples, outcomes };
  }

  markClosed(incident: WatchIncident, closedAt: number): WatchIncident {
    this.close.run(closedAt, incident.id);
    return { ...incident, closedAt };
  }

  get(id: number): WatchIncident | null {
    const row = this.byId.get(id) as IncidentRow | undefined;
    return row ? fromRow(row) : null;
  }

  openFor(storeId: string): WatchIncident | null {
    const row = this.openOne.get(storeId) as IncidentRow | undefined;
    return row ? fromRow(row) : null;
  }

  /** Incidents that were open at some time in [from, to). */
  between(storeId: string, from: number, to: number): WatchIncident[] {
    return (this.overlapping.all(storeId, to, from) as unknown as IncidentRow[]).map(fromRow);
  }

  deleteClosedBefore(cutoff: number): number {
    return Number(this.deleteBefore.run(cutoff).changes);
  }
}
