import type { WebContents } from 'electron';

/**
 * The few web contents the app-wide navigation guard (web-contents-guard.ts) lets move: the simulation's
 * hidden buyer windows, and the sandbox back office within its own origin. Kept apart from the adapters
 * that open them, so the guard, installed at start, loads neither the simulation nor the back office.
 */
const simulationContents = new WeakSet<WebContents>();
const backOfficeOrigins = new WeakMap<WebContents, string>();

/** A simulation's hidden window must follow the cashier's redirects and its return link, like a browser. */
export function markSimulationContents(contents: WebContents): void {
  simulationContents.add(contents);
}

export function isSimulationWebContents(contents: WebContents): boolean {
  return simulationContents.has(contents);
}

/** The back office posts its form to its own page, and may go nowhere else. */
export function markBackOfficeContents(contents: WebContents, origin: string): void {
  backOfficeOrigins.set(contents, origin);
}

export function backOfficeMayNavigate(contents: WebContents, url: string): boolean {
  const origin = backOfficeOrigins.get(contents);
  return origin !== undefined && URL.canParse(url) && new URL(url).origin === origin;
}
