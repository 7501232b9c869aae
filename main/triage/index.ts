/**
 * Triage of a folder of bundles (issue 18): verify each in worker threads, index in SQLite (only new or
 * changed files), group by outcome and side, find incidents across merchants, export as JSON Lines.
 */
export { runTriage, type TriageOptions, type TriageRun } from './run-triage';
export { TriageIndex } from './triage-index';
export { readRowsPage, readRefused, readSummary, type IndexedRow, type TriageScope } from './triage-queries';
export { summaryFromIndex } from './stored-summary';
export { findIncidents, type IncidentEvent } from './incidents';
export { exportJsonLines, EXPORT_TABLES } from './export-jsonl';
export {
  inlineVerifier,
  threadVerifier,
  defaultVerifier,
  builtWorkerScript,
  type Verifier,
} from './verifier-pool';
export { bundleFacts, type BundleFacts } from './bundle-facts';
