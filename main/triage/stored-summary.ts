import { TriageSummarySchema, type IncidentRule, type TriageSummary } from '../../shared/triage/triage-view';
import type { SummaryKey, TriageIndex } from './triage-index';
import { readSummary, type TriageScope } from './triage-queries';

const keyOf = (scope: TriageScope, rule: IncidentRule): SummaryKey => ({
  prefix: scope.prefix,
  sinceMs: scope.sinceMs,
  minMerchants: rule.minMerchants,
  windowMinutes: rule.windowMinutes,
});

/**
 * A folder's summary (groups, incidents, refused files) from the index. Every triage stores the summary
 * it computed beside the rows, stamped with the index's generation; while nothing was recorded or
 * forgotten since, that stored answer is the index's answer and is read back as one row. Computing it
 * afresh reads every bundle in scope (for 10,000 bundles, most of the time to the table's first paint);
 * this is why support mode shows a folder checked before at once (issue 18).
 */
export function summaryFromIndex(index: TriageIndex, scope: TriageScope, rule: IncidentRule): TriageSummary {
  const key = keyOf(scope, rule);
  const generation = index.generation();
  const stored = index.storedSummary(key);
  if (stored && stored.generation === generation) {
    // A damaged or older-shaped row is recomputed, never trusted.
    const parsed = TriageSummarySchema.safeParse(safeJson(stored.json));
    if (parsed.success) return parsed.data;
  }
  const summary = readSummary(index.db, scope, rule);
  index.storeSummary(key, generation, JSON.stringify(summary));
  return summary;
}

function safeJson(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}
