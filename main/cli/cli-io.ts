import type { Language } from '../../shared/ipc/contract';
import type { LocalizedText } from '../../shared/i18n/localized-text';
import type { WatchClock } from '../watch/clock';

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  language: Language;
  /** A person watching a terminal: progress lines are worth printing. */
  interactive?: boolean;
  /** Resolves when the user asks to stop (Ctrl+C); long-running commands wait on it. */
  stopSignal: AbortSignal;
  /** The watch's clock (its schedule and --for); the system's unless a test drives time itself. */
  clock?: WatchClock;
}

export const say = (io: CliIo, text: LocalizedText): string => text[io.language];

/** Bad input: exit code 2, and the message names the file or option and the field. */
export class CliInputError extends Error {
  constructor(readonly text: LocalizedText) {
    super(text['en-US']);
  }
}

export const EXIT = { ok: 0, problemFound: 1, badInput: 2 } as const;

export function languageFromEnvironment(env: NodeJS.ProcessEnv): Language {
  const tag = env.BAITIAO_DOCTOR_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^en/i.test(tag) ? 'en-US' : 'zh-CN';
}
