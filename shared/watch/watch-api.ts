import { z } from 'zod';
import { LocalizedTextSchema } from '../i18n/localized-text';
import { WatchChartDataSchema, WatchChartRequestSchema } from './watch-chart';
import { WatchExportSchema } from './watch-export';
import { WatchIncidentSchema } from './watch-incident';
import { WatchSampleSchema } from './watch-sample';
import { WatchSettingsSchema } from './watch-settings';

/** What the tray, the watch screen and the IPC status channel show. */
export const WatchStatusSchema = z.object({
  settings: WatchSettingsSchema,
  running: z.boolean(),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  /** off: turned off in settings; unavailable: no browser could run it (reason says why). */
  simulation: z.enum(['available', 'unavailable', 'off']),
  simulationUnavailableReason: LocalizedTextSchema.nullable(),
  lastSample: WatchSampleSchema.nullable(),
  nextSampleAt: z.number().int().nullable(),
  openIncident: WatchIncidentSchema.nullable(),
});
export type WatchStatus = z.infer<typeof WatchStatusSchema>;

/**
 * A change to some settings. Built from each field's schema without its default: zod fills defaults in
 * even inside .partial(), which would turn `{ enabled: true }` into a reset of every other setting.
 */
const field = <T extends z.ZodType>(schema: z.ZodDefault<T>) => schema.unwrap().optional();
const shape = WatchSettingsSchema.shape;
export const WatchSettingsPatchSchema = z
  .object({
    enabled: field(shape.enabled),
    intervalSeconds: field(shape.intervalSeconds),
    simulationEverySamples: field(shape.simulationEverySamples),
    retentionDays: field(shape.retentionDays),
    device: field(shape.device),
    network: field(shape.network),
  })
  .strict();
export type WatchSettingsPatch = z.infer<typeof WatchSettingsPatchSchema>;

export const WatchExportRequestSchema = z
  .object({ from: z.number().int().min(0), to: z.number().int().min(0) })
  .strict()
  .refine((r) => r.to > r.from, { message: 'to must be after from' });

const NoInput = z.union([z.undefined(), z.null()]);

/**
 * Suggested IPC channels, in the shape of shared/ipc/contract.ts, for the lead to spread into it
 * (`...WATCH_CHANNELS`) so the contract stays the one place channels are declared.
 */
export const WATCH_CHANNELS = {
  'watch.status': { input: NoInput, output: WatchStatusSchema },
  'watch.updateSettings': { input: WatchSettingsPatchSchema, output: WatchStatusSchema },
  'watch.chart': { input: WatchChartRequestSchema, output: WatchChartDataSchema },
  'watch.export': { input: WatchExportRequestSchema, output: WatchExportSchema },
} as const;
