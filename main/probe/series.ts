import { setTimeout as sleep } from 'node:timers/promises';
import type { ProbeRequestResult, ProbeRun, ProbeTarget } from '../../shared/probe/probe-result';
import { ProbeSettingsSchema, type ProbeSettingsInput } from '../../shared/probe/probe-settings';
import { systemLookup, type LookupHost } from './connect';
import type { ProbeEnvironment } from './hop';
import { isoAt, now } from './phase-timer';
import { resolveDirect, type ResolveProxy } from './proxy';
import { probeUrl } from './redirects';
import { summarizeTarget } from './series-summary';
import { trustFor } from './trust';

export interface ProbeProgress {
  done: number;
  total: number;
  result: ProbeRequestResult;
}

export interface RunProbesOptions {
  targets: readonly ProbeTarget[];
  settings?: ProbeSettingsInput;
  /** Electron's session.resolveProxy in the app, proxyFromEnvironment() in the CLI; DIRECT if absent. */
  resolveProxy?: ResolveProxy;
  /** The profile's extra roots, trusted on top of Node's. */
  extraCaCertificates?: readonly string[];
  signal?: AbortSignal;
  onProgress?: (progress: ProbeProgress) => void;
  /** Injected in tests: a resolver that fails or stalls without leaving loopback. */
  lookup?: LookupHost;
  /** Wall clock for certificate days-left. */
  clock?: () => Date;
}

/** Caps requests in flight across all hosts; waiters are served in order. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(count: number) {
    this.free = count;
  }
  async take(): Promise<() => void> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    return () => {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    };
  }
}

/**
 * N probes per host, one interval apart (start to start), hosts side by side, at most `concurrency`
 * requests in flight. The probes of one host never overlap, so one measurement never queues behind
 * another to the same server. Cancelling stops new probes at once and tears down the ones in flight;
 * what was measured until then is returned, marked cancelled. Memory is bounded by count × hosts results,
 * each of bounded size (bodies are never kept).
 */
export async function runProbes(options: RunProbesOptions): Promise<ProbeRun> {
  const settings = ProbeSettingsSchema.parse(options.settings ?? {});
  const { signal } = options;
  const env: ProbeEnvironment = {
    settings,
    resolveProxy: options.resolveProxy ?? resolveDirect,
    lookup: options.lookup ?? systemLookup,
    trust: trustFor(options.extraCaCertificates),
    signal,
    clock: options.clock ?? (() => new Date()),
  };
  const slots = new Slots(settings.concurrency);
  const total = options.targets.length * settings.count;
  const started = now();
  const byTarget = options.targets.map(() => [] as ProbeRequestResult[]);
  let done = 0;

  const probeTarget = async (target: ProbeTarget, results: ProbeRequestResult[]) => {
    const first = now();
    for (let sequence = 0; sequence < settings.count; sequence += 1) {
      const due = first + sequence * settings.intervalMs - now();
      if (due > 0) {
        try {
          await sleep(due, undefined, signal ? { signal } : undefined);
        } catch {
          return; // cancelled while waiting: nothing started, nothing to report
        }
      }
      if (signal?.aborted) return;
      const release = await slots.take();
      try {
        if (signal?.aborted) return;
        const result = await probeUrl(target, sequence, env);
        results.push(result);
        done += 1;
        options.onProgress?.({ done, total, result });
      } finally {
        release();
      }
    }
  };

  await Promise.all(options.targets.map((target, i) => probeTarget(target, byTarget[i]!)));
  return {
    startedAt: isoAt(started),
    finishedAt: isoAt(now()),
    cancelled: signal?.aborted ?? false,
    settings,
    results: byTarget.flat(),
    summaries: options.targets.map((target, i) => summarizeTarget(target, byTarget[i]!)),
  };
}
