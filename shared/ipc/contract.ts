import { z } from 'zod';
import { ChecklistRunSchema } from '../checklist/check-result';
import { CHECK_IDS } from '../checklist/catalog';
import { ConfigIssueSchema } from '../config/import-result';
import { ProbeRunSchema } from '../probe/probe-result';
import { WATCH_CHANNELS } from '../watch/watch-api';
import { KEY_TOOL_CHANNELS } from '../keys/key-tool-api';
import { BundleOpenResultSchema, BundlePreviewViewSchema } from '../report/bundle-view';
import { OutboxItemViewSchema } from '../report/outbox-view';
import { ReportSectionSchema } from '../report/sections';
import { ContactSchema, SymptomFormSchema } from '../report/symptom-form';
import { DiagnosisComparisonSchema, DiagnosisSchema, DiagnosisSummarySchema } from '../diagnosis/diagnosis';
import { SimulationSeriesSchema, SimulationUnavailableSchema } from '../simulation/simulation-result';
import { BuyerProfileSchema } from '../simulation/device-profiles';
import { ScenarioSchema } from '../sandbox/scenarios';
import { LocalizedTextSchema } from '../i18n/localized-text';
import {
  SaveHarResultSchema,
  TriageOpenResultSchema,
  TriageRowsResultSchema,
  TriageViewSchema,
} from '../triage/triage-view';

/**
 * The one IPC contract. Every channel is request/response with zod schemas for both sides:
 * main validates inputs (and its own outputs) against them, the preload builds window.doctor from the
 * same keys, and the renderer's types are inferred from them. Adding a channel means adding it here.
 */

export const LanguageSchema = z.enum(['zh-CN', 'en-US']);
export type Language = z.infer<typeof LanguageSchema>;

const NoInput = z.union([z.undefined(), z.null()]);

export const AppInfoSchema = z.object({
  name: z.string(),
  productName: z.string(),
  version: z.string(),
  os: z.string(),
  arch: z.string(),
  runtime: z.string(),
});

export const SettingsSchema = z.object({ language: LanguageSchema });
export type Settings = z.infer<typeof SettingsSchema>;

export const DemoStatusSchema = z.object({
  running: z.boolean(),
  scenario: ScenarioSchema,
  scenarios: z.array(ScenarioSchema),
  /** The scenario switched to since the last diagnosis, whose verdict is then out of date (survives a reload). */
  diagnosisStaleAfter: ScenarioSchema.nullable().optional(),
});
export type DemoStatus = z.infer<typeof DemoStatusSchema>;

export const StoreSummarySchema = z.object({
  id: z.string(),
  storeName: z.string(),
  merchantNo: z.string(),
  appId: z.string(),
  environment: z.enum(['sandbox', 'production']),
  storeUrl: z.string(),
  /** The platform profile this store is checked against. */
  profileName: z.string(),
  /** keychain: kept encrypted by the OS; memory: this session only (no keychain); missing: import the key. */
  keyStatus: z.enum(['keychain', 'memory', 'missing']),
  /** The built-in demo store of the sandbox platform. */
  demo: z.boolean(),
});
export type StoreSummary = z.infer<typeof StoreSummarySchema>;

export const ProfileSummarySchema = z.object({
  name: z.string(),
  gatewayUrl: z.string(),
  cashierOrigin: z.string(),
  supportApiUrl: z.string(),
  extraCaCount: z.number().int(),
});
export type ProfileSummary = z.infer<typeof ProfileSummarySchema>;

export const WorkspaceSchema = z.object({
  activeStore: StoreSummarySchema.nullable(),
  profile: ProfileSummarySchema.nullable(),
  demo: DemoStatusSchema.nullable(),
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const StoresSchema = z.object({
  stores: z.array(StoreSummarySchema),
  activeId: z.string().nullable(),
});
export type Stores = z.infer<typeof StoresSchema>;

/**
 * The renderer never names a file by its path (a compromised page could name any file). A file the user
 * chose in main's open dialog, or dropped on the window, is a token main issued for it (main/core/file-grants),
 * with its name to show; channels that read a file take the token.
 */
export const FileTokenSchema = z.string().regex(/^[0-9a-f]{32}$/);
export const FileGrantSchema = z.object({ token: FileTokenSchema, name: z.string() });
export type FileGrant = z.infer<typeof FileGrantSchema>;
/** Dropped files: a path Electron gave the preload (webUtils.getPathForFile), registered over its own channel. */
export const DroppedFilePathSchema = z.string().min(1).max(4096);

export const StoreImportOutcomeSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    store: StoreSummarySchema,
    warnings: z.array(ConfigIssueSchema),
    /** False when the store was saved but cannot sign yet (no usable private key): never made active. */
    active: z.boolean(),
  }),
  z.object({ ok: z.literal(false), errors: z.array(ConfigIssueSchema) }),
]);
export type StoreImportOutcome = z.infer<typeof StoreImportOutcomeSchema>;

const TaskIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const CheckIdSchema = z.enum(CHECK_IDS as [string, ...string[]]);

export const channels = {
  'app.info': { input: NoInput, output: AppInfoSchema },
  'app.notices': { input: NoInput, output: z.array(LocalizedTextSchema) },
  'app.paths': {
    input: NoInput,
    // Where things are kept, and the proxy the browser engine uses for the platform (read-only facts).
    output: z.object({
      dataDir: z.string(),
      logsDir: z.string().nullable(),
      bundlesDir: z.string(),
      outboxDir: z.string(),
      gatewayProxy: z.string(),
    }),
  },
  'settings.get': { input: NoInput, output: SettingsSchema },
  'settings.setLanguage': { input: z.object({ language: LanguageSchema }).strict(), output: SettingsSchema },
  'workspace.get': { input: NoInput, output: WorkspaceSchema },
  'demo.setScenario': { input: z.object({ scenario: ScenarioSchema }).strict(), output: DemoStatusSchema },
  'stores.list': { input: NoInput, output: StoresSchema },
  'stores.pickFile': {
    input: z.object({ kind: z.enum(['store', 'platform', 'key', 'bundle']) }).strict(),
    output: z.object({ file: FileGrantSchema.nullable() }),
  },
  'stores.import': {
    // platform.json is optional: without it the store uses the shipped profile named in profileName.
    input: z
      .object({
        storeFile: FileTokenSchema,
        platformFile: FileTokenSchema.optional(),
        profileName: z.string().optional(),
      })
      .strict(),
    output: StoreImportOutcomeSchema,
  },
  'stores.create': {
    // The set-up form: the same fields as store.json, checked by the same importer, so the same messages
    // name the same fields. The key is pasted PEM text; it goes to the key vault, never into the list.
    input: z
      .object({
        config: z.record(z.string(), z.unknown()),
        privateKeyPem: z.string().max(64 * 1024),
        profileName: z.string().min(1).max(64),
        /** Editing a store: its id. An empty privateKeyPem then keeps the key it has. */
        storeId: z.string().min(1).optional(),
      })
      .strict(),
    output: StoreImportOutcomeSchema,
  },
  'stores.get': {
    // What the edit form starts from: the store's fields as saved, never its key.
    input: z.object({ id: z.string().min(1) }).strict(),
    output: z.object({ config: z.record(z.string(), z.unknown()), profileName: z.string() }),
  },
  'stores.setKey': {
    // Replaces a store's private key (pasted PEM text, or a key file) and, once it loads, makes it active.
    input: z
      .object({
        id: z.string().min(1),
        privateKeyPem: z
          .string()
          .max(64 * 1024)
          .optional(),
        /** A key file the user chose in main's open dialog (a token, never a path). */
        keyFile: FileTokenSchema.optional(),
      })
      .strict()
      .refine((v) => (v.privateKeyPem === undefined) !== (v.keyFile === undefined), {
        message: 'exactly one of privateKeyPem and keyFile',
      }),
    output: StoreImportOutcomeSchema,
  },
  'stores.setActive': { input: z.object({ id: z.string().min(1) }).strict(), output: StoresSchema },
  'stores.remove': { input: z.object({ id: z.string().min(1) }).strict(), output: StoresSchema },
  'checklist.run': {
    // Progress streams as `progress` events with this taskId; the promise resolves with the whole run.
    input: z.object({ taskId: TaskIdSchema, only: z.array(CheckIdSchema).optional() }).strict(),
    output: ChecklistRunSchema,
  },
  'checklist.cancel': {
    input: z.object({ taskId: TaskIdSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'checklist.last': { input: NoInput, output: ChecklistRunSchema.nullable() },
  'probe.run': {
    // Probes the active store's platform and store hosts; progress streams as `progress` events (kind 'probe').
    input: z
      .object({
        taskId: TaskIdSchema,
        count: z.number().int().min(1).max(50).optional(),
        intervalMs: z.number().int().min(0).max(10_000).optional(),
      })
      .strict(),
    output: ProbeRunSchema,
  },
  'probe.cancel': {
    input: z.object({ taskId: TaskIdSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'probe.last': { input: NoInput, output: ProbeRunSchema.nullable() },
  'simulation.run': {
    // One run (一键重试) or N runs (intermittency mode); hops stream live as `progress` events (kind 'simulation').
    input: z
      .object({
        taskId: TaskIdSchema,
        runs: z.number().int().min(1).max(50).optional(),
        // The buyer's device and network (default: Chrome on a computer, broadband).
        buyer: BuyerProfileSchema.optional(),
      })
      .strict(),
    output: z.union([SimulationSeriesSchema, SimulationUnavailableSchema]),
  },
  'simulation.cancel': {
    input: z.object({ taskId: TaskIdSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'simulation.last': {
    input: NoInput,
    output: z.union([SimulationSeriesSchema, SimulationUnavailableSchema]).nullable(),
  },
  'diagnosis.run': {
    // 开始诊断: simulation and timings side by side, then the checklist; progress events kind 'diagnosis'.
    // `buyers`: the devices to simulate side by side (default: a phone and a computer).
    input: z
      .object({ taskId: TaskIdSchema, buyers: z.array(BuyerProfileSchema).min(1).max(8).optional() })
      .strict(),
    output: DiagnosisSchema,
  },
  'diagnosis.cancel': {
    input: z.object({ taskId: TaskIdSchema }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  'diagnosis.last': { input: NoInput, output: DiagnosisSchema.nullable() },
  'history.list': {
    input: z.object({ storeId: z.string().min(1) }).strict(),
    output: z.array(DiagnosisSummarySchema),
  },
  'history.compare': {
    input: z.object({ storeId: z.string().min(1) }).strict(),
    output: DiagnosisComparisonSchema.nullable(),
  },
  ...WATCH_CHANNELS,
  ...KEY_TOOL_CHANNELS,
  'report.preview': {
    // Exactly what would leave the machine, redacted, section by section, from the last diagnosis.
    input: z
      .object({
        symptom: SymptomFormSchema,
        contact: ContactSchema.nullable().optional(),
        exclude: z.array(ReportSectionSchema).optional(),
        /** Attach watch history of this window (epoch ms), if watch mode recorded any. */
        watchWindow: z.object({ from: z.number().int().min(0), to: z.number().int().min(0) }).optional(),
      })
      .strict(),
    output: BundlePreviewViewSchema,
  },
  'report.export': {
    // Writes the previewed bundle into the app's bundles folder (never where the renderer says); returns where.
    input: z.object({ reportId: z.string().min(1) }).strict(),
    output: z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string() }),
  },
  'report.showExported': {
    // 打开所在文件夹 after 导出诊断包: the zip shown in the system's file manager. A report id (never a
    // path) names the file, which main looks for in its own bundles folder.
    input: z.object({ reportId: z.uuid() }).strict(),
    output: z.object({ shown: z.boolean() }),
  },
  'report.submit': {
    // Durable before this resolves: written to the outbox, then sent in the background until delivered.
    input: z.object({ reportId: z.string().min(1) }).strict(),
    output: OutboxItemViewSchema,
  },
  'outbox.list': { input: NoInput, output: z.array(OutboxItemViewSchema) },
  'outbox.retryNow': {
    // A report id names the outbox folder it is in: a UUID, never a path.
    input: z.object({ reportId: z.uuid() }).strict(),
    output: OutboxItemViewSchema.nullable(),
  },
  'outbox.pollTicket': {
    input: z.object({ reportId: z.uuid() }).strict(),
    output: OutboxItemViewSchema,
  },
  'bundle.open': {
    // Support mode: verify a bundle, then show it; hostile or tampered bundles are refused with reasons.
    input: z.object({ file: FileTokenSchema }).strict(),
    output: BundleOpenResultSchema,
  },
  'triage.openFolder': {
    // Support mode's 「打开文件夹」: main's folder dialog, then triage of every bundle in it (issue 18).
    input: z.object({ taskId: TaskIdSchema }).strict(),
    output: TriageOpenResultSchema,
  },
  'triage.refresh': {
    // The folder last opened, looked through again: new or changed bundles verified, the view afresh.
    input: z.object({ taskId: TaskIdSchema }).strict(),
    output: TriageViewSchema,
  },
  'triage.rows': {
    // The rest of a view's rows (after its first page is shown), by the view's serial.
    input: z.object({ serial: z.number().int().min(1), offset: z.number().int().min(0) }).strict(),
    output: TriageRowsResultSchema,
  },
  'triage.openBundle': {
    // One row of the triage table, by the handle main issued for it (never a path).
    input: z.object({ id: z.string().regex(/^b\d{1,6}$/) }).strict(),
    output: BundleOpenResultSchema,
  },
  'bundle.saveHar': {
    // 「保存 HAR」 of a bundle opened in this session: main's save dialog, the HAR copied as verified.
    input: z.object({ reportId: z.uuid() }).strict(),
    output: SaveHarResultSchema,
  },
  'log.rendererError': {
    // The renderer's uncaught errors, to the app log; text only, bounded, and rate-limited in main.
    input: z
      .object({
        kind: z.enum(['error', 'unhandledrejection']),
        message: z.string().max(2000),
        stack: z.string().max(8000).optional(),
      })
      .strict(),
    output: z.object({ logged: z.boolean() }),
  },
  'shell.openExternal': {
    // Only https leaves the app; anything else is refused before it reaches the OS.
    input: z.object({ url: z.url({ protocol: /^https$/ }) }).strict(),
    output: z.object({ opened: z.boolean() }),
  },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type ChannelInput<C extends Channel> = z.input<Channels[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Channels[C]['output']>;
export const CHANNEL_NAMES = Object.keys(channels) as Channel[];

/** Progress of long work (a checklist, a simulation), pushed from main to the renderer. */
export const ProgressEventSchema = z.object({
  taskId: z.string(),
  kind: z.string(),
  step: z.string(),
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  detail: z.unknown().optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEventSchema>;

export const events = {
  progress: ProgressEventSchema,
  /** A watch sample was taken (the chart screen refreshes) or an alert raised. */
  watch: z.object({ storeId: z.string(), kind: z.enum(['sample', 'alert']) }),
  /** An outbox item changed state (sent, delivered, ticket status). */
  outbox: z.object({ reportId: z.string() }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** What crosses the IPC boundary: Electron flattens thrown errors, so failures travel as data. */
export const IpcErrorSchema = z.object({
  code: z.enum(['INVALID_INPUT', 'UNKNOWN_CHANNEL', 'FORBIDDEN_SENDER', 'HANDLER_FAILED']),
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;
export type IpcEnvelope<T> = { ok: true; data: T } | { ok: false; error: IpcError };

/** The object the preload puts on window.doctor; nothing else crosses. */
export interface DoctorApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * A token for a file dropped on the window, or null when it is not on disk. The preload asks Electron
   * for the path (webUtils.getPathForFile) and hands it to main over IPC_GRANT_DROPPED_FILE; the page
   * only ever sees the token and the name.
   */
  grantDroppedFile(file: File): Promise<FileGrant | null>;
}

// The IPC channel names live in a module of their own: main registers them before its window opens,
// without loading this contract's schemas.
export { IPC_EVENT_PREFIX, IPC_GRANT_DROPPED_FILE, IPC_INVOKE } from './ipc-names';
