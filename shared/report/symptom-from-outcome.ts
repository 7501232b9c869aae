import type { OutcomeCode } from '../protocol/outcome-codes';
import type { SymptomCategory } from './symptom-form';

/**
 * 买家看到了什么, as the diagnosis saw it: the report form starts from the category that matches
 * what the simulated buyer saw (OUTCOME_EXPLANATIONS' buyerSaw), and the merchant may change it.
 * A healthy run says nothing (the buyer's own trouble is not known), so nothing is pre-selected.
 */
export const SYMPTOM_OF_OUTCOME: Record<OutcomeCode, SymptomCategory | null> = {
  REDIRECT_OK: null,
  // The payment page never opens (or the browser warns instead of opening it).
  GATEWAY_UNREACHABLE: 'PAGE_NOT_LOADING',
  GATEWAY_TIMEOUT: 'PAGE_NOT_LOADING',
  TLS_ERROR: 'PAGE_NOT_LOADING',
  CASHIER_UNREACHABLE: 'PAGE_NOT_LOADING',
  CASHIER_TIMEOUT: 'PAGE_NOT_LOADING',
  REDIRECT_LOOP: 'PAGE_NOT_LOADING',
  INSECURE_REDIRECT: 'PAGE_NOT_LOADING',
  // 「支付失败，请稍后再试」.
  GATEWAY_ERROR: 'PAYMENT_FAILED_MESSAGE',
  SIGN_INVALID: 'PAYMENT_FAILED_MESSAGE',
  CLOCK_SKEW: 'PAYMENT_FAILED_MESSAGE',
  NOT_ENABLED: 'PAYMENT_FAILED_MESSAGE',
  DOMAIN_NOT_AUTHORIZED: 'PAYMENT_FAILED_MESSAGE',
  AMOUNT_OR_INSTALLMENT_INVALID: 'PAYMENT_FAILED_MESSAGE',
  RISK_REJECTED: 'PAYMENT_FAILED_MESSAGE',
  RATE_LIMITED: 'PAYMENT_FAILED_MESSAGE',
  CASHIER_ERROR_PAGE: 'PAYMENT_FAILED_MESSAGE',
  BLANK_PAGE: 'BLANK_OR_GARBLED_PAGE',
  GARBLED_PAGE: 'BLANK_OR_GARBLED_PAGE',
  // Paid, but the way back to the shop is broken: none of the three named pictures.
  RETURN_URL_BROKEN: 'OTHER',
};

export function symptomOfOutcome(outcome: OutcomeCode | null): SymptomCategory | null {
  return outcome === null ? null : SYMPTOM_OF_OUTCOME[outcome];
}
