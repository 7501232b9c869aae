import { displayKeyName } from './safe-display';

export type PathSegment = string | number;

/** Unambiguous key for position lookups (display paths are shortened and may collide). */
export function positionKey(segments: readonly PropertyKey[]): string {
  return JSON.stringify(segments.map((s) => (typeof s === 'symbol' ? String(s) : s)));
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$`, `$.baitiao.installments[1]`, `$["shop name"]`: what a ConfigIssue shows as its field. */
export function formatJsonPath(segments: readonly PropertyKey[]): string {
  let out = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const name = displayKeyName(String(segment));
      out += IDENTIFIER.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
    }
  }
  return out;
}
