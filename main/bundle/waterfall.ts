import type { WaterfallRow } from '../../shared/report/bundle-view';

const num = (value: unknown, fallback = -1): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const rec = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/**
 * network.har's entries as waterfall rows, start times relative to the first request. Tolerant of any
 * HAR: a field that is missing or of the wrong type shows as -1 or empty instead of failing the view.
 */
export function waterfallFromHar(
  har: unknown,
  maxRows: number,
): { rows: WaterfallRow[]; truncated: boolean } {
  const entries = rec(rec(har).log).entries;
  if (!Array.isArray(entries)) return { rows: [], truncated: false };
  const starts = entries.map((e) => Date.parse(str(rec(e).startedDateTime) ?? ''));
  const first = Math.min(...starts.filter((t) => Number.isFinite(t)));
  const rows = entries.slice(0, maxRows).map((raw, i): WaterfallRow => {
    const entry = rec(raw);
    const request = rec(entry.request);
    const response = rec(entry.response);
    const t = rec(entry.timings);
    const started = starts[i]!;
    return {
      page: str(entry.pageref),
      method: str(request.method) ?? '',
      url: str(request.url) ?? '',
      status: Math.trunc(num(response.status, 0)),
      startMs: Number.isFinite(started) && Number.isFinite(first) ? started - first : 0,
      totalMs: num(entry.time, 0),
      timings: {
        blocked: num(t.blocked),
        dns: num(t.dns),
        connect: num(t.connect),
        ssl: num(t.ssl),
        send: num(t.send, 0),
        wait: num(t.wait, 0),
        receive: num(t.receive, 0),
      },
      error: str(response._error) ?? str(entry._error) ?? null,
    };
  });
  return { rows, truncated: entries.length > maxRows };
}
