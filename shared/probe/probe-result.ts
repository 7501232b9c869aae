import { z } from 'zod';
import { LocalizedTextSchema } from '../i18n/localized-text';
import { ProbeSettingsSchema } from './probe-settings';

/**
 * What a network probe found, as data: the IPC contract, the report, the bundle's HAR and the CLI all
 * carry these shapes, so the types are inferred here and nowhere else. Durations are milliseconds with
 * microsecond resolution; `null` means the phase did not happen (an IP literal needs no DNS, plain http
 * has no TLS) or was not reached because an earlier one failed.
 */

/** The phases of one request, in order, as curl's -w and HAR time them; `proxy` and `redirect` are ours. */
export const PROBE_PHASES = [
  'proxy',
  'dns',
  'connect',
  'tls',
  'send',
  'wait',
  'receive',
  'redirect',
] as const;
export const ProbePhaseSchema = z.enum(PROBE_PHASES);
export type ProbePhase = z.infer<typeof ProbePhaseSchema>;

export const PROBE_FAILURE_KINDS = [
  'invalid-url',
  'unsupported-scheme',
  'proxy-resolution-failed',
  'proxy-unsupported',
  'proxy-unreachable',
  'proxy-rejected',
  'proxy-timeout',
  'dns-not-found',
  'dns-temporary-failure',
  'dns-failed',
  'dns-timeout',
  'connection-refused',
  'connection-reset',
  'connection-closed',
  'network-unreachable',
  'connect-timeout',
  'tls-expired',
  'tls-not-yet-valid',
  'tls-wrong-host',
  'tls-untrusted',
  'tls-protocol-too-old',
  'tls-not-tls',
  'tls-handshake-failed',
  'tls-timeout',
  'send-timeout',
  'first-byte-timeout',
  'headers-too-large',
  'bad-response',
  'body-stalled',
  'body-timeout',
  'body-too-large',
  'redirect-loop',
  'too-many-redirects',
  'cancelled',
  'internal-error',
] as const;
export const ProbeFailureKindSchema = z.enum(PROBE_FAILURE_KINDS);
export type ProbeFailureKind = z.infer<typeof ProbeFailureKindSchema>;

const Ms = z.number().min(0);
const IsoDate = z.iso.datetime({ offset: true });
export const IpFamilySchema = z.enum(['IPv4', 'IPv6']);

export const CertificateInfoSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  subjectAltNames: z.array(z.string()),
  validFrom: IsoDate,
  validTo: IsoDate,
  /** Whole days until validTo from the probe's clock; negative once expired. */
  daysLeft: z.number().int(),
  serialNumber: z.string(),
  fingerprint256: z.string(),
  selfIssued: z.boolean(),
});
export type CertificateInfo = z.infer<typeof CertificateInfoSchema>;

export const TlsInfoSchema = z.object({
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  /** The IANA name (TLS_AES_128_GCM_SHA256) where OpenSSL's differs. */
  cipherStandardName: z.string().nullable(),
  alpn: z.string().nullable(),
  /** SNI sent; null for an IP literal, which TLS does not allow as a server name. */
  servername: z.string().nullable(),
  /** Leaf first, up to the root the server sent (or the one we trusted). */
  chain: z.array(CertificateInfoSchema),
});
export type TlsInfo = z.infer<typeof TlsInfoSchema>;

export const TLS_PROBLEMS = [
  'expired',
  'not-yet-valid',
  'wrong-host',
  'untrusted',
  'self-signed',
  'protocol-too-old',
] as const;
export const TlsProblemSchema = z.enum(TLS_PROBLEMS);
export type TlsProblem = z.infer<typeof TlsProblemSchema>;

/**
 * What a second, separate look at a failing server showed (see main/probe/tls-explain.ts): the
 * certificate it presents and every problem with it, so "untrusted" and "expired" can both be named.
 */
export const TlsExplanationSchema = z.object({
  problems: z.array(TlsProblemSchema),
  /** The newest protocol the server would speak when we allow old ones, e.g. "TLSv1". */
  serverProtocol: z.string().nullable(),
  peerChain: z.array(CertificateInfoSchema),
});
export type TlsExplanation = z.infer<typeof TlsExplanationSchema>;

export const ProbeFailureSchema = z.object({
  phase: ProbePhaseSchema,
  kind: ProbeFailureKindSchema,
  /** Node's or OpenSSL's code (ECONNREFUSED, CERT_HAS_EXPIRED…), for support staff. */
  code: z.string().nullable(),
  /** Technical message, sanitized (no tokens, no credentials). */
  message: z.string(),
  /** For the shop owner: what happened and what to do. */
  explanation: LocalizedTextSchema,
  tls: TlsExplanationSchema.nullable().default(null),
});
export type ProbeFailure = z.infer<typeof ProbeFailureSchema>;

/** How the request was routed, as the browser engine (or the environment, in the CLI) decided. */
export const ProxyUseSchema = z.object({
  /** The decision as given, PAC-style: "DIRECT" or "PROXY host:port" (credentials removed). */
  rule: z.string(),
  mode: z.enum(['direct', 'http-proxy']),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
});
export type ProxyUse = z.infer<typeof ProxyUseSchema>;

export const ResolvedAddressSchema = z.object({ address: z.string(), family: IpFamilySchema });

export const HopTimingsSchema = z.object({
  /** Waiting before the network: the proxy decision. */
  blocked: Ms.nullable(),
  dns: Ms.nullable(),
  /** TCP connect only (to the host, or to the proxy). */
  connect: Ms.nullable(),
  /** The CONNECT round trip through a proxy. */
  proxyTunnel: Ms.nullable(),
  tls: Ms.nullable(),
  send: Ms.nullable(),
  /** Request sent → first byte of the answer (curl: starttransfer − pretransfer). */
  wait: Ms.nullable(),
  /** First byte → last byte. */
  receive: Ms.nullable(),
  /** This hop alone, start to end (or to the failure). */
  total: Ms,
});
export type HopTimings = z.infer<typeof HopTimingsSchema>;

export const HeaderSchema = z.object({ name: z.string(), value: z.string() });
export type Header = z.infer<typeof HeaderSchema>;

export const HttpResponseInfoSchema = z.object({
  httpVersion: z.string(),
  status: z.number().int(),
  statusText: z.string(),
  /** Sanitized: cookies and credentials redacted, tokens removed from URLs. */
  headers: z.array(HeaderSchema),
  headersSize: z.number().int(),
  /** Body bytes received (decoded from chunked framing, not decompressed: we ask for identity). */
  bodySize: z.number().int(),
  contentType: z.string().nullable(),
  /** Absolute, sanitized target of a redirect. */
  redirectURL: z.string().nullable(),
});
export type HttpResponseInfo = z.infer<typeof HttpResponseInfoSchema>;

export const ProbeHopSchema = z.object({
  index: z.number().int().min(0),
  /** Sanitized. */
  url: z.string(),
  method: z.literal('GET'),
  startedAt: IsoDate,
  proxy: ProxyUseSchema.nullable(),
  /** The name that was looked up (the host's, or the proxy's) and what it resolved to. */
  dns: z.object({ host: z.string(), addresses: z.array(ResolvedAddressSchema) }).nullable(),
  /** The address actually connected to (the proxy's when proxied). */
  remote: z.object({ address: z.string(), port: z.number().int(), family: IpFamilySchema }).nullable(),
  /** Addresses tried before the one that answered (e.g. ::1 refused, then 127.0.0.1). */
  failedAttempts: z.array(
    z.object({ address: z.string(), family: IpFamilySchema, code: z.string().nullable() }),
  ),
  timings: HopTimingsSchema,
  tls: TlsInfoSchema.nullable(),
  response: HttpResponseInfoSchema.nullable(),
  failure: ProbeFailureSchema.nullable(),
});
export type ProbeHop = z.infer<typeof ProbeHopSchema>;

/** The hosts probed by default, by role, so a report says "the cashier" and not just a URL. */
export const PROBE_TARGET_ROLES = [
  'gateway',
  'cashier',
  'support',
  'notify',
  'return',
  'store',
  'custom',
] as const;
export const ProbeTargetRoleSchema = z.enum(PROBE_TARGET_ROLES);
export type ProbeTargetRole = z.infer<typeof ProbeTargetRoleSchema>;

export const ProbeTargetSchema = z.object({
  role: ProbeTargetRoleSchema,
  url: z.url({ protocol: /^https?$/ }),
});
export type ProbeTarget = z.infer<typeof ProbeTargetSchema>;

export const ProbeRequestResultSchema = z.object({
  id: z.string(),
  /** The target as configured, URL sanitized. */
  target: ProbeTargetSchema,
  /** Which of the N probes of this target (0-based). */
  sequence: z.number().int().min(0),
  startedAt: IsoDate,
  /** Whole chain, every hop and the gaps between them. */
  totalMs: Ms,
  outcome: z.enum(['ok', 'failed', 'cancelled']),
  /** The failure that ended the request: a hop's, or the chain's (a loop, too many hops). */
  failure: ProbeFailureSchema.nullable(),
  hops: z.array(ProbeHopSchema),
  redirects: z.object({
    count: z.number().int().min(0),
    finalUrl: z.string(),
    loop: z.boolean(),
    /** Hops that left https for http (a browser warns or blocks). */
    insecure: z.array(z.object({ from: z.string(), to: z.string() })),
  }),
});
export type ProbeRequestResult = z.infer<typeof ProbeRequestResultSchema>;

/** One phase over a series: nearest-rank percentiles (see main/probe/percentiles.ts). */
export const PhaseStatsSchema = z.object({
  /** Hops that completed this phase. */
  samples: z.number().int().min(0),
  /** Hops that failed in this phase. */
  failures: z.number().int().min(0),
  /** failures / (samples + failures); 0 when the phase was never reached. */
  errorRate: z.number().min(0).max(1),
  p50: Ms.nullable(),
  p95: Ms.nullable(),
  max: Ms.nullable(),
});
export type PhaseStats = z.infer<typeof PhaseStatsSchema>;

export const SUMMARY_PHASES = [
  'dns',
  'connect',
  'proxyTunnel',
  'tls',
  'send',
  'wait',
  'receive',
  'total',
] as const;
export type SummaryPhase = (typeof SUMMARY_PHASES)[number];

export const ProbeSeriesSummarySchema = z.object({
  target: ProbeTargetSchema,
  /** Probes started (cancelled ones are counted here but in no rate). */
  attempts: z.number().int().min(0),
  completed: z.number().int().min(0),
  failed: z.number().int().min(0),
  cancelled: z.number().int().min(0),
  /** failed / completed requests. */
  errorRate: z.number().min(0).max(1),
  /** Per hop, each phase on its own (a redirect chain gives one sample per hop, not a sum). */
  phases: z.object({
    dns: PhaseStatsSchema,
    connect: PhaseStatsSchema,
    proxyTunnel: PhaseStatsSchema,
    tls: PhaseStatsSchema,
    send: PhaseStatsSchema,
    wait: PhaseStatsSchema,
    receive: PhaseStatsSchema,
    total: PhaseStatsSchema,
  }),
  /** Whole requests, redirect chains included: what a buyer waits for. */
  request: PhaseStatsSchema,
  failuresByKind: z.partialRecord(ProbeFailureKindSchema, z.number().int().min(1)),
  /** How requests were routed ("DIRECT", "PROXY host:port"), with counts. */
  proxies: z.record(z.string(), z.number().int()),
});
export type ProbeSeriesSummary = z.infer<typeof ProbeSeriesSummarySchema>;

export const ProbeRunSchema = z.object({
  startedAt: IsoDate,
  finishedAt: IsoDate,
  cancelled: z.boolean(),
  settings: ProbeSettingsSchema,
  results: z.array(ProbeRequestResultSchema),
  summaries: z.array(ProbeSeriesSummarySchema),
});
export type ProbeRun = z.infer<typeof ProbeRunSchema>;

/** What the UI (through IPC) or the CLI asks for; targets default to the profile's and the store's. */
export const ProbeRunRequestSchema = z.object({
  targets: z.array(ProbeTargetSchema).max(32).optional(),
  settings: ProbeSettingsSchema.optional(),
});
export type ProbeRunRequest = z.infer<typeof ProbeRunRequestSchema>;
