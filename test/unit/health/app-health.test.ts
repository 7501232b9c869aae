import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { previewBundle, previewView } from '../../../main/bundle';
import { createAppHealth, type HealthLevel } from '../../../main/health/app-health';
import { captureProcessErrors, processGoneEvent } from '../../../main/health/process-capture';
import { sources } from '../bundle/bundle-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'bt-health-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function recordingHealth(file: string) {
  const logged: { level: HealthLevel; message: string }[] = [];
  const health = createAppHealth({ file, log: (level, message) => logged.push({ level, message }) });
  return { health, logged };
}

/** A real unhandled rejection, handled by Node's own machinery: vitest's listeners step aside meanwhile. */
async function withOnlyOurRejectionListener(file: string, reject: () => void) {
  const theirs = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const { health, logged } = recordingHealth(file);
  const release = captureProcessErrors(process, health);
  try {
    reject();
    await vi.waitFor(() => expect(logged.length).toBeGreaterThan(0), { timeout: 5000 });
  } finally {
    release();
    for (const listener of theirs) process.on('unhandledRejection', listener);
  }
  return logged;
}

describe('app health: crashes and unhandled errors reach the log and the next report', () => {
  it('an unhandled rejection in the core is logged as an error and is the next report’s app-health section, redacted', async () => {
    const file = join(dir, 'a', 'app-health.json');
    const logged = await withOnlyOurRejectionListener(file, () => {
      // As a core task that forgot its catch would: a rejected promise nobody awaits.
      void Promise.reject(
        new Error('outbox upload failed for buyer 13800138000\nAuthorization: Bearer sk_live_abcdefghijk'),
      );
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]!.level).toBe('error');
    expect(logged[0]!.message).toMatch(/^\[unhandledRejection\] Error: outbox upload failed/);

    // The next start (a new instance on the same data folder) offers it in the next report.
    const nextStart = recordingHealth(file).health;
    const summary = nextStart.summary();
    expect(summary).toContain('ERROR unhandledRejection');
    const preview = await previewBundle({ ...sources(), appHealth: summary }, { workDir: dir });
    try {
      const view = await previewView(preview);
      const section = view.sections.find((s) => s.section === 'app-health');
      expect(section?.included).toBe(true);
      expect(section?.parts.map((p) => p.path)).toEqual(['logs/app-health.log']);
      const text = section!.parts[0]!.text!;
      expect(text).toContain('unhandledRejection');
      expect(text).toContain('outbox upload failed');
      expect(text).not.toContain('sk_live_abcdefghijk');
      expect(text).not.toContain('13800138000');
      expect(text).toMatch(/REDACTED-AUTHORIZATION-\d/);
      expect(text).toMatch(/REDACTED-MOBILE-\d/);
      expect(section!.redactions).toMatchObject({ authorization: 1, 'mobile-cn': 1 });
    } finally {
      await preview.dispose();
    }
  });

  it('optional like every section: unticked, nothing of it is in the bundle', async () => {
    const preview = await previewBundle(
      { ...sources(), appHealth: '2026-12-04T08:00:00.000Z ERROR uncaughtException\nboom\n' },
      { workDir: dir, exclude: ['app-health'] },
    );
    try {
      expect(preview.members.map((m) => m.path)).not.toContain('logs/app-health.log');
      expect(preview.manifest.withheld).toContain('app-health');
    } finally {
      await preview.dispose();
    }
  });

  it('no crash, no app-health section offered', async () => {
    const preview = await previewBundle(sources(), { workDir: dir });
    try {
      expect(preview.sections.map((s) => s.section)).not.toContain('app-health');
    } finally {
      await preview.dispose();
    }
  });

  it('cleared after a report carried it; a damaged file reads as nothing', () => {
    const { health } = recordingHealth(join(dir, 'b', 'app-health.json'));
    health.record({ level: 'error', kind: 'renderer-error', message: 'TypeError: x is undefined' });
    expect(health.summary()).toContain('renderer-error');
    health.clear();
    expect(health.summary()).toBeNull();
    writeFileSync(join(dir, 'b', 'app-health.json'), '{ not json');
    expect(health.summary()).toBeNull();
  });

  it('uncaught exceptions are errors; a renderer that crashed is an error, one killed a warning, a clean exit nothing', () => {
    const { health, logged } = recordingHealth(join(dir, 'c', 'app-health.json'));
    const fakeProcess = new EventEmitter();
    const release = captureProcessErrors(fakeProcess, health);
    fakeProcess.emit('uncaughtException', new TypeError('boom'));
    expect(logged.at(-1)).toMatchObject({
      level: 'error',
      message: expect.stringMatching(/^\[uncaughtException\] TypeError: boom/),
    });
    release();
    expect(
      fakeProcess.listenerCount('uncaughtException') + fakeProcess.listenerCount('unhandledRejection'),
    ).toBe(0);
    // The values Electron passes in RenderProcessGoneDetails / Details (child-process-gone).
    expect(processGoneEvent('render-process-gone', { reason: 'crashed', exitCode: 133 })).toMatchObject({
      level: 'error',
    });
    expect(
      processGoneEvent('render-process-gone', { reason: 'oom', exitCode: -536870904 })?.message,
    ).toContain('oom');
    expect(
      processGoneEvent('child-process-gone', { type: 'GPU', reason: 'killed', exitCode: 9 }),
    ).toMatchObject({
      level: 'warn',
      message: 'GPU: killed (exit code 9)',
    });
    expect(
      processGoneEvent('child-process-gone', {
        type: 'Utility',
        serviceName: 'network.mojom.NetworkService',
        reason: 'crashed',
        exitCode: 1,
      })?.message,
    ).toBe('Utility network.mojom.NetworkService: crashed (exit code 1)');
    expect(processGoneEvent('render-process-gone', { reason: 'clean-exit', exitCode: 0 })).toBeNull();
  });
});
