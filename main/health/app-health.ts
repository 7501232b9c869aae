import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomicSync } from '../fs/atomic-write';

/** What went wrong in the app itself (not in the merchant's payment path). */
export const HEALTH_KINDS = [
  'uncaughtException',
  'unhandledRejection',
  'render-process-gone',
  'child-process-gone',
  'renderer-error',
] as const;
export type HealthLevel = 'error' | 'warn';
export interface HealthEvent {
  at: string;
  level: HealthLevel;
  kind: (typeof HEALTH_KINDS)[number];
  message: string;
}

/**
 * Checked by hand, not with zod: this module is loaded before the window opens (main/index.ts), where
 * zod's 90-odd files would cost more than the rest of the start together.
 */
function isHealthEvent(value: unknown): value is HealthEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.at === 'string' &&
    (e.level === 'error' || e.level === 'warn') &&
    (HEALTH_KINDS as readonly unknown[]).includes(e.kind) &&
    typeof e.message === 'string'
  );
}

export interface AppHealth {
  /** Logs the event with its level and keeps it (on disk) for the next problem report. */
  record(event: Omit<HealthEvent, 'at'>): void;
  /** The kept events as the report's app-health text (redacted later, like every log); null when none. */
  summary(): string | null;
  /** After a report carried the summary: the same crash is not sent twice. */
  clear(): void;
}

const KEEP = 10;
const MAX_MESSAGE = 4000;

/**
 * The app's last crashes and unhandled errors, kept in a small JSON file in the data folder so that the
 * summary survives the crash itself and reaches the next report. Writes are synchronous: after an uncaught
 * exception the process may not live to run a callback.
 */
export function createAppHealth(options: {
  file: string;
  log: (level: HealthLevel, message: string) => void;
  now?: () => Date;
}): AppHealth {
  const now = options.now ?? (() => new Date());
  const read = (): HealthEvent[] => {
    try {
      const parsed: unknown = JSON.parse(readFileSync(options.file, 'utf8'));
      return Array.isArray(parsed) && parsed.every(isHealthEvent) ? parsed : [];
    } catch {
      return []; // none yet, or unreadable: nothing to report is the safe answer
    }
  };
  const write = (events: HealthEvent[]) => {
    mkdirSync(dirname(options.file), { recursive: true });
    writeFileAtomicSync(options.file, `${JSON.stringify(events, null, 2)}\n`);
  };
  return {
    record(event) {
      const message =
        event.message.length > MAX_MESSAGE ? `${event.message.slice(0, MAX_MESSAGE)}…` : event.message;
      options.log(event.level, `[${event.kind}] ${message}`);
      try {
        write(
          [...read(), { at: now().toISOString(), level: event.level, kind: event.kind, message }].slice(
            -KEEP,
          ),
        );
      } catch (error) {
        options.log('warn', `app-health: could not keep the event: ${String(error)}`);
      }
    },
    summary() {
      const events = read();
      if (events.length === 0) return null;
      return `${events.map((e) => `${e.at} ${e.level.toUpperCase()} ${e.kind}\n${e.message}`).join('\n\n')}\n`;
    },
    clear() {
      try {
        write([]);
      } catch {
        // Not fatal: the summary is offered again next time, and the merchant may untick it.
      }
    },
  };
}

/** An error's message and stack, or whatever was thrown, as one text. */
export function describeThrown(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.stack ?? `${thrown.name}: ${thrown.message}`;
  try {
    return typeof thrown === 'string' ? thrown : JSON.stringify(thrown);
  } catch {
    return String(thrown);
  }
}
