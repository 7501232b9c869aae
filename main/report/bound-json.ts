/**
 * Keeps free-form data (a simulation result, check evidence) within a size: long arrays keep their first
 * items and say how many were left out, long strings keep their start. Shapes the schemas know (the
 * report's own fields) are never passed through here.
 */
export interface JsonBounds {
  maxArrayItems: number;
  maxStringChars: number;
  maxDepth: number;
}

export const omittedNote = (count: number): string => `… ${count} more omitted`;

export function boundJson(value: unknown, bounds: JsonBounds, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length > bounds.maxStringChars
      ? `${value.slice(0, bounds.maxStringChars)}… [${value.length - bounds.maxStringChars} characters omitted]`
      : value;
  }
  if (value === null || typeof value !== 'object') return value;
  if (depth >= bounds.maxDepth) return Array.isArray(value) ? [omittedNote(value.length)] : {};
  if (Array.isArray(value)) {
    const kept = value.slice(0, bounds.maxArrayItems).map((item) => boundJson(item, bounds, depth + 1));
    return value.length > bounds.maxArrayItems
      ? [...kept, omittedNote(value.length - bounds.maxArrayItems)]
      : kept;
  }
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, boundJson(v, bounds, depth + 1)]),
  );
}

/** UTF-8 size of a value as the report writes it (two-space JSON). */
export const jsonBytes = (value: unknown): number =>
  Buffer.byteLength(JSON.stringify(value, null, 2), 'utf8');
