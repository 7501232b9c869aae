import type { RedactionRule } from './rules';

/** Characters a token-like secret is made of (cookie values, session ids, base64 and hex, passwords). */
const TOKEN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.+/-')
  TOKEN_CHAR[c.charCodeAt(0)] = 1;
const isTokenChar = (code: number) => code < 128 && TOKEN_CHAR[code] === 1;
/** Token characters that also separate parts of a token (paths, dotted names, kebab and snake case). */
const SEPARATOR = new Uint8Array(128);
for (const c of '/.-_~+') SEPARATOR[c.charCodeAt(0)] = 1;
const PLAIN_WORD = /^(?:[A-Za-z]+|\d{1,7})$/;
/**
 * Values that name a place, not a secret: IP addresses, host names, URLs and dates. One found under a
 * sensitive-looking name is aliased there, but hunting it everywhere would erase every host in the bundle.
 */
const NOT_A_SECRET =
  /^(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?|\[?[0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:]*\]?|(?:[a-z0-9-]+\.)+[a-z]{2,6}(?::\d+)?|https?:\/\/\S*|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?)$/;
/** Runs of token characters long enough to hold a literal's prefix. */
const TOKEN_RUN = /[A-Za-z0-9_~.+/-]{6,}/g;

/** The shortest value hunted: shorter ones ("1", "zh-CN") would replace ordinary words. */
export const MIN_LITERAL_LENGTH = 6;
const PREFIX = MIN_LITERAL_LENGTH;
const BLOOM_BITS = 1 << 20;

const prefixHash = (text: string, at: number): number =>
  ((text.charCodeAt(at) * 961 + text.charCodeAt(at + 1) * 31 + text.charCodeAt(at + 2)) ^
    (text.charCodeAt(at + 3) << 11)) &
  (BLOOM_BITS - 1);

interface Literal {
  value: string;
  rule: RedactionRule;
}

/**
 * Exact values to find in every free text: the secrets of this run (every cookie value set or sent, every
 * value under a sensitive-looking name) and those known on this machine. A bundle may hold a hundred
 * thousand of them and fifty megabytes of text, so the text is scanned once: at each place a token starts
 * (a run of token characters, a part of one after `/` `.` `-` `_`, or after a %XX escape), four characters
 * are checked against a bit table, and only a hit looks the candidates up. Values that start with a separator (a password like `!x9…`) are few and are
 * searched for one by one.
 */
export class LiteralMatcher {
  private readonly byPrefix = new Map<string, Literal[]>();
  private readonly bloom = new Uint8Array(BLOOM_BITS >> 3);
  private readonly odd: Literal[] = [];
  private readonly known = new Set<string>();

  get size(): number {
    return this.known.size;
  }

  has(value: string): boolean {
    return this.known.has(value);
  }

  /**
   * Adds a value (ignored when too short, a plain word or a small number, or already known); the first rule
   * it was found under sticks. A cookie holding `deleted` or `100001` is no secret, and hunting it would
   * replace ordinary words and amounts everywhere.
   */
  add(value: string, rule: RedactionRule, always = false): void {
    if (value.length < MIN_LITERAL_LENGTH || this.known.has(value)) return;
    if (!always && ((value.length < 16 && PLAIN_WORD.test(value)) || NOT_A_SECRET.test(value))) return;
    this.known.add(value);
    const literal = { value, rule };
    let tokenLike = true;
    for (let i = 0; i < PREFIX; i++) if (!isTokenChar(value.charCodeAt(i))) tokenLike = false;
    if (!tokenLike) {
      // Longest first, so a value that contains another is replaced whole.
      const index = this.odd.findIndex((o) => o.value.length < value.length);
      this.odd.splice(index === -1 ? this.odd.length : index, 0, literal);
      return;
    }
    const h = prefixHash(value, 0);
    this.bloom[h >> 3]! |= 1 << (h & 7);
    const key = value.slice(0, PREFIX);
    const list = this.byPrefix.get(key);
    if (list) list.push(literal);
    else this.byPrefix.set(key, [literal]);
  }

  /** Replaces every occurrence; `alias` says what goes in a found value's place. */
  replace(text: string, alias: (literal: string, rule: RedactionRule) => string): string {
    if (this.known.size === 0 || text.length < MIN_LITERAL_LENGTH) return text;
    let out = this.byPrefix.size > 0 ? this.scan(text, alias) : text;
    for (const { value, rule } of this.odd) {
      if (out.includes(value)) out = out.split(value).join(alias(value, rule));
    }
    return out;
  }

  private scan(text: string, alias: (literal: string, rule: RedactionRule) => string): string {
    let parts: string[] | null = null;
    let copied = 0;
    // V8 finds the runs natively; most prose (Chinese text, short numbers) has none six characters long.
    TOKEN_RUN.lastIndex = 0;
    for (let run = TOKEN_RUN.exec(text); run; run = TOKEN_RUN.exec(text)) {
      const end = run.index + run[0].length;
      // A value starts a run, follows a %XX escape (`%3DvalueHere`), or follows a `/ . - _ ~ +` inside one
      // (a path segment, a dotted name).
      let at = run.index;
      if (at > 0 && text.charCodeAt(at - 1) === 37 /* % */) at += 2;
      let found = this.at(text, at);
      for (let i = run.index; !found && i < end - MIN_LITERAL_LENGTH; i++) {
        if (SEPARATOR[text.charCodeAt(i)] === 1) found = this.at(text, (at = i + 1));
      }
      if (!found) continue;
      parts ??= [];
      parts.push(text.slice(copied, at), alias(found.value, found.rule));
      copied = at + found.value.length;
      TOKEN_RUN.lastIndex = copied;
    }
    if (!parts) return text;
    parts.push(text.slice(copied));
    return parts.join('');
  }

  /** The longest literal starting at `at`, if any. */
  private at(text: string, at: number): Literal | null {
    if (at + MIN_LITERAL_LENGTH > text.length) return null;
    const h = prefixHash(text, at);
    if ((this.bloom[h >> 3]! & (1 << (h & 7))) === 0) return null;
    const list = this.byPrefix.get(text.slice(at, at + PREFIX));
    if (!list) return null;
    let best: Literal | null = null;
    for (const l of list) {
      if ((!best || l.value.length > best.value.length) && text.startsWith(l.value, at)) best = l;
    }
    return best;
  }
}
