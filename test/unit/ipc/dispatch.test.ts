import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/ipc/contract';
import { createDispatcher, type Handlers } from '../../../main/ipc/dispatch';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const base = Object.fromEntries(
    CHANNEL_NAMES.map((c) => [
      c,
      async () => {
        throw new Error(`${c} not under test`);
      },
    ]),
  );
  return { ...base, ...overrides } as Handlers;
}

describe('IPC dispatcher', () => {
  it('runs a valid call and returns the validated output', async () => {
    const dispatch = createDispatcher(
      handlers({ 'settings.setLanguage': async ({ language }) => ({ language }) }),
    );
    await expect(dispatch('settings.setLanguage', { language: 'en-US' })).resolves.toEqual({
      ok: true,
      data: { language: 'en-US' },
    });
  });

  it('refuses an unknown channel and never reaches a handler', async () => {
    const dispatch = createDispatcher(handlers());
    const answer = await dispatch('fs.readFile', { path: '/etc/passwd' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses input that breaks the schema, naming the field', async () => {
    let called = false;
    const dispatch = createDispatcher(
      handlers({ 'settings.setLanguage': async () => ((called = true), { language: 'zh-CN' }) }),
    );
    const answer = await dispatch('settings.setLanguage', { language: 'fr-FR', extra: 1 });
    expect(called).toBe(false);
    expect(answer.ok).toBe(false);
    if (!answer.ok) {
      expect(answer.error.code).toBe('INVALID_INPUT');
      expect(answer.error.issues?.map((i) => i.path)).toContain('language');
    }
  });

  it('refuses non-https links before they reach the OS', async () => {
    const dispatch = createDispatcher(handlers({ 'shell.openExternal': async () => ({ opened: true }) }));
    for (const url of [
      'http://example.com',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
    ]) {
      expect((await dispatch('shell.openExternal', { url })).ok).toBe(false);
    }
    expect((await dispatch('shell.openExternal', { url: 'https://example.com/help' })).ok).toBe(true);
  });

  it('reports a handler whose output breaks the contract as a failure, not as bad data', async () => {
    const dispatch = createDispatcher(
      handlers({ 'settings.get': async () => ({ language: 'klingon' }) as never }),
    );
    expect(await dispatch('settings.get', undefined)).toMatchObject({
      ok: false,
      error: { code: 'HANDLER_FAILED' },
    });
  });
});
