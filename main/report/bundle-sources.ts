import type { ReportDraft } from './build-report';

/**
 * What a diagnostic bundle is made from: the report draft plus the logs and secrets the bundle writer
 * redacts. Declared here, beside the report it extends, so the report's assembly
 * (diagnosis-bundle-sources.ts) does not reach up into main/bundle, which reads it.
 */

/** A log to include: its text, or a file (the app's log for this run). */
export type LogSource = { name: string; text: string } | { name: string; file: string };

export interface BundleSources extends ReportDraft {
  logs?: readonly LogSource[];
  /** The app's last crash or unhandled error (app-health.ts), redacted like a log; absent when there was none. */
  appHealth?: string | null;
  /**
   * Secrets known to be on this machine, above all the merchant's private key PEM: found in any encoding
   * and in pieces, on top of every rule. The key must never be in a bundle; this is the last line.
   */
  knownSecrets?: readonly string[];
  /** The computer's user name, found as a word in every member (default: this process's user). */
  osUserName?: string | null;
}
