import { describe, expect, it } from 'vitest';
import { text } from '../../../shared/i18n/localized-text';
import type { CheckId } from '../../../shared/checklist/catalog';
import { runChecklist, type CheckDefinition, type CheckOutcome } from '../../../main/checklist/engine';

const pass: CheckOutcome = { status: 'pass', summary: text('好', 'ok') };
const delay = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

function check(
  id: CheckId,
  run: CheckDefinition<null>['run'],
  extra: Partial<CheckDefinition<null>> = {},
): CheckDefinition<null> {
  return { id, run, ...extra };
}

describe('checklist engine', () => {
  it('runs independent checks concurrently, never more than the limit at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const ids: CheckId[] = [
      'cfg.schema',
      'cfg.urls',
      'cfg.charset',
      'cfg.baitiao',
      'cfg.environment',
      'local.hosts',
    ];
    const defs = ids.map((id) =>
      check(id, async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await delay(40);
        inFlight -= 1;
        return pass;
      }),
    );
    const run = await runChecklist(defs, null, { concurrency: 3 });
    // Three at once, never more: counted, not timed, so a loaded machine cannot fail it.
    expect(peak).toBe(3);
    expect(run.counts.pass).toBe(6);
    expect(run.results.map((r) => r.id)).toEqual(ids);
  });

  it('waits for dependencies and skips a check whose dependency failed, naming it', async () => {
    const order: string[] = [];
    const defs = [
      check('key.strength', async () => (order.push('strength'), pass), { dependsOn: ['key.parse'] }),
      check('key.parse', async () => {
        await delay(20);
        order.push('parse');
        return { status: 'fail', summary: text('坏', 'bad') };
      }),
      check('cfg.schema', async () => (order.push('schema'), pass)),
    ];
    const run = await runChecklist(defs, null);
    const strength = run.results.find((r) => r.id === 'key.strength')!;
    expect(strength.status).toBe('skip');
    expect(strength.evidence).toEqual({ blockedBy: 'key.parse' });
    expect(strength.summary['zh-CN']).toContain('商户私钥可读取');
    expect(order).toEqual(['schema', 'parse']);
  });

  it('turns a thrown error into status error and a slow check into a timeout error', async () => {
    const defs = [
      check('cfg.schema', async () => {
        throw new Error('boom');
      }),
      check(
        'cfg.urls',
        async (_ctx, signal) => {
          await delay(5_000, signal);
          return pass;
        },
        { timeoutMs: 50 },
      ),
    ];
    const run = await runChecklist(defs, null);
    expect(run.results[0]).toMatchObject({ status: 'error', evidence: { error: 'boom' } });
    expect(run.results[1]).toMatchObject({ status: 'error', evidence: { timeoutMs: 50 } });
    // Ended by its timeout, not by the 5 s it would have taken.
    expect(run.results[1]!.durationMs).toBeLessThan(5_000);
  });

  it('cancels: running checks end as skipped and pending ones never start', async () => {
    const controller = new AbortController();
    let startedSecond = false;
    const defs = [
      check('cfg.schema', async (_ctx, signal) => {
        await delay(10_000, signal);
        return pass;
      }),
      check('cfg.urls', async () => ((startedSecond = true), pass), { dependsOn: ['cfg.schema'] }),
    ];
    setTimeout(() => controller.abort(), 30);
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
