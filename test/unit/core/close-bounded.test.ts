import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeBounded } from '../../../main/core/close-bounded';

afterEach(() => vi.useRealTimers());

describe('quitting waits for the core, bounded', () => {
  it('waits for a close that finishes within the budget', async () => {
    vi.useFakeTimers();
    let finish!: () => void;
    const problems: string[] = [];
    const outcome = closeBounded(
      () => new Promise<void>((r) => (finish = r)),
      (m) => problems.push(m),
      5000,
    );
    await vi.advanceTimersByTimeAsync(4999);
    finish();
    expect(await outcome).toBe('closed');
    expect(problems).toEqual([]);
  });

  it('gives up after 5 s on a stuck close, and says so', async () => {
    vi.useFakeTimers();
    const problems: string[] = [];
    const outcome = closeBounded(
      () => new Promise<void>(() => {}),
      (m) => problems.push(m),
    );
    await vi.advanceTimersByTimeAsync(5000);
    expect(await outcome).toBe('timeout');
    expect(problems[0]).toContain('5000 ms');
  });

  it('a failing close is reported, not thrown', async () => {
    const problems: string[] = [];
    expect(
      await closeBounded(
        () => Promise.reject(new Error('disk gone')),
        (m) => problems.push(m),
      ),
    ).toBe('failed');
    expect(problems[0]).toContain('disk gone');
  });
});
