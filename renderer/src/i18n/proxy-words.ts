import type { TFunction } from 'i18next';

/**
 * A PAC-style proxy decision ("DIRECT", "PROXY host:port", "HTTPS host:port", "SOCKS5 host:port",
 * several joined by ";" as fallbacks) in plain words, one sentence per choice, in the order tried.
 */
export function describeProxyRule(rule: string, t: TFunction): string[] {
  const choices = rule
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean);
  if (choices.length === 0) return [t('settings.proxy.direct')];
  return choices.map((choice) => {
    const [kind = '', server = ''] = choice.split(/\s+/, 2);
    switch (kind.toUpperCase()) {
      case 'DIRECT':
        return t('settings.proxy.direct');
      case 'PROXY':
      case 'HTTP':
        return server ? t('settings.proxy.http', { server }) : t('settings.proxy.other', { rule: choice });
      case 'HTTPS':
        return server ? t('settings.proxy.https', { server }) : t('settings.proxy.other', { rule: choice });
      case 'SOCKS':
      case 'SOCKS4':
      case 'SOCKS5':
        return server ? t('settings.proxy.socks', { server }) : t('settings.proxy.other', { rule: choice });
      default:
        return t('settings.proxy.other', { rule: choice });
    }
  });
}
