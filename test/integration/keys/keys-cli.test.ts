import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, type CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/run-cli';
import { startSandbox, writeSandboxFiles, type Sandbox, type SandboxFiles } from '../../../main/sandbox';
import { request } from '../sandbox/https-helpers';

/**
 * `baitiao-doctor keys …` against openssl (the reference every platform's key instructions use) and
 * against the sandbox gateway over loopback. Without openssl the openssl comparisons cannot be made,
 * and are skipped with the reason printed.
 */
function opensslAvailable(): string | null {
  try {
    execFileSync('openssl', ['version'], { stdio: 'pipe' });
    return null;
  } catch {
    return 'openssl is not on PATH: the key-tool comparisons with openssl are skipped.';
  }
}
const opensslMissing = opensslAvailable();
if (opensslMissing) console.warn(opensslMissing);

const openssl = (args: string[], input?: string) =>
  execFileSync('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'], ...(input ? { input } : {}) });

async function cli(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    language: 'en-US',
    stopSignal: new AbortController().signal,
  };
  const code = await runCli(['keys', ...args], io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const work = mkdtempSync(join(tmpdir(), 'bt-keys-'));
const keysDir = join(work, 'generated');
const at = (name: string) => join(work, name);
const read = (path: string) => readFileSync(path, 'utf8');

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('keys generate', () => {
  beforeAll(async () => {
    const { code, stdout } = await cli(['generate', '--out', keysDir]);
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/fingerprint: SHA256:[A-Za-z0-9+/]{43}=/);
  });

  it('writes the private key owner-only and refuses to overwrite an existing key', async () => {
    if (process.platform !== 'win32') {
      expect(statSync(join(keysDir, 'merchant_private.pem')).mode & 0o777).toBe(0o600);
    }
    const before = read(join(keysDir, 'merchant_private.pem'));
    const again = await cli(['generate', '--out', keysDir]);
    expect(again.code).toBe(EXIT.badInput);
    expect(again.stderr).toContain('merchant_private.pem already exists');
    expect(read(join(keysDir, 'merchant_private.pem'))).toBe(before);
  });

  it.skipIf(opensslMissing !== null)(
    'openssl reads the private key and derives exactly merchant_public.pem',
    () => {
      const privatePath = join(keysDir, 'merchant_private.pem');
      expect(read(privatePath)).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
      expect(openssl(['rsa', '-in', privatePath, '-check', '-noout']).toString()).toContain('RSA key ok');
      expect(openssl(['pkey', '-in', privatePath, '-pubout']).toString()).toBe(
        read(join(keysDir, 'merchant_public.pem')),
      );
    },
  );

  it.skipIf(opensslMissing !== null)('merchant_public.txt is the SPKI DER in base64 on one line', () => {
    const der = openssl(['pkey', '-pubin', '-in', join(keysDir, 'merchant_public.pem'), '-outform', 'DER']);
    expect(read(join(keysDir, 'merchant_public.txt'))).toBe(`${der.toString('base64')}\n`);
  });

  it('--bits other than 2048 or 4096 is bad input', async () => {
    const { code, stderr } = await cli(['generate', '--out', at('weak'), '--bits', '1024']);
    expect(code).toBe(EXIT.badInput);
    expect(stderr).toContain('--bits');
  });
});

describe.skipIf(opensslMissing !== null)('keys convert (against openssl)', () => {
  const original = () => join(keysDir, 'merchant_private.pem');

  it('PKCS#8 → PKCS#1 equals openssl’s, and back to PKCS#8 gives the original bytes', async () => {
    expect((await cli(['convert', original(), '--to', 'pkcs1', '--out', at('p1.pem')])).code).toBe(EXIT.ok);
    expect(read(at('p1.pem'))).toBe(openssl(['rsa', '-in', original(), '-traditional']).toString());
    expect(statSync(at('p1.pem')).mode & 0o777).toBe(0o600);
    expect((await cli(['convert', at('p1.pem'), '--to', 'pkcs8', '--out', at('p8.pem')])).code).toBe(EXIT.ok);
    expect(read(at('p8.pem'))).toBe(read(original()));
  });

  it('one-line private key is the PKCS#8 DER, and converts back losslessly', async () => {
    expect((await cli(['convert', original(), '--to', 'one-line', '--out', at('one.txt')])).code).toBe(
      EXIT.ok,
    );
    // OpenSSL 3's pkey writes an RSA key's DER as PKCS#1; pkcs8 -topk8 writes the PKCS#8 DER.
    const der = openssl(['pkcs8', '-topk8', '-nocrypt', '-in', original(), '-outform', 'DER']);
    expect(read(at('one.txt'))).toBe(`${der.toString('base64')}\n`);
    expect((await cli(['convert', at('one.txt'), '--to', 'pkcs8', '--out', at('back.pem')])).code).toBe(
      EXIT.ok,
    );
    expect(read(at('back.pem'))).toBe(read(original()));
  });

  it('public keys: SPKI → PKCS#1 equals openssl’s, one-line → SPKI gives merchant_public.pem', async () => {
    const spki = join(keysDir, 'merchant_public.pem');
    expect((await cli(['convert', spki, '--to', 'pkcs1', '--out', at('pub1.pem')])).code).toBe(EXIT.ok);
    expect(read(at('pub1.pem'))).toBe(
      openssl(['rsa', '-pubin', '-in', spki, '-RSAPublicKey_out']).toString(),
    );
    const oneLine = join(keysDir, 'merchant_public.txt');
    expect((await cli(['convert', oneLine, '--to', 'pkcs8', '--out', at('pub8.pem')])).code).toBe(EXIT.ok);
    expect(read(at('pub8.pem'))).toBe(read(spki));
  });

  it('an encrypted key is refused with what to do, and read with --passphrase-file', async () => {
    openssl([
      'pkcs8',
      '-topk8',
      '-in',
      original(),
      '-out',
      at('enc.pem'),
      '-v2',
      'aes-256-cbc',
      '-passout',
      'pass:s3cret',
    ]);
    const refused = await cli(['convert', at('enc.pem'), '--to', 'pkcs8', '--out', at('dec.pem')]);
    expect(refused.code).toBe(EXIT.badInput);
    expect(refused.stderr).toContain(at('enc.pem'));
    expect(refused.stderr).toContain('--passphrase-file');
    writeFileSync(at('wrong.txt'), 'nope\n');
    const wrong = await cli([
      'convert',
      at('enc.pem'),
      '--to',
      'pkcs8',
      '--out',
      at('dec.pem'),
      '--passphrase-file',
      at('wrong.txt'),
    ]);
    expect(wrong.code).toBe(EXIT.badInput);
    expect(wrong.stderr).toContain('password does not open');
    writeFileSync(at('pass.txt'), 's3cret\n');
    const ok = await cli([
      'convert',
      at('enc.pem'),
      '--to',
      'pkcs8',
      '--out',
      at('dec.pem'),
      '--passphrase-file',
      at('pass.txt'),
    ]);
    expect(ok.code).toBe(EXIT.ok);
    expect(read(at('dec.pem'))).toBe(read(original()));
  });

  it('refuses to overwrite, and names a file that is not a key', async () => {
    const over = await cli(['convert', original(), '--to', 'pkcs1', '--out', at('p1.pem')]);
    expect(over.code).toBe(EXIT.badInput);
    expect(over.stderr).toContain('already exists');
    writeFileSync(at('notes.txt'), 'hello, not a key\n');
    const junk = await cli(['convert', at('notes.txt'), '--to', 'pkcs8', '--out', at('x.pem')]);
    expect(junk.code).toBe(EXIT.badInput);
    expect(junk.stderr).toContain(at('notes.txt'));
  });
});

describe('keys match, keys sign (sandbox over loopback)', () => {
  let sandbox: Sandbox;
  let files: SandboxFiles;
  beforeAll(async () => {
    sandbox = await startSandbox({ scenario: 'healthy' });
    files = await writeSandboxFiles(sandbox, join(work, 'sandbox'));
    await cli(['generate', '--out', join(work, 'other')]);
  });
  afterAll(() => sandbox?.close());
  const platformArgs = () => ['--store', files.storePath, '--platform', files.platformPath];

  it('a private key and its own public key: 0; another public key: 1', async () => {
    const publicPem = join(work, 'sandbox-public.pem');
    execFileSync('openssl', ['pkey', '-in', files.keyPath, '-pubout', '-out', publicPem]);
    expect((await cli(['match', '--private', files.keyPath, '--public', publicPem])).code).toBe(EXIT.ok);
    const other = await cli([
      'match',
      '--private',
      files.keyPath,
      '--public',
      join(work, 'other/merchant_public.txt'),
    ]);
    expect(other.code).toBe(EXIT.problemFound);
    expect(other.stdout).toContain('Not a pair');
    const swapped = await cli(['match', '--private', publicPem, '--public', publicPem]);
    expect(swapped.code).toBe(EXIT.badInput);
    expect(swapped.stderr).toContain('--private');
  });

  it('the store’s key against the platform: the same → 0; refused signature → 1, said so', async () => {
    sandbox.setScenario('healthy');
    const same = await cli(['match', ...platformArgs()]);
    expect(same.code).toBe(EXIT.ok);
    expect(same.stdout).toContain('Same');
    sandbox.setScenario('invalid-signature');
    const refused = await cli(['match', ...platformArgs()]);
    expect(refused.code).toBe(EXIT.problemFound);
    expect(refused.stdout).toContain('refused our signature (isv.invalid-signature)');
    sandbox.setScenario('healthy');
  });

  it('sign prints the string the gateway verifies, and a signature it accepts', async () => {
    const biz = '{"amount":"199.00","subject":"诊断测试订单"}';
    const signed = await cli([
      'sign',
      ...platformArgs(),
      '--method',
      'baitiao.installment.query',
      '--biz-content',
      biz,
    ]);
    expect(signed.code).toBe(EXIT.ok);
    const lines = signed.stdout.split('\n');
    const ours = lines[lines.indexOf('String to sign:') + 1]!;
    const body = lines[lines.indexOf('Request body:') + 1]!;
    expect(ours).toContain(`biz_content=${biz}`);
    // The gateway reports what it verified only when it refuses: a platform holding another key.
    sandbox.setScenario('invalid-signature');
    const refused = await request(sandbox, sandbox.profile.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body,
    });
    const verifyString = JSON.parse(refused.text).data.verify_string as string;
    expect(verifyString).toBe(ours);
    sandbox.setScenario('healthy');
    const again = await cli([
      'sign',
      ...platformArgs(),
      '--method',
      'baitiao.installment.query',
      '--biz-content',
      biz,
    ]);
    const freshBody = again.stdout.split('\n')[again.stdout.split('\n').indexOf('Request body:') + 1]!;
    const accepted = await request(sandbox, sandbox.profile.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: freshBody,
    });
    expect(JSON.parse(accepted.text).code).toBe('10000');

    writeFileSync(at('verify.txt'), `${verifyString}\n`);
    const same = await cli([
      'sign',
      ...platformArgs(),
      '--method',
      'baitiao.installment.query',
      '--biz-content',
      biz,
      '--compare',
      at('verify.txt'),
    ]);
    expect(same.code).toBe(EXIT.ok);
    expect(same.stdout).toContain('Identical');
    // A proxy that rewrote the amount: the first difference is the changed digit.
    const tampered = verifyString.replace('"amount":"199.00"', '"amount":"198.00"');
    writeFileSync(at('tampered.txt'), tampered);
    const differs = await cli([
      'sign',
      ...platformArgs(),
      '--method',
      'baitiao.installment.query',
      '--biz-content',
      biz,
      '--compare',
      at('tampered.txt'),
    ]);
    expect(differs.code).toBe(EXIT.problemFound);
    const position = tampered.indexOf('198.00') + 3;
    expect(differs.stdout).toContain(`differ from character ${position}`);
    expect(differs.stdout).toContain('ours 9 U+0039, theirs 8 U+0038');
  });

  it('bad input names the file or option: exit 2', async () => {
    const missing = await cli(['match', '--store', at('nope.json'), '--platform', files.platformPath]);
    expect(missing.code).toBe(EXIT.badInput);
    expect(missing.stderr).toContain('nope.json');
    const method = await cli(['sign', ...platformArgs(), '--method', 'pay.everything']);
    expect(method.code).toBe(EXIT.badInput);
    expect(method.stderr).toContain('--method');
    expect((await cli(['rotate'])).code).toBe(EXIT.badInput);
  });
});
