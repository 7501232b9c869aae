import type { ResponsibleSide } from '../../shared/simulation/outcome-explanations';
import type { OutcomeCode } from '../../shared/protocol/outcome-codes';

/**
 * Whose side a failing check is on. Store: the shop's configuration, site or backend settings.
 * Platform: only the platform can change it. Merchant machine: this computer or its network.
 */
export function checkSide(id: string): ResponsibleSide {
  if (id.startsWith('cfg.')) return 'store';
  if (id.startsWith('local.') || id.startsWith('net.')) return 'merchant-machine';
  if (id.startsWith('risk.')) return 'platform';
  const sides: Record<string, ResponsibleSide> = {
    'key.parse': 'store',
    'key.strength': 'store',
    'key.file-permissions': 'store',
    'key.matches-platform': 'store',
    'key.sign-roundtrip': 'store',
    'key.platform-response': 'platform',
    'platform.health': 'platform',
    'platform.baitiao-contract': 'platform',
    'platform.authorized-domains': 'store',
    'platform.installments': 'store',
    'platform.notify-reachable': 'store',
    'tls.handshake': 'merchant-machine',
    'tls.interception': 'merchant-machine',
    'tls.expiry': 'platform',
    'tls.mixed-content': 'store',
    'page.return-leg': 'store',
  };
  return sides[id] ?? 'platform';
}

/**
 * For an outcome, the checks that may name its cause more precisely (SIGN_INVALID because the key does
 * not match the registered one, say), in the order worth reading them.
 */
export const CHECKS_EXPLAINING: Partial<Record<OutcomeCode, readonly string[]>> = {
  GATEWAY_UNREACHABLE: ['local.hosts', 'local.proxy', 'net.dns', 'net.connect'],
  GATEWAY_TIMEOUT: ['local.proxy', 'platform.health'],
  GATEWAY_ERROR: ['platform.health', 'key.platform-response'],
  TLS_ERROR: ['local.clock', 'tls.interception', 'tls.expiry', 'tls.handshake'],
  SIGN_INVALID: ['key.parse', 'key.matches-platform', 'key.sign-roundtrip', 'cfg.charset'],
  CLOCK_SKEW: ['local.clock'],
  NOT_ENABLED: ['platform.baitiao-contract', 'cfg.baitiao'],
  DOMAIN_NOT_AUTHORIZED: ['platform.authorized-domains', 'cfg.urls-public'],
  AMOUNT_OR_INSTALLMENT_INVALID: ['platform.installments', 'cfg.baitiao'],
  RISK_REJECTED: ['risk.status'],
  RATE_LIMITED: ['risk.rate-limit'],
  CASHIER_UNREACHABLE: ['local.hosts', 'local.proxy', 'net.dns', 'net.connect'],
  RETURN_URL_BROKEN: ['page.return-leg', 'cfg.urls'],
  GARBLED_PAGE: ['page.charset'],
  BLANK_PAGE: ['page.visible-content', 'page.console-errors'],
};

/** When no outcome decides, failing checks are read in this order: the likeliest root causes first. */
export const CHECK_PRIORITY = [
  'local.clock',
  'key.',
  'cfg.',
  'platform.',
  'risk.',
  'local.',
  'net.',
  'tls.',
  'page.',
];
