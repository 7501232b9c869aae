import type { ResponsibleSide } from '../../shared/simulation/outcome-explanations';
import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import { checkVerdict } from '../../shared/diagnosis/check-verdicts';

/** Whose side a failing check is on: the side of its row in the one verdict table (CHECK_VERDICTS). */
export function checkSide(id: string): ResponsibleSide {
  return checkVerdict(id).side;
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
