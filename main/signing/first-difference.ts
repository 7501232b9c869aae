/**
 * Index of the first character where `a` and `b` differ, or -1 when they are equal. When one is a prefix
 * of the other, the answer is the shorter one's length (where the longer one goes on).
 *
 * Used to mark where our string-to-sign parts from the gateway's verify_string. The index is a JS string
 * index (UTF-16), so `a.slice(0, i)` is the common part; it is moved back to the start of a surrogate pair
 * so the marker never splits an emoji or a rare CJK character in two.
 */
export function firstDifference(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let i = 0;
  while (i < shorter && a.charCodeAt(i) === b.charCodeAt(i)) i += 1;
  if (i === shorter && a.length === b.length) return -1;
  if (i > 0 && isHighSurrogate(a.charCodeAt(i - 1))) i -= 1;
  return i;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
