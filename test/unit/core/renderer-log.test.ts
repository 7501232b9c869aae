import { describe, expect, it } from 'vitest';
import { channels } from '../../../shared/ipc/contract';
import { rendererErrorLogger } from '../../../main/core/renderer-log';

describe('renderer errors reach the app log through our own IPC channel', () => {
  it('one entry per error: line breaks and control characters cannot forge log lines', () => {
    const lines: string[] = [];
    const logError = rendererErrorLogger((m) => lines.push(m));
    logError({
      kind: 'error',
      message: 'TypeError: x\n[2026-12-04 08:00:00.000] [info] forged entry\u001b[31m',
      stack: 'at a (app://bundle/x.js:1:1)\nat b\n[2026-12-04] [warn] forged',
    });
    expect(lines).toHaveLength(1);
    const [entry] = lines;
    const [first, ...rest] = entry!.split('\n');
    expect(first).toBe('renderer error: TypeError: x ⏎ [2026-12-04 08:00:00.000] [info] forged entry[31m');
    expect(rest.every((line) => line.startsWith('    | '))).toBe(true);
  });

  it('at most 20 a minute, the rest counted', () => {
    let now = 0;
    const lines: string[] = [];
    const logError = rendererErrorLogger(
      (m) => lines.push(m),
      () => now,
    );
    const results = Array.from({ length: 25 }, () => logError({ kind: 'unhandledrejection', message: 'x' }));
    expect(results.filter((r) => r.logged)).toHaveLength(20);
    now += 60_000;
    logError({ kind: 'error', message: 'later' });
    expect(lines.at(-2)).toBe('renderer: 5 more errors in the last minute were not logged');
    expect(lines.at(-1)).toBe('renderer error: later');
  });

  it('the channel takes text only, bounded', () => {
    const input = channels['log.rendererError'].input;
    expect(input.safeParse({ kind: 'error', message: 'x' }).success).toBe(true);
    expect(input.safeParse({ kind: 'error', message: 'x'.repeat(2001) }).success).toBe(false);
    expect(input.safeParse({ kind: 'error', message: 'x', path: '/etc/passwd' }).success).toBe(false);
    expect(input.safeParse({ kind: 'info', message: 'x' }).success).toBe(false);
  });
});
