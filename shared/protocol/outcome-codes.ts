import { z } from 'zod';

/** Protocol §7: exactly one per simulation run, the first failure along the way. */
export const OUTCOME_CODES = [
  'REDIRECT_OK',
  'GATEWAY_UNREACHABLE',
  'GATEWAY_TIMEOUT',
  'GATEWAY_ERROR',
  'TLS_ERROR',
  'SIGN_INVALID',
  'CLOCK_SKEW',
  'NOT_ENABLED',
  'DOMAIN_NOT_AUTHORIZED',
  'AMOUNT_OR_INSTALLMENT_INVALID',
  'RISK_REJECTED',
  'RATE_LIMITED',
  'CASHIER_UNREACHABLE',
  'CASHIER_TIMEOUT',
  'CASHIER_ERROR_PAGE',
  'BLANK_PAGE',
  'GARBLED_PAGE',
  'REDIRECT_LOOP',
  'INSECURE_REDIRECT',
  'RETURN_URL_BROKEN',
] as const;
export const OutcomeCodeSchema = z.enum(OUTCOME_CODES);
export type OutcomeCode = z.infer<typeof OutcomeCodeSchema>;
