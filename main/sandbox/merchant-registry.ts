import type { KeyObject } from 'node:crypto';
import type { MerchantConfigData } from '../../shared/protocol/gateway';
import type { SandboxContext } from './sandbox-context';

/** Installments the platform offers, and the fee each costs the buyer in total (a fraction of the amount). */
export const PLATFORM_PLANS = [
  { installments: 3, feeRate: 0.015 },
  { installments: 6, feeRate: 0.03 },
  { installments: 12, feeRate: 0.06 },
  { installments: 24, feeRate: 0.12 },
] as const;

export const RATE_LIMIT_PER_MINUTE = 600;
/** How long a risk cooldown lasts from the moment the risk-rejected scenario starts. */
export const RISK_COOLDOWN_MS = 30 * 60 * 1000;
/** Scenarios whose premise is that the platform holds another public key than the store's. */
export const STALE_KEY_SCENARIOS: ReadonlySet<string> = new Set(['invalid-signature', 'key-mismatch']);

/** The host the merchant registered long ago; in domain-not-authorized it is the only one on file. */
export const STALE_AUTHORIZED_DOMAIN = 'shop.example.cn';

/**
 * What the platform has on file for the sandbox merchant right now. The scenarios that are a merchant's
 * account state (contract, domains, limits, risk, the registered key) are expressed here as data, so every
 * method and the config query tell the same story.
 */
export interface MerchantRecord {
  registeredPublicKey: KeyObject;
  baitiaoStatus: MerchantConfigData['products']['baitiao']['status'];
  installments: number[];
  minAmount: string;
  maxAmount: string;
  authorizedDomains: string[];
  riskCooldownUntil: Date | null;
  rateLimitExhausted: boolean;
}

export function merchantRecord(ctx: SandboxContext): MerchantRecord {
  const scenario = ctx.scenario.current;
  const storeHost = new URL(ctx.urls.storeOrigin).hostname;
  return {
    registeredPublicKey:
      ctx.merchant.registeredByMerchant ??
      (STALE_KEY_SCENARIOS.has(scenario) ? ctx.merchant.impostorKeys.publicKey : ctx.merchant.keys.publicKey),
    baitiaoStatus: scenario === 'baitiao-not-enabled' ? 'NOT_CONTRACTED' : 'ENABLED',
    installments: PLATFORM_PLANS.map((p) => p.installments),
    // The demo store's test amount is 199.00: amount-out-of-range raises the minimum above it.
    minAmount: scenario === 'amount-out-of-range' ? '500.00' : '1.00',
    maxAmount: '50000.00',
    authorizedDomains:
      scenario === 'domain-not-authorized' ? [STALE_AUTHORIZED_DOMAIN] : [storeHost, STALE_AUTHORIZED_DOMAIN],
    // Fixed when the scenario starts, so it counts down rather than sliding with every call.
    riskCooldownUntil:
      scenario === 'risk-rejected' ? new Date(ctx.scenario.since.getTime() + RISK_COOLDOWN_MS) : null,
    rateLimitExhausted: scenario === 'rate-limited',
  };
}

/** Amount string → integer fen (cents), so range checks never meet floating point. */
export function toFen(amount: string): number {
  const [yuan = '0', fen = ''] = amount.split('.');
  return Number(yuan) * 100 + Number(fen.padEnd(2, '0'));
}

export function fenToAmount(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
