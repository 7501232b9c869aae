import type { WaterfallRow } from '../../shared/report/bundle-view';

const num = (value: unknown, fallback = -1): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const rec = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** A HAR header list, as name/value strings, at most 100 (a hostile HAR may hold millions). */
function headers(value: unknown): { name: string; value: string }[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, 100).map((raw) => {
    const header = rec(raw);
    return { name: (str(header.name) ?? '').slice(0, 200), value: (str(header.value) ?? '').slice(0, 4000) };
  });
}

/**
 * network.har's entries as waterfall rows, start times relative to the first request. Tolerant of any
 * HAR: a field that is missing or of the wrong type shows as -1 or empty instead of failing the view.
 */
export function waterfallFromHar(
  har: unknown,
  maxRows: number,
): { rows: WaterfallRow[]; truncated: boolean } {
  const log = rec(rec(har).log);
  const entries = log.entries;
  if (!Array.isArray(entries)) return { rows: [], truncated: false };
  const titles = new Map<string, string>();
  if (Array.isArray(log.pages)) {
    for (const page of log.pages.map(rec)) {
      const id = str(page.id);
      const title = str(page.title);
      if (id && title) titles.set(id, title.slice(0, 300));
    }
  }
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
      // The simulation's entries carry its run id; the probes' never do (main/probe/har.ts).
      chain: str(entry._runId) !== null ? 'payment' : 'probe',
      statusText: (str(response.statusText) ?? '').slice(0, 200),
      httpVersion: (str(response.httpVersion) ?? str(request.httpVersion) ?? '').slice(0, 20),
      requestHeaders: headers(request.headers),
      responseHeaders: headers(response.headers),
      pageTitle: titles.get(str(entry.pageref) ?? '') ?? null,
    };
  });
  return { rows, truncated: entries.length > maxRows };
}
