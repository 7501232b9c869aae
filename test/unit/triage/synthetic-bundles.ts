import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import yazl from 'yazl';
import type { CheckResult } from '../../../shared/checklist/check-result';
import type { OutcomeCode } from '../../../shared/protocol/outcome-codes';
import { diagnosisVerdict } from '../../../main/diagnosis/verdict';

/**
 * Valid diagnostic bundles made directly (manifest, report, HAR, log), fast enough for 10,000 of them:
 * the triage tests and `npm run bench` (bench/triage) both use it. Not the app's writer, on purpose:
 * the reader under test must accept any bundle the protocol allows, not only our own.
 */
export interface SyntheticBundle {
  merchantNo: string;
  /** null: no simulation in the bundle (withheld). */
  outcome: OutcomeCode | null;
  /** When the diagnosis ran. */
  at: number;
  /** Checks that failed (each a fail result); the rest of the few checks pass. */
  failing?: string[];
  reportId?: string;
  /** Change report.json after the manifest was made: the reader must refuse it (HASH_MISMATCH). */
  tamper?: boolean;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const t = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

function check(id: string, status: CheckResult['status'], at: string): CheckResult {
  return {
    id,
    group: id.split('.')[0] as CheckResult['group'],
    status,
    title: t(id, id),
    summary: t(`${id} 的结果`, `${id} result`),
    remediation: status === 'pass' ? null : t('请按提示处理。', 'Follow the hint.'),
    evidence: {},
    durationMs: 3,
    startedAt: at,
  };
}

export function syntheticMembers(spec: SyntheticBundle): Map<string, Buffer> {
  const at = new Date(spec.at).toISOString();
  const reportId = spec.reportId ?? randomUUID();
  const failing = new Set(spec.failing ?? []);
  const ids = ['cfg.schema', 'key.parse', 'platform.health', 'net.dns', 'page.cashier-ready', ...failing];
  const checks = [...new Set(ids)].map((id) => check(id, failing.has(id) ? 'fail' : 'pass', at));
  const hops = [
    ['GET', 'https://127.0.0.1:8444/pay?token=REDACTED-TOKEN-1', 302],
    ['GET', 'https://127.0.0.1:8444/baitiao/auth?token=REDACTED-TOKEN-1', 302],
    ['GET', 'https://127.0.0.1:8444/baitiao/cashier?token=REDACTED-TOKEN-1', 200],
  ].map(([method, url, status], position) => ({
    leg: 'cashier',
    position,
    method,
    url,
    status,
    durationMs: 12 + position,
    error: null,
    startedAt: at,
  }));
  const report = {
    report_id: reportId,
    schema_version: 1,
    created_at: new Date(spec.at + 60_000).toISOString(),
    merchant_no: spec.merchantNo,
    app: { name: 'baitiao-doctor', version: '0.1.0', os: 'linux', arch: 'x64', locale: 'zh-CN' },
    symptom: {
      category: 'PAGE_NOT_LOADING',
      description: '支付页打不开',
      first_seen: null,
      frequency: null,
      screenshots: [],
    },
    checks,
    simulation:
      spec.outcome === null
        ? null
        : { kind: 'simulation', runId: `run-${reportId}`, startedAt: at, outcome: spec.outcome, hops },
    timings: { started_at: at },
    environment: {
      os: 'linux',
      store: { merchant_no: spec.merchantNo, environment: 'production' },
      // What the app writes (main/report/diagnosis-bundle-sources.ts): the verdict the merchant saw, with the outcome.
      ...(spec.outcome === null
        ? {}
        : {
            diagnosis: {
              id: `d-${reportId}`,
              outcome: spec.outcome,
              verdict: diagnosisVerdict(checks, spec.outcome),
            },
          }),
    },
    contact: null,
    withheld: spec.outcome === null ? ['simulation'] : [],
  };
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'synthetic', version: '1' },
      pages: [],
      entries: hops.map((h) => ({
        startedDateTime: at,
        time: h.durationMs,
        request: {
          method: h.method,
          url: h.url,
          httpVersion: 'HTTP/1.1',
          headers: [{ name: 'Accept', value: 'text/html' }],
          queryString: [],
          cookies: [],
          headersSize: -1,
          bodySize: 0,
        },
        response: {
          status: h.status,
          statusText: '',
          httpVersion: 'HTTP/1.1',
          headers: [{ name: 'Content-Type', value: 'text/html' }],
          cookies: [],
          content: { size: 0, mimeType: 'text/html' },
          redirectURL: '',
          headersSize: -1,
          bodySize: 0,
        },
        cache: {},
        timings: { blocked: -1, dns: 1, connect: 2, ssl: 1, send: 1, wait: h.durationMs - 5, receive: 1 },
        _runId: `run-${reportId}`,
      })),
    },
  };
  // One network probe of the gateway, as main/probe/har.ts records it (no run id, its own page).
  const { _runId: _dropped, ...first } = har.log.entries[0]!;
  const probe = {
    ...first,
    pageref: 'probe-1',
    request: { ...first.request, url: 'https://127.0.0.1:8443/gateway/health' },
  };
  const fullHar = {
    log: {
      ...har.log,
      pages: [
        { id: 'probe-1', title: 'gateway #1 https://127.0.0.1:8443/gateway/health', startedDateTime: at },
      ],
      entries: [...har.log.entries, probe],
    },
  };
  const members = new Map<string, Buffer>([
    ['report.json', Buffer.from(JSON.stringify(report, null, 2))],
    ['network.har', Buffer.from(JSON.stringify(fullHar))],
    ['logs/app.log', Buffer.from(`${at} diagnosis ${reportId}\n`)],
  ]);
  const manifest = {
    format: 'baitiao-diagnostic-bundle',
    version: 1,
    created_at: report.created_at,
    app: { name: 'baitiao-doctor', version: '0.1.0' },
    report_id: reportId,
    files: [...members].map(([path, data]) => ({
      path,
      bytes: data.length,
      sha256: sha(data),
      media_type: path.endsWith('.log') ? 'text/plain' : 'application/json',
    })),
    redaction: { rules: {} },
    withheld: report.withheld,
  };
  if (spec.tamper) {
    const changed = members.get('report.json')!.toString('utf8').replace('支付页打不开', '支付页打得开'); // same length: only the hash tells;
    members.set('report.json', Buffer.from(changed));
  }
  return new Map([['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2))], ...members]);
}

export async function zipMembers(members: Map<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const mtime = new Date('2026-12-01T00:00:00Z');
  for (const [name, data] of members) zip.addBuffer(data, name, { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function writeSyntheticBundle(path: string, spec: SyntheticBundle): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, await zipMembers(syntheticMembers(spec)));
}
