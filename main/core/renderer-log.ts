import type { ChannelInput } from '../../shared/ipc/contract';

/** At most this many renderer errors are logged per minute: a page in a loop must not fill the log. */
const PER_MINUTE = 20;

/**
 * The renderer's uncaught errors, written to the app log (which goes, redacted, into every bundle). The
 * text comes from the page, so it is made one log entry: line breaks become `⏎` and control characters go,
 * and a stack is kept on indented lines that cannot pass for an entry of their own.
 */
export function rendererErrorLogger(log: (message: string) => void, now: () => number = Date.now) {
  let windowStart = 0;
  let count = 0;
  let dropped = 0;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const clean = (text: string) => text.replace(/\r?\n/g, ' ⏎ ').replace(/[\u0000-\u001f\u007f]/g, '');
  return (input: ChannelInput<'log.rendererError'>): { logged: boolean } => {
    const at = now();
    if (at - windowStart >= 60_000) {
      if (dropped > 0) log(`renderer: ${dropped} more errors in the last minute were not logged`);
      windowStart = at;
      count = 0;
      dropped = 0;
    }
    if (count >= PER_MINUTE) {
      dropped += 1;
      return { logged: false };
    }
    count += 1;
    const stack = (input.stack ?? '')
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .slice(0, 20)
      .map((line) => `    | ${clean(line)}`)
      .join('\n');
    log(`renderer ${input.kind}: ${clean(input.message)}${stack ? `\n${stack}` : ''}`);
    return { logged: true };
  };
}
