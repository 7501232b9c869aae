import { z } from 'zod';
import { DeviceIdSchema, NetworkIdSchema } from '../simulation/device-profiles';

/**
 * Floors that keep the watch's load on the platform negligible: one gateway health GET and one cashier
 * GET per minute at most, and one diagnostic prepay (a real gateway call that creates a session) per
 * five minutes at most. The CLI may go lower only against a loopback platform (the sandbox), see
 * main/cli/commands/watch-command.ts.
 */
export const MIN_PROBE_INTERVAL_SECONDS = 60;
export const MIN_SIMULATION_INTERVAL_SECONDS = 300;

export const WatchSettingsSchema = z.object({
  /** Watching from the tray; off until the merchant turns it on. */
  enabled: z.boolean().default(false),
  /** Between the starts of two probe samples. Default five minutes: "every few minutes". */
  intervalSeconds: z
    .number()
    .int()
    .min(MIN_PROBE_INTERVAL_SECONDS)
    .max(24 * 3600)
    .default(300),
  /**
   * A simulated redirect after every Nth probe sample (0: never). It is also never run more often than
   * MIN_SIMULATION_INTERVAL_SECONDS. Default 3: every 15 minutes at the default interval.
   */
  simulationEverySamples: z.number().int().min(0).max(1000).default(3),
  /** The buyer the watch's simulated redirect runs as: its device and network (see device-profiles). */
  device: DeviceIdSchema.default('pc'),
  network: NetworkIdSchema.default('broadband'),
  /** Samples older than this are deleted, at start and once a day. */
  retentionDays: z.number().int().min(1).max(3650).default(400),
});
export type WatchSettings = z.infer<typeof WatchSettingsSchema>;
export type WatchSettingsInput = z.input<typeof WatchSettingsSchema>;

export const DEFAULT_WATCH_SETTINGS: WatchSettings = WatchSettingsSchema.parse({});
