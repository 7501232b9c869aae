import { resolve, sep } from 'node:path';
import {
  DEFAULT_INCIDENT_RULE,
  type IncidentRule,
  type TriageSummary,
} from '../../shared/triage/triage-view';
import type { RefusedRow, TriageIndex, VerifiedRow } from './triage-index';
import { summaryFromIndex } from './stored-summary';
import type { TriageScope } from './triage-queries';
import { defaultVerifier, type Verifier } from './verifier-pool';
import { walkBundles } from './walk-bundles';

export interface TriageOptions {
  index: TriageIndex;
  /** Only diagnoses at or after this instant count (epoch ms). */
  sinceMs?: number;
  rule?: IncidentRule;
  /** Worker threads by default; tests pass inlineVerifier(). */
  verifier?: Verifier;
  onProgress?: (progress: { found: number; verified: number }) => void;
  /** A folder that could not be read: named, skipped, the batch goes on. */
  onSkip?: (path: string, reason: string) => void;
  signal?: AbortSignal;
}

export interface TriageRun {
  /** The folder, absolute. */
  root: string;
  scope: TriageScope;
  summary: TriageSummary;
  /** Files found this time, and of them the ones verified (new or changed). */
  found: number;
  verifiedNow: number;
  forgotten: number;
}

/** Results are written in batches: one transaction (one fsync) per batch, not per bundle. */
const BATCH = 200;

/**
 * Triage of a folder: finds every bundle under it, verifies only new or changed files (size or mtime
 * differ from the index) in worker threads, records them, forgets files that are gone, then reads the
 * groups and incidents back from the index (and stores them there: stored-summary.ts). A refused or unreadable bundle is recorded with its code
 * and never stops the batch. Memory stays flat: files stream from the walk, at most a few are in flight,
 * and results go to the index in batches.
 */
export async function runTriage(folder: string, options: TriageOptions): Promise<TriageRun> {
  const root = resolve(folder);
  const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  const { index } = options;
  const run = Date.now();
  const verifier = options.verifier ?? defaultVerifier();
  const inFlightMax = Math.max(2, verifier.threads * 2);
  let found = 0;
  let verified = 0;
  let unchanged: string[] = [];
  let results: (VerifiedRow | RefusedRow)[] = [];
  const inFlight = new Set<Promise<void>>();

  const flush = () => {
    if (unchanged.length) index.markSeen(unchanged, run);
    if (results.length) index.record(results, run);
    unchanged = [];
    results = [];
  };

  try {
    for await (const file of walkBundles(root, options.onSkip)) {
      options.signal?.throwIfAborted();
      found++;
      const known = index.knownFile(file.path);
      if (known && known.size === file.size && known.mtimeMs === file.mtimeMs) {
        unchanged.push(file.path);
        if (unchanged.length >= BATCH * 5) flush();
        continue;
      }
      const job = verifier.verify(file.path).then((outcome) => {
        verified++;
        results.push(
          outcome.ok
            ? { path: file.path, size: file.size, mtimeMs: file.mtimeMs, facts: outcome.facts }
            : { path: file.path, size: file.size, mtimeMs: file.mtimeMs, code: outcome.code },
        );
        if (results.length >= BATCH) flush();
        options.onProgress?.({ found, verified });
      });
      const tracked = job.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
      if (inFlight.size >= inFlightMax) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    flush();
  } finally {
    if (!options.verifier) await verifier.close();
  }
  const forgotten = index.forgetMissing(prefix, run);
  const scope: TriageScope = { prefix, sinceMs: options.sinceMs ?? 0 };
  return {
    root,
    scope,
    summary: summaryFromIndex(index, scope, options.rule ?? DEFAULT_INCIDENT_RULE),
    found,
    verifiedNow: verified,
    forgotten,
  };
}
