import { crc32, deflateSync } from 'node:zlib';
import type { ChecklistRun, CheckResult } from '../../../shared/checklist/check-result';
import { text } from '../../../shared/i18n/localized-text';
import { DEFAULT_PROBE_SETTINGS } from '../../../shared/probe/probe-settings';
import type { ProbeRun } from '../../../shared/probe/probe-result';
import { summarizeTarget } from '../../../main/probe/series-summary';
import { buildReport, type BuildReportInput, type ReportDraft } from '../../../main/report';
import { hop, result } from '../probe/probe-fixtures';

/** Hand-made inputs for reports and bundles: no sockets, no browser. */

export const MERCHANT_NO = '2088000000000001';
export const APP = {
  name: 'baitiao-doctor',
  version: '0.1.0',
  os: 'linux 6.1',
  arch: 'x64',
  locale: 'zh-CN',
};

export function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A real (tiny, grey) PNG, optionally with text chunks a photo app might add. */
export function makePng(
  options: { width?: number; text?: Record<string, string>; seed?: number } = {},
): Buffer {
  const width = options.width ?? 4;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(width, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const rows = Buffer.alloc((width + 1) * width, options.seed ?? 0x80);
  for (let y = 0; y < width; y++) rows[y * (width + 1)] = 0;
  const texts = Object.entries(options.text ?? {}).map(([k, v]) =>
    pngChunk('tEXt', Buffer.from(`${k}\0${v}`, 'latin1')),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    ...texts,
    pngChunk('IDAT', deflateSync(rows)),
    pngChunk('tIME', Buffer.from([0x07, 0xea, 11, 26, 10, 0, 0])),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG's segment structure (JFIF, Exif with an owner name, a comment, then scan data). */
export function makeJpeg(exif: string): Buffer {
  const segment = (marker: number, payload: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(payload.length + 2, 2);
    return Buffer.concat([head, payload]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, Buffer.from(`Exif\0\0${exif}`, 'latin1')),
    segment(0xfe, Buffer.from(`comment ${exif}`, 'latin1')),
    segment(0xda, Buffer.from([0, 8, 1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0x56, 0xff, 0xd9]),
  ]);
}

export function check(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    id: 'key.sign-roundtrip',
    group: 'key',
    status: 'fail',
    title: text('签名被平台接受', 'Signature accepted by the platform'),
    summary: text('平台说签名不对', 'The platform says the signature is wrong'),
    remediation: text('重新上传公钥', 'Upload the public key again'),
    evidence: { sub_code: 'isv.invalid-signature' },
    durationMs: 12.5,
    startedAt: '2026-11-26T02:00:00.000Z',
    ...overrides,
  };
}

export function checklistRun(results: CheckResult[] = [check()]): ChecklistRun {
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const r of results) counts[r.status] += 1;
  return {
    runId: 'run-1',
    startedAt: '2026-11-26T02:00:00.000Z',
    finishedAt: '2026-11-26T02:00:03.000Z',
    durationMs: 3000,
    cancelled: false,
    results,
    counts,
  };
}

export function probeRun(count = 2): ProbeRun {
  const results = Array.from({ length: count }, () => result([hop()]));
  return {
    startedAt: '2026-11-26T02:00:00.000Z',
    finishedAt: '2026-11-26T02:00:02.000Z',
    cancelled: false,
    settings: DEFAULT_PROBE_SETTINGS,
    results,
    summaries: [summarizeTarget({ role: 'gateway', url: 'https://gw.example/health' }, results)],
  };
}

/** The parts of a SimulationResult a bundle cares about: screenshots as base64 and some page text. */
export function simulation(pageText = '支付失败，请稍后再试'): Record<string, unknown> {
  return {
    kind: 'simulation',
    schemaVersion: 1,
    runId: 'sim-1',
    outcome: 'CASHIER_ERROR_PAGE',
    cashier: { state: 'error', errorCode: 'SYSTEM_BUSY', visible: { textSample: pageText, textLength: 10 } },
    hops: [{ index: 0, url: 'https://cashier.example/pay?token=REDACTED', status: 302 }],
    screenshots: [
      {
        moment: 'cashier',
        url: null,
        mimeType: 'image/png',
        base64: makePng().toString('base64'),
        path: null,
        bytes: 100,
      },
    ],
    console: [{ leg: 'cashier', level: 'error', text: 'boom', url: null, line: null, atMs: 5 }],
  };
}

export function draft(overrides: Partial<BuildReportInput> = {}): ReportDraft {
  return buildReport({
    merchantNo: MERCHANT_NO,
    symptom: {
      category: 'PAYMENT_FAILED_MESSAGE',
      description: '买家说点了白条就显示支付失败',
      firstSeen: '2026-11-20',
      frequency: 'OFTEN',
      screenshots: [],
    },
    checks: checklistRun(),
    simulation: simulation(),
    probes: probeRun(),
    app: APP,
    environment: { os: 'linux', store: { app_id: 'BTSB2026000000000001', store_name: '白条诊断沙箱小店' } },
    now: new Date('2026-11-26T10:00:00.000Z'),
    ...overrides,
  });
}
