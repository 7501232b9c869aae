import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandboxPki, type SandboxPki } from '../../../main/sandbox/certificates';
import { checkFeed, downloadVerified } from '../../../main/updates/update-check';
import { compareVersions, parseUpdateFeed } from '../../../main/updates/update-feed';
import { mayAsk } from '../../../main/updates/update-policy';

// A generic-provider feed on loopback HTTPS with a test CA, serving what electron-builder publishes:
// latest.yml and the installer it names.
const INSTALLER = Buffer.from('MZ… pretend installer bytes '.repeat(5000));
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');
const latestYml = (version: string, hash = sha512(INSTALLER)) =>
  [
    `version: ${version}`,
    'files:',
    `  - url: BaitiaoDoctor-Setup-${version}.exe`,
    `    sha512: ${hash}`,
    `    size: ${INSTALLER.length}`,
    `path: BaitiaoDoctor-Setup-${version}.exe`,
    `sha512: ${hash}`,
    "releaseDate: '2026-12-01T08:00:00.000Z'",
    '',
  ].join('\n');

let pki: SandboxPki;
let server: Server;
let feeds: Record<string, string>;
let origin: string;
const dir = mkdtempSync(join(tmpdir(), 'bt-update-'));

beforeAll(async () => {
  pki = await createSandboxPki();
  feeds = {
    newer: latestYml('0.2.0'),
    same: latestYml('0.1.0'),
    older: latestYml('0.0.9'),
    'bad-sha': latestYml('0.2.0', sha512(Buffer.from('some other file'))),
    garbage: 'version: [this is not\n',
  };
  server = createServer({ cert: pki.leaf.certPem, key: pki.leaf.keyPem }, (req, res) => {
    const [, feed, file] = req.url!.split('/');
    if (!feed || !(feed in feeds)) return res.writeHead(404).end();
    if (file === 'latest.yml') return res.writeHead(200, { 'content-type': 'text/yaml' }).end(feeds[feed]);
    if (file?.endsWith('.exe')) return res.writeHead(200).end(INSTALLER);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const access = (feed: string) => ({ feedUrl: `${origin}/${feed}/`, ca: [pki.caCertPem], timeoutMs: 5000 });

describe('update decision logic against a local HTTPS feed', () => {
  it('a newer version is offered, with the installer URL and SHA-512 the feed names', async () => {
    const check = await checkFeed(access('newer'), '0.1.0');
    expect(check).toMatchObject({
      kind: 'newer',
      version: '0.2.0',
      installerUrl: `${origin}/newer/BaitiaoDoctor-Setup-0.2.0.exe`,
      installer: { sha512: sha512(INSTALLER), size: INSTALLER.length },
    });
    if (check.kind !== 'newer') throw new Error('unreachable');
    const dest = join(dir, 'ok.exe');
    const got = await downloadVerified(check.installerUrl, check.installer, dest, access('newer'));
    expect(got).toEqual({ ok: true, path: dest });
    expect(readFileSync(dest).equals(INSTALLER)).toBe(true);
  });

  it('the same version: nothing to do', async () => {
    expect(await checkFeed(access('same'), '0.1.0')).toEqual({ kind: 'same', version: '0.1.0' });
  });

  it('an older version on the feed is never a downgrade', async () => {
    expect(await checkFeed(access('older'), '0.1.0')).toEqual({ kind: 'older', version: '0.0.9' });
  });

  it('a download whose SHA-512 differs from the feed is deleted, never installed', async () => {
    const check = await checkFeed(access('bad-sha'), '0.1.0');
    if (check.kind !== 'newer') throw new Error(`expected newer, got ${check.kind}`);
    const dest = join(dir, 'bad.exe');
    const got = await downloadVerified(check.installerUrl, check.installer, dest, access('bad-sha'));
    expect(got).toMatchObject({ ok: false, reason: 'sha512-mismatch' });
    expect(existsSync(dest)).toBe(false);
  });

  it('feed down: refused connection, 404 and an untrusted certificate are "unreachable", not a crash', async () => {
    const closed = await new Promise<string>((resolve) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as AddressInfo).port;
        s.close(() => resolve(`https://127.0.0.1:${port}/`));
      });
    });
    expect(await checkFeed({ feedUrl: closed, ca: [pki.caCertPem], timeoutMs: 5000 }, '0.1.0')).toMatchObject(
      {
        kind: 'unreachable',
        reason: expect.stringContaining('ECONNREFUSED'),
      },
    );
    expect(await checkFeed(access('nothing-here'), '0.1.0')).toEqual({
      kind: 'unreachable',
      reason: 'HTTP 404',
    });
    // Without the test CA the loopback certificate is untrusted: TLS verification stays on.
    expect(await checkFeed({ feedUrl: `${origin}/newer/`, timeoutMs: 5000 }, '0.1.0')).toMatchObject({
      kind: 'unreachable',
    });
  });

  it('a feed that is not latest.yml is refused with the reason', async () => {
    const check = await checkFeed(access('garbage'), '0.1.0');
    expect(check.kind).toBe('bad-feed');
    expect(() => parseUpdateFeed('version: 1.0.0\nfiles: []\n')).toThrow(/files/);
    expect(() => parseUpdateFeed('version: 1.0.0\nfiles:\n  - url: a.exe\n    sha512: nothex\n')).toThrow(
      /sha512/,
    );
  });

  it('versions compare as semantic versions', () => {
    expect(compareVersions('0.10.0', '0.9.9')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
    expect(compareVersions('1.0.0-beta.2', '1.0.0')).toBe(-1);
    expect(compareVersions('1.0.0-beta.10', '1.0.0-beta.2')).toBe(1);
    expect(compareVersions('1.0.0+build.5', '1.0.0')).toBe(0);
  });

  it('asks only when no diagnosis, submission or watch round runs, and not again after a no', () => {
    const idle = { tasks: 0, submitting: false, watchRound: false };
    expect(mayAsk('ask-download', '0.2.0', idle, new Set())).toEqual({ ask: true });
    expect(mayAsk('ask-download', '0.2.0', { ...idle, tasks: 1 }, new Set())).toMatchObject({ ask: false });
    expect(mayAsk('ask-restart', '0.2.0', { ...idle, submitting: true }, new Set())).toMatchObject({
      ask: false,
    });
    expect(mayAsk('ask-restart', '0.2.0', { ...idle, watchRound: true }, new Set())).toMatchObject({
      ask: false,
    });
    expect(mayAsk('ask-download', '0.2.0', idle, new Set(['0.2.0']))).toEqual({
      ask: false,
      reason: 'declined',
    });
  });
});
