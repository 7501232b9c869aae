import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { previewBundle } from '../../../main/bundle';
import {
  InvalidImageError,
  JpegNotSentError,
  stripImageMetadata,
  stripPngMetadata,
} from '../../../main/redaction';
import { sources } from '../bundle/bundle-fixtures';
import { makeJpeg, makePng, pngChunk } from '../report/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'bt-pictures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Inserts chunks right after IHDR (where metadata usually sits). */
function withChunks(png: Buffer, chunks: Buffer[], trailing = Buffer.alloc(0)): Buffer {
  const afterHeader = 8 + 25;
  return Buffer.concat([png.subarray(0, afterHeader), ...chunks, png.subarray(afterHeader), trailing]);
}

const chunkTypes = (png: Buffer): string[] => {
  const types: string[] = [];
  for (let at = 8; at + 12 <= png.length; at += 12 + png.readUInt32BE(at))
    types.push(png.toString('latin1', at + 4, at + 8));
  return types;
};

describe('picture metadata', () => {
  it('drops PNG text and time chunks, keeps the picture chunks byte for byte', () => {
    const png = makePng({ text: { Author: '王老板 13800138000', Comment: 'token=abc' } });
    const { bytes, removed } = stripPngMetadata(png);
    expect(removed).toBe(3);
    expect(bytes.toString('latin1')).not.toContain('Author');
    expect(bytes.toString('latin1')).not.toContain('tIME');
    expect(bytes.equals(stripPngMetadata(makePng()).bytes)).toBe(true);
    expect(stripPngMetadata(bytes).removed).toBe(0);
  });

  it('keeps only the chunks that show the pixels: private, Exif, ICC, physical size and trailing data go', () => {
    const secret = 'owner=王老板 token=tk_9Qm2';
    const png = withChunks(
      makePng(),
      [
        pngChunk('gAMA', Buffer.from([0, 0, 0xb1, 0x8f])),
        pngChunk('sRGB', Buffer.from([0])),
        pngChunk('eXIf', Buffer.from(`MM\0*${secret}`, 'utf8')),
        pngChunk('iCCP', Buffer.concat([Buffer.from('王老板的显示器\0\0', 'utf8'), deflateSync(secret)])),
        pngChunk('pHYs', Buffer.alloc(9)),
        pngChunk('prVt', Buffer.from(secret, 'utf8')),
        pngChunk('iTXt', Buffer.from(`Comment\0\0\0\0\0${secret}`, 'utf8')),
        pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0'), deflateSync(secret)])),
      ],
      Buffer.from(`after the end: ${secret}`, 'utf8'),
    );
    const { bytes, removed } = stripPngMetadata(png);
    expect(chunkTypes(bytes)).toEqual(['IHDR', 'gAMA', 'sRGB', 'IDAT', 'IEND']);
    // Six inserted chunks, the fixture's tIME, and the bytes after IEND.
    expect(removed).toBe(8);
    expect(bytes.toString('utf8')).not.toContain('王老板');
    expect(bytes.toString('latin1')).not.toContain('token');
  });

  it('refuses what is not the picture it claims to be', () => {
    expect(() => stripPngMetadata(Buffer.from('GIF89a'))).toThrow(InvalidImageError);
    expect(() => stripPngMetadata(makePng().subarray(0, 40))).toThrow(InvalidImageError);
  });

  it('never sends a JPEG as a JPEG: it is refused, and the bundle leaves it out and says so', async () => {
    const jpeg = makeJpeg('Owner=王老板 GPS=31.2,121.4');
    expect(() => stripImageMetadata('image/jpeg', jpeg)).toThrow(JpegNotSentError);
    const s = sources();
    s.screenshots = [
      ...s.screenshots,
      { path: 'screenshots/merchant-2.jpg', mediaType: 'image/jpeg', bytes: jpeg, source: 'merchant' },
    ];
    const preview = await previewBundle(s, { workDir: dir });
    try {
      expect(preview.members.map((m) => m.path).filter((p) => p.startsWith('screenshots/'))).toEqual([
        'screenshots/merchant-1.png',
        'screenshots/simulation-1-cashier.png',
      ]);
      expect(preview.warnings).toEqual([expect.stringContaining('screenshots/merchant-2.jpg')]);
    } finally {
      await preview.dispose();
    }
  });
});
