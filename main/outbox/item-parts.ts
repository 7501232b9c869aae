import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ItemState } from './item-state';

/**
 * The parts of a queued item (report.json, bundle.zip), each with the size and SHA-256 it had when it was
 * queued. They are checked before anything is sent: a part changed on this disk is local damage, reported
 * as such (never as the platform refusing it), and the item can be given its parts back from an intact
 * bundle whose hashes match (ItemStore.add).
 */
export interface PartHash {
  bytes: number;
  sha256: string;
}

export const sha256Of = (bytes: Buffer): PartHash => ({
  bytes: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
});

export async function hashFile(path: string): Promise<PartHash> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Failure codes that mean "our copy on this disk", never the platform's answer. */
export const LOCAL_DAMAGE_CODES: ReadonlySet<string> = new Set(['REPORT_CHANGED', 'BUNDLE_CHANGED']);

export const isLocalDamage = (state: Pick<ItemState, 'state' | 'failure'>): boolean =>
  state.state === 'failed-permanently' && LOCAL_DAMAGE_CODES.has(state.failure?.code ?? '');

const same = (a: PartHash, b: PartHash) => a.bytes === b.bytes && a.sha256 === b.sha256;

export type PartCheck =
  | { ok: true; report: Buffer; reportHash: PartHash }
  | { ok: false; code: 'REPORT_CHANGED' | 'BUNDLE_CHANGED'; message: string };

/** Reads report.json and hashes bundle.zip, and compares both with what was queued. */
export async function checkParts(
  itemDir: string,
  state: Pick<ItemState, 'report' | 'bundle'>,
  files: { report: string; bundle: string },
): Promise<PartCheck> {
  let report: Buffer;
  try {
    report = await readFile(join(itemDir, files.report));
  } catch (error) {
    return {
      ok: false,
      code: 'REPORT_CHANGED',
      message: `the queued copy of report.json could not be read on this computer (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    };
  }
  const reportHash = sha256Of(report);
  // Items queued by an older build carry no report hash: theirs is taken as it is now.
  if (state.report && !same(reportHash, state.report)) {
    return {
      ok: false,
      code: 'REPORT_CHANGED',
      message:
        'the queued copy of report.json was changed or damaged on this computer; the platform was not asked',
    };
  }
  let bundle: PartHash | null;
  try {
    bundle = await hashFile(join(itemDir, files.bundle));
  } catch {
    bundle = null;
  }
  if (!bundle || !same(bundle, state.bundle)) {
    return {
      ok: false,
      code: 'BUNDLE_CHANGED',
      message:
        'the queued copy of bundle.zip was changed or damaged on this computer; the platform was not asked',
    };
  }
  return { ok: true, report, reportHash };
}
