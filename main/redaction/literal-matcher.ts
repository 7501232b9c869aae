import type { RedactionRule } from './rules';

/** Characters a token-like secret is made of (cookie values, session ids, base64 and hex, passwords). */
const TOKEN_CHAR = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.+/-')
  TOKEN_CHAR[c.charCodeAt(0)] = 1;
const isTokenChar = (code: number) => code < 128 && TOKEN_CHAR[code] === 1;

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
 * (after a separator, or after a %XX escape), four characters are checked against a bit table, and only a
 * hit looks the candidates up. Values that start with a separator (a password like `!x9…`) are few and are
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
    const plain =
      (value.length < 16 && /^[A-Za-z]+$/.test(value)) || (value.length < 8 && /^\d+$/.test(value));
    if (plain && !always) return;
    this.known.add(value);
    const literal = { value, rule };
    let tokenLike = true;
    for (let i = 0; i < PREFIX; i++) if (!isTokenChar(value.charCodeAt(i))) tokenLike = false;
    if (!tokenLike) {
      this.odd.push(literal);
      this.odd.sort((a, b) => b.value.length - a.value.length);
      return;
    }
    const h = prefixHash(value, 0);
    this.bloom[h >> 3]! |= 1 << (h & 7);
    const key = value.slice(0, PREFIX);
    const list = this.byPrefix.get(key);
    if (list) {
      list.push(literal);
      list.sort((a, b) => b.value.length - a.value.length);
    } else this.byPrefix.set(key, [literal]);
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
    const end = text.length - MIN_LITERAL_LENGTH;
    let previousToken = false;
    for (let i = 0; i <= end; i++) {
      const code = text.charCodeAt(i);
      const token = isTokenChar(code);
      // A token starts here, or right after a %XX escape (`%3DvalueHere`).
      let at = -1;
      if (token && !previousToken) at = i;
      else if (code === 37 /* % */ && i + 3 <= end) at = i + 3;
      previousToken = token;
      if (at === -1) continue;
      const h = prefixHash(text, at);
      if ((this.bloom[h >> 3]! & (1 << (h & 7))) === 0) continue;
      const list = this.byPrefix.get(text.slice(at, at + PREFIX));
      const found = list?.find((l) => text.startsWith(l.value, at));
      if (!found) continue;
      parts ??= [];
      parts.push(text.slice(copied, at), alias(found.value, found.rule));
      copied = at + found.value.length;
      i = copied - 1;
      previousToken = true;
    }
    if (!parts) return text;
    parts.push(text.slice(copied));
    return parts.join('');
  }
}
