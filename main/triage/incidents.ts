import type { IncidentRule, TriageIncident } from '../../shared/triage/triage-view';
import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import { OUTCOME_EXPLANATIONS } from '../../shared/simulation/outcome-explanations';

/** One failed diagnosis as the incident rule sees it. */
export interface IncidentEvent {
  outcome: OutcomeCode;
  merchantNo: string;
  /** When the diagnosis ran, epoch ms. */
  at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The incident rule, plainly: at least `minMerchants` distinct merchants whose diagnoses ended with the
 * same failing outcome, all within `windowMinutes` (first to last, both ends included), form an incident.
 * REDIRECT_OK is never an incident. Overlapping or touching qualifying windows of one outcome are one
 * incident: `from` is its first diagnosis, `to` its last, `merchants` the distinct merchants in between.
 * The same merchant sending five bundles is one merchant: that is a shop's problem, not the platform's.
 */
export function findIncidents(events: readonly IncidentEvent[], rule: IncidentRule): TriageIncident[] {
  const windowMs = rule.windowMinutes * 60_000;
  const byOutcome = new Map<OutcomeCode, IncidentEvent[]>();
  for (const event of events) {
    if (event.outcome === 'REDIRECT_OK') continue;
    const list = byOutcome.get(event.outcome) ?? [];
    list.push(event);
    byOutcome.set(event.outcome, list);
  }
  const incidents: TriageIncident[] = [];
  for (const [outcome, list] of byOutcome) {
    list.sort((a, b) => a.at - b.at);
    const inWindow = new Map<string, number>();
    let left = 0;
    /** The incident being grown: indexes into list, first and last diagnosis in it. */
    let open: { start: number; end: number } | null = null;
    const close = () => {
      if (!open) return;
      const merchants = new Set(list.slice(open.start, open.end + 1).map((e) => e.merchantNo)).size;
      incidents.push({
        outcome,
        side: OUTCOME_EXPLANATIONS[outcome].side,
        merchants,
        from: iso(list[open.start]!.at),
        to: iso(list[open.end]!.at),
      });
      open = null;
    };
    for (let right = 0; right < list.length; right++) {
      const event = list[right]!;
      inWindow.set(event.merchantNo, (inWindow.get(event.merchantNo) ?? 0) + 1);
      while (event.at - list[left]!.at > windowMs) {
        const gone = list[left]!.merchantNo;
        const count = inWindow.get(gone)! - 1;
        if (count === 0) inWindow.delete(gone);
        else inWindow.set(gone, count);
        left++;
      }
      if (inWindow.size < rule.minMerchants) continue;
      // [left, right] qualifies: it joins the open incident when they share a diagnosis, else starts one.
      if (open && left <= open.end) open.end = right;
      else {
        close();
        open = { start: left, end: right };
      }
    }
    close();
  }
  return incidents.sort((a, b) => a.from.localeCompare(b.from) || a.outcome.localeCompare(b.outcome));
}
