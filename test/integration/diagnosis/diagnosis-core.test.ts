import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis, DiagnosisComparison } from '../../../shared/diagnosis/diagnosis';
import type { BundlePreviewView, BundleOpenResult } from '../../../shared/report/bundle-view';
import type { OutboxItemView } from '../../../shared/report/outbox-view';
import { createAppCore, type AppCore } from '../../../main/core/app-core';

// The whole 开始诊断 flow through the real core: the sandbox, Debian's Chromium, probes and checklist.
let core: AppCore;
const progressSteps = new Set<string>();

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const answer = await core.dispatch(channel, input);
  if (!answer.ok) throw new Error(`${channel}: ${answer.error.message}`);
  return answer.data as T;
}

beforeAll(async () => {
  core = await createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'bt-diag-')), demo: true });
  core.onEvent((event, payload) => {
    const p = payload as { kind: string; step: string };
    if (event === 'progress' && p.kind === 'diagnosis') progressSteps.add(p.step);
  });
});
afterAll(async () => {
  await core?.close();
});

describe('diagnosis through the app core', () => {
  it('healthy demo store: the redirect works, nothing fails, one verdict, every step reported', async () => {
    const d = await call<Diagnosis>('diagnosis.run', { taskId: 'd1' });
    expect(d.outcome).toBe('REDIRECT_OK');
    expect(
      d.checklist.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => r.id),
    ).toEqual([]);
    expect(d.checklist.results.find((r) => r.id === 'page.return-leg')?.status).toBe('pass');
    expect(d.probes.summaries.length).toBeGreaterThanOrEqual(5);
    expect(['ok', 'warning']).toContain(d.verdict.status);
    expect(d.verdict.side).not.toBe('platform');
    expect([...progressSteps]).toEqual(
      expect.arrayContaining(['started', 'simulation', 'probes', 'checklist', 'done']),
    );
  });

  it('risk control: the platform’s side, the cooldown advice, and history shows what changed since it worked', async () => {
    await call('demo.setScenario', { scenario: 'risk-rejected' });
    const d = await call<Diagnosis>('diagnosis.run', { taskId: 'd2' });
    expect(d.outcome).toBe('RISK_REJECTED');
    expect(d.verdict).toMatchObject({ status: 'problem', side: 'platform', supportingCheck: 'risk.status' });
    expect(d.verdict.firstAction['en-US']).toMatch(/wait/i);
    const comparison = await call<DiagnosisComparison>('history.compare', { storeId: d.storeId });
    expect(comparison.lastPassing?.outcome).toBe('REDIRECT_OK');
    expect(comparison.changes).toContainEqual({ id: 'outcome', before: 'REDIRECT_OK', now: 'RISK_REJECTED' });
    expect(comparison.changes).toContainEqual({ id: 'risk.status', before: 'pass', now: 'fail' });
    expect((await call<unknown[]>('history.list', { storeId: d.storeId })).length).toBe(2);
    await call('demo.setScenario', { scenario: 'healthy' });
  });
});

describe('report, outbox and support mode through the app core', () => {
  it('previews exactly what leaves, leaves a section out, submits durably, gets a ticket, and the bundle opens', async () => {
    await call('demo.setScenario', { scenario: 'blank-cashier' });
    const d = await call<Diagnosis>('diagnosis.run', { taskId: 'd3' });
    expect(d.outcome).toBe('BLANK_PAGE');
    const symptom = {
      category: 'BLANK_OR_GARBLED_PAGE',
      description: '买家说页面是白的，联系我 13812345678',
      firstSeen: null,
      frequency: 'OFTEN',
    };
    const preview = await call<BundlePreviewView>('report.preview', { symptom, exclude: ['logs'] });
    const logs = preview.sections.find((s) => s.section === 'logs');
    expect(logs?.included).toBe(false);
    const everything = JSON.stringify(preview);
    expect(everything).not.toContain('13812345678');
    expect(everything).not.toContain('PRIVATE KEY');
    expect(preview.manifest.files.map((f) => f.path)).toContain('report.json');
    expect(preview.manifest.files.some((f) => f.path.startsWith('logs/'))).toBe(false);

    const queued = await call<OutboxItemView>('report.submit', { reportId: preview.reportId });
    expect(queued.reportId).toBe(preview.reportId);
    const listed = async () =>
      (await call<OutboxItemView[]>('outbox.list')).find((x) => x.reportId === preview.reportId)!;
    await expect
      .poll(async () => (await listed()).state, { timeout: 20_000, interval: 50 })
      .toBe('delivered');
    const item = await listed();
    expect(item.ticketId).toBeTruthy();
    const polled = await call<OutboxItemView>('outbox.pollTicket', { reportId: preview.reportId });
    expect(polled.ticket?.status).toBe('RECEIVED');

    const exported = await call<{ path: string }>('report.export', { reportId: preview.reportId });
    // As the open dialog would: main's token for the file, never its path.
    const file = core.grantDroppedFile(exported.path).token;
    const opened = await call<BundleOpenResult>('bundle.open', { file });
    expect(opened.ok).toBe(true);
    await call('demo.setScenario', { scenario: 'healthy' });
  });

  it('support mode refuses a file that is not a zip, with a reason', async () => {
    const answer = await call<BundleOpenResult>('bundle.open', {
      file: core.grantDroppedFile(__filename).token,
    });
    expect(answer.ok).toBe(false);
  });
});
