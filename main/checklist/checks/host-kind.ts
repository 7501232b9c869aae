import { isIP } from 'node:net';

export type HostKind = 'public' | 'localhost' | 'loopback' | 'private' | 'link-local' | 'bare-ip';

/** Classifies a URL host the way cfg.urls-public needs: anything a buyer's phone could not reach. */
export function classifyHost(host: string): HostKind {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return 'localhost';
  const family = isIP(bare);
  if (family === 4) {
    const [a, b] = bare.split('.').map(Number) as [number, number];
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
    if (a === 169 && b === 254) return 'link-local';
    return 'bare-ip';
  }
  if (family === 6) {
    if (bare === '::1') return 'loopback';
    if (/^fe[89ab]/.test(bare)) return 'link-local';
    if (/^f[cd]/.test(bare)) return 'private';
    return 'bare-ip';
  }
  return 'public';
}
