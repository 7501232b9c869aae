import { randomUUID } from 'node:crypto';
import type {
  ProbeFailure,
  ProbeHop,
  ProbeRequestResult,
  ProbeTarget,
} from '../../shared/probe/probe-result';
import { probeHop, type ProbeEnvironment } from './hop';
import { isoAt, ms, now } from './phase-timer';
import { ProbeError } from './probe-error';
import { sanitizeUrl } from './sanitize';

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** The form in which two URLs count as "the same" for loop detection: fragment dropped, as browsers do. */
const loopKey = (url: URL): string => {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
};

const chainFailure = (error: ProbeError, host: string): ProbeFailure => error.toFailure(host);

/**
 * One probe of one target: the request and every redirect after it, each hop its own connection with
 * its own timings (curl -L would sum them into one line). Stops at a loop (a URL seen before, checked
 * before requesting it again), past `maxRedirects`, or at the first failed hop. Leaving https for http
 * is followed, as a browser would, and recorded.
 */
export async function probeUrl(
  target: ProbeTarget,
  sequence: number,
  env: ProbeEnvironment,
): Promise<ProbeRequestResult> {
  const t0 = now();
  const hops: ProbeHop[] = [];
  const insecure: { from: string; to: string }[] = [];
  const visited = new Set<string>();
  let failure: ProbeFailure | null = null;
  let loop = false;
  let url: URL | null = null;

  try {
    url = new URL(target.url);
  } catch {
    failure = chainFailure(
      new ProbeError('redirect', 'invalid-url', null, 'Not a URL'),
      sanitizeUrl(target.url),
    );
  }

  while (url && !failure) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      failure = chainFailure(
        new ProbeError('redirect', 'unsupported-scheme', null, `Scheme ${url.protocol} is not http(s)`),
        sanitizeUrl(url),
      );
      break;
    }
    visited.add(loopKey(url));
    const { hop, redirectTo: next } = await probeHop(url, hops.length, env);
    hops.push(hop);
    if (hop.failure) {
      failure = hop.failure;
      break;
    }
    // Followed with the real Location (a cashier needs its token); only sanitized forms are stored.
    if (!REDIRECT_STATUSES.has(hop.response?.status ?? 0) || !next) break;
    if (url.protocol === 'https:' && next.protocol === 'http:')
      insecure.push({ from: sanitizeUrl(url), to: sanitizeUrl(next) });
    if (visited.has(loopKey(next))) {
      loop = true;
      failure = chainFailure(
        new ProbeError('redirect', 'redirect-loop', null, `Redirect back to ${sanitizeUrl(next)}`),
        next.hostname,
      );
      break;
    }
    if (hops.length > env.settings.maxRedirects) {
      failure = chainFailure(
        new ProbeError(
          'redirect',
          'too-many-redirects',
          null,
          `More than ${env.settings.maxRedirects} redirects`,
        ),
        new URL(target.url).hostname,
      );
      break;
    }
    url = next;
  }

  const last = hops.at(-1);
  return {
    id: randomUUID(),
    target: { role: target.role, url: sanitizeUrl(target.url) },
    sequence,
    startedAt: isoAt(t0),
    totalMs: ms(now() - t0),
    outcome: failure?.kind === 'cancelled' ? 'cancelled' : failure ? 'failed' : 'ok',
    failure,
    hops,
    redirects: {
      count: Math.max(0, hops.length - 1),
      finalUrl: last?.url ?? sanitizeUrl(target.url),
      loop,
      insecure,
    },
  };
}
