import { verifyBundle } from '../bundle';
import { bundleFacts, type BundleFacts } from './bundle-facts';

/** A file's verdict as it crosses from a worker thread: facts when it verified, else the reader's code. */
export type VerifyOutcome = { ok: true; facts: BundleFacts } | { ok: false; code: string; codes: string[] };

/** Verifies one bundle with the support reader (every member against the manifest) and keeps its facts. */
export async function verifyOne(path: string): Promise<VerifyOutcome> {
  const result = await verifyBundle(path);
  if (result.ok && result.manifest && result.report) {
    return { ok: true, facts: bundleFacts(result.manifest, result.report.value) };
  }
  const codes = result.problems.map((p) => p.code);
  return { ok: false, code: codes[0] ?? 'REPORT_MISSING', codes };
}
