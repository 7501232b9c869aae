import type { ProbeTarget, ProbeTargetRole } from '../../shared/probe/probe-result';

/** The parts of platform.json and store.json the probes need; the full types fit. */
export interface ProbeTargetSources {
  profile?: { gatewayUrl: string; cashierOrigin: string; supportApiUrl: string } | null;
  /** storeUrl, when given, adds the store's own page (what the checklist and a diagnosis probe too). */
  store?: { notifyUrl: string; returnUrl: string; storeUrl?: string } | null;
}

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * Probed by default: the gateway (its unsigned health URL, a GET it answers without a signature), the
 * cashier's origin, the support intake, and the store's notify and return URLs. A GET on the notify URL
 * is harmless by protocol: a store acts only on a signed POST. Unusable URLs are left for cfg.urls to
 * report; duplicates are probed once.
 */
export function defaultProbeTargets(sources: ProbeTargetSources): ProbeTarget[] {
  const candidates: [ProbeTargetRole, string | undefined][] = [
    ['gateway', sources.profile ? `${withoutTrailingSlash(sources.profile.gatewayUrl)}/health` : undefined],
    ['cashier', sources.profile ? `${withoutTrailingSlash(sources.profile.cashierOrigin)}/` : undefined],
    ['support', sources.profile?.supportApiUrl],
    ['notify', sources.store?.notifyUrl],
    ['return', sources.store?.returnUrl],
    ['store', sources.store?.storeUrl],
  ];
  const seen = new Set<string>();
  const targets: ProbeTarget[] = [];
  for (const [role, url] of candidates) {
    if (!url) continue;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      continue;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') continue;
    if (seen.has(parsed.href)) continue;
    seen.add(parsed.href);
    targets.push({ role, url: parsed.href });
  }
  return targets;
}
