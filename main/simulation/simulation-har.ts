import { harFromMessages } from 'chrome-har';
import type { SimulationHop, SimulationResult } from '../../shared/simulation/simulation-result';
import { createCaptureSanitizer } from './capture-sanitizer';

export interface SimulationHarCreator {
  name: string;
  version: string;
}

type HarObject = Record<string, unknown>;
export interface SimulationHar {
  log: {
    version: '1.2';
    creator: { name: string; version: string; comment?: string };
    pages: HarObject[];
    entries: HarObject[];
    comment: string;
    [custom: `_${string}`]: unknown;
  };
}

const SANITIZED_NOTE =
  'Sanitized: cookies, Set-Cookie, Authorization and the values of token, trade_token and sign are redacted.';

/** HAR 1.2 query string of a (sanitized) URL. */
function queryString(url: string): { name: string; value: string }[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/**
 * chrome-har leaves out requests that never got an answer; a failed or blocked hop is exactly what support
 * staff need to see, so it is added back the way Chrome DevTools exports one: status 0 and `_error`.
 */
function unansweredHopEntry(hop: SimulationHop, runId: string): HarObject {
  return {
    startedDateTime: hop.startedAt,
    time: Math.max(0, hop.durationMs ?? 0),
    request: {
      method: hop.method,
      url: hop.url,
      httpVersion: '',
      cookies: [],
      headers: [],
      queryString: queryString(hop.url),
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: 0,
      statusText: '',
      httpVersion: '',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'x-unknown' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
      _error: hop.error ?? 'no answer before the simulation moved on',
    },
    cache: {},
    timings: { blocked: -1, dns: -1, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 },
    _runId: runId,
    _leg: hop.leg,
    _blockedBy: hop.blockedBy,
  };
}

function runHar(result: SimulationResult, prefix: string): { pages: HarObject[]; entries: HarObject[] } {
  const har = harFromMessages(result.network.events, { includeTextFromResponseBody: false });
  const pages: HarObject[] = (har.log.pages as HarObject[]).map((page) => ({
    ...page,
    id: `${prefix}${String(page.id)}`,
  }));
  const entries: HarObject[] = (har.log.entries as HarObject[]).map((entry) => ({
    ...entry,
    ...(entry.pageref ? { pageref: `${prefix}${String(entry.pageref)}` } : {}),
    _runId: result.runId,
  }));
  for (const hop of result.hops) {
    if (hop.status === null) entries.push(unansweredHopEntry(hop, result.runId));
  }
  if (pages[0]) pages[0]._outcome = result.outcome;
  // Times under Chrome's network throttling are emulated, not measured on that network: say so on each.
  const buyer = result.buyer;
  if (buyer?.emulatedNetwork) {
    const note = `Timings under emulated network conditions (${buyer.network}, a Chrome DevTools preset), not measured on a real ${buyer.network} network.`;
    for (const page of pages) Object.assign(page, { _emulatedNetwork: buyer.network, comment: note });
    for (const entry of entries) Object.assign(entry, { _emulatedNetwork: buyer.network });
  }
  return { pages, entries };
}

/**
 * The simulation as HAR 1.2, built by chrome-har from the CDP events the run captured (already sanitized
 * then), sanitized once more as a whole so nothing chrome-har derives (parsed cookies, query strings) can
 * carry a secret. One run, or a series (page ids then carry the run number).
 */
export function simulationHar(
  input: SimulationResult | readonly SimulationResult[],
  creator: SimulationHarCreator = { name: 'Baitiao Doctor', version: '0' },
): SimulationHar {
  const results = Array.isArray(input) ? input : [input as SimulationResult];
  const pages: HarObject[] = [];
  const entries: HarObject[] = [];
  results.forEach((result, index) => {
    const part = runHar(result, results.length > 1 ? `run${index + 1}_` : '');
    pages.push(...part.pages);
    entries.push(...part.entries);
  });
  entries.sort((a, b) => String(a.startedDateTime).localeCompare(String(b.startedDateTime)));
  const sanitizer = createCaptureSanitizer();
  const sanitized = sanitizer.params({ pages, entries }) as { pages: HarObject[]; entries: HarObject[] };
  return {
    log: {
      version: '1.2',
      creator: { name: creator.name, version: creator.version, comment: 'HAR built with chrome-har' },
      pages: sanitized.pages,
      entries: sanitized.entries,
      comment: SANITIZED_NOTE,
      _simulation: results.map((r) => ({
        runId: r.runId,
        outcome: r.outcome,
        browser: r.browser.product,
        device: r.buyer?.device ?? 'pc',
        network: r.buyer?.network ?? 'broadband',
        emulatedNetwork: r.buyer?.emulatedNetwork ?? false,
      })),
    },
  };
}
