import { execFileSync } from 'node:child_process';
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreImportResultSchema } from '../../../shared/config/import-result';
import {
  loadStoreConfigFile,
  MAX_CONFIG_BYTES,
  parseStoreConfig,
  type StoreImportResult,
  type StoreImportSuccess,
} from '../../../main/config';
import { expectNoKeyEcho, expectWellFormed, jsonBytes, tempDir, testKeys, validStore } from './fixtures';

let dir: { path: string; cleanup: () => void };

beforeAll(() => {
  dir = tempDir();
  mkdirSync(join(dir.path, 'keys'));
  writeFileSync(join(dir.path, 'keys', 'merchant_private.pem'), testKeys().rsa2048Pkcs8);
});
afterAll(() => dir.cleanup());

function expectFailure(result: StoreImportResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.warnings)}`);
  expect(result.errors.length).toBeGreaterThan(0);
  expectWellFormed(result.errors);
  return result.errors;
}

function expectSuccess(result: StoreImportResult): StoreImportSuccess {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors, null, 2)}`);
  expectWellFormed(result.warnings);
  return result;
}

const parse = (bytes: Uint8Array, name = 'store.json') =>
  parseStoreConfig(bytes, name, { baseDir: dir.path });

describe('a valid store.json', () => {
  it('loads from a path, key file included, without the key in the config', async () => {
    const path = join(dir.path, 'store.json');
    writeFileSync(path, jsonBytes(validStore()));
    const result = expectSuccess(await loadStoreConfigFile(path));
    expect(result.warnings).toEqual([]);
    expect(result.value.merchantNo).toBe('2088123456789012');
    expect(result.value.baitiao.installments).toEqual([3, 6, 12, 24]);
    expect(result.value.merchantPrivateKey).toEqual({
      source: 'file',
      file: 'keys/merchant_private.pem',
      resolvedPath: join(dir.path, 'keys', 'merchant_private.pem'),
    });
    expect(result.key).toMatchObject({ loaded: true, summary: { format: 'pkcs8', modulusBits: 2048 } });
    expect(result.keyPem).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('takes an inline PEM and keeps it out of value', async () => {
    const result = expectSuccess(
      await parse(jsonBytes(validStore({ merchantPrivateKey: testKeys().rsa2048Pkcs1 }))),
    );
    expect(result.value.merchantPrivateKey).toEqual({ source: 'inline' });
    expect(JSON.stringify(result.value)).not.toContain('PRIVATE KEY');
    expect(result.key).toMatchObject({ loaded: true, summary: { format: 'pkcs1' } });
    expect(result.keyPem).toContain('-----BEGIN RSA PRIVATE KEY-----');
  });

  it('loses keyPem when validated by the IPC schema', async () => {
    const result = expectSuccess(await parse(jsonBytes(validStore())));
    const overIpc = StoreImportResultSchema.parse(result);
    expect(JSON.stringify(overIpc)).not.toContain('PRIVATE KEY');
    expect(overIpc).not.toHaveProperty('keyPem');
  });

  it('fills defaults (sellerPaysFee)', async () => {
    const store = validStore({ baitiao: { enabled: true, installments: [3] } });
    const result = expectSuccess(await parse(jsonBytes(store)));
    expect(result.value.baitiao.sellerPaysFee).toBe(false);
  });

  it('reports a key problem without failing the import (key.parse decides)', async () => {
    const result = expectSuccess(
      await parse(jsonBytes(validStore({ merchantPrivateKey: { file: 'nope.pem' } }))),
    );
    expect(result.key.loaded).toBe(false);
    expect(result.keyPem).toBeUndefined();
    if (!result.key.loaded) {
      expect(result.key.errors[0]).toMatchObject({
        code: 'KEY_FILE_NOT_FOUND',
        field: '$.merchantPrivateKey.file',
        line: 10,
        column: 13,
      });
    }
  });

  it('cannot resolve a relative key file without a folder, and says how to fix it', async () => {
    const result = expectSuccess(await parseStoreConfig(jsonBytes(validStore()), 'store.json'));
    expect(result.key.loaded ? null : result.key.errors[0]?.code).toBe('KEY_FILE_BASE_UNKNOWN');
    expect(result.value.merchantPrivateKey).toMatchObject({ source: 'file', resolvedPath: null });
  });
});

describe('not JSON', () => {
  it('a missing comma: names file, line and column, in both languages', async () => {
    const valid = JSON.stringify(validStore(), null, 2);
    const text = valid.replace('"2088123456789012",', '"2088123456789012"');
    const line = valid.split('\n').findIndex((l) => l.includes('"appId"')) + 1;
    const [error] = expectFailure(await parse(Buffer.from(text), 'store.json'));
    expect(error).toMatchObject({ code: 'JSON_MISSING_COMMA', file: 'store.json', line, column: 3 });
    expect(error?.message['zh-CN']).toContain(`文件 store.json 第 ${line} 行第 3 列：这里少了一个逗号`);
    expect(error?.message['zh-CN']).toContain('请用记事本打开，检查这一行');
    expect(error?.message['en-US']).toContain(`store.json, line ${line}, column 3: A comma is missing`);
  });

  it('a comma missing at the end of a line points at the next line', async () => {
    const text = '{\n  "configVersion": 1\n  "environment": "production"\n}';
    const [error] = expectFailure(await parse(Buffer.from(text)));
    expect(error).toMatchObject({ code: 'JSON_MISSING_COMMA', line: 3, column: 3, field: '$' });
  });

  it('a Windows key path with single backslashes', async () => {
    const text = JSON.stringify(validStore(), null, 2).replace(
      'keys/merchant_private.pem',
      'C:\\keys\\a.pem',
    );
    expect(text).toContain('"C:\\keys\\a.pem"');
    const [error] = expectFailure(await parse(Buffer.from(text)));
    expect(error).toMatchObject({ code: 'JSON_INVALID_ESCAPE', field: '$.merchantPrivateKey.file' });
    expect(error?.message['zh-CN']).toContain('C:/keys/merchant.pem');
  });

  it('Chinese punctuation', async () => {
    const [error] = expectFailure(await parse(Buffer.from('{"configVersion"：1}')));
    expect(error).toMatchObject({ code: 'JSON_FULLWIDTH_PUNCTUATION', line: 1, column: 17 });
    expect(error?.message['zh-CN']).toContain('「：」');
    expect(error?.message['zh-CN']).toContain('「:」');
  });

  it('a private key pasted with its line breaks', async () => {
    const pem = testKeys().rsa2048Pkcs8;
    const text = `{\n  "configVersion": 1,\n  "merchantPrivateKey": "${pem}"\n}`;
    const errors = expectFailure(await parse(Buffer.from(text)));
    expect(errors[0]).toMatchObject({
      code: 'JSON_PEM_LINE_BREAKS',
      line: 3,
      column: 25,
      field: '$.merchantPrivateKey',
    });
    expectNoKeyEcho(errors, [pem]);
  });

  it('a saved web page', async () => {
    const [error] = expectFailure(await parse(Buffer.from('<!DOCTYPE html><title>登录</title>')));
    expect(error?.code).toBe('JSON_LOOKS_LIKE_HTML');
  });

  it('a cut-off file', async () => {
    const text = JSON.stringify(validStore(), null, 2);
    const [error] = expectFailure(await parse(Buffer.from(text.slice(0, text.length - 40))));
    expect(error?.code).toBe('JSON_UNEXPECTED_END');
    expect(error?.message['zh-CN']).toMatch(/少了结尾的「[}\]]」/);
  });
});

describe('encodings', () => {
  const text = JSON.stringify(validStore(), null, 2);

  it('GBK: refused, says GBK/ANSI, shows the text, says to re-save as UTF-8', async () => {
    const [error] = expectFailure(await parse(iconv.encode(text, 'gbk')));
    const line = text.split('\n').findIndex((l) => l.includes('storeName')) + 1;
    expect(error).toMatchObject({ code: 'ENCODING_GBK', file: 'store.json', line, column: 17 });
    expect(error?.message['zh-CN']).toContain('鼎经纬京东小店');
    expect(error?.message['zh-CN']).toContain('GBK');
    expect(error?.message['zh-CN']).toContain('UTF-8');
    expect(error?.message['en-US']).toContain('ANSI');
  });

  it('other invalid UTF-8: refused with a position', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{\n  "a": "'),
      Buffer.from([0xff, 0xfe, 0xfd, 0xff]),
      Buffer.from('"\n}'),
    ]);
    const [error] = expectFailure(await parse(bytes));
    expect(error).toMatchObject({ code: 'ENCODING_NOT_UTF8', line: 2, column: 9 });
  });

  it('UTF-8 BOM: accepted with a warning', async () => {
    const result = expectSuccess(
      await parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])),
    );
    expect(result.warnings.map((w) => w.code)).toEqual(['UTF8_BOM']);
  });

  it.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['UTF-16 LE without BOM', Buffer.from(text, 'utf16le')],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
    ['UTF-16 BE without BOM', Buffer.from(text, 'utf16le').swap16()],
  ])('%s: decoded and accepted with a warning', async (_name, bytes) => {
    const result = expectSuccess(await parse(bytes));
    expect(result.value.storeName).toBe('鼎经纬京东小店');
    expect(result.warnings.map((w) => w.code)).toEqual(['ENCODING_UTF16']);
  });

  it('UTF-16 cut in half a character: refused', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le').subarray(0, 101)]);
    expect(expectFailure(await parse(bytes))[0]?.code).toBe('ENCODING_UTF16_INVALID');
  });

  it('UTF-32: refused', async () => {
    expect(expectFailure(await parse(Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0])))[0]?.code).toBe(
      'ENCODING_UTF32',
    );
  });
});

describe('not a text file', () => {
  it.each([
    ['zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), 'ZIP'],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'PNG'],
    ['NUL bytes', Buffer.from('{"a":\u0000\u0000\u0000}'), '二进制'],
    ['random control bytes', Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0x7b, 0x7d]), '二进制'],
  ])('%s: refused, naming what it is', async (_name, bytes, named) => {
    const [error] = expectFailure(await parse(bytes, 'store.json'));
    expect(error?.code).toBe('BINARY_FILE');
    expect(error?.message['zh-CN']).toContain(named);
    expect(error?.message['zh-CN']).toContain('store.json');
  });

  it('empty: refused', async () => {
    expect(expectFailure(await parse(Buffer.alloc(0)))[0]?.code).toBe('EMPTY_FILE');
    expect(expectFailure(await parse(Buffer.from(' \r\n\t ')))[0]?.code).toBe('EMPTY_FILE');
    expect(expectFailure(await parse(Buffer.from([0xef, 0xbb, 0xbf])))[0]?.code).toBe('EMPTY_FILE');
  });

  it('over 1 MB in memory: refused', async () => {
    const [error] = expectFailure(await parse(Buffer.alloc(MAX_CONFIG_BYTES + 1, 0x20)));
    expect(error?.code).toBe('FILE_TOO_LARGE');
    expect(error?.message['zh-CN']).toContain('1.0 MB');
  });
});

describe('paths', () => {
  it('over 1 MB on disk: refused from stat, without reading (a 5 GB sparse file answers at once)', async () => {
    const path = join(dir.path, 'huge.json');
    writeFileSync(path, '');
    truncateSync(path, 5 * 1024 ** 3);
    // The size in the message is the file's on disk: it came from stat (reading 5 GB could not have
    // answered at all: Node refuses to read a file over 2 GB into memory, with another error).
    const [error] = expectFailure(await loadStoreConfigFile(path));
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', file: 'huge.json' });
    expect(error?.message['zh-CN']).toContain('5120.0 MB');
  });

  it('exactly 1 MB is still read', async () => {
    const path = join(dir.path, 'exact.json');
    const body = JSON.stringify(validStore());
    writeFileSync(path, body + ' '.repeat(MAX_CONFIG_BYTES - Buffer.byteLength(body)));
    expectSuccess(await loadStoreConfigFile(path));
  });

  it('missing file: names the full path', async () => {
    const path = join(dir.path, 'gone', 'store.json');
    const [error] = expectFailure(await loadStoreConfigFile(path));
    expect(error).toMatchObject({ code: 'FILE_NOT_FOUND', file: 'store.json', field: '$' });
    expect(error?.message['zh-CN']).toContain(JSON.stringify(path));
  });

  it('a directory', async () => {
    const [error] = expectFailure(await loadStoreConfigFile(dir.path));
    expect(error?.code).toBe('PATH_IS_DIRECTORY');
    expect(error?.message['zh-CN']).toContain('文件夹');
  });

  it('an empty or NUL-containing path', async () => {
    expect(expectFailure(await loadStoreConfigFile(''))[0]?.code).toBe('INVALID_PATH');
    expect(expectFailure(await loadStoreConfigFile('a\u0000b'))[0]?.code).toBe('INVALID_PATH');
  });

  it.skipIf(process.platform === 'win32')('a FIFO: refused without blocking on open', async () => {
    const path = join(dir.path, 'pipe.json');
    execFileSync('mkfifo', [path]);
    expect(expectFailure(await loadStoreConfigFile(path))[0]?.code).toBe('NOT_A_REGULAR_FILE');
  });

  it.skipIf(process.platform === 'win32')(
    'a device such as /dev/zero: refused, no endless read',
    async () => {
      expect(expectFailure(await loadStoreConfigFile('/dev/zero'))[0]?.code).toBe('NOT_A_REGULAR_FILE');
    },
  );
});

describe('schema (cfg.schema)', () => {
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('a missing field: named, with the line of its object and what to write', async () => {
    const store = validStore();
    delete store.merchantNo;
    const [error] = expectFailure(await parse(jsonBytes(store)));
    expect(error).toMatchObject({ code: 'FIELD_MISSING', field: '$.merchantNo', line: 1, column: 1 });
    expect(error?.message['zh-CN']).toContain('缺少「商户号（merchantNo）」');
    expect(error?.message['zh-CN']).toContain('8 到 20 位数字');
    expect(error?.message['en-US']).toContain('Merchant number (merchantNo) is missing');
  });

  it('a mistyped field name: the missing error suggests it, the unknown one is named', async () => {
    const store = validStore();
    delete store.merchantNo;
    store.merchantNO = '2088123456789012';
    const [error] = expectFailure(await parse(jsonBytes(store)));
    expect(error?.message['zh-CN']).toContain('是不是想写「merchantNo」');
  });

  it('wrong types, each at its own line and column', async () => {
    const store = validStore({
      merchantNo: 2088123456789012,
      baitiao: { enabled: 'yes', installments: [3, '6'] },
    });
    const text = JSON.stringify(store, null, 2);
    const errors = expectFailure(await parse(Buffer.from(text)));
    expect(errors.map((e) => [e.code, e.field, e.line])).toEqual([
      ['FIELD_WRONG_TYPE', '$.merchantNo', lineOf(text, 'merchantNo')],
      ['FIELD_WRONG_TYPE', '$.baitiao.enabled', lineOf(text, '"enabled"')],
      ['FIELD_WRONG_TYPE', '$.baitiao.installments[1]', lineOf(text, '"6"')],
    ]);
    expect(errors[0]?.column).toBe(17);
    expect(errors[0]?.message['zh-CN']).toContain('现在是数字 2088123456789012');
    expect(errors[0]?.message['zh-CN']).toContain('请给它加上英文双引号');
    expect(errors[2]?.message['zh-CN']).toContain('第');
  });

  it('invalid values: the format the field needs', async () => {
    const store = validStore({
      environment: 'prod',
      appId: 'short',
      testOrder: { amount: '199.999', subject: '测试' },
      baitiao: { enabled: true, installments: [] },
    });
    const errors = expectFailure(await parse(jsonBytes(store)));
    expect(errors.map((e) => e.field)).toEqual([
      '$.environment',
      '$.appId',
      '$.baitiao.installments',
      '$.testOrder.amount',
    ]);
    expect(errors.every((e) => e.code === 'FIELD_INVALID_VALUE')).toBe(true);
    expect(errors[0]?.message['zh-CN']).toContain('"prod"');
    expect(errors[3]?.message['zh-CN']).toContain('最多两位小数');
  });

  it('merchantPrivateKey in object form with a wrong member', async () => {
    const errors = expectFailure(
      await parse(jsonBytes(validStore({ merchantPrivateKey: { flie: 'a.pem' } }))),
    );
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['FIELD_MISSING', '$.merchantPrivateKey.file'],
      ['FIELD_INVALID_VALUE', '$.merchantPrivateKey.flie'],
    ]);
  });

  it('merchantPrivateKey of a wrong type', async () => {
    const [error] = expectFailure(await parse(jsonBytes(validStore({ merchantPrivateKey: 42 }))));
    expect(error).toMatchObject({ code: 'FIELD_WRONG_TYPE', field: '$.merchantPrivateKey' });
    expect(error?.message['zh-CN']).toContain('{ "file": "私钥文件路径" }');
  });

  it('not an object at all', async () => {
    const [error] = expectFailure(await parse(Buffer.from('[1, 2, 3]')));
    expect(error).toMatchObject({ code: 'FIELD_WRONG_TYPE', field: '$', line: 1, column: 1 });
  });

  it('unknown fields: warnings at their line, not errors', async () => {
    const store = validStore({
      shopOwner: '张三',
      baitiao: { enabled: true, installments: [3], promo: true },
    });
    const text = JSON.stringify(store, null, 2);
    const result = expectSuccess(await parse(Buffer.from(text)));
    expect(result.warnings.map((w) => [w.code, w.field, w.line])).toEqual([
      ['FIELD_UNKNOWN', '$.baitiao.promo', lineOf(text, 'promo')],
      ['FIELD_UNKNOWN', '$.shopOwner', lineOf(text, 'shopOwner')],
    ]);
    expect(result.warnings[1]?.message['zh-CN']).toContain('「shopOwner」不是店铺支付配置文件里的字段');
  });

  it('a duplicated field: a warning', async () => {
    const text = JSON.stringify(validStore(), null, 2).replace(
      '"charset": "UTF-8"',
      '"charset": "GBK",\n  "charset": "UTF-8"',
    );
    const result = expectSuccess(await parse(Buffer.from(text)));
    expect(result.warnings.map((w) => w.code)).toEqual(['JSON_DUPLICATE_FIELD']);
  });

  it('a private key in the wrong field: an error that does not repeat it', async () => {
    const pem = testKeys().rsa2048Pkcs8;
    const errors = expectFailure(await parse(jsonBytes(validStore({ notifyUrl: pem }))));
    expect(errors[0]).toMatchObject({ code: 'FIELD_INVALID_VALUE', field: '$.notifyUrl' });
    expectNoKeyEcho(errors, [pem]);
  });

  it('a private key in an unknown field: dropped with a warning, never kept', async () => {
    const pem = testKeys().rsa2048Pkcs8;
    const result = expectSuccess(await parse(jsonBytes(validStore({ backupKey: pem, note: { k: pem } }))));
    expect(result.warnings.map((w) => [w.code, w.field])).toEqual([
      ['FIELD_SECRET_IGNORED', '$.backupKey'],
      ['FIELD_SECRET_IGNORED', '$.note'],
    ]);
    expect(JSON.stringify(result.value)).not.toContain('PRIVATE KEY');
    expectNoKeyEcho(result.warnings, [pem]);
  });

  it('a piece of the key left in a field name (a damaged edit): dropped with a warning, never kept', async () => {
    const pem = testKeys().rsa2048Pkcs8;
    const body = pem.split('\n')[1]!;
    // What fuzzing found: a broken PEM header (four dashes) and the key's first line, fused into a name.
    const name = `----BEGIN PRIVATE KEY-----\n${body.slice(0, 40)}storeName`;
    const bareRun = body.slice(0, 44);
    const result = expectSuccess(
      await parse(jsonBytes(validStore({ [name]: '鼎经纬京东小店', [bareRun]: 1 }))),
    );
    expect(result.warnings.map((w) => w.code)).toEqual(['FIELD_SECRET_IGNORED', 'FIELD_SECRET_IGNORED']);
    const stored = JSON.stringify(result.value);
    expect(stored).not.toContain(body.slice(0, 24));
    expect(stored).not.toContain('PRIVATE KEY');
    expectNoKeyEcho(result.warnings, [pem]);
  });

  it('a file name with odd characters is shown safely', async () => {
    const [error] = expectFailure(
      await parseStoreConfig(Buffer.from('{'), 'C:\\Users\\店主\\Desktop\\my\nstore.json'),
    );
    expect(error?.file).toBe('mystore.json');
  });

  it('long error lists are capped', async () => {
    const many = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`extra${i}`, i]));
    const result = expectSuccess(await parse(jsonBytes(validStore(many))));
    expect(result.warnings).toHaveLength(50);
    expect(result.warnings[49]?.code).toBe('TOO_MANY_ISSUES');
  });
});
