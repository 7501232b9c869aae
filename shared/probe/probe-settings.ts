import { z } from 'zod';

/**
 * How a probe run behaves. Defaults are chosen for a shop owner's connection: generous enough that a
 * slow but working line passes, short enough that a dead one is named within seconds, not minutes.
 * Every phase has its own timeout so that a stall is reported in the phase where it happened.
 */
export const PhaseTimeoutsSchema = z.object({
  /** Asking the system for the proxy to use (Electron's session or the environment). */
  proxyResolveMs: z.number().int().min(1).max(60_000).default(3_000),
  dnsMs: z.number().int().min(1).max(60_000).default(5_000),
  /** TCP connect, to the host or to the proxy. */
  connectMs: z.number().int().min(1).max(60_000).default(5_000),
  /** The proxy's answer to CONNECT. */
  proxyTunnelMs: z.number().int().min(1).max(60_000).default(5_000),
  tlsMs: z.number().int().min(1).max(60_000).default(5_000),
  sendMs: z.number().int().min(1).max(60_000).default(5_000),
  /** From the request sent to the first byte of the answer. */
  firstByteMs: z.number().int().min(1).max(120_000).default(10_000),
  /** Longest silence while the body is arriving. */
  bodyIdleMs: z.number().int().min(1).max(120_000).default(10_000),
  /** Whole body, however steadily it trickles in. */
  bodyTotalMs: z.number().int().min(1).max(300_000).default(30_000),
});
export type PhaseTimeouts = z.infer<typeof PhaseTimeoutsSchema>;

export const ProbeSettingsSchema = z.object({
  /** Probes per host. */
  count: z.number().int().min(1).max(100).default(5),
  /** Between the starts of two probes of the same host. */
  intervalMs: z.number().int().min(0).max(60_000).default(1_000),
  /** Requests in flight at once, across all hosts. */
  concurrency: z.number().int().min(1).max(16).default(4),
  maxRedirects: z.number().int().min(0).max(20).default(10),
  /** The body is counted and thrown away; past this many bytes the probe stops and says so. */
  maxBodyBytes: z
    .number()
    .int()
    .min(1)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  /** Response header block limit (Node's parser enforces it); Chromium's own limit is 256 KiB. */
  maxHeaderBytes: z
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024)
    .default(64 * 1024),
  timeouts: PhaseTimeoutsSchema.default(() => PhaseTimeoutsSchema.parse({})),
});
export type ProbeSettings = z.infer<typeof ProbeSettingsSchema>;
export type ProbeSettingsInput = z.input<typeof ProbeSettingsSchema>;

export const DEFAULT_PROBE_SETTINGS: ProbeSettings = ProbeSettingsSchema.parse({});

/**
 * Shorter waits for the probes of a diagnosis or a checklist run (the timings screen measures with the
 * defaults): a host that does not answer in 5 s is already the finding, and the shop owner is waiting.
 */
export const QUICK_PROBE_TIMEOUTS = { firstByteMs: 5_000, bodyIdleMs: 5_000, bodyTotalMs: 10_000 } as const;
