import { z } from 'zod';

/**
 * A report in the outbox, as the merchant's queue screen shows it. States follow the delivery:
 * queued → sending-report → uploading-bundle → delivered, or failed-permanently (the intake refused it
 * for good: a report that breaks the schema, a bad signature, a bundle over max_bytes).
 */
export const OUTBOX_STATES = [
  'queued',
  'sending-report',
  'uploading-bundle',
  'delivered',
  'failed-permanently',
] as const;
export const OutboxStateSchema = z.enum(OUTBOX_STATES);
export type OutboxState = z.infer<typeof OutboxStateSchema>;

export const TICKET_STATUSES = ['RECEIVED', 'IN_PROGRESS', 'NEEDS_INFO', 'RESOLVED'] as const;
export const TicketStatusSchema = z.enum(TICKET_STATUSES);

/**
 * Why an intake answer was not believed (protocol §5): no platform signature, a signature that does not
 * verify, or an upload URL off the intake's origin. The report stays queued; the screens and the CLI say why.
 */
export const UNTRUSTED_ANSWER_CODES = [
  'INTAKE_ANSWER_UNSIGNED',
  'INTAKE_SIGNATURE_INVALID',
  'UPLOAD_TARGET_FOREIGN',
] as const;
export type UntrustedAnswerCode = (typeof UNTRUSTED_ANSWER_CODES)[number];
export const isUntrustedAnswerCode = (code: string | null): code is UntrustedAnswerCode =>
  (UNTRUSTED_ANSWER_CODES as readonly (string | null)[]).includes(code);

export const OutboxErrorSchema = z.object({
  at: z.string(),
  /** HTTP status, or null when no answer came (timeout, refused, TLS). */
  status: z.number().int().nullable(),
  /** The intake's error code (INVALID_REPORT, HASH_MISMATCH…) or a transport code (ETIMEDOUT…). */
  code: z.string().nullable(),
  message: z.string(),
  fields: z.array(z.string()).default([]),
});
export type OutboxError = z.infer<typeof OutboxErrorSchema>;

export const TicketViewSchema = z.object({
  status: z.string(),
  updatedAt: z.string().nullable(),
  messages: z.array(z.object({ at: z.string(), from: z.string(), text: z.string() })),
  polledAt: z.string(),
});
export type TicketView = z.infer<typeof TicketViewSchema>;

export const OutboxItemViewSchema = z.object({
  reportId: z.string(),
  merchantNo: z.string(),
  state: OutboxStateSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Attempts made at the current step since it last succeeded. */
  attempts: z.number().int().min(0),
  /** When the next try is due (ISO); null when nothing is left to do. */
  nextAttemptAt: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticket: TicketViewSchema.nullable(),
  lastError: OutboxErrorSchema.nullable(),
  /** Why the intake refused the report for good (state failed-permanently). */
  failure: OutboxErrorSchema.nullable(),
  bundle: z.object({ bytes: z.number().int(), sha256: z.string() }),
  deliveredAt: z.string().nullable(),
});
export type OutboxItemView = z.infer<typeof OutboxItemViewSchema>;

export const OutboxEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('item'), item: OutboxItemViewSchema }),
  z.object({
    type: z.literal('step'),
    reportId: z.string(),
    step: z.enum(['report-sending', 'report-accepted', 'bundle-uploading', 'bundle-accepted']),
  }),
  z.object({
    type: z.literal('upload-progress'),
    reportId: z.string(),
    sentBytes: z.number().int(),
    totalBytes: z.number().int(),
  }),
]);
export type OutboxEvent = z.infer<typeof OutboxEventSchema>;
