import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis, DiagnosisComparison } from '../../../shared/diagnosis/diagnosis';
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
