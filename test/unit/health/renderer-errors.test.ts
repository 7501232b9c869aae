import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { previewBundle, previewView } from '../../../main/bundle';
import { createAppCore } from '../../../main/core/app-core';
import { RENDERER_ERRORS_KEPT } from '../../../main/core/handlers/app-handlers';
import { createAppHealth, type HealthLevel } from '../../../main/health/app-health';
import { sources } from '../bundle/bundle-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'bt-renderer-health-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('renderer errors reach app health through log.rendererError (issue 15)', () => {
  it('a renderer error is logged with its level and is the next report’s app-health section, redacted', async () => {
    const dataDir = join(dir, 'a');
    const logged: { level: HealthLevel; message: string }[] = [];
    // The app's own wiring: main/index.ts hands the core the health record that logs with a level.
    const health = createAppHealth({
      file: join(dataDir, 'app-health.json'),
      log: (level, message) => logged.push({ level, message }),
    });
    const core = await createAppCore({ dataDir, demo: false, appHealth: health });
    try {
      const answer = await core.dispatch('log.rendererError', {
        kind: 'unhandledrejection',
        message: 'TypeError: cannot read outbox of undefined (buyer 13800138000)',
        stack: 'at submit (app://bundle/assets/report.js:1:1)\nAuthorization: Bearer sk_live_abcdefghijk',
      });
      expect(answer).toEqual({ ok: true, data: { logged: true } });
    } finally {
      await core.close();
    }
    expect(logged).toHaveLength(1);
    expect(logged[0]!.level).toBe('error');
    expect(logged[0]!.message).toMatch(
      /^\[renderer-error\] renderer unhandledrejection: TypeError: cannot read/,
    );

    // The next start (a new record on the same data folder) offers it in the next report, redacted.
    const summary = createAppHealth({ file: join(dataDir, 'app-health.json'), log: () => {} }).summary();
    expect(summary).toContain('ERROR renderer-error');
    const preview = await previewBundle({ ...sources(), appHealth: summary }, { workDir: dir });
    try {
      const section = (await previewView(preview)).sections.find((s) => s.section === 'app-health');
      expect(section?.included).toBe(true);
      const text = section!.parts[0]!.text!;
      expect(text).toContain('cannot read outbox of undefined');
      expect(text).toContain('app://bundle/assets/report.js');
      expect(text).not.toContain('13800138000');
      expect(text).not.toContain('sk_live_abcdefghijk');
      expect(section!.redactions).toMatchObject({ authorization: 1, 'mobile-cn': 1 });
    } finally {
      await preview.dispose();
    }
  });

  it('a page in an error loop: every error is logged once, only the first few are kept for the report', async () => {
    const dataDir = join(dir, 'b');
    const logLines: string[] = [];
    const core = await createAppCore({ dataDir, demo: false, log: (m) => logLines.push(m) });
    try {
      for (let i = 0; i < 8; i++)
        await core.dispatch('log.rendererError', { kind: 'error', message: `ReferenceError #${i}` });
    } finally {
      await core.close();
    }
    const summary = createAppHealth({ file: join(dataDir, 'app-health.json'), log: () => {} }).summary()!;
    expect(summary.match(/renderer-error/g)).toHaveLength(RENDERER_ERRORS_KEPT);
    // The core's default record logs as "<level>: [kind] …"; the rest go to the log as they are.
    const rendererLines = logLines.filter((l) => l.includes('ReferenceError #'));
    expect(rendererLines).toHaveLength(8);
    expect(rendererLines.filter((l) => l.startsWith('error: [renderer-error]'))).toHaveLength(
      RENDERER_ERRORS_KEPT,
    );
  });
});
