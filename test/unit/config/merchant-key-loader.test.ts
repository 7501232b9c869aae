import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMerchantKey, MAX_KEY_FILE_BYTES, type MerchantKeyResult } from '../../../main/config';
import { expectNoKeyEcho, expectWellFormed, tempDir, testKeys } from './fixtures';

let dir: { path: string; cleanup: () => void };

beforeAll(() => {
  dir = tempDir('baitiao-key-');
});
afterAll(() => dir.cleanup());

const allKeys = () => Object.values(testKeys());

function writeKey(name: string, content: string | Buffer): { file: string } {
  writeFileSync(join(dir.path, name), content);
  return { file: name };
}

function expectError(result: MerchantKeyResult, code: string) {
  if (result.ok) throw new Error(`expected ${code}, got a key`);
  expect(result.errors.map((e) => e.code)).toEqual([code]);
  expectWellFormed(result.errors);
  expectNoKeyEcho(result.errors, allKeys());
  return result.errors[0]!;
}

function expectKey(result: MerchantKeyResult) {
  if (!result.ok) throw new Error(`expected a key, got ${JSON.stringify(result.errors, null, 2)}`);
  expectNoKeyEcho(result.warnings, allKeys());
  return result;
}

describe('loadMerchantKey: good keys', () => {
  it('PKCS#8 from a file: format, 2048 bits, fingerprint, no warnings', async () => {
    const result = expectKey(await loadMerchantKey(writeKey('good.pem', testKeys().rsa2048Pkcs8), dir.path));
    expect(result.summary).toMatchObject({ algorithm: 'rsa', format: 'pkcs8', modulusBits: 2048 });
    expect(result.summary.publicKeyFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}=$/);
    expect(result.warnings).toEqual([]);
    expect(result.source).toEqual({
      source: 'file',
      file: 'good.pem',
      resolvedPath: join(dir.path, 'good.pem'),
    });
    expect(result.pem).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('PKCS#1 inline: works, with a warning that says which format', async () => {
    const result = expectKey(await loadMerchantKey(testKeys().rsa2048Pkcs1, null));
    expect(result.summary.format).toBe('pkcs1');
    expect(result.warnings.map((w) => w.code)).toEqual(['KEY_PKCS1']);
    expect(result.warnings[0]?.message['zh-CN']).toContain('PKCS#1');
    expect(result.source).toEqual({ source: 'inline' });
  });

  it('both formats of one key share the fingerprint', async () => {
    const a = expectKey(await loadMerchantKey(testKeys().rsa2048Pkcs1, null));
    const b = expectKey(await loadMerchantKey(testKeys().rsa2048Pkcs8, null));
    expect(a.summary.publicKeyFingerprint).toBe(b.summary.publicKeyFingerprint);
  });

  it('1024 bits: loaded, bits reported, with a warning (key.strength fails it)', async () => {
    const result = expectKey(await loadMerchantKey(testKeys().rsa1024Pkcs8, null));
    expect(result.summary.modulusBits).toBe(1024);
    expect(result.warnings.map((w) => w.code)).toEqual(['KEY_WEAK']);
    expect(result.warnings[0]?.message['zh-CN']).toContain('1024');
  });

  it('CRLF line ends, indentation and a missing final newline are harmless', async () => {
    const messy = testKeys()
      .rsa2048Pkcs8.trim()
      .split('\n')
      .map((l) => `   ${l}  `)
      .join('\r\n');
    expectKey(await loadMerchantKey(messy, null));
  });

  it('line breaks escaped twice ("\\\\n") are read, with a warning', async () => {
    const escaped = testKeys().rsa2048Pkcs8.replace(/\n/g, '\\n');
    const result = expectKey(await loadMerchantKey(escaped, null));
    expect(result.warnings.map((w) => w.code)).toEqual(['KEY_ESCAPED_NEWLINES']);
  });

  it('an absolute key path works without a base folder', async () => {
    writeKey('abs.pem', testKeys().rsa2048Pkcs8);
    expectKey(await loadMerchantKey({ file: join(dir.path, 'abs.pem') }, null));
  });
});

describe('loadMerchantKey: key files that cannot be read', () => {
  it('missing: says where it looked', async () => {
    const error = expectError(
      await loadMerchantKey({ file: 'keys/none.pem' }, dir.path),
      'KEY_FILE_NOT_FOUND',
    );
    expect(error.field).toBe('$.merchantPrivateKey.file');
    expect(error.message['zh-CN']).toContain(JSON.stringify(join(dir.path, 'keys', 'none.pem')));
  });

  it('missing because of single backslashes in JSON: says so', async () => {
    const error = expectError(
      await loadMerchantKey({ file: 'C:\new\table.pem' }, dir.path),
      'KEY_FILE_NOT_FOUND',
    );
    expect(error.message['zh-CN']).toContain('C:/keys/merchant_private.pem');
    expect(error.message['zh-CN']).not.toContain('\n');
  });

  it('a directory', async () => {
    mkdirSync(join(dir.path, 'keysdir'), { recursive: true });
    expectError(await loadMerchantKey({ file: 'keysdir' }, dir.path), 'KEY_FILE_IS_DIRECTORY');
  });

  it('too large', async () => {
    const ref = writeKey('big.pem', Buffer.alloc(MAX_KEY_FILE_BYTES + 1, 0x41));
    expectError(await loadMerchantKey(ref, dir.path), 'KEY_FILE_TOO_LARGE');
  });

  it('relative without a base folder', async () => {
    expectError(await loadMerchantKey({ file: 'a.pem' }, null), 'KEY_FILE_BASE_UNKNOWN');
  });

  it('the key itself written where the path belongs', async () => {
    const error = expectError(
      await loadMerchantKey({ file: testKeys().rsa2048Pkcs8 }, dir.path),
      'KEY_LOOKS_LIKE_PATH',
    );
    expect(error.message['zh-CN']).toContain('私钥内容');
  });
});

describe('loadMerchantKey: content that is not a usable key', () => {
  const pkcs8 = () => testKeys().rsa2048Pkcs8;

  it('empty file', async () => {
    expectError(await loadMerchantKey(writeKey('empty.pem', ''), dir.path), 'KEY_EMPTY');
  });

  it('BOM before the PEM (file)', async () => {
    const ref = writeKey('bom.pem', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pkcs8())]));
    const error = expectError(await loadMerchantKey(ref, dir.path), 'KEY_BOM');
    expect(error.message['zh-CN']).toContain('BOM');
  });

  it('BOM before the PEM (inline)', async () => {
    expectError(await loadMerchantKey(`\ufeff${pkcs8()}`, null), 'KEY_BOM');
  });

  it('UTF-16 key file', async () => {
    const ref = writeKey(
      'u16.pem',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pkcs8(), 'utf16le')]),
    );
    expectError(await loadMerchantKey(ref, dir.path), 'KEY_ENCODING');
  });

  it('DER instead of PEM', async () => {
    const der = Buffer.from(
      pkcs8()
        .split('\n')
        .filter((l) => l && !l.startsWith('-----'))
        .join(''),
      'base64',
    );
    const error = expectError(await loadMerchantKey(writeKey('key.der', der), dir.path), 'KEY_BINARY');
    expect(error.message['zh-CN']).toContain('DER');
  });

  it('junk before the PEM (openssl "Bag Attributes"), with its line', async () => {
    const text = `Bag Attributes\n    localKeyID: 01 02 03\n${pkcs8()}`;
    const error = expectError(await loadMerchantKey(writeKey('bag.pem', text), dir.path), 'KEY_JUNK');
    expect(error.message['zh-CN']).toContain('第 1 行');
    expect(error.message['zh-CN']).toContain('-----BEGIN 这一行之前');
  });

  it('junk after the PEM, with its line', async () => {
    const error = expectError(await loadMerchantKey(`${pkcs8()}\n\n请妥善保管\n`, null), 'KEY_JUNK');
    const endLine = pkcs8().trim().split('\n').length;
    expect(error.message['zh-CN']).toContain(`第 ${endLine + 3} 行`);
    expect(error.message['en-US']).toContain('after the -----END line');
  });

  it('two blocks (key and certificate)', async () => {
    const text = `${pkcs8()}${testKeys().rsa2048Public}`;
    const error = expectError(await loadMerchantKey(text, null), 'KEY_MULTIPLE_BLOCKS');
    expect(error.message['zh-CN']).toContain('PRIVATE KEY、PUBLIC KEY');
  });

  it('encrypted PKCS#8', async () => {
    expectError(await loadMerchantKey(testKeys().encryptedPkcs8, null), 'KEY_ENCRYPTED');
  });

  it('encrypted PKCS#1 (Proc-Type header)', async () => {
    const error = expectError(await loadMerchantKey(testKeys().encryptedPkcs1, null), 'KEY_ENCRYPTED');
    expect(error.message['zh-CN']).toContain('密码');
  });

  it.each([
    ['EC in PKCS#8', () => testKeys().ecPkcs8, 'EC'],
    ['EC in SEC1', () => testKeys().ecSec1, 'EC'],
    ['Ed25519', () => testKeys().ed25519Pkcs8, 'Ed25519'],
  ])('not RSA: %s, naming the type', async (_name, key, named) => {
    const error = expectError(await loadMerchantKey(key(), null), 'KEY_NOT_RSA');
    expect(error.message['zh-CN']).toContain(named);
    expect(error.message['en-US']).toContain(named);
  });

  it('names the curve of an EC key', async () => {
    const error = expectError(await loadMerchantKey(testKeys().ecSec1, null), 'KEY_NOT_RSA');
    expect(error.message['en-US']).toContain('prime256v1');
  });

  it('a public key instead of the private one', async () => {
    const error = expectError(await loadMerchantKey(testKeys().rsa2048Public, null), 'KEY_IS_PUBLIC');
    expect(error.message['zh-CN']).toContain('公钥');
    expectError(await loadMerchantKey(testKeys().ecPublic, null), 'KEY_IS_PUBLIC');
  });

  it('a certificate instead of the key', async () => {
    const cert =
      '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIBATAKBggqhkjOPQQDAjA=\n-----END CERTIFICATE-----\n';
    expectError(await loadMerchantKey(cert, null), 'KEY_IS_CERTIFICATE');
  });

  it('an OpenSSH key', async () => {
    const openssh =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
    expectError(await loadMerchantKey(openssh, null), 'KEY_UNSUPPORTED_FORMAT');
  });

  it('a path written as a plain string', async () => {
    const error = expectError(
      await loadMerchantKey('keys/merchant_private.pem', null),
      'KEY_LOOKS_LIKE_PATH',
    );
    expect(error.message['zh-CN']).toContain('{ "file": "keys/merchant_private.pem" }');
  });

  it('bare base64 without the BEGIN/END lines, with the right label suggested', async () => {
    const body = (pem: string) =>
      pem
        .split('\n')
        .filter((l) => l && !l.startsWith('-----'))
        .join('');
    const p8 = expectError(await loadMerchantKey(body(pkcs8()), null), 'KEY_BARE_BASE64');
    expect(p8.message['zh-CN']).toContain('-----BEGIN PRIVATE KEY-----');
    const p1 = expectError(await loadMerchantKey(body(testKeys().rsa2048Pkcs1), null), 'KEY_BARE_BASE64');
    expect(p1.message['zh-CN']).toContain('-----BEGIN RSA PRIVATE KEY-----');
  });

  it('not PEM at all', async () => {
    expectError(await loadMerchantKey('hello world', null), 'KEY_NOT_PEM');
  });

  it('missing END line (copied partly)', async () => {
    const cut = pkcs8().split('\n').slice(0, 10).join('\n');
    expectError(await loadMerchantKey(cut, null), 'KEY_CORRUPT');
  });

  it('damaged body', async () => {
    const lines = pkcs8().split('\n');
    lines[5] = lines[5]!.slice(0, 30);
    expectError(await loadMerchantKey(lines.join('\n'), null), 'KEY_CORRUPT');
    const withJunk = pkcs8().replace(/\n(.{10})/, '\n$1#!');
    expectError(await loadMerchantKey(withJunk, null), 'KEY_CORRUPT');
  });

  it('points at the merchantPrivateKey line of store.json when told', async () => {
    const result = await loadMerchantKey('nonsense', null, {
      file: 'my-store.json',
      position: { line: 9, column: 25 },
    });
    expect(result.ok ? null : result.errors[0]).toMatchObject({
      file: 'my-store.json',
      field: '$.merchantPrivateKey',
      line: 9,
      column: 25,
    });
  });
});
