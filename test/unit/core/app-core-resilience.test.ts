import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../../main/core/app-core';

describe('app core start-up with damaged data files', () => {
  it('keeps a corrupted settings and store list aside, starts on defaults, and tells the user once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bt-core-'));
    writeFileSync(join(dataDir, 'settings.json'), '{"language": "en-US", oops');
    writeFileSync(join(dataDir, 'stores.json'), '\u0000\u0001 not json');
    const core = await createAppCore({ dataDir, demo: false });
    try {
      expect(await core.dispatch('settings.get', undefined)).toEqual({
        ok: true,
        data: { language: 'zh-CN' },
      });
      expect(await core.dispatch('stores.list', undefined)).toEqual({
        ok: true,
        data: { stores: [], activeId: null },
      });
      const first = await core.dispatch('app.notices', undefined);
      expect(first.ok).toBe(true);
      const notices = first.ok ? (first.data as { 'zh-CN': string; 'en-US': string }[]) : [];
      expect(notices.length).toBe(2);
      expect(
        notices.every((n) => n['zh-CN'].includes('.damaged-') && n['en-US'].includes('was damaged')),
      ).toBe(true);
      const kept = readdirSync(dataDir).filter((f) => f.includes('.damaged-'));
      expect(kept.sort().map((f) => f.split('.damaged-')[0])).toEqual(['settings.json', 'stores.json']);
      expect(await core.dispatch('app.notices', undefined)).toEqual({ ok: true, data: [] });
      // A new choice is written whole, next to the kept damaged file.
      await core.dispatch('settings.setLanguage', { language: 'en-US' });
      expect(existsSync(join(dataDir, 'settings.json'))).toBe(true);
    } finally {
      await core.close();
    }
  });

  it('without demo mode and stores, a checklist run is refused with a plain reason, not a crash', async () => {
    const core = await createAppCore({ dataDir: mkdtempSync(join(tmpdir(), 'bt-core-')), demo: false });
    try {
      const answer = await core.dispatch('checklist.run', { taskId: 't1' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'HANDLER_FAILED' } });
      if (!answer.ok) expect(answer.error.message).toMatch(/import a store\.json/);
    } finally {
      await core.close();
    }
  });
});
