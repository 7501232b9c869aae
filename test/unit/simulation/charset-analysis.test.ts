import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { analyzeCharset, declaredCharset } from '../../../main/simulation';

/** A Chinese page as a real cashier serves it; only its bytes change between the cases below. */
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>京东白条收银台</title></head>
<body><h1>京东白条 分期付款</h1><p>订单金额：199.00 元</p><p>3 期，每期 67.33 元，总手续费率 1.5%</p></body></html>`;
const UTF8 = 'text/html; charset=utf-8';

describe('mojibake detection from real bytes', () => {
  it('proper UTF-8 Chinese under a UTF-8 declaration is clean', () => {
    const finding = analyzeCharset({
      bytes: Buffer.from(PAGE, 'utf8'),
      contentType: UTF8,
      renderedText: '京东白条 分期付款',
    });
    expect(finding).toMatchObject({
      declared: 'utf-8',
      declaredBy: 'header',
      detected: 'utf-8',
      mojibake: false,
      signals: [],
    });
    expect(finding.decodedSample).toContain('京东白条收银台');
    expect(finding.detectedSample).toBeNull();
  });

  it('GBK bytes declared UTF-8 (header and meta): detected as GB18030, with what it should have read', () => {
    const bytes = iconv.encode(PAGE, 'gbk');
    const rendered = new TextDecoder('utf-8').decode(bytes);
    const finding = analyzeCharset({ bytes, contentType: UTF8, renderedText: rendered });
    expect(finding).toMatchObject({ declared: 'utf-8', detected: 'gb18030', mojibake: true });
    expect(finding.signals).toEqual(expect.arrayContaining(['gbk-declared-utf8', 'replacement-character']));
    expect(finding.decodedSample).not.toContain('京东');
    expect(finding.detectedSample).toContain('京东白条 分期付款');
  });

  it('GBK bytes with only a <meta charset="utf-8"> (no header charset) are caught the same way', () => {
    const finding = analyzeCharset({
      bytes: iconv.encode(PAGE, 'gbk'),
      contentType: 'text/html',
      renderedText: null,
    });
    expect(finding).toMatchObject({
      declared: 'utf-8',
      declaredBy: 'meta',
      detected: 'gb18030',
      mojibake: true,
    });
    expect(finding.signals).toEqual(['gbk-declared-utf8']);
  });

  it('GBK bytes honestly declared GBK are fine', () => {
    const page = PAGE.replace('charset="utf-8"', 'charset="gbk"');
    const finding = analyzeCharset({
      bytes: iconv.encode(page, 'gbk'),
      contentType: 'text/html; charset=GBK',
      renderedText: '京东白条',
    });
    expect(finding).toMatchObject({
      declared: 'gbk',
      detected: 'gb18030',
      mojibake: false,
      detectedSample: null,
    });
  });

  it('UTF-8 bytes declared GBK: the reverse mistake', () => {
    const finding = analyzeCharset({
      bytes: Buffer.from(PAGE, 'utf8'),
      contentType: 'text/html; charset=gb2312',
      renderedText: null,
    });
    expect(finding).toMatchObject({
      declared: 'gb2312',
      detected: 'utf-8',
      mojibake: true,
      signals: ['utf8-declared-legacy'],
    });
    expect(finding.detectedSample).toContain('京东白条');
  });

  it('GBK bytes declared Latin-1 are flagged as another mismatch', () => {
    const finding = analyzeCharset({
      bytes: iconv.encode(PAGE, 'gbk'),
      contentType: 'text/html; charset=iso-8859-1',
      renderedText: null,
    });
    expect(finding).toMatchObject({ detected: 'gb18030', mojibake: true, signals: ['gbk-declared-other'] });
  });

  it('锟斤拷 baked into valid UTF-8 text is still mojibake', () => {
    const damaged = PAGE.replace('京东白条 分期付款', '锟斤拷锟斤拷 分期付款');
    const finding = analyzeCharset({
      bytes: Buffer.from(damaged, 'utf8'),
      contentType: UTF8,
      renderedText: '锟斤拷锟斤拷 分期付款',
    });
    expect(finding).toMatchObject({ detected: 'utf-8', mojibake: true, signals: ['mangled-sequence'] });
  });

  it('U+FFFD bytes read as GBK produce 锟斤拷, and that is seen', () => {
    const bytes = Buffer.concat([
      Buffer.from('<p>'),
      Buffer.from('\uFFFD\uFFFD\uFFFD\uFFFD', 'utf8'),
      Buffer.from('</p>'),
    ]);
    const finding = analyzeCharset({ bytes, contentType: 'text/html; charset=gbk', renderedText: null });
    expect(finding.signals).toContain('mangled-sequence');
    expect(finding.decodedSample).toContain('锟斤拷');
  });

  it('UTF-8 read as Latin-1 (æ–‡ style) in the rendered text is seen', () => {
    const latin1 = Buffer.from('京东白条', 'utf8').toString('latin1');
    const finding = analyzeCharset({
      bytes: Buffer.from('<p>ok</p>'),
      contentType: UTF8,
      renderedText: `订单 ${latin1}`,
    });
    expect(finding.signals).toEqual(['latin1-mojibake']);
  });

  it('an ASCII page, or one with a lone replacement character on screen', () => {
    expect(
      analyzeCharset({ bytes: Buffer.from('<p>hello</p>'), contentType: UTF8, renderedText: 'hello' }),
    ).toMatchObject({
      detected: 'ascii',
      mojibake: false,
    });
    expect(
      analyzeCharset({ bytes: Buffer.from('<p>hi</p>'), contentType: UTF8, renderedText: 'h\uFFFDi' })
        .signals,
    ).toEqual(['replacement-character']);
  });

  it('bytes that are neither UTF-8 nor Chinese under a UTF-8 declaration are invalid UTF-8', () => {
    const finding = analyzeCharset({
      bytes: Buffer.from([0x3c, 0x70, 0x3e, 0xff, 0xfe, 0xfd, 0x80, 0x3c]),
      contentType: UTF8,
      renderedText: null,
    });
    expect(finding).toMatchObject({ detected: null, mojibake: true, signals: ['invalid-utf8'] });
  });
});

describe('declared charset, as a browser decides it', () => {
  it('a BOM wins over the header, the header over <meta>', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PAGE)]);
    expect(declaredCharset('text/html; charset=gbk', bom)).toEqual({ charset: 'utf-8', by: 'bom' });
    expect(declaredCharset('text/html; charset="GBK"', Buffer.from(PAGE))).toEqual({
      charset: 'gbk',
      by: 'header',
    });
    expect(declaredCharset('text/html', Buffer.from(PAGE))).toEqual({ charset: 'utf-8', by: 'meta' });
    const httpEquiv =
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=GB2312"></head></html>';
    expect(declaredCharset(null, Buffer.from(httpEquiv))).toEqual({ charset: 'gb2312', by: 'meta' });
    expect(declaredCharset(null, Buffer.from('<p>x</p>'))).toEqual({ charset: null, by: null });
  });
});
