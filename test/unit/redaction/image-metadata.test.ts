import { describe, expect, it } from 'vitest';
import { InvalidImageError, stripJpegMetadata, stripPngMetadata } from '../../../main/redaction';
import { makeJpeg, makePng } from '../report/fixtures';

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

  it('drops JPEG Exif and comments, keeps JFIF and the scan', () => {
    const { bytes, removed } = stripJpegMetadata(makeJpeg('Owner=王老板 GPS=31.2,121.4'));
    expect(removed).toBe(2);
    expect(bytes.toString('latin1')).not.toContain('Owner');
    expect(bytes.toString('latin1')).toContain('JFIF');
    expect(bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('refuses what is not the picture it claims to be', () => {
    expect(() => stripPngMetadata(Buffer.from('GIF89a'))).toThrow(InvalidImageError);
    expect(() => stripPngMetadata(makePng().subarray(0, 40))).toThrow(InvalidImageError);
    expect(() => stripJpegMetadata(makePng())).toThrow(InvalidImageError);
  });
});
