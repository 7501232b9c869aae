import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BundleManifest } from '../../shared/report/bundle-manifest';
import { renameWithRetry } from '../fs/atomic-write';
import { fsyncDirectory } from '../fs/fsync-directory';
import {
  BundlePreview,
  previewBundle,
  STAGED_DEFLATE_LEVEL,
  type BundleSources,
  type PreviewOptions,
} from './preview';
import { deflateMember, writeZip, type ZipMember } from './zip-writer';

export interface WrittenBundle {
  path: string;
  /** Size and SHA-256 of the zip itself (the upload's Content-SHA256). */
  bytes: number;
  sha256: string;
  manifest: BundleManifest;
}

export interface WriteOptions extends PreviewOptions {
  /** zlib level for text members (default 6, like `zip -6`). */
  compressionLevel?: number;
}

/**
 * Writes a bundle: the preview's members exactly (given sources, it previews them first with `options`),
 * manifest.json first, copying the deflated forms the preview staged. The zip goes to `.bt-<hex>.partial`
 * beside the target, is flushed to disk and only then renamed into place: a crash or a full disk leaves
 * no half-written bundle under the real name.
 */
export async function writeBundle(
  input: BundlePreview | BundleSources,
  outPath: string,
  options: WriteOptions = {},
): Promise<WrittenBundle> {
  const preview = input instanceof BundlePreview ? input : await previewBundle(input, options);
  try {
    return await writePreview(preview, outPath, options.compressionLevel ?? STAGED_DEFLATE_LEVEL);
  } finally {
    if (preview !== input) await preview.dispose();
  }
}

async function writePreview(preview: BundlePreview, outPath: string, level: number): Promise<WrittenBundle> {
  preview.assertLive();
  const members: ZipMember[] = [];
  for (const m of preview.members) {
    let payload: ZipMember['payload'];
    if (!m.compress) payload = m.data ? { data: m.data } : { file: m.file!, bytes: m.bytes };
    else if (m.deflated && m.deflated.level === level)
      payload = { file: m.deflated.file, bytes: m.deflated.bytes };
    // Small in-memory members (manifest, report), or a level other than the one staged at.
    else payload = { data: await deflateMember(m.data ?? (await preview.read(m.path)), level) };
    members.push({ path: m.path, bytes: m.bytes, crc32: m.crc32, method: m.compress ? 8 : 0, payload });
  }

  // A short name of fixed length: the user's own name plus a suffix could pass the 255-byte limit.
  const temp = join(dirname(outPath), `.bt-${randomBytes(6).toString('hex')}.partial`);
  let written: { bytes: number; sha256: string };
  try {
    // The report's time, not the wall clock: the same preview always gives the same bytes.
    written = await writeZip(temp, members, preview.createdAt);
    // The zip is streamed, so it cannot go through writeFileAtomic; the rename is the shared one (retried
    // while Windows holds a file of that name open).
    await renameWithRetry(temp, outPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dirname(outPath));
  return { path: outPath, bytes: written.bytes, sha256: written.sha256, manifest: preview.manifest };
}
