import { z } from 'zod';
import {
  OutboxErrorSchema,
  OutboxStateSchema,
  TicketViewSchema,
  type OutboxItemView,
  type OutboxState,
} from '../../shared/report/outbox-view';

/** state.json of an outbox item: the whole truth about where its delivery stands. */
export const ItemStateSchema = z.object({
  version: z.literal(1),
  reportId: z.uuid(),
  merchantNo: z.string(),
  state: OutboxStateSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Consecutive failed attempts at the current step (the backoff exponent). */
  attempts: z.number().int().min(0),
  /** Epoch ms of the next try; 0 = due now. */
  nextAttemptAt: z.number(),
  ticketId: z.string().nullable(),
  upload: z.object({ url: z.string(), maxBytes: z.number().int() }).nullable(),
  /** How often the upload URL was asked for again (it had expired): bounded. */
  uploadRefreshes: z.number().int().min(0),
  lastError: OutboxErrorSchema.nullable(),
  failure: OutboxErrorSchema.nullable(),
  bundle: z.object({ bytes: z.number().int(), sha256: z.string() }),
  /** Size and SHA-256 of the queued report.json; absent only in items queued by an older build. */
  report: z.object({ bytes: z.number().int(), sha256: z.string() }).optional(),
  deliveredAt: z.string().nullable(),
  ticket: TicketViewSchema.nullable(),
});
export type ItemState = z.infer<typeof ItemStateSchema>;

export const TERMINAL_STATES: ReadonlySet<OutboxState> = new Set(['delivered', 'failed-permanently']);
export const isTerminal = (state: ItemState): boolean => TERMINAL_STATES.has(state.state);

export function toView(state: ItemState): OutboxItemView {
  return {
    reportId: state.reportId,
    merchantNo: state.merchantNo,
    state: state.state,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
    attempts: state.attempts,
    nextAttemptAt: isTerminal(state) ? null : new Date(state.nextAttemptAt).toISOString(),
    ticketId: state.ticketId,
    ticket: state.ticket,
    lastError: state.lastError,
    failure: state.failure,
    bundle: state.bundle,
    deliveredAt: state.deliveredAt,
  };
}
