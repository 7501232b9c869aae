import type { KeyObject } from 'node:crypto';
import type { SandboxPki } from './certificates';
import type { DeviceReport } from './device-reports';
import type { RsaKeyPair } from './keys';
import type { ScenarioState } from './scenario-state';

/** A diagnostic payment session created by baitiao.prepay: what the cashier pages render from. */
export interface PrepaySession {
  token: string;
  outTradeNo: string;
  amount: string;
  subject: string;
  installments: number;
  returnUrl: string;
  notifyUrl: string;
  /** Platform-clock milliseconds. */
  expiresAt: number;
}

export interface SandboxUrls {
  gatewayOrigin: string;
  gatewayUrl: string;
  cashierOrigin: string;
  supportOrigin: string;
  supportApiUrl: string;
  storeOrigin: string;
}

/** The merchant account the sandbox platform has on file, and the keys it plays with. */
export interface SandboxMerchant {
  merchantNo: string;
  appId: string;
  storeName: string;
  /** The key pair handed to the app (store.json). */
  keys: RsaKeyPair;
  /** Another merchant key: what the platform has registered in the invalid-signature and key-mismatch scenarios. */
  impostorKeys: RsaKeyPair;
  /**
   * A public key the merchant registered on the sandbox back office (back-office.ts), or null. Account
   * state, so it outlives scenario switches, except into a scenario whose premise is a stale key.
   */
  registeredByMerchant: KeyObject | null;
}

/** Everything the four sandbox servers share. `urls` is filled in once they all listen. */
export interface SandboxContext {
  scenario: ScenarioState;
  pki: SandboxPki;
  merchant: SandboxMerchant;
  platformKeys: RsaKeyPair;
  /** Signs responses in bad-platform-signature: a key that is not the profile's platformPublicKey. */
  impostorPlatformKeys: RsaKeyPair;
  urls: SandboxUrls;
  sessions: Map<string, PrepaySession>;
  /** Per cashier token: the device that opened the cashier page, as the page saw it (tests read this). */
  deviceReports: Map<string, DeviceReport>;
  clockSkewToleranceSeconds: number;
  cashierReadyBudgetMs: number;
  /** Aborted by close(): delayed answers stop waiting. */
  closing: AbortSignal;
  onError: (error: unknown) => void;
}

/** In clock-skew the platform's clock runs this far ahead of the machine's (three times the tolerance). */
export const CLOCK_SKEW_MS = 15 * 60 * 1000;

/** The platform's clock: the machine's, except in clock-skew. Gateway, cashier and intake all use it. */
export function platformNow(ctx: Pick<SandboxContext, 'scenario'>): Date {
  return new Date(Date.now() + (ctx.scenario.current === 'clock-skew' ? CLOCK_SKEW_MS : 0));
}
