import type { ReportSection } from '../../shared/report/sections';

/** Member names of protocol §6. */
export const MANIFEST_PATH = 'manifest.json';
export const REPORT_PATH = 'report.json';
export const HAR_PATH = 'network.har';
export const SCREENSHOTS_DIR = 'screenshots/';
export const LOGS_DIR = 'logs/';
/** The last crash summary: a log member (protocol §6) with its own checkbox. */
export const APP_HEALTH_PATH = `${LOGS_DIR}app-health.log`;

export const MEDIA_TYPES = {
  json: 'application/json',
  // HAR has no registered media type; it is JSON, and viewers sniff the .har name.
  har: 'application/json',
  log: 'text/plain; charset=utf-8',
} as const;

/** Which section a member belongs to (its checkbox on the consent screen). */
export function sectionOfMember(path: string): ReportSection {
  if (path === HAR_PATH) return 'har';
  if (path.startsWith(SCREENSHOTS_DIR)) return 'screenshots';
  if (path === APP_HEALTH_PATH) return 'app-health';
  if (path.startsWith(LOGS_DIR)) return 'logs';
  return 'report';
}

/** logs/<name>.log from whatever a log was called: safe characters only, unique within the bundle. */
export function logMemberPath(name: string, taken: Set<string>): string {
  const stem =
    name
      .replace(/\.log$/i, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 60) || 'app';
  // Unique ignoring case: `Main.log` beside `main.log` is one file on Windows and macOS, and the reader
  // refuses such a pair (NAME_COLLISION).
  const used = (candidate: string) => [...taken].some((t) => t.toLowerCase() === candidate.toLowerCase());
  let path = `${LOGS_DIR}${stem}.log`;
  for (let n = 2; used(path); n++) path = `${LOGS_DIR}${stem}-${n}.log`;
  taken.add(path);
  return path;
}
