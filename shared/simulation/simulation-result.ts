import { z } from 'zod';
import { LocalizedTextSchema } from '../i18n/localized-text';
import { OutcomeCodeSchema } from '../protocol/outcome-codes';
import { DeviceIdSchema, NetworkIdSchema } from './device-profiles';

/**
 * What a simulated Baitiao redirect found, as data: the checklist's page.* checks, the IPC contract, the
 * report, the bundle's HAR and the CLI all read these shapes, so the types are inferred here and nowhere
 * else. Everything in a result was sanitized when it was captured (no cookie, Authorization, token,
 * trade_token or sign value), and its size is bounded, so it can travel as it is.
 *
 * Times: `…At` are ISO 8601 UTC wall-clock stamps; `…Ms` are monotonic durations in milliseconds.
 */

/** The parts of one run, in order. `store-page` only looks for insecure content; it never sets the outcome. */
export const SIMULATION_STAGES = ['prepay', 'cashier', 'return', 'store-page'] as const;
export const SimulationStageSchema = z.enum(SIMULATION_STAGES);
export type SimulationStage = z.infer<typeof SimulationStageSchema>;

/** Which page load a request belongs to. */
export const SIMULATION_LEGS = ['cashier', 'return', 'store-page'] as const;
export const SimulationLegSchema = z.enum(SIMULATION_LEGS);
export type SimulationLeg = z.infer<typeof SimulationLegSchema>;

export const StageTimingSchema = z.object({
  stage: SimulationStageSchema,
  startedAt: z.string(),
  durationMs: z.number().min(0),
  /** ok; failed (the run's outcome came from this stage); skipped (not reached, or not asked for). */
  status: z.enum(['ok', 'failed', 'skipped']),
});
export type StageTiming = z.infer<typeof StageTimingSchema>;

/**
 * HAR-style phases of one request from Chrome's ResourceTiming; -1 where a phase did not happen (a reused
 * connection has no dns, connect or ssl). `connect` includes `ssl`, as HAR defines it.
 */
export const HopTimingSchema = z.object({
  blocked: z.number(),
  dns: z.number(),
  connect: z.number(),
  ssl: z.number(),
  send: z.number(),
  wait: z.number(),
  receive: z.number(),
});
export type HopTiming = z.infer<typeof HopTimingSchema>;

/** Why the simulation itself stopped a request before the browser sent it on. */
export const GateBlockSchema = z.enum(['insecure-redirect', 'redirect-loop', 'too-many-hops']);
export type GateBlock = z.infer<typeof GateBlockSchema>;

/** One top-level document request of the chain: a redirect, the page that ends it, or a failure. */
export const SimulationHopSchema = z.object({
  index: z.number().int().min(0),
  leg: SimulationLegSchema,
  /** 0-based position within its leg's redirect chain. */
  position: z.number().int().min(0),
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  statusText: z.string().nullable(),
  /** The Location header as the server sent it (relative or absolute), sanitized. */
  location: z.string().nullable(),
  mimeType: z.string().nullable(),
  /** `ip:port` Chrome connected to. */
  remoteAddress: z.string().nullable(),
  /** http/1.1, h2, … */
  protocol: z.string().nullable(),
  timing: HopTimingSchema.nullable(),
  startedAt: z.string(),
  /** Request sent to response finished (or failed); null while it never finished. */
  durationMs: z.number().nullable(),
  /** Chrome's network error (net::ERR_…), null when an HTTP answer came back. */
  error: z.string().nullable(),
  blockedBy: GateBlockSchema.nullable(),
});
export type SimulationHop = z.infer<typeof SimulationHopSchema>;

export const SubresourceSchema = z.object({
  leg: SimulationLegSchema,
  url: z.string(),
  /** Chrome's resource type: Script, Stylesheet, Image, Fetch, XHR, Document (a frame), … */
  type: z.string(),
  status: z.number().int().nullable(),
  mimeType: z.string().nullable(),
  error: z.string().nullable(),
  /** Chrome's reason for blocking it (mixed-content, csp, …), if it did. */
  blockedReason: z.string().nullable(),
  durationMs: z.number().nullable(),
  /** Fetched over plain http from an https page. */
  insecure: z.boolean(),
});
export type Subresource = z.infer<typeof SubresourceSchema>;

export const ConsoleMessageSchema = z.object({
  leg: SimulationLegSchema,
  /** console.error → error, console.warn → warning, … as Chrome names them. */
  level: z.string(),
  text: z.string(),
  url: z.string().nullable(),
  line: z.number().int().nullable(),
  /** Milliseconds since the run started. */
  atMs: z.number(),
});
export type ConsoleMessage = z.infer<typeof ConsoleMessageSchema>;

export const PageExceptionSchema = z.object({
  leg: SimulationLegSchema,
  text: z.string(),
  url: z.string().nullable(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  atMs: z.number(),
});
export type PageException = z.infer<typeof PageExceptionSchema>;

export const CertificateErrorSchema = z.object({
  leg: SimulationLegSchema,
  /** The origin whose certificate was refused. */
  origin: z.string(),
  /** Chrome's verdict (net::ERR_CERT_DATE_INVALID, net::ERR_CERT_AUTHORITY_INVALID, …). */
  browserError: z.string(),
  /** A second opinion from Node's TLS with the profile's trust (CERT_HAS_EXPIRED, …), null if it agreed or could not tell. */
  nodeCode: z.string().nullable(),
});
export type CertificateError = z.infer<typeof CertificateErrorSchema>;

/** What the buyer could see when the cashier was judged. */
export const VisibleContentSchema = z.object({
  /** Characters of visible text (innerText, whitespace trimmed). */
  textLength: z.number().int().min(0),
  /** Rendered images, svg, canvas and video larger than 1×1. */
  images: z.number().int().min(0),
  /** document.readyState was 'complete': the page had finished loading. */
  loaded: z.boolean(),
  /** The start of the visible text, sanitized (for support staff; the screenshot shows the rest). */
  textSample: z.string(),
});
export type VisibleContent = z.infer<typeof VisibleContentSchema>;

export const CashierObservationSchema = z.object({
  /** data-cashier-state when judged ('loading', 'ready', 'error'), null when the page never set one. */
  state: z.string().nullable(),
  errorCode: z.string().nullable(),
  /** Milliseconds from the cashier request (step 1 of §4) to the ready state; null if it never came. */
  readyAfterMs: z.number().nullable(),
  budgetMs: z.number().int(),
  /** The URL the cashier leg ended on (sanitized). */
  finalUrl: z.string().nullable(),
  visible: VisibleContentSchema.nullable(),
});
export type CashierObservation = z.infer<typeof CashierObservationSchema>;

export const MOJIBAKE_SIGNALS = [
  /** Declared UTF-8, but the bytes are not UTF-8 and read as GB18030/GBK text. */
  'gbk-declared-utf8',
  /** Declared UTF-8, bytes not UTF-8, and no other Chinese charset explains them. */
  'invalid-utf8',
  /** Declared a legacy charset (GBK, Big5, Latin-1, …) but the bytes are UTF-8 text. */
  'utf8-declared-legacy',
  /** Declared some other legacy charset (Latin-1, Big5, …) but the bytes are GBK/GB18030 Chinese. */
  'gbk-declared-other',
  /** U+FFFD in what the buyer sees: the browser could not decode some bytes. */
  'replacement-character',
  /** 锟斤拷 / 烫烫烫 / 屯屯屯: text damaged by an earlier bad conversion, now baked into the page. */
  'mangled-sequence',
  /** æ–‡ style: UTF-8 bytes read as Latin-1 / Windows-1252. */
  'latin1-mojibake',
] as const;
export const MojibakeSignalSchema = z.enum(MOJIBAKE_SIGNALS);
export type MojibakeSignal = z.infer<typeof MojibakeSignalSchema>;

export const CharsetFindingSchema = z.object({
  /** The charset the page said it uses (normalized, lower case), null if it said none. */
  declared: z.string().nullable(),
  declaredBy: z.enum(['header', 'meta', 'bom']).nullable(),
  /** What the bytes actually are: 'utf-8', 'gb18030', 'ascii', or null when unclear. */
  detected: z.string().nullable(),
  mojibake: z.boolean(),
  signals: z.array(MojibakeSignalSchema),
  /** Size of the document body that was examined. */
  bytes: z.number().int().min(0),
  /** The start of the text as the browser decoded it (declared charset), tags removed, sanitized. */
  decodedSample: z.string(),
  /** The same text decoded with the detected charset, when that differs: what it should have said. */
  detectedSample: z.string().nullable(),
});
export type CharsetFinding = z.infer<typeof CharsetFindingSchema>;

export const PrepayObservationSchema = z.object({
  outTradeNo: z.string(),
  installments: z.number().int(),
  startedAt: z.string(),
  durationMs: z.number().min(0),
  httpStatus: z.number().int().nullable(),
  code: z.string().nullable(),
  subCode: z.string().nullable(),
  subMsg: z.string().nullable(),
  /** The answer's X-Platform-Signature verified (true), did not (false), or was absent (null). */
  signatureValid: z.boolean().nullable(),
  retryAfterSeconds: z.number().nullable(),
  /** No HTTP answer at all: the gateway client's failure kind and Node code. */
  transportError: z.object({ kind: z.string(), code: z.string().nullable(), message: z.string() }).nullable(),
  /** The cashier_url (token redacted). */
  cashierUrl: z.string().nullable(),
});
export type PrepayObservation = z.infer<typeof PrepayObservationSchema>;

export const ReturnLegSchema = z.object({
  attempted: z.boolean(),
  /** The cashier's return link as the page had it (sanitized). */
  href: z.string().nullable(),
  finalUrl: z.string().nullable(),
  status: z.number().int().nullable(),
  /** The page reached is the store's return_url (same origin and path) with out_trade_no and diagnostic=1. */
  matchesReturnUrl: z.boolean().nullable(),
  /** Click to the return page's load. */
  durationMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type ReturnLeg = z.infer<typeof ReturnLegSchema>;

export const MixedContentFindingSchema = z.object({
  leg: SimulationLegSchema,
  kind: z.enum(['script', 'frame', 'form-action', 'stylesheet', 'image', 'media', 'other']),
  url: z.string(),
  /** Chrome blocked it (active mixed content) rather than loading it. */
  blocked: z.boolean(),
});
export type MixedContentFinding = z.infer<typeof MixedContentFindingSchema>;

export const MixedContentSchema = z.object({
  /** The pages that loaded and were looked through. */
  pagesChecked: z.array(SimulationLegSchema),
  findings: z.array(MixedContentFindingSchema),
});
export type MixedContent = z.infer<typeof MixedContentSchema>;

export const ScreenshotSchema = z.object({
  /** cashier: the cashier when judged; return: the store's return page; failure: the page where it failed. */
  moment: z.enum(['cashier', 'return', 'failure']),
  url: z.string().nullable(),
  mimeType: z.literal('image/png'),
  /** PNG as base64, or null when written to `path` or dropped to bound memory. */
  base64: z.string().nullable(),
  path: z.string().nullable(),
  bytes: z.number().int().min(0),
});
export type Screenshot = z.infer<typeof ScreenshotSchema>;

export const BrowserInfoSchema = z.object({
  /** e.g. "Chromium 156.0.8078.108", "Electron 45 (Chromium 142)". */
  product: z.string(),
  transport: z.enum(['playwright', 'electron', 'custom']),
  executablePath: z.string().nullable(),
  /** How the profile's extra CAs were trusted for this run (see main/simulation/README.md). */
  trust: z.enum(['system', 'nss-profile-db', 'verify-proc']),
});
export type BrowserInfo = z.infer<typeof BrowserInfoSchema>;

/** A raw Chrome DevTools Protocol event, sanitized at capture; the HAR is built from these. */
export const CdpEventSchema = z.object({ method: z.string(), params: z.record(z.string(), z.unknown()) });
export type CdpEvent = z.infer<typeof CdpEventSchema>;

/** What the buyer's page itself reported about the device it runs on (navigator and window). */
export const DeviceSeenSchema = z.object({
  userAgent: z.string(),
  width: z.number(),
  height: z.number(),
  devicePixelRatio: z.number(),
  maxTouchPoints: z.number(),
  /** `'ontouchstart' in window`: the page can listen for touches. */
  touchEvents: z.boolean(),
});
export type DeviceSeen = z.infer<typeof DeviceSeenSchema>;

/** The device and network the run emulated (shared/simulation/device-profiles.ts). */
export const SimulationBuyerSchema = z.object({
  device: DeviceIdSchema,
  network: NetworkIdSchema,
  /**
   * The network was throttled by Chrome's emulation (DevTools presets): every time of this run (hops,
   * stages, time to ready, the HAR) was taken under emulated conditions, not measured on a real 4G or 3G.
   */
  emulatedNetwork: z.boolean(),
  /** What the cashier page saw, asked once the cashier leg ended; null when no page could be asked. */
  seen: DeviceSeenSchema.nullable(),
});
export type SimulationBuyer = z.infer<typeof SimulationBuyerSchema>;

export const OutcomeDetailSchema = z.object({
  stage: SimulationStageSchema,
  /** For support staff, in English: what exactly was seen (a sub_code, a net:: error, a hop). */
  reason: z.string(),
  hopIndex: z.number().int().nullable(),
});
export type OutcomeDetail = z.infer<typeof OutcomeDetailSchema>;

export const SimulationResultSchema = z.object({
  kind: z.literal('simulation'),
  schemaVersion: z.literal(1),
  runId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** Exactly one code (§7): the first failure along the way, REDIRECT_OK when there was none. */
  outcome: OutcomeCodeSchema,
  outcomeDetail: OutcomeDetailSchema,
  profileName: z.string(),
  /** Absent in results from before device profiles: those ran as the desktop buyer on broadband. */
  buyer: SimulationBuyerSchema.optional(),
  browser: BrowserInfoSchema,
  prepay: PrepayObservationSchema,
  hops: z.array(SimulationHopSchema),
  subresources: z.array(SubresourceSchema),
  console: z.array(ConsoleMessageSchema),
  exceptions: z.array(PageExceptionSchema),
  certificateErrors: z.array(CertificateErrorSchema),
  cashier: CashierObservationSchema,
  charset: CharsetFindingSchema.nullable(),
  returnLeg: ReturnLegSchema,
  mixedContent: MixedContentSchema,
  screenshots: z.array(ScreenshotSchema),
  stages: z.array(StageTimingSchema),
  /** From the start of the prepay call to the cashier's ready state; null when it never got there. */
  timeToReadyMs: z.number().nullable(),
  totalMs: z.number(),
  network: z.object({ events: z.array(CdpEventSchema), truncated: z.boolean() }),
});
export type SimulationResult = z.infer<typeof SimulationResultSchema>;

/** No run was possible (no browser, or none that can be given the profile's CA): the page checks say why. */
export const SimulationUnavailableSchema = z.object({
  kind: z.literal('simulation-unavailable'),
  reason: LocalizedTextSchema,
  detail: z.string(),
});
export type SimulationUnavailable = z.infer<typeof SimulationUnavailableSchema>;

export const OutcomeCountsSchema = z.partialRecord(OutcomeCodeSchema, z.number().int().min(0));
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

/** Intermittency mode: N runs in a row. */
export const SimulationSeriesSchema = z.object({
  kind: z.literal('simulation-series'),
  requested: z.number().int().min(1),
  runs: z.array(SimulationResultSchema),
  cancelled: z.boolean(),
  /** Runs that ended REDIRECT_OK, over the runs done (0..1). */
  successRate: z.number().min(0).max(1),
  outcomes: OutcomeCountsSchema,
  timeToReady: z.object({
    p50: z.number().nullable(),
    p95: z.number().nullable(),
    samples: z.number().int(),
  }),
});
export type SimulationSeries = z.infer<typeof SimulationSeriesSchema>;

/** What a checklist run may be given as ctx.simulation. */
export const SimulationFactsSchema = z.discriminatedUnion('kind', [
  SimulationResultSchema,
  SimulationSeriesSchema,
  SimulationUnavailableSchema,
]);
export type SimulationFacts = z.infer<typeof SimulationFactsSchema>;

/** Progress pushed while a run goes, so a screen can show hops appearing live. */
export const SimulationProgressSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('stage-started'), run: z.number().int(), stage: SimulationStageSchema }),
  z.object({
    type: z.literal('stage-finished'),
    run: z.number().int(),
    stage: SimulationStageSchema,
    status: StageTimingSchema.shape.status,
    durationMs: z.number(),
  }),
  z.object({ type: z.literal('hop'), run: z.number().int(), hop: SimulationHopSchema }),
  z.object({
    type: z.literal('cashier-state'),
    run: z.number().int(),
    state: z.string().nullable(),
    errorCode: z.string().nullable(),
    atMs: z.number(),
  }),
  z.object({
    type: z.literal('run-finished'),
    run: z.number().int(),
    outcome: OutcomeCodeSchema,
    timeToReadyMs: z.number().nullable(),
  }),
]);
export type SimulationProgress = z.infer<typeof SimulationProgressSchema>;

/** One device's result in a multi-device run (`--json` → `devices`; the diagnosis keeps these too). */
export const DeviceOutcomeSchema = z.object({
  device: DeviceIdSchema,
  network: NetworkIdSchema,
  /** The network was throttled (emulated): readyMs was taken under those emulated conditions. */
  emulatedNetwork: z.boolean(),
  outcome: OutcomeCodeSchema,
  /** From opening cashier_url to the ready state (the budget's clock); null when it never got there. */
  readyMs: z.number().nullable(),
});
export type DeviceOutcome = z.infer<typeof DeviceOutcomeSchema>;
