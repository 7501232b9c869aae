import { z } from 'zod';

/**
 * Faults the sandbox platform can play. Each one changes what the sandbox's servers send, exactly as a
 * real platform in that state would; the app never reads the scenario name to decide anything.
 */
export const SCENARIOS = [
  'healthy',
  'slow-gateway',
  'gateway-timeout',
  'system-busy',
  'cashier-busy',
  'invalid-signature',
  'clock-skew',
  'baitiao-not-enabled',
  'domain-not-authorized',
  'amount-out-of-range',
  'risk-rejected',
  'rate-limited',
  'bad-platform-signature',
  'blank-cashier',
  'garbled-cashier',
  'redirect-loop',
  'insecure-redirect',
  'expired-tls',
  'notify-failing',
  'return-broken',
  'cashier-slow',
  /** The H5 cashier phones get (§4) answers 502; the desktop cashier works. */
  'h5-broken',
  /** The H5 cashier loads a script heavy enough to miss the ready budget on 弱 4G, not on broadband. */
  'h5-heavy',
  /** Issue 12: store, return page and cashier echo secrets into every channel a diagnosis records. */
  'red-team',
  /**
   * The platform has an old public key on file (the merchant made new keys and never uploaded the public
   * one); fixed by registering the store's public key on the sandbox back office (沙箱商家后台).
   */
  'key-mismatch',
] as const;
export const ScenarioSchema = z.enum(SCENARIOS);
export type Scenario = z.infer<typeof ScenarioSchema>;
