import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JsonFilePersistence, NewerFileError } from '../../../main/config';
import { createAppCore } from '../../../main/core/app-core';
import { DiagnosisHistory } from '../../../main/history/diagnosis-history';
import { WatchHistory } from '../../../main/watch/history';
import type { Diagnosis } from '../../../shared/diagnosis/diagnosis';
import type { LocalizedText } from '../../../shared/i18n/localized-text';
import { probeSample, T0, MIN } from '../watch/fixtures';

// Fault suite, the app's own files: damaged SQLite (header, inner page), a newer build's stores.json, a
// settings.json that is a folder, a torn last history line. For each: the app starts, nothing the user
// had is deleted or overwritten, and the one notice names the file and where it was kept.

const fresh = () => mkdtempSync(join(tmpdir(), 'bt-fault-app-'));

async function noticesOf(dataDir: string) {
  const core = await createAppCore({ dataDir, demo: false });
  const answer = await core.dispatch('app.notices', undefined);
  const notices = answer.ok ? (answer.data as LocalizedText[]) : [];
  return { core, notices };
}

/** A watch history of a few thousand samples: enough pages that one in the middle is an inner page. */
function writeHistory(path: string): void {
  const history = WatchHistory.open(path);
  history.appendBatch(
    's',
    Array.from({ length: 3000 }, (_, i) => probeSample(T0 + i * MIN)),
  );
  history.close();
}

function overwrite(path: string, offset: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

describe('fault suite: a damaged watch-history.sqlite', () => {
  it.each([
    ['its header', 0],
    ['an inner page', 8 * 4096],
  ])(
    '%s: the app still starts, the file is kept aside whole, watching starts afresh, the user is told',
    async (_n, offset) => {
      const dataDir = fresh();
      const path = join(dataDir, 'watch-history.sqlite');
      writeHistory(path);
      expect(statSync(path).size).toBeGreaterThan(offset + 4096);
      overwrite(path, offset, Buffer.alloc(4096, 0x41));
      const damaged = readFileSync(path);

      const { core, notices } = await noticesOf(dataDir);
      try {
        const kept = readdirSync(dataDir).filter((f) => f.startsWith('watch-history.sqlite.damaged-'));
        expect(kept).toHaveLength(1);
        // Nothing lost: the kept file is the damaged file, byte for byte.
        expect(readFileSync(join(dataDir, kept[0]!)).equals(damaged)).toBe(true);
        expect(notices).toHaveLength(1);
        expect(notices[0]!['zh-CN']).toContain(join(dataDir, kept[0]!));
        expect(notices[0]!['en-US']).toContain(path);
        // The rest keeps working: the watch answers on a fresh history.
        expect(await core.dispatch('watch.status', undefined)).toMatchObject({ ok: true });
        expect(existsSync(path)).toBe(true);
      } finally {
        await core.close();
      }
    },
  );

  it('a healthy history is left alone (no notice, nothing kept aside)', async () => {
    const dataDir = fresh();
    writeHistory(join(dataDir, 'watch-history.sqlite'));
    const { core, notices } = await noticesOf(dataDir);
    await core.close();
    expect(notices).toEqual([]);
    expect(readdirSync(dataDir).filter((f) => f.includes('.damaged-'))).toEqual([]);
  });
});

describe('fault suite: newer-schema JSON files', () => {
  const NEWER = JSON.stringify({
    version: 2,
    activeStoreId: 'x',
    stores: [{ id: 'x', name: 'a store from a newer build' }],
    somethingNew: true,
  });

  it('a newer build\'s stores.json ("version": 2) is never overwritten: read-only here, a copy kept, the user told', async () => {
    const dataDir = fresh();
    const path = join(dataDir, 'stores.json');
    writeFileSync(path, NEWER);
    const { core, notices } = await noticesOf(dataDir);
    try {
      expect(notices).toHaveLength(1);
      expect(notices[0]!['en-US']).toContain(`${path} was saved by a newer version`);
      expect(notices[0]!['zh-CN']).toContain('较新版本');
      expect(await core.dispatch('stores.list', undefined)).toEqual({
        ok: true,
        data: { stores: [], activeId: null },
      });
      // A save that would replace it is refused, with the same plain reason.
      const persistence = new JsonFilePersistence(path, () => {}, { knownVersion: 1 });
      expect(persistence.read()).toBeUndefined();
      expect(() => persistence.write({ version: 1, activeStoreId: null, stores: [] })).toThrow(
        NewerFileError,
      );
      expect(readFileSync(path, 'utf8')).toBe(NEWER);
      const copies = readdirSync(dataDir).filter((f) => f.startsWith('stores.json.newer-'));
      expect(copies).toHaveLength(1);
      expect(readFileSync(join(dataDir, copies[0]!), 'utf8')).toBe(NEWER);
    } finally {
      await core.close();
    }
    // A second start: still untouched, no second copy, told again (it is still read-only).
    const again = await noticesOf(dataDir);
    await again.core.close();
    expect(readFileSync(path, 'utf8')).toBe(NEWER);
    expect(readdirSync(dataDir).filter((f) => f.startsWith('stores.json.newer-'))).toHaveLength(1);
  });

  it('a stores.json of this version that breaks the schema is kept aside, not emptied in place', async () => {
    const dataDir = fresh();
    const path = join(dataDir, 'stores.json');
    const broken = JSON.stringify({ version: 1, activeStoreId: null, stores: 'not a list' });
    writeFileSync(path, broken);
    const { core, notices } = await noticesOf(dataDir);
    await core.close();
    const kept = readdirSync(dataDir).filter((f) => f.startsWith('stores.json.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dataDir, kept[0]!), 'utf8')).toBe(broken);
    expect(notices[0]!['en-US']).toContain(kept[0]);
  });
});

describe('fault suite: a settings.json that is a folder', () => {
  it('is kept aside; settings.get answers with defaults, and the next save works', async () => {
    const dataDir = fresh();
    mkdirSync(join(dataDir, 'settings.json'));
    writeFileSync(join(dataDir, 'settings.json', 'inside.txt'), 'keep me');
    const { core, notices } = await noticesOf(dataDir);
    try {
      expect(await core.dispatch('settings.get', undefined)).toEqual({
        ok: true,
        data: { language: 'zh-CN' },
      });
      expect(await core.dispatch('settings.setLanguage', { language: 'en-US' })).toMatchObject({ ok: true });
      expect(await core.dispatch('settings.get', undefined)).toEqual({
        ok: true,
        data: { language: 'en-US' },
      });
    } finally {
      await core.close();
    }
    const kept = readdirSync(dataDir).filter((f) => f.startsWith('settings.json.damaged-'));
    expect(kept).toHaveLength(1);
    expect(readFileSync(join(dataDir, kept[0]!, 'inside.txt'), 'utf8')).toBe('keep me');
    expect(notices.map((n) => n['en-US']).join('\n')).toContain(kept[0]);
  });
});

describe('fault suite: torn appends', () => {
  const diagnosis = (id: string): Diagnosis =>
    ({
      id,
      storeId: 'store-1',
      finishedAt: '2026-12-04T07:00:00.000Z',
      outcome: 'REDIRECT_OK',
      verdict: {
        status: 'ok',
        side: 'none',
        headline: { 'zh-CN': '一切正常', 'en-US': 'All good' },
        firstAction: { 'zh-CN': '—', 'en-US': '—' },
        cause: null,
        supportingCheck: null,
      },
      checklist: { results: [{ id: 'net.dns', status: 'pass' }] },
    }) as unknown as Diagnosis;

  it('a torn last line in the diagnosis history does not swallow the next run', () => {
    const dir = fresh();
    const history = new DiagnosisHistory(dir);
    history.add(diagnosis('run-1'));
    const file = join(dir, readdirSync(dir)[0]!);
    // A power cut in the middle of the second append.
    writeFileSync(file, readFileSync(file, 'utf8') + '{"id":"run-2","storeId":"sto');
    history.add(diagnosis('run-3'));
    expect(history.list('store-1').map((s) => s.id)).toEqual(['run-1', 'run-3']);
    // The torn bytes are still in the file, on their own line: nothing was rewritten away.
    expect(readFileSync(file, 'utf8')).toContain('{"id":"run-2","storeId":"sto\n');
  });
});
