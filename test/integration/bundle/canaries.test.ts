import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBundle, type WrittenBundle } from '../../../main/bundle';
import { createOutbox } from '../../../main/outbox';
import { runProbes } from '../../../main/probe';
import { buildReport, collectEnvironment, reportApp } from '../../../main/report';
import { startSandbox, type Sandbox } from '../../../main/sandbox';
import { CheckedStoreConfigSchema } from '../../../shared/config/store-config';
import { unzipAll } from '../../unit/bundle/bundle-fixtures';
import { check, checklistRun, makePng } from '../../unit/report/fixtures';
import { createTestPki, type TestPki } from '../probe/support/test-pki';
import { startRecordingProxy } from './recording-proxy';

/**
 * Canaries: secrets of every kind planted where real ones turn up (the store config, the cashier's cookies
 * and pages, URLs, logs, a check's evidence). None may appear in any member of the bundle, nor in any
 * request the outbox sends the intake, except in the X-Sign header (which is a signature by design).
 */
const C = {
  token: 'tokCanary7Q9W2E5',
  tradeToken: 'ttCanary3R5T7Y1',
  sign: 'signCanaryU8I9O0P',
  auth: 'authCanaryP1A2S3D4',
  cookie: 'cookieCanaryF5G6H7',
  setCookie: 'setCookieCanaryJ8K9L0',
  urlUser: 'userCanaryQ2',
  urlPassword: 'pwCanaryZ1X2C3',
  password: 'passCanaryV4B5N6',
  mobile: '13912345678',
  idCard: '11010519491231002X',
  bankCard: '6222021234567890128',
  email: 'canary.owner@shop-canary.cn',
};

const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
const FOREIGN_PKCS1 = foreign.privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
const FOREIGN_BARE = foreign.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

let sandbox: Sandbox;
let pki: TestPki;
let cashier: Server;
let cashierOrigin = '';
const root = mkdtempSync(join(tmpdir(), 'bt-canary-'));
let bundle: WrittenBundle;
let needles: string[] = [];

/** A cashier that hands out canaries in its cookies, redirects and headers. */
function startCashier(): Promise<void> {
  cashier = createServer({ key: pki.good.key, cert: pki.good.cert }, (req, res) => {
    req.resume();
    if (req.url?.startsWith('/pay')) {
      res.writeHead(302, {
        Location: `/baitiao/cashier?token=${C.token}&trade_token=${C.tradeToken}`,
        'Set-Cookie': [`sid=${C.setCookie}; Path=/; HttpOnly`, `buyer=${C.mobile}; Secure`],
        'X-Debug-Contact': `${C.email} ${C.mobile}`,
      });
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'X-Card': C.bankCard });
    res.end(`<p>身份证 ${C.idCard}</p>`);
  });
  return new Promise((resolve) =>
    cashier.listen(0, '127.0.0.1', () => {
      cashierOrigin = `https://127.0.0.1:${(cashier.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

beforeAll(async () => {
  [sandbox, pki] = await Promise.all([startSandbox({ onInternalError: () => {} }), createTestPki()]);
  await startCashier();
  const keyPem = sandbox.merchantPrivateKeyPem;
  const signature = sign('sha256', Buffer.from('x'), createPrivateKey(keyPem)).toString('base64');
  const keyLines = (pem: string) => pem.split('\n').filter((l) => l.length >= 40);
  needles = [
    ...Object.values(C),
    encodeURIComponent(C.email),
    signature,
    ...keyLines(keyPem),
    ...keyLines(FOREIGN_PKCS1),
    FOREIGN_BARE.slice(0, 64),
    FOREIGN_BARE.slice(600, 664),
  ];

  const probes = await runProbes({
    targets: [{ role: 'cashier', url: `${cashierOrigin}/pay?token=${C.token}&sign=${C.sign}` }],
    settings: { count: 2, intervalMs: 0 },
    extraCaCertificates: [pki.caCert],
  });
  const store = CheckedStoreConfigSchema.parse({
    ...sandbox.store,
    storeName: `白条小店 ${C.mobile}`,
    notifyUrl: `https://shop.example.cn/pay/notify?token=${C.token}&sign=${C.sign}`,
    returnUrl: `https://${C.urlUser}:${C.urlPassword}@shop.example.cn/return?m=${encodeURIComponent(C.email)}`,
  });
  const page = `支付失败 客服 ${C.mobile} 卡 ${C.bankCard} 证件 ${C.idCard} ${C.email}`;
  const simulation = {
    kind: 'simulation',
    outcome: 'CASHIER_ERROR_PAGE',
    hops: [
      {
        url: `${cashierOrigin}/pay?token=${C.token}&trade_token=${C.tradeToken}`,
        location: `/x?sign=${C.sign}`,
      },
    ],
    cashier: { visible: { textSample: page }, finalUrl: `${cashierOrigin}/baitiao/cashier?token=${C.token}` },
    console: [{ level: 'error', text: `document.cookie=sid=${C.cookie}; password=${C.password}` }],
    exceptions: [{ text: `leaked ${FOREIGN_BARE}` }],
    network: {
      events: [
        {
          method: 'Network.requestWillBeSent',
          params: {
            request: {
              url: `${cashierOrigin}/pay?token=${C.token}`,
              headers: { Cookie: `sid=${C.cookie}`, Authorization: `Bearer ${C.auth}` },
            },
          },
        },
        {
          method: 'Network.responseReceived',
          params: { response: { headers: { 'Set-Cookie': `sid=${C.setCookie}; Path=/\nb=${C.cookie}` } } },
        },
      ],
    },
    screenshots: [
      {
        moment: 'cashier',
        mimeType: 'image/png',
        base64: makePng({ text: { Comment: page } }).toString('base64'),
        path: null,
        url: null,
        bytes: 1,
      },
    ],
  };
  const simulationHar = {
    log: {
      pages: [
        {
          id: 'sim',
          title: `${cashierOrigin}/pay?token=${C.token}`,
          startedDateTime: '2026-11-26T02:00:00Z',
          pageTimings: {},
        },
      ],
      entries: [
        {
          pageref: 'sim',
          startedDateTime: '2026-11-26T02:00:00Z',
          time: 10,
          request: {
            method: 'POST',
            url: `${cashierOrigin}/pay?token=${C.token}&sign=${C.sign}`,
            headers: [
              { name: 'Cookie', value: `sid=${C.cookie}; cart=1` },
              { name: 'Authorization', value: `Bearer ${C.auth}` },
            ],
            cookies: [{ name: 'sid', value: C.cookie }],
            queryString: [
              { name: 'token', value: C.token },
              { name: 'sign', value: C.sign },
            ],
            postData: {
              mimeType: 'application/x-www-form-urlencoded',
              text: `trade_token=${C.tradeToken}&password=${C.password}&sign=${C.sign}`,
            },
          },
          response: {
            status: 200,
            headers: [{ name: 'Set-Cookie', value: `sid=${C.setCookie}; Path=/` }],
            cookies: [{ name: 'sid', value: C.setCookie }],
            content: { size: 100, mimeType: 'text/html', text: `<html>${page} ${signature}</html>` },
          },
          timings: { blocked: 0, dns: 0, connect: 0, ssl: 0, send: 1, wait: 8, receive: 1 },
        },
      ],
    },
  };
  const draft = buildReport({
    merchantNo: sandbox.store.merchantNo,
    symptom: {
      category: 'PAYMENT_FAILED_MESSAGE',
      description: `顾客 ${C.mobile} 付款失败，卡号 ${C.bankCard}`,
      firstSeen: null,
      frequency: 'OFTEN',
    },
    checks: checklistRun([
      check({
        evidence: {
          pasted: keyPem,
          password: C.password,
          request: { sign: signature, notify: store.notifyUrl },
        },
      }),
    ]),
    simulation,
    probes,
    har: [simulationHar],
    app: reportApp('zh-CN'),
    environment: collectEnvironment({ locale: 'zh-CN', runtime: 'node', store, profile: sandbox.profile }),
  });
  const log = [
    `loaded key\n${keyPem}`,
    `a line of it: ${keyPem.split('\n')[9]}`,
    `foreign key ${FOREIGN_PKCS1}`,
    `bare ${FOREIGN_BARE}`,
    `Authorization: Bearer ${C.auth}`,
    `Cookie: sid=${C.cookie}`,
    `Set-Cookie: sid=${C.setCookie}; HttpOnly`,
    `X-Sign: ${signature}`,
    `GET https://${C.urlUser}:${C.urlPassword}@h.example/pay?token=${C.token}&trade_token=${C.tradeToken}&sign=${C.sign}`,
    `{"password":"${C.password}","phone":"${C.mobile}"}`,
    `customer ${C.mobile} ${C.idCard} ${C.bankCard} ${C.email}`,
  ].join('\n');
  bundle = await writeBundle(
    { ...draft, logs: [{ name: 'main', text: log }], knownSecrets: [keyPem] },
    join(root, 'canary.zip'),
    { workDir: root },
  );
}, 60_000);

afterAll(async () => {
  cashier?.close();
  await sandbox?.close();
  rmSync(root, { recursive: true, force: true });
});

const found = (haystack: string) => needles.filter((n) => haystack.includes(n));

describe('canaries', () => {
  it('none of them is in any member of the bundle', async () => {
    const members = await unzipAll(bundle.path);
    expect([...members.keys()]).toEqual(
      expect.arrayContaining(['report.json', 'network.har', 'logs/main.log']),
    );
    for (const [path, bytes] of members) {
      expect(found(bytes.toString('utf8')), path).toEqual([]);
      expect(found(bytes.toString('latin1')), path).toEqual([]);
    }
    // And the redaction was counted, rule by rule.
    const rules = bundle.manifest.redaction.rules;
    for (const rule of [
      'private-key-pem',
      'private-key-base64',
      'known-secret',
      'signature',
      'token',
      'authorization',
      'cookie',
      'set-cookie',
      'url-credentials',
      'secret-field',
      'mobile-cn',
      'id-card-cn',
      'bank-card',
      // The e-mail canary is also a query value (?m=…), so it is hunted and counted as a value first.
      'value',
      'image-metadata',
    ]) {
      expect(rules[rule], rule).toBeGreaterThan(0);
    }
  });

  it('none of them is in any request to the intake, apart from the signature header', async () => {
    const proxyKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const proxy = await startRecordingProxy({
      certificate: pki.good,
      upstreamOrigin: sandbox.origins.support,
      upstreamCa: sandbox.profile.extraCaCertificates,
      signingKey: proxyKeys.privateKey,
    });
    try {
      const outbox = createOutbox({
        dir: join(root, 'outbox'),
        intake: {
          supportApiUrl: `${proxy.origin}/api/v1`,
          extraCaCertificates: [pki.caCert],
          merchantNo: sandbox.store.merchantNo,
          privateKeyPem: sandbox.merchantPrivateKeyPem,
          // The proxy rewrites the intake's answers and signs them again with its own key.
          platformPublicKey: proxyKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        },
      });
      const { reportId } = await outbox.enqueue({ bundlePath: bundle.path });
      const [item] = await outbox.runUntilIdle();
      await outbox.pollTicket(reportId);
      outbox.close();
      expect(item?.state).toBe('delivered');
      expect(proxy.requests.map((r) => r.method)).toEqual(['POST', 'PUT', 'GET']);
      for (const request of proxy.requests) {
        for (const [name, value] of request.headers) {
          if (name.toLowerCase() !== 'x-sign')
            expect(found(value), `${request.method} header ${name}`).toEqual([]);
        }
        expect(found(request.url), request.method).toEqual([]);
        expect(found(request.body.toString('utf8')), `${request.method} body`).toEqual([]);
        expect(found(request.body.toString('latin1')), `${request.method} body`).toEqual([]);
      }
      // The PUT carried exactly the bundle whose members were searched above.
      expect(createHash('sha256').update(proxy.requests[1]!.body).digest('hex')).toBe(bundle.sha256);
    } finally {
      await proxy.close();
    }
  });
});
