/**
 * Pictures cannot be redacted like text, but what a photo app writes around the pixels can be removed:
 * PNG text chunks (tEXt, zTXt, iTXt), eXIf and timestamps; JPEG Exif/XMP (camera, GPS, owner) and
 * comments. What the pixels show is the merchant's to check in the preview.
 */

export class InvalidImageError extends Error {}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Ancillary PNG chunks that change how the picture looks; every other ancillary chunk is dropped. */
const PNG_KEEP = new Set([
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'pHYs',
  'bKGD',
  'acTL',
  'fcTL',
  'fdAT',
]);

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
    const critical = type.charCodeAt(0) < 0x61;
    if (critical || PNG_KEEP.has(type)) kept.push(png.subarray(at, end));
    else removed += 1;
    ended = type === 'IEND';
    at = end;
  }
  if (!ended) throw new InvalidImageError('PNG has no IEND');
  return { bytes: Buffer.concat(kept), removed };
}

export function stripJpegMetadata(jpeg: Buffer): StrippedImage {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new InvalidImageError('not a JPEG');
  const kept: Buffer[] = [jpeg.subarray(0, 2)];
  let removed = 0;
  let at = 2;
  while (at + 4 <= jpeg.length) {
    if (jpeg[at] !== 0xff) throw new InvalidImageError('JPEG segment marker expected');
    const marker = jpeg[at + 1]!;
    if (marker === 0xd9) break;
    const length = jpeg.readUInt16BE(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > jpeg.length) throw new InvalidImageError('JPEG segment overruns the file');
    if (marker === 0xda) {
      // Start of scan: the compressed picture runs to the end; copy it as it is.
      kept.push(jpeg.subarray(at));
      return { bytes: Buffer.concat(kept), removed };
    }
    const isIcc = marker === 0xe2 && jpeg.toString('latin1', at + 4, at + 16) === 'ICC_PROFILE\0';
    // APP0 (JFIF) and APP14 (Adobe colour transform) and ICC profiles change how it looks; keep those.
    const metadata = (marker >= 0xe1 && marker <= 0xef && marker !== 0xee && !isIcc) || marker === 0xfe;
    if (metadata) removed += 1;
    else kept.push(jpeg.subarray(at, end));
    at = end;
  }
  throw new InvalidImageError('JPEG has no picture data');
}

export function stripImageMetadata(mediaType: 'image/png' | 'image/jpeg', bytes: Buffer): StrippedImage {
  return mediaType === 'image/png' ? stripPngMetadata(bytes) : stripJpegMetadata(bytes);
}
