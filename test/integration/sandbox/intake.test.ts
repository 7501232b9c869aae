import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../../main/sandbox';
import { intakeHeaders, request } from './https-helpers';

let sandbox: Sandbox;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ onInternalError: (e) => internalErrors.push(e) });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.setScenario('healthy'));

function report(overrides: Record<string, unknown> = {}) {
  return {
    report_id: randomUUID(),
    schema_version: 1,
    created_at: new Date().toISOString(),
    merchant_no: sandbox.store.merchantNo,
    app: { name: 'baitiao-doctor', version: '0.1.0', os: 'linux', arch: 'x64', locale: 'zh-CN' },
    symptom: {
      category: 'PAYMENT_FAILED_MESSAGE',
      description: '买家看到支付失败',
      first_seen: null,
      frequency: 'always',
    },
    checks: [],
    simulation: null,
    timings: {},
    environment: {},
    contact: null,
    ...overrides,
  };
}

interface Created {
  ticket_id: string;
  status: string;
  upload: { url: string; method: string; max_bytes: number };
}

async function post(body: string, key: string, headers = intakeHeaders(sandbox, body)) {
  const answer = await request(sandbox, `${sandbox.profile.supportApiUrl}/reports`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Idempotency-Key': key, ...headers },
    body,
  });
  return {
    status: answer.status,
    json: JSON.parse(answer.text) as Created & { error?: { code: string; fields?: string[] } },
    answer,
  };
}

async function put(url: string, bytes: Buffer, sha256 = createHash('sha256').update(bytes).digest('hex')) {
  return request(sandbox, url, {
    method: 'PUT',
    headers: {
      'Content-Type': 'application/zip',
      'Content-SHA256': sha256,
      ...intakeHeaders(sandbox, bytes),
    },
    body: bytes,
  });
}

describe('support intake (§5)', () => {
  it('files a report: 201 RECEIVED with an upload URL; the same Idempotency-Key → 200, same ticket', async () => {
    const r = report();
    const body = JSON.stringify(r);
    const first = await post(body, r.report_id);
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      status: 'RECEIVED',
      upload: { method: 'PUT', max_bytes: 32 * 1024 * 1024 },
    });
    expect(first.json.upload.url.startsWith(`${sandbox.profile.supportApiUrl}/uploads/`)).toBe(true);
    // A retry is a new request (new nonce, new signature) with the same key.
    const again = await post(body, r.report_id);
    expect(again.status).toBe(200);
    expect(again.json.ticket_id).toBe(first.json.ticket_id);
    expect([...sandbox.intake.tickets.values()].filter((t) => t.reportId === r.report_id)).toHaveLength(1);
  });

  it('uploads: 204, the same bytes again 204, a wrong hash 400, over max_bytes 413', async () => {
    sandbox.intake.maxUploadBytes = 1024;
    const r = report();
    const { json } = await post(JSON.stringify(r), r.report_id);
    sandbox.intake.maxUploadBytes = 32 * 1024 * 1024;
    expect(json.upload.max_bytes).toBe(1024);
    const zip = Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]);
    expect((await put(json.upload.url, zip)).status).toBe(204);
    expect((await put(json.upload.url, zip)).status).toBe(204);
    const stored = sandbox.intake.uploads.get(json.ticket_id);
    expect(stored?.sha256).toBe(createHash('sha256').update(zip).digest('hex'));
    expect(stored?.puts).toBe(2);
    const wrongHash = await put(json.upload.url, zip, createHash('sha256').update('other').digest('hex'));
    expect(wrongHash.status).toBe(400);
    expect(JSON.parse(wrongHash.text)).toMatchObject({ error: { code: 'HASH_MISMATCH' } });
    const tooBig = await put(json.upload.url, Buffer.alloc(4096, 1));
    expect(tooBig.status).toBe(413);
    const notZip = await request(sandbox, json.upload.url, {
      method: 'PUT',
      headers: {
        'Content-Type': 'text/plain',
        'Content-SHA256': createHash('sha256').update(zip).digest('hex'),
        ...intakeHeaders(sandbox, zip),
      },
      body: zip,
    });
    expect(notZip.status).toBe(415);
  });

  it('GET /reports/{id} follows the ticket as support moves it', async () => {
    const r = report();
    const { json } = await post(JSON.stringify(r), r.report_id);
    const get = async () => {
      const answer = await request(sandbox, `${sandbox.profile.supportApiUrl}/reports/${json.ticket_id}`, {
        headers: intakeHeaders(sandbox, ''),
      });
      return { status: answer.status, json: JSON.parse(answer.text) as Record<string, unknown> };
    };
    const first = await get();
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ ticket_id: json.ticket_id, status: 'RECEIVED' });
    sandbox.intake.setStatus(json.ticket_id, 'NEEDS_INFO', '请提供收银台截图');
    const second = await get();
    expect(second.json.status).toBe('NEEDS_INFO');
    expect(second.json.messages).toContainEqual(
      expect.objectContaining({ from: 'support', text: '请提供收银台截图' }),
    );
    const missing = await request(sandbox, `${sandbox.profile.supportApiUrl}/reports/TK000`, {
      headers: intakeHeaders(sandbox, ''),
    });
    expect(missing.status).toBe(404);
  });

  it('401 for a bad signature, a replayed nonce, another key, or a missing header', async () => {
    const r = report();
    const body = JSON.stringify(r);
    const headers = intakeHeaders(sandbox, body);
    expect((await post(body.replace('买家', '卖家'), r.report_id, headers)).status).toBe(401);
    expect((await post(body, r.report_id, headers)).status).toBe(201);
    // The exact same signed request again is a replay, refused even though the key would be idempotent.
    expect((await post(body, r.report_id, headers)).status).toBe(401);
    const { 'x-sign': _sign, ...unsigned } = intakeHeaders(sandbox, body);
    expect((await post(body, r.report_id, unsigned)).status).toBe(401);
  });

  it('invalid-signature scenario: the platform has another merchant key on file, so the intake refuses too', async () => {
    sandbox.setScenario('invalid-signature');
    const r = report();
    const { status, json } = await post(JSON.stringify(r), r.report_id);
    expect(status).toBe(401);
    expect(json.error?.code).toBe('INVALID_SIGNATURE');
  });

  it('400 with the failing fields for a report that breaks the schema', async () => {
    const r = report({
      symptom: { category: 'NOT_A_CATEGORY', description: 'x', first_seen: null, frequency: null },
    });
    const { merchant_no: _m, ...withoutMerchant } = r;
    const first = await post(JSON.stringify(withoutMerchant), r.report_id);
    expect(first.status).toBe(400);
    expect(first.json.error?.fields).toEqual(expect.arrayContaining(['merchant_no', 'symptom.category']));
    const mismatched = await post(JSON.stringify(report()), randomUUID());
    expect(mismatched.status).toBe(400);
    expect(mismatched.json.error?.fields).toContain('Idempotency-Key');
  });

  it('failNext: transient 503 then 429 with Retry-After; the retried report is filed once', async () => {
    const r = report();
    const body = JSON.stringify(r);
    sandbox.intake.failNext(1, 503);
    const busy = await post(body, r.report_id);
    expect(busy.status).toBe(503);
    expect(busy.answer.headers['retry-after']).toBe('1');
    sandbox.intake.failNext(1, 429, 7);
    const limited = await post(body, r.report_id);
    expect(limited.status).toBe(429);
    expect(limited.answer.headers['retry-after']).toBe('7');
    const filed = await post(body, r.report_id);
    expect(filed.status).toBe(201);
    expect([...sandbox.intake.tickets.values()].filter((t) => t.reportId === r.report_id)).toHaveLength(1);
  });

  it('had no internal errors', () => {
    expect(internalErrors).toEqual([]);
  });
});
