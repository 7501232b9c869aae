import { afterEach, describe, expect, it, vi } from 'vitest';
import { text } from '../../../shared/i18n/localized-text';
import type { CheckId } from '../../../shared/checklist/catalog';
import { runChecklist, type CheckDefinition, type CheckOutcome } from '../../../main/checklist/engine';

const pass: CheckOutcome = { status: 'pass', summary: text('好', 'ok') };

/** A check's work that ends only when the run cancels it (by its timeout or the run's signal). */
const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) reject(new Error('aborted'));
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });

function check(
  id: CheckId,
  run: CheckDefinition<null>['run'],
  extra: Partial<CheckDefinition<null>> = {},
): CheckDefinition<null> {
  return { id, run, ...extra };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('checklist engine', () => {
  it('runs independent checks concurrently, never more than the limit at once', async () => {
    let inFlight = 0;
    let peak = 0;
    /** Checks that have started and wait to be let finish, oldest first. */
    const waiting: (() => void)[] = [];
    const ids: CheckId[] = [
      'cfg.schema',
      'cfg.urls',
      'cfg.charset',
      'cfg.baitiao',
      'cfg.environment',
      'local.hosts',
    ];
    const defs = ids.map((id) =>
      check(id, () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        return new Promise<CheckOutcome>((resolve) =>
          waiting.push(() => {
            inFlight -= 1;
            resolve(pass);
          }),
        );
      }),
    );
    const running = runChecklist(defs, null, { concurrency: 3 });
    // Three start at once; each one let finish makes room for exactly one more: counted, not timed.
    for (let left = ids.length; left > 0; left -= 1) {
      await vi.waitFor(() => expect(waiting.length).toBe(Math.min(3, left)));
      waiting.shift()!();
    }
    const run = await running;
    expect(peak).toBe(3);
    expect(run.counts.pass).toBe(6);
    expect(run.results.map((r) => r.id)).toEqual(ids);
  });

  it('waits for dependencies and skips a check whose dependency failed, naming it', async () => {
    const order: string[] = [];
    let schemaRan!: () => void;
    const schemaDone = new Promise<void>((resolve) => (schemaRan = resolve));
    const defs = [
      check('key.strength', async () => (order.push('strength'), pass), { dependsOn: ['key.parse'] }),
      check('key.parse', async () => {
        // Finishes after the independent check, so the order shows who waited for whom.
        await schemaDone;
        order.push('parse');
        return { status: 'fail', summary: text('坏', 'bad') };
      }),
      check('cfg.schema', async () => (order.push('schema'), schemaRan(), pass)),
    ];
    const run = await runChecklist(defs, null);
    const strength = run.results.find((r) => r.id === 'key.strength')!;
    expect(strength.status).toBe('skip');
    expect(strength.evidence).toEqual({ blockedBy: 'key.parse' });
    expect(strength.summary['zh-CN']).toContain('商户私钥可读取');
    expect(order).toEqual(['schema', 'parse']);
  });

  it('turns a thrown error into status error and a slow check into a timeout error', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let slowStarted!: () => void;
    const started = new Promise<void>((resolve) => (slowStarted = resolve));
    const defs = [
      check('cfg.schema', async () => {
        throw new Error('boom');
      }),
      check(
        'cfg.urls',
        async (_ctx, signal) => {
          slowStarted();
          // Never finishes by itself: only the engine's timeout can end it.
          return untilAborted(signal);
        },
        { timeoutMs: 50 },
      ),
    ];
    const running = runChecklist(defs, null);
    await started;
    await vi.advanceTimersByTimeAsync(50);
    const run = await running;
    expect(run.results[0]).toMatchObject({ status: 'error', evidence: { error: 'boom' } });
    expect(run.results[1]).toMatchObject({ status: 'error', evidence: { timeoutMs: 50 } });
  });

  it('cancels: running checks end as skipped and pending ones never start', async () => {
    const controller = new AbortController();
    let startedSecond = false;
    const defs = [
      check('cfg.schema', async (_ctx, signal) => {
        // Cancelled while it runs: the run's signal is the only way this check ends.
        queueMicrotask(() => controller.abort());
        return untilAborted(signal);
      }),
      check('cfg.urls', async () => ((startedSecond = true), pass), { dependsOn: ['cfg.schema'] }),
    ];
    const run = await runChecklist(defs, null, { signal: controller.signal });
    expect(run.cancelled).toBe(true);
    expect(run.results.map((r) => r.status)).toEqual(['skip', 'skip']);
    expect(startedSecond).toBe(false);
  });

  it('re-runs one check together with what it depends on, and streams progress', async () => {
    const ran: string[] = [];
    const defs = [
      check('key.parse', async () => (ran.push('key.parse'), pass)),
      check('key.strength', async () => (ran.push('key.strength'), pass), { dependsOn: ['key.parse'] }),
      check('cfg.schema', async () => (ran.push('cfg.schema'), pass)),
    ];
    const events: string[] = [];
    const run = await runChecklist(defs, null, {
      only: ['key.strength'],
      onProgress: (e) => events.push(`${e.type}:${e.id}`),
    });
    expect(ran).toEqual(['key.parse', 'key.strength']);
    expect(run.results).toHaveLength(2);
    expect(events).toEqual([
      'started:key.parse',
      'finished:key.parse',
      'started:key.strength',
      'finished:key.strength',
    ]);
  });

  it('refuses a dependency on a check that is not defined', async () => {
    await expect(
      runChecklist([check('key.strength', async () => pass, { dependsOn: ['key.parse'] })], null),
    ).rejects.toThrow(/key\.parse/);
  });
});
