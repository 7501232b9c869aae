/**
 * The problem report of protocol §5: gathered from the symptom form and the engine's results. The bundle
 * (main/bundle) redacts and writes it; nothing here leaves the machine on its own.
 */
export {
  buildReport,
  ReportTooLargeError,
  REPORT_MAX_BYTES,
  type BuildReportInput,
  type ReportDraft,
  type HarLogLike,
} from './build-report';
export { collectEnvironment, reportApp, type EnvironmentFacts } from './environment';
export type { ScreenshotAttachment } from './screenshots';
export { boundJson, type JsonBounds } from './bound-json';
export type { BundleSources, LogSource } from './bundle-sources';
