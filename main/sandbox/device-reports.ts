import type { SandboxContext } from './sandbox-context';

/** What the device that opened a cashier page looked like, from the request and from the page itself. */
export interface DeviceReport {
  /** The diagnostic order the page was for (null for an unknown token). */
  outTradeNo: string | null;
  /** Which cashier page the chain ended on: the desktop one or the H5 one phones get (§4). */
  page: 'desktop' | 'h5';
  /** The User-Agent header of the page request, as the server saw it. */
  userAgentHeader: string;
  /** What the page's script saw (navigator, window), once it reported; null before that. */
  client: {
    userAgent: string;
    width: number;
    height: number;
    devicePixelRatio: number;
    maxTouchPoints: number;
    touchEvents: boolean;
  } | null;
}

/** Enough for any test run; older reports are dropped first. */
const MAX_REPORTS = 200;

export function recordPageRequest(
  ctx: SandboxContext,
  token: string,
  page: DeviceReport['page'],
  userAgentHeader: string,
): void {
  const reports = ctx.deviceReports;
  reports.delete(token);
  reports.set(token, {
    outTradeNo: ctx.sessions.get(token)?.outTradeNo ?? null,
    page,
    userAgentHeader,
    client: null,
  });
  while (reports.size > MAX_REPORTS) reports.delete(reports.keys().next().value!);
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : -1);

/** The page's own report (JSON from navigator.sendBeacon); junk is ignored, it is only a test aid. */
export function recordDeviceReport(ctx: SandboxContext, token: string, body: string): void {
  const report = ctx.deviceReports.get(token);
  if (!report) return;
  let seen: Record<string, unknown>;
  try {
    seen = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return;
  }
  report.client = {
    userAgent: typeof seen.userAgent === 'string' ? seen.userAgent : '',
    width: num(seen.width),
    height: num(seen.height),
    devicePixelRatio: num(seen.devicePixelRatio),
    maxTouchPoints: num(seen.maxTouchPoints),
    touchEvents: seen.touchEvents === true,
  };
}
