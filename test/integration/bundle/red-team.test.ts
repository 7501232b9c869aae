import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/run-cli';
import { startSandbox, writeSandboxFiles, type Sandbox, type SandboxFiles } from '../../../main/sandbox';
import { RED_TEAM_CANARIES, redTeamKeyForms } from '../../../main/sandbox/red-team';
import { findBrowser } from '../../../main/simulation';
import { findCertutil } from '../../../main/simulation/nss-trust-home';
import { unzipAll } from '../../unit/bundle/bundle-fixtures';

/**
 * The red-team corpus (issue 12): the sandbox's `red-team` scenario has the store page, the return page
 * and the cashier echo 44 distinct secrets through console, exceptions, headers, cookies, query strings,
 * fragments, request bodies, page text, titles and the notify answer; store.json carries more in its URLs
 * and in fields the protocol does not define; the run's log (what `diagnose` writes) repeats what the
 * pages printed. `baitiao-doctor diagnose` writes the bundle, `baitiao-doctor submit` files it: no canary
 * may be in any member, nor in the report the intake received, nor in the bundle it stored.
 */
const browser = findBrowser();
const missing = !browser.found
  ? `no browser: ${browser.reason['en-US']}`
  : !findCertutil()
    ? 'no certutil (libnss3-tools): Chromium cannot be given the sandbox CA'
    : null;
if (missing) console.warn(`red-team corpus skipped: ${missing}`);

const C = RED_TEAM_CANARIES;
let sandbox: Sandbox;
let files: SandboxFiles;
let dir: string;
let members: Map<string, Buffer>;
let needles: string[];
let exit: number;

const io = (): { io: CliIo; out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      language: 'en-US',
      stopSignal: new AbortController().signal,
    },
  };
};

/** Every needle found in `text`; long ones (key forms) also by any 40-character piece. */
function found(text: string): string[] {
  const hits: string[] = [];
  for (const n of needles) {
    if (text.includes(n)) hits.push(n);
    else if (n.length > 60) {
      for (let at = 0; at + 40 <= n.length; at += 20) {
        if (text.includes(n.slice(at, at + 40))) {
          hits.push(`a piece of ${n.slice(0, 12)}…`);
          break;
        }
      }
    }
  }
  return hits;
}

beforeAll(async () => {
  if (missing) return;
  sandbox = await startSandbox({ scenario: 'red-team' });
  dir = await mkdtemp(join(tmpdir(), 'bt-red-team-'));
  files = await writeSandboxFiles(sandbox, dir);
  // store.json as a careless merchant keeps it: secrets in URL queries, and fields nobody defined.
  const store = JSON.parse(await readFile(files.storePath, 'utf8')) as Record<string, unknown> & {
    baitiao: Record<string, unknown>;
    testOrder: Record<string, unknown>;
  };
  const origin = sandbox.origins.store;
  store.storeUrl = `${origin}/?app_secret=${C.storeUrlAppSecret}&key=${C.storeUrlKey}`;
  store.notifyUrl = `${origin}/pay/notify?x-access-token=${C.notifyAccessToken}`;
  store.returnUrl = `${origin}/pay/return?session_key=${C.returnSessionKey}&appkey=${C.returnAppKey}`;
  store.baitiao.appSecret = C.storeJsonAppSecret;
  store.testOrder.buyerToken = C.storeJsonBuyerToken;
  await writeFile(files.storePath, JSON.stringify(store, null, 2));

  const keys = redTeamKeyForms(sandbox.merchantPrivateKeyPem);
  needles = [
    ...Object.values(C),
    // The same personal data in the forms a rule normalizes to, and URL-encoded.
    '13912340035',
    encodeURIComponent(C.emailQuoted),
    keys.pemBase64,
    keys.jwkD,
    keys.derHex,
  ];
  const zip = join(dir, 'red-team.zip');
  const run = io();
  exit = await runCli(
    ['diagnose', '--store', files.storePath, '--platform', files.platformPath, '--out', zip, '--json'],
    run.io,
  );
  members = await unzipAll(zip);
}, 240_000);

afterAll(async () => {
  if (process.env.KEEP_RED_TEAM) return;
  await sandbox?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(missing !== null)('red-team corpus: hostile pages in every channel', () => {
  it('plants at least 40 distinct canaries', () => {
    expect(new Set(Object.values(C)).size).toBeGreaterThanOrEqual(40);
    // The notify answer is not right ("success" plus leaks), so the run is not clean: exit 1, bundle written.
    expect([0, 1]).toContain(exit);
  });

  it('the channels were recorded (so the absence below means redacted, not missed)', () => {
    const report = members.get('report.json')!.toString('utf8');
    const har = members.get('network.har')!.toString('utf8');
    const log = [...members].find(([p]) => p.startsWith('logs/'))![1].toString('utf8');
    expect(report).toContain('cookie dump: ');
    expect(report).toContain('MERCHANT_KEY_B64=');
    expect(report).toContain('checkout failed for card');
    expect(report).toContain('return failed session_key=');
    expect(report).toContain('cashier widget');
    expect(report).toContain('unknown_fields');
    for (const name of ['X-Auth-Token', 'X-Session-Id', 'X-App-Secret', 'X-Access-Token']) {
      expect(har).toMatch(new RegExp(`"name":"${name}"`, 'i'));
    }
    expect(har).toContain('app_secret=');
    // The JSON the store page printed kept its member names (appSecret, pay_pwd), not their values.
    expect(report).toContain('appSecret');
    expect(report).toContain('pay_pwd');
    expect(log).toContain('page console');
    expect(log).toContain('page exception');
  });

  it('no canary survives in any member of the bundle', () => {
    expect([...members.keys()]).toEqual(
      expect.arrayContaining(['manifest.json', 'report.json', 'network.har']),
    );
    for (const [path, bytes] of members) {
      expect(found(bytes.toString('utf8')), path).toEqual([]);
      expect(found(bytes.toString('latin1')), path).toEqual([]);
    }
  });

  it('no canary reaches the intake: neither the report it received nor the bundle it stored', async () => {
    const submit = io();
    const zip = join(dir, 'red-team.zip');
    const code = await runCli(
      [
        'submit',
        '--bundle',
        zip,
        '--store',
        files.storePath,
        '--platform',
        files.platformPath,
        '--outbox',
        join(dir, 'outbox'),
        '--json',
      ],
      submit.io,
    );
    expect(code, submit.err.join('\n')).toBe(0);
    const tickets = [...sandbox.intake.tickets.values()];
    expect(tickets).toHaveLength(1);
    expect(found(JSON.stringify(tickets[0]!.report))).toEqual([]);
    const stored = [...sandbox.intake.uploads.values()];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.bytes.equals(await readFile(zip))).toBe(true);
  });
});
