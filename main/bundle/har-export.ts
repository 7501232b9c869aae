import { createHash, randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { HAR_PATH } from './members';
import { DEFAULT_OPEN_LIMITS, verifyBundle } from './reader';
import { drainEntry, openEntryStream, openZip, readAllEntries } from './zip-reading';
import { renameWithRetry } from '../fs/atomic-write';

/** Why a HAR could not be saved: the bundle no longer verifies, or it has no network.har (withheld). */
export type HarExportResult =
  { saved: true; bytes: number } | { saved: false; reason: 'not-verified' | 'no-har' };

/**
 * 「保存 HAR」: copies a bundle's network.har, byte for byte, to `target`, for Chrome DevTools' Network
 * panel (Import HAR). The bundle is verified again first (it may have changed since it was opened) and the
 * copied bytes must hash to the manifest's SHA-256; written beside the target, flushed, then renamed.
 */
export async function exportBundleHar(bundlePath: string, target: string): Promise<HarExportResult> {
  const verification = await verifyBundle(bundlePath);
  if (!verification.ok || !verification.manifest) return { saved: false, reason: 'not-verified' };
  const listed = verification.manifest.files.find((f) => f.path === HAR_PATH);
  if (!listed) return { saved: false, reason: 'no-har' };
  const zip = await openZip(bundlePath);
  const temp = join(dirname(target), `.${basename(target)}.partial-${randomBytes(6).toString('hex')}`);
  try {
    const entries = await readAllEntries(zip, DEFAULT_OPEN_LIMITS.maxEntries);
    const entry = entries.find((e) => e.fileNameRaw.toString('utf8') === HAR_PATH);
    if (!entry) return { saved: false, reason: 'not-verified' };
    const hash = createHash('sha256');
    const file = await open(temp, 'wx');
    let bytes: number;
    try {
      // Writes are chained: a FileHandle must not have two writes in flight.
      let written: Promise<unknown> = Promise.resolve();
      bytes = await drainEntry(
        await openEntryStream(zip, entry),
        {
          maxEntryBytes: listed.bytes,
          remainingTotal: listed.bytes,
          compressedSize: entry.compressedSize,
          maxRatio: DEFAULT_OPEN_LIMITS.maxRatio,
          ratioFloorBytes: DEFAULT_OPEN_LIMITS.ratioFloorBytes,
        },
        (chunk) => {
          hash.update(chunk);
          written = written.then(() => file.write(chunk));
        },
      );
      await written;
      await file.sync();
    } finally {
      await file.close();
    }
    if (bytes !== listed.bytes || hash.digest('hex') !== listed.sha256) {
      await rm(temp, { force: true });
      return { saved: false, reason: 'not-verified' };
    }
    await renameWithRetry(temp, target);
    return { saved: true, bytes };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    zip.close();
  }
}
