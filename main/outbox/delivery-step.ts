import { join } from 'node:path';
import type { OutboxEvent } from '../../shared/report/outbox-view';
import { backoffDelay, type BackoffPolicy } from './backoff';
import type { IntakeClient, Outcome } from './intake-client';
import type { ItemLock } from './item-lock';
import { checkParts } from './item-parts';
import type { ItemState } from './item-state';
import { BUNDLE_FILE, REPORT_FILE, type ItemStore } from './item-store';

/** An expired upload URL is asked for again at most this often before the item fails for good. */
const MAX_UPLOAD_REFRESHES = 2;
/** Upload progress is reported every this many bytes (and at the end). */
const PROGRESS_STEP = 256 * 1024;

export interface StepContext {
  store: ItemStore;
  client: IntakeClient;
  lock: ItemLock;
  backoff: BackoffPolicy;
  random: () => number;
  now: () => number;
  emit: (event: OutboxEvent) => void;
  signal?: AbortSignal;
}

/**
 * The state after a failed attempt: wait (backoff, at least Retry-After) or stop for good. An answer that
 * is not believed (§5: unsigned, wrongly signed, uploading elsewhere) records nothing: the report goes back
 * to queued, without the upload URL it may have brought, and is tried again later like a transient failure.
 */
export function afterFailure(
  state: ItemState,
  outcome: Exclude<Outcome<unknown>, { kind: 'ok' }>,
  policy: { backoff: BackoffPolicy; random: () => number; now: () => number },
): ItemState {
  if (outcome.kind === 'transient' || outcome.kind === 'untrusted') {
    const attempts = state.attempts + 1;
    const retryAfterMs = outcome.kind === 'transient' ? outcome.retryAfterMs : null;
    const delay = backoffDelay(attempts, policy.backoff, policy.random, retryAfterMs);
    const waiting = { ...state, attempts, nextAttemptAt: policy.now() + delay, lastError: outcome.error };
    return outcome.kind === 'untrusted' ? { ...waiting, state: 'queued', upload: null } : waiting;
  }
  return {
    ...state,
    state: 'failed-permanently',
    failure: outcome.error,
    lastError: outcome.error,
    nextAttemptAt: 0,
  };
}

async function sendReport(state: ItemState, ctx: StepContext): Promise<ItemState> {
  const { store, client, emit, signal } = ctx;
  const iso = () => new Date(ctx.now()).toISOString();
  // Written before the request: after a crash the report is sent again, and the intake answers 200 with the same ticket.
  if (state.state === 'queued') state = await store.save({ ...state, state: 'sending-report' });
  // Every part is checked against its queued hash first: a copy damaged on this disk is never sent, and its
  // failure says so (LOCAL_DAMAGE_CODES), so that it is not taken for the platform refusing the report.
  const parts = await checkParts(store.itemDir(state.reportId), state, {
    report: REPORT_FILE,
    bundle: BUNDLE_FILE,
  });
  if (!parts.ok) {
    const error = { at: iso(), status: null, code: parts.code, message: parts.message, fields: [] };
    return store.save({
      ...state,
      state: 'failed-permanently',
      failure: error,
      lastError: error,
      nextAttemptAt: 0,
    });
  }
  if (!state.report) state = await store.save({ ...state, report: parts.reportHash });
  emit({ type: 'step', reportId: state.reportId, step: 'report-sending' });
  const body = parts.report;
  const outcome = await client.postReport(state.reportId, body, signal);
  if (signal?.aborted) return state;
  if (outcome.kind !== 'ok') return store.save(afterFailure(state, outcome, ctx));
  emit({ type: 'step', reportId: state.reportId, step: 'report-accepted' });
  const created = outcome.value;
  const ticket = state.ticket ?? { status: created.status, updatedAt: null, messages: [], polledAt: iso() };
  if (state.bundle.bytes > created.upload.max_bytes) {
    return store.save({
      ...state,
      ticketId: created.ticket_id,
      ticket,
      state: 'failed-permanently',
      failure: {
        at: iso(),
        status: null,
        code: 'BUNDLE_TOO_LARGE',
        message: `the bundle is ${state.bundle.bytes} bytes; the intake takes at most ${created.upload.max_bytes}`,
        fields: [],
      },
    });
  }
  return store.save({
    ...state,
    state: 'uploading-bundle',
    ticketId: created.ticket_id,
    ticket,
    upload: { url: created.upload.url, maxBytes: created.upload.max_bytes },
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
  });
}

async function uploadBundle(state: ItemState, upload: { url: string }, ctx: StepContext): Promise<ItemState> {
  const { store, client, emit, signal } = ctx;
  const { reportId } = state;
  const totalBytes = state.bundle.bytes;
  emit({ type: 'step', reportId, step: 'bundle-uploading' });
  let reported = 0;
  const outcome = await client.putBundle(
    upload.url,
    join(store.itemDir(reportId), BUNDLE_FILE),
    state.bundle,
    (sentBytes) => {
      if (sentBytes - reported >= PROGRESS_STEP || sentBytes === totalBytes) {
        reported = sentBytes;
        emit({ type: 'upload-progress', reportId, sentBytes, totalBytes });
      }
    },
    signal,
  );
  if (signal?.aborted) return state;
  if (outcome.kind === 'ok') {
    emit({ type: 'step', reportId, step: 'bundle-accepted' });
    return store.save({
      ...state,
      state: 'delivered',
      deliveredAt: new Date(ctx.now()).toISOString(),
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
    });
  }
  if (outcome.kind === 'refresh-upload') {
    if (state.uploadRefreshes >= MAX_UPLOAD_REFRESHES) {
      return store.save(afterFailure(state, { kind: 'permanent', error: outcome.error }, ctx));
    }
    // The upload URL expired: the same report again gives the same ticket and a fresh URL.
    return store.save({
      ...state,
      state: 'sending-report',
      upload: null,
      uploadRefreshes: state.uploadRefreshes + 1,
      lastError: outcome.error,
    });
  }
  return store.save(afterFailure(state, outcome, ctx));
}

/**
 * One network step of one item, its result persisted before this returns. Returns the very same state
 * object when it did nothing (aborted, or the lock is no longer ours).
 */
export async function advanceItem(state: ItemState, ctx: StepContext): Promise<ItemState> {
  if (ctx.signal?.aborted || !(await ctx.lock.held())) return state;
  switch (state.state) {
    case 'queued':
    case 'sending-report':
      return sendReport(state, ctx);
    case 'uploading-bundle':
      // No upload URL cannot happen with states this code writes; if a file says so, ask for the ticket again.
      return state.upload
        ? uploadBundle(state, state.upload, ctx)
        : ctx.store.save({ ...state, state: 'sending-report' });
    default:
      return state;
  }
}
