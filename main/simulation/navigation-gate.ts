import type { GateBlock } from '../../shared/simulation/simulation-result';

/** More top-level hops than this in one leg is a loop in all but name (§7 REDIRECT_LOOP). */
export const MAX_HOPS_PER_LEG = 10;

/**
 * Decides, before the browser sends a top-level document request, whether the simulated buyer should
 * follow it: a hop that leaves https is blocked rather than loaded (INSECURE_REDIRECT), a URL already
 * visited in this leg is a loop, and an 11th hop is too many (REDIRECT_LOOP). Redirects and script
 * navigations alike pass through here, so a loop through a page's own script is caught too.
 */
export class NavigationGate {
  private visited: string[] = [];

  reset(): void {
    this.visited = [];
  }

  /** null: go ahead (and remember the URL); otherwise why the request is stopped. */
  admit(url: string): GateBlock | null {
    let protocol: string;
    try {
      protocol = new URL(url).protocol;
    } catch {
      return 'insecure-redirect';
    }
    if (protocol !== 'https:') return 'insecure-redirect';
    if (this.visited.includes(url)) return 'redirect-loop';
    if (this.visited.length >= MAX_HOPS_PER_LEG) return 'too-many-hops';
    this.visited.push(url);
    return null;
  }
}
