/**
 * How deep arrays and objects nest in a JSON text, measured on its bytes as they are inflated, before
 * anything parses it. V8's JSON.parse takes any depth, but JSON.stringify, structured clone (IPC to the
 * viewer) and every recursive renderer overflow the stack somewhere past a few thousand levels: a report
 * nested 200,000 levels deep would verify and then break the viewer. Real reports stay far below the
 * limit (a CDP event's params inside a simulation run inside the report is about 15).
 */
export const MAX_JSON_DEPTH = 64;

export class JsonTooDeepError extends Error {
  constructor(readonly limit: number) {
    super(`nested more than ${limit} levels deep`);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Fed chunk by chunk; throws JsonTooDeepError the moment the nesting passes `limit`. */
export class JsonDepthGauge {
  private depth = 0;
  private inString = false;
  /** The previous chunk ended on a backslash inside a string. */
  private escaped = false;

  constructor(private readonly limit: number = MAX_JSON_DEPTH) {}

  feed(chunk: Buffer): void {
    let i = 0;
    const n = chunk.length;
    // Where the next quote and backslash are, looked up again only once passed: a chunk is scanned a
    // few times at most, not once per string or per escape.
    let quote = -2;
    let slash = -2;
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i += 1;
          continue;
        }
        // Strings are most of a HAR: jump to the next quote or backslash instead of walking every byte.
        if (quote !== -1 && quote < i) quote = chunk.indexOf(QUOTE, i);
        if (slash !== -1 && slash < i) slash = chunk.indexOf(BACKSLASH, i);
        if (slash !== -1 && (quote === -1 || slash < quote)) {
          this.escaped = true;
          i = slash + 1;
        } else if (quote !== -1) {
          this.inString = false;
          i = quote + 1;
        } else {
          return;
        }
        continue;
      }
      const byte = chunk[i]!;
      if (byte === QUOTE) this.inString = true;
      else if (byte === 0x5b || byte === 0x7b) {
        this.depth += 1;
        if (this.depth > this.limit) throw new JsonTooDeepError(this.limit);
      } else if (byte === 0x5d || byte === 0x7d) this.depth -= 1;
      i += 1;
    }
  }
}
