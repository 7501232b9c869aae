import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/run-cli';
import { createOutbox } from '../../../main/outbox';
import { startSandbox, writeSandboxFiles, type Sandbox, type SandboxFiles } from '../../../main/sandbox';
import { createSandboxPki, type SandboxPki } from '../../../main/sandbox/certificates';
import { startHttpsServer, type HostedServer } from '../../../main/sandbox/https-host';
import { generateRsaKeyPair, type RsaKeyPair } from '../../../main/sandbox/keys';
import { signHeaderMessage } from '../../../main/signing';
import { sandboxBundle } from './support';

/**
 * A hostile support intake on loopback, over real TLS the profile trusts: it answers POST /reports with a
 * ticket whose answer is unsigned, signed with another key, or properly signed but sending the bundle to
 * another site (a second server standing by to collect it). §5: none of these is believed; nothing is
 * uploaded, no ticket is recorded, the report stays queued, and `submit` says why with exit 1.
 */
type Mode = 'unsigned' | 'wrong-key' | 'tampered' | 'foreign-upload' | 'unsigned-401';

function capture(language: CliIo['language'] = 'en-US') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    language,
    stopSignal: new AbortController().signal,
  };
  return { io, out, err };
}

const root = mkdtempSync(join(tmpdir(), 'bt-hostile-intake-'));
let sandbox: Sandbox;
let files: SandboxFiles;
let intake: HostedServer;
let collector: HostedServer;
let platformKeys: RsaKeyPair;
let impostorKeys: RsaKeyPair;
let mode: Mode = 'unsigned';
let pki: SandboxPki;
const seen: { server: 'intake' | 'collector'; method: string; url: string }[] = [];

function answer(res: ServerResponse, status: number, value: unknown, key: RsaKeyPair | null, tamper = false) {
  const raw = Buffer.from(JSON.stringify(value));
  const signed = key ? signHeaderMessage(raw, key.privateKey) : null;
  const sent = tamper ? Buffer.from(raw.toString('utf8').replace('TK-FORGED', 'TK-FORGES')) : raw;
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': sent.length,
    ...(signed
      ? {
          'X-Platform-Timestamp': signed.timestamp,
          'X-Platform-Nonce': signed.nonce,
          'X-Platform-Signature': signed.signature,
        }
      : {}),
  });
  res.end(sent);
}

async function hostile(req: IncomingMessage, res: ServerResponse): Promise<void> {
  seen.push({ server: 'intake', method: req.method ?? '', url: req.url ?? '' });
  for await (const _chunk of req) {
    // The body is not looked at: this intake answers whatever it is sent.
  }
  if (mode === 'unsigned-401') {
    return answer(res, 401, { error: { code: 'INVALID_SIGNATURE', message: 'go away' } }, null);
  }
  const created = (url: string) => ({
    ticket_id: 'TK-FORGED',
    status: 'RECEIVED',
    upload: { url, method: 'PUT', max_bytes: 64 * 1024 * 1024 },
  });
  const own = `${intake.origin}/api/v1/uploads/0123456789abcdef0123456789abcdef`;
  if (mode === 'unsigned') return answer(res, 201, created(own), null);
  if (mode === 'wrong-key') return answer(res, 201, created(own), impostorKeys);
  if (mode === 'tampered') return answer(res, 201, created(own), platformKeys, true);
  // foreign-upload: the platform's own signature, and a bundle sent off to someone else.
  return answer(res, 201, created(`${collector.origin}/steal`), platformKeys);
}

beforeAll(async () => {
  pki = await createSandboxPki();
  [sandbox, platformKeys, impostorKeys] = await Promise.all([
    startSandbox({ onInternalError: () => {} }),
    generateRsaKeyPair(),
    generateRsaKeyPair(),
  ]);
  const serve = (handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
    startHttpsServer({ host: '127.0.0.1', port: 0, certificate: pki.leaf, handler, onError: () => {} });
  intake = await serve(hostile);
  collector = await serve(async (req, res) => {
    seen.push({ server: 'collector', method: req.method ?? '', url: req.url ?? '' });
    req.resume();
    res.writeHead(204).end();
  });
  // The sandbox merchant's store.json and key; a platform.json whose intake is the hostile one, its CA
  // trusted for this profile, and its platform key the one that signs the foreign-upload answer.
  files = await writeSandboxFiles(
    {
      ...sandbox,
      profile: {
        ...sandbox.profile,
        supportApiUrl: `${intake.origin}/api/v1`,
        extraCaCertificates: [pki.caCertPem],
        platformPublicKey: platformKeys.publicKeyPem,
      },
    },
    join(root, 'files'),
  );
});
afterAll(async () => {
  await Promise.all([intake?.close(), collector?.close(), sandbox?.close()]);
  rmSync(root, { recursive: true, force: true });
});

const cases: [Mode, string, RegExp, RegExp][] = [
  ['unsigned', 'INTAKE_ANSWER_UNSIGNED', /carries no platform signature/, /没有平台签名/],
  ['wrong-key', 'INTAKE_SIGNATURE_INVALID', /not with the platform public key/, /签名和平台配置/],
  ['tampered', 'INTAKE_SIGNATURE_INVALID', /not with the platform public key/, /签名和平台配置/],
  ['foreign-upload', 'UPLOAD_TARGET_FOREIGN', /to go to another site/, /上传到另一个网站/],
  ['unsigned-401', 'INTAKE_ANSWER_UNSIGNED', /carries no platform signature/, /没有平台签名/],
];

describe('submit to a hostile support intake', () => {
  it.each(cases)(
    '%s: refused with exit 1 (%s), nothing uploaded, the report still queued',
    async (m, code, english, chinese) => {
      mode = m;
      seen.length = 0;
      const outboxDir = join(root, `outbox-${m}`);
      const bundle = await sandboxBundle(sandbox, root);
      const args = (extra: string[]) => [
        'submit',
        '--bundle',
        bundle.path,
        '--store',
        files.storePath,
        '--platform',
        files.platformPath,
        '--outbox',
        outboxDir,
        ...extra,
      ];
      const t = capture();
      expect(await runCli(args(['--json']), t.io)).toBe(1);
      expect(JSON.parse(t.out.join('\n'))).toMatchObject({
        ticket_id: null,
        state: 'queued',
        error: { code },
      });
      expect(t.err.join('\n')).toMatch(english);
      expect(t.err.join('\n')).toContain(`The report stays queued in ${outboxDir}`);

      // Only the one POST reached the intake; no PUT anywhere, nothing at the collector.
      expect(seen).toEqual([{ server: 'intake', method: 'POST', url: '/api/v1/reports' }]);

      // What the app shows from the same outbox: queued, no ticket, the reason, and the bundle still on disk.
      const outbox = createOutbox({ dir: outboxDir, intake: () => null });
      const item = await outbox.get(bundle.manifest.report_id);
      outbox.close();
      expect(item).toMatchObject({ state: 'queued', ticketId: null, failure: null, lastError: { code } });
      expect(existsSync(join(outboxDir, 'items', bundle.manifest.report_id, 'bundle.zip'))).toBe(true);

      // Again, in Chinese: the same refusal in the merchant's words, and still one POST per run.
      const zh = capture('zh-CN');
      expect(await runCli(args([]), zh.io)).toBe(1);
      expect(zh.err.join('\n')).toMatch(chinese);
      expect(zh.err.join('\n')).toContain('报告仍在待发送队列');
      expect(seen.filter((s) => s.method !== 'POST')).toEqual([]);
    },
  );
});

describe('the outbox, whatever its state file says', () => {
  const setUp = async (name: string) => {
    const dir = join(root, name);
    const bundle = await sandboxBundle(sandbox, root);
    const target = {
      supportApiUrl: `${intake.origin}/api/v1`,
      extraCaCertificates: [pki.caCertPem],
      merchantNo: sandbox.store.merchantNo,
      privateKeyPem: sandbox.merchantPrivateKeyPem,
      platformPublicKey: platformKeys.publicKeyPem,
    };
    const outbox = createOutbox({ dir, intake: target });
    const { reportId } = await outbox.enqueue({ bundlePath: bundle.path });
    const statePath = join(dir, 'items', reportId, 'state.json');
    const rewrite = (change: Record<string, unknown>) =>
      writeFileSync(statePath, JSON.stringify({ ...JSON.parse(readFileSync(statePath, 'utf8')), ...change }));
    return { outbox, reportId, rewrite };
  };

  it('never PUTs to an upload URL off the intake origin, even one written in state.json by an older version', async () => {
    seen.length = 0;
    const { outbox, reportId, rewrite } = await setUp('legacy-upload');
    rewrite({
      state: 'uploading-bundle',
      ticketId: 'TK1',
      upload: { url: `${collector.origin}/steal`, maxBytes: 1e8 },
    });
    await outbox.processOnce();
    const item = await outbox.get(reportId);
    outbox.close();
    expect(seen).toEqual([]);
    expect(item).toMatchObject({ state: 'queued', lastError: { code: 'UPLOAD_TARGET_FOREIGN' } });
  });

  it('does not take a ticket status from an unsigned answer', async () => {
    mode = 'unsigned';
    const { outbox, reportId, rewrite } = await setUp('poll');
    rewrite({ state: 'delivered', ticketId: 'TK-FORGED', deliveredAt: new Date().toISOString() });
    await expect(outbox.pollTicket(reportId)).rejects.toMatchObject({
      error: { code: 'INTAKE_ANSWER_UNSIGNED' },
    });
    expect((await outbox.get(reportId))?.ticket).toBeNull();
    outbox.close();
  });
});
