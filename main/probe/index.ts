/**
 * The network probe: curl -w style phase timings per hop, TLS details, proxies honoured, repeated
 * series with percentiles, HAR export and the net.latency verdict. Callers (checklist, CLI, IPC)
 * use only what is exported here.
 */
export { runProbes, type RunProbesOptions, type ProbeProgress } from './series';
export { probeUrl } from './redirects';
export { probeHop, type ProbeEnvironment, type HopOutcome } from './hop';
export { summarizeTarget, phaseStats } from './series-summary';
export { percentile, distribution, type Distribution } from './percentiles';
export { netLatencyVerdict, NET_LATENCY_THRESHOLDS, type NetLatencyVerdict } from './latency-verdict';
export { harFromProbes, harTimings, harTime, type Har, type HarCreator, type HarEntry } from './har';
export { defaultProbeTargets, type ProbeTargetSources } from './default-targets';
export {
  proxyFromEnvironment,
  parseProxyRule,
  bypassesProxy,
  resolveDirect,
  type ResolveProxy,
  type ProxyChoice,
} from './proxy';
export { systemLookup, type LookupHost, type ResolvedAddress } from './connect';
export {
  sanitizeUrl,
  sanitizeRawHeaders,
  sanitizeText,
  REDACTED_HEADERS,
  REDACTED_QUERY_PARAMS,
} from './sanitize';
export { probeReportLines, probeReportJson, hopLine } from './report-lines';
