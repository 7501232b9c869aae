const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "10m", "2h", "1d", "500ms"; a bare number is seconds. null when it is none of these. */
export function parseDuration(raw: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(raw);
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 's').toLowerCase()]!;
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : null;
}
