import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/** Promise wrappers over yauzl, opened the careful way: names undecoded (we check them ourselves). */
export function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      path,
      // Sizes are counted by us while inflating (see CountingLimiter), never taken from the headers.
      {
        lazyEntries: true,
        autoClose: false,
        decodeStrings: false,
        validateEntrySizes: false,
        strictFileNames: false,
      },
      (error, zip) => (error ? reject(error) : resolve(zip)),
    ),
  );
}

export async function readAllEntries(zip: yauzl.ZipFile, max: number): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length > max) return done(new TooManyEntriesError(entries.length));
      zip.readEntry();
    };
    const done = (error?: Error) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', done);
      if (error) reject(error);
      else resolve();
    };
    const onEnd = () => done();
    zip.on('entry', onEntry).once('end', onEnd).once('error', done);
    zip.readEntry();
  });
  return entries;
}

export class TooManyEntriesError extends Error {
  constructor(readonly count: number) {
    super(`more than ${count - 1} entries`);
  }
}

export function openEntryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
  );
}

/** Which cap a stream crossed. */
export class LimitExceededError extends Error {
  constructor(
    readonly kind: 'entry' | 'total' | 'ratio',
    readonly limit: number,
  ) {
    super(`${kind} limit ${limit} exceeded`);
  }
}

export interface StreamLimits {
  maxEntryBytes: number;
  /** Bytes still allowed for the bundle as a whole. */
  remainingTotal: number;
  /** Inflated bytes may not exceed compressedSize × maxRatio, once past ratioFloorBytes. */
  compressedSize: number;
  maxRatio: number;
  ratioFloorBytes: number;
}

/**
 * Reads an entry's inflated bytes, counting them as they come and stopping the moment a cap is crossed:
 * a zip bomb costs at most the cap, whatever its headers claim. `onChunk` sees every byte (hashing, keeping);
 * what it throws ends the reading and is what this rejects with.
 */
export async function drainEntry(
  stream: Readable,
  limits: StreamLimits,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
  let bytes = 0;
  const counter = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limits.maxEntryBytes) return done(new LimitExceededError('entry', limits.maxEntryBytes));
      if (bytes > limits.remainingTotal) return done(new LimitExceededError('total', limits.remainingTotal));
      if (bytes > limits.ratioFloorBytes && bytes > limits.compressedSize * limits.maxRatio) {
        return done(new LimitExceededError('ratio', limits.maxRatio));
      }
      try {
        onChunk(chunk);
      } catch (error) {
        // The consumer refused the bytes (a JSON member nested too deep): stop inflating here.
        return done(error as Error);
      }
      done();
    },
  });
  await pipeline(stream, counter);
  return bytes;
}
