/**
 * Pictures cannot be redacted like text, but what a phone or an editor writes around the pixels can be
 * removed. Screenshots are ours to make, so the bundle holds PNG only, and of a PNG only the chunks needed
 * to show the pixels: header, palette, transparency, image data, end, and the two colour chunks that
 * change how it looks. Text, Exif, times, ICC profiles (they carry names), private chunks and anything
 * after the end go. A JPEG is not kept as a JPEG at all: the app redraws a merchant's photo as PNG before
 * it is attached (renderer SymptomForm), and one that still arrives is left out.
 */

export class InvalidImageError extends Error {}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Every chunk kept; every other one, critical or not, is dropped. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND', 'gAMA', 'sRGB']);

export interface StrippedImage {
  bytes: Buffer;
  /** Metadata chunks or segments removed. */
  removed: number;
}

export function stripPngMetadata(png: Buffer): StrippedImage {
  if (png.length < 8 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new InvalidImageError('not a PNG');
  const kept: Buffer[] = [PNG_SIGNATURE];
  let removed = 0;
  let at = 8;
  let ended = false;
  while (at + 12 <= png.length && !ended) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > png.length)
      throw new InvalidImageError('PNG chunk overruns the file');
    if (PNG_KEEP.has(type)) kept.push(png.subarray(at, end));
    else removed += 1;
    ended = type === 'IEND';
    at = end;
  }
  if (!ended) throw new InvalidImageError('PNG has no IEND');
  // Bytes after IEND are no part of the picture (a classic place to hide a file).
  if (at < png.length) removed += 1;
  if (kept.length < 4 || !kept[1]!.subarray(4, 8).equals(Buffer.from('IHDR'))) {
    throw new InvalidImageError('PNG does not start with its header chunk');
  }
  return { bytes: Buffer.concat(kept), removed };
}

/** JPEG is refused: its pixels cannot be separated from its metadata without decoding it. */
export class JpegNotSentError extends InvalidImageError {
  constructor() {
    super('a JPEG picture is not sent (only PNG); attach it again in the app, which redraws it as PNG');
  }
}

export function stripImageMetadata(mediaType: 'image/png' | 'image/jpeg', bytes: Buffer): StrippedImage {
  if (mediaType !== 'image/png') throw new JpegNotSentError();
  return stripPngMetadata(bytes);
}
