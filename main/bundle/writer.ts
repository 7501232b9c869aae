import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { BundleManifest } from '../../shared/report/bundle-manifest';
import { fsyncDirectory } from './fsync-directory';
import { BundlePreview, previewBundle, type BundleSources, type PreviewOptions } from './preview';

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
 * manifest.json first. The zip streams to `<out>.partial-…` beside the target, is flushed to disk and only
 * then renamed into place: a crash or a full disk leaves no half-written bundle under the real name.
 */
export async function writeBundle(
  input: BundlePreview | BundleSources,
  outPath: string,
  options: WriteOptions = {},
): Promise<WrittenBundle> {
  const preview = input instanceof BundlePreview ? input : await previewBundle(input, options);
  try {
    return await writePreview(preview, outPath, options.compressionLevel ?? 6);
  } finally {
    if (preview !== input) await preview.dispose();
  }
}

async function writePreview(preview: BundlePreview, outPath: string, level: number): Promise<WrittenBundle> {
  preview.assertLive();
  const zip = new yazl.ZipFile();
  // The report's time, not the wall clock: the same preview always gives the same bytes.
  const mtime = preview.createdAt;
  for (const m of preview.members) {
    const options = {
      mtime,
      mode: 0o100644,
      ...(m.compress ? { compressionLevel: level } : { compress: false }),
    };
    if (m.data) zip.addBuffer(m.data, m.path, options);
    else {
      const file = m.file!;
      zip.addReadStreamLazy(m.path, { ...options, size: m.bytes }, (cb) => {
        const stream = createReadStream(file);
        // yazl does not pass a source stream's error on; without this the zip would wait forever.
        stream.once('error', (error) => (zip.outputStream as Readable).destroy(error));
        cb(null, stream);
      });
    }
  }
  // A member that cannot be read fails the zip, and with it the pipeline below.
  zip.on('error', (error: Error) => (zip.outputStream as Readable).destroy(error));
  zip.end();

  const temp = join(dirname(outPath), `.${basename(outPath)}.partial-${randomBytes(6).toString('hex')}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  try {
    // `flush` fsyncs the file before it is closed, so the rename below publishes complete bytes.
    await pipeline(
      zip.outputStream,
      measure,
      createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true }),
    );
    await rename(temp, outPath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dirname(outPath));
  return { path: outPath, bytes, sha256: hash.digest('hex'), manifest: preview.manifest };
}
