import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { LocalizedText } from '../../shared/i18n/localized-text';
import type { OutboxError, OutboxEvent, OutboxItemView } from '../../shared/report/outbox-view';
import { verifyBundle } from '../bundle/reader';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { advanceItem, afterFailure, type StepContext } from './delivery-step';
import {
  DEFAULT_INTAKE_TIMEOUTS,
  IntakeClient,
  type IntakeTarget,
  type IntakeTimeouts,
} from './intake-client';
import { DEFAULT_LOCK_OPTIONS, sweepLeftovers, tryLock, type LockOptions } from './item-lock';
import { isTerminal, toView, type ItemState } from './item-state';
import { ItemStore, LOCK_FILE } from './item-store';

export interface OutboxClock {
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: OutboxClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

export type IntakeResolver = (merchantNo: string) => IntakeTarget | null | Promise<IntakeTarget | null>;

export interface OutboxOptions {
  /** The outbox folder (in the app's data dir). */
  dir: string;
  /** Where reports go and the key to sign them; per store when the app holds several. */
  intake: IntakeTarget | IntakeResolver;
  clock?: OutboxClock;
  random?: () => number;
  backoff?: Partial<BackoffPolicy>;
  timeouts?: Partial<IntakeTimeouts>;
  lock?: Partial<LockOptions>;
  /** Told, once each, when a damaged file was kept aside and what became of the item (for the user). */
  onNotice?: (notice: LocalizedText) => void;
}

export interface ProcessSummary {
  /** Items this call worked on. */
  attempted: number;
  delivered: number;
  failed: number;
  /** Items waiting for their next try. */
  waiting: number;
  /** Items another worker (process) holds right now. */
  lockedElsewhere: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Only these reports (the CLI's own); default all. */
  reportIds?: readonly string[];
}

export interface Outbox {
  readonly dir: string;
  /** Queues a written bundle: verified, copied in with its report.json, durable before this resolves. */
  enqueue(input: { bundlePath: string }): Promise<OutboxItemView>;
  list(): Promise<OutboxItemView[]>;
  get(reportId: string): Promise<OutboxItemView | null>;
  /** One pass: every due item is taken as far as it goes (or to its next wait). */
  processOnce(options?: RunOptions): Promise<ProcessSummary>;
  /** Passes and waits until every (selected) item is delivered or failed for good, or the signal aborts. */
  runUntilIdle(options?: RunOptions): Promise<OutboxItemView[]>;
  /** Makes a waiting item due now (the merchant's "retry now"). */
  retryNow(reportId: string): Promise<OutboxItemView | null>;
  /** Asks the intake for a delivered report's ticket status; throws OutboxPollError when it cannot. */
  pollTicket(reportId: string, signal?: AbortSignal): Promise<OutboxItemView>;
  /** Polls every delivered ticket not yet RESOLVED; failures are left for the next round. */
  pollTickets(signal?: AbortSignal): Promise<OutboxItemView[]>;
  on(listener: (event: OutboxEvent) => void): () => void;
  close(): void;
}

export class OutboxPollError extends Error {
  constructor(readonly error: OutboxError) {
    super(error.message);
  }
}

export class OutboxItemNotFoundError extends Error {}

export class InvalidBundleError extends Error {
  constructor(readonly problems: { code: string; message: { 'en-US': string } }[]) {
    super(`the bundle did not verify: ${problems.map((p) => p.code).join(', ')}`);
  }
}

/** When no key is available for a store's reports, look again this much later. */
const NO_INTAKE_RETRY_MS = 60_000;
/** How often to look again at an item another process holds. */
const LOCKED_POLL_MS = 200;

/**
 * A durable outbox for reports and their bundles. Each report is a folder (report.json, bundle.zip,
 * state.json) that exists before the first attempt and survives the app being closed or killed at any
 * point: every state change is written atomically, and every step is safe to repeat, because the intake
 * is idempotent (same report_id → same ticket; same bytes → 204). So a step that may or may not have
 * reached the intake before a crash is simply done again, and each report ends delivered exactly once.
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const backoff: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const timeouts: IntakeTimeouts = { ...DEFAULT_INTAKE_TIMEOUTS, ...options.timeouts };
  const lockOptions: LockOptions = { ...DEFAULT_LOCK_OPTIONS, ...options.lock };
  const listeners = new Set<(event: OutboxEvent) => void>();
  const clients = new Map<string, IntakeClient>();
  const iso = () => new Date(clock.now()).toISOString();

  const emit = (event: OutboxEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A listener's bug must not stop a delivery.
      }
    }
  };

  const now = () => clock.now();
  const store = new ItemStore(
    options.dir,
    now,
    (state) => emit({ type: 'item', item: toView(state) }),
    options.onNotice,
  );
  const itemDir = (reportId: string) => store.itemDir(reportId);
  const readState = (reportId: string) => store.read(reportId);
  const readAll = () => store.readAll();
  const save = (state: ItemState) => store.save(state);
  const policy = { backoff, random, now };

  async function clientFor(merchantNo: string): Promise<IntakeClient | null> {
    const target = typeof options.intake === 'function' ? await options.intake(merchantNo) : options.intake;
    if (!target || target.merchantNo !== merchantNo) return null;
    // A re-imported key or another profile gets a new client (and agent).
    const key = [
      target.merchantNo,
      target.supportApiUrl,
      createHash('sha256').update(target.privateKeyPem).digest('hex'),
      createHash('sha256').update(target.platformPublicKey).digest('hex'),
    ].join('\n');
    let client = clients.get(key);
    if (!client) {
      client = new IntakeClient(target, timeouts);
      clients.set(key, client);
    }
    return client;
  }

  const outbox: Outbox = {
    dir: options.dir,

    async enqueue({ bundlePath }) {
      const verification = await verifyBundle(bundlePath);
      if (!verification.ok || !verification.report) throw new InvalidBundleError(verification.problems);
      return toView(await store.add(verification.report, bundlePath));
    },

    async list() {
      return (await readAll()).map(toView);
    },

    async get(reportId) {
      await store.init();
      const state = await readState(reportId);
      return state ? toView(state) : null;
    },

    async processOnce(run = {}) {
      const summary: ProcessSummary = {
        attempted: 0,
        delivered: 0,
        failed: 0,
        waiting: 0,
        lockedElsewhere: 0,
      };
      const only = run.reportIds ? new Set(run.reportIds) : null;
      for (const listed of await readAll()) {
        if (run.signal?.aborted) break;
        if ((only && !only.has(listed.reportId)) || isTerminal(listed)) continue;
        if (listed.nextAttemptAt > clock.now()) {
          summary.waiting += 1;
          continue;
        }
        const lock = await tryLock(join(itemDir(listed.reportId), LOCK_FILE), lockOptions);
        if (!lock) {
          summary.lockedElsewhere += 1;
          continue;
        }
        try {
          await sweepLeftovers(itemDir(listed.reportId));
          // Read again under the lock: another worker may have moved it on since the listing.
          let state = await readState(listed.reportId);
          if (!state || isTerminal(state) || state.nextAttemptAt > clock.now()) continue;
          const client = await clientFor(state.merchantNo);
          if (!client) {
            await save({
              ...state,
              nextAttemptAt: clock.now() + NO_INTAKE_RETRY_MS,
              lastError: {
                at: iso(),
                status: null,
                code: 'NO_INTAKE',
                message: `no support intake or key is set up for merchant ${state.merchantNo}`,
                fields: [],
              },
            });
            summary.waiting += 1;
            continue;
          }
          summary.attempted += 1;
          const ctx: StepContext = { store, client, lock, ...policy, emit, signal: run.signal };
          while (!isTerminal(state) && state.nextAttemptAt <= clock.now()) {
            let next: ItemState;
            try {
              next = await advanceItem(state, ctx);
            } catch (error) {
              // Not the intake's answer but our own trouble (a disk error): this item waits, the queue goes on.
              const message = error instanceof Error ? error.message : String(error);
              const code = (error as NodeJS.ErrnoException).code ?? 'INTERNAL';
              next = await save(
                afterFailure(
                  state,
                  {
                    kind: 'transient',
                    error: { at: iso(), status: null, code, message: message.slice(0, 500), fields: [] },
                    retryAfterMs: null,
                  },
                  policy,
                ),
              );
            }
            const failed = next.attempts > state.attempts;
            if (next === state) break;
            state = next;
            // A failed step waits for its backoff, even a short one: retries belong to the next pass.
            if (failed) break;
          }
          if (state.state === 'delivered') summary.delivered += 1;
          else if (state.state === 'failed-permanently') summary.failed += 1;
          else summary.waiting += 1;
        } finally {
          await lock.release();
        }
      }
      return summary;
    },

    async runUntilIdle(run = {}) {
      const only = run.reportIds ? new Set(run.reportIds) : null;
      const selected = async () => (await readAll()).filter((s) => !only || only.has(s.reportId));
      for (;;) {
        const summary = await outbox.processOnce(run);
        const pending = (await selected()).filter((s) => !isTerminal(s));
        if (pending.length === 0 || run.signal?.aborted) break;
        const soonest = Math.min(...pending.map((s) => s.nextAttemptAt)) - clock.now();
        let wait = Math.max(soonest, 0);
        // Another process holds a due item: look again soon, it may finish (or die) any moment.
        if (summary.lockedElsewhere > 0) wait = Math.min(wait || LOCKED_POLL_MS, LOCKED_POLL_MS);
        await clock.sleep(Math.min(Math.max(wait, 5), 30_000), run.signal);
      }
      return (await selected()).map(toView);
    },

    async retryNow(reportId) {
      if (!(await readState(reportId))) return null;
      const lock = await tryLock(join(itemDir(reportId), LOCK_FILE), lockOptions);
      if (!lock) return outbox.get(reportId);
      try {
        const state = await readState(reportId);
        if (!state) return null;
        return toView(isTerminal(state) ? state : await save({ ...state, nextAttemptAt: 0 }));
      } finally {
        await lock.release();
      }
    },

    async pollTicket(reportId, signal) {
      const state = await readState(reportId);
      if (!state) throw new OutboxItemNotFoundError(`no report ${reportId} in the outbox`);
      // Only delivered items: earlier, the delivering worker owns state.json.
      if (state.state !== 'delivered' || !state.ticketId) return toView(state);
      const client = await clientFor(state.merchantNo);
      if (!client) {
        throw new OutboxPollError({
          at: iso(),
          status: null,
          code: 'NO_INTAKE',
          message: 'no intake for this store',
          fields: [],
        });
      }
      const outcome = await client.getTicket(state.ticketId, signal);
      if (outcome.kind !== 'ok') throw new OutboxPollError(outcome.error);
      const fresh = (await readState(reportId)) ?? state;
      const saved = await save({
        ...fresh,
        ticket: {
          status: outcome.value.status,
          updatedAt: outcome.value.updated_at ?? null,
          messages: outcome.value.messages.slice(-50),
          polledAt: iso(),
        },
      });
      return toView(saved);
    },

    async pollTickets(signal) {
      const views: OutboxItemView[] = [];
      for (const state of await readAll()) {
        if (state.state !== 'delivered' || state.ticket?.status === 'RESOLVED') continue;
        try {
          views.push(await outbox.pollTicket(state.reportId, signal));
        } catch (error) {
          if (!(error instanceof OutboxPollError)) throw error;
          views.push(toView(state));
        }
      }
      return views;
    },

    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close() {
      for (const client of clients.values()) client.close();
      clients.clear();
      listeners.clear();
    },
  };
  return outbox;
}
