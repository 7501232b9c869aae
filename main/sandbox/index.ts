import { PlatformProfileSchema, type PlatformProfile } from '../../shared/config/platform-profile';
import { StoreConfigSchema, type StoreConfig } from '../../shared/config/store-config';
import type { Scenario } from '../../shared/sandbox/scenarios';
import { createCashierHandler } from './cashier-server';
import { createSandboxPki, sandboxPkiFor } from './certificates';
import { createGatewayHandler, GATEWAY_PATH } from './gateway-server';
import { BACK_OFFICE_PATH } from './back-office';
import { startHttpsServer, type HostedServer } from './https-host';
import { generateSandboxKeys, type SandboxKeys } from './sandbox-keys';
import type { SandboxContext } from './sandbox-context';
import { createScenarioState } from './scenario-state';
import type { DeviceReport } from './device-reports';
import { createStoreSite, type ReceivedNotification } from './store-site';
import { createSupportIntake, type SupportIntake } from './support-intake';

export {
  generateSandboxKeys,
  sandboxKeysFromText,
  sandboxKeysToText,
  SANDBOX_KEY_NAMES,
  type SandboxKeys,
} from './sandbox-keys';
export { writeSandboxFiles, MERCHANT_KEY_RELATIVE_PATH, type SandboxFiles } from './sandbox-files';
export type { SupportIntake, Ticket, TicketStatus, StoredUpload } from './support-intake';
export type { ReceivedNotification } from './store-site';
export type { DeviceReport } from './device-reports';
export { CONTROL_PATH, GATEWAY_PATH, SLOW_GATEWAY_DELAY_MS } from './gateway-server';
export { BACK_OFFICE_PATH } from './back-office';
export { CLOCK_SKEW_MS } from './sandbox-context';

export interface SandboxPorts {
  gateway: number;
  cashier: number;
  support: number;
  store: number;
}

export interface SandboxOptions {
  scenario?: Scenario;
  /** Loopback only: '127.0.0.1' (default) or '::1'. */
  host?: '127.0.0.1' | '::1';
  /** 0 (the default) picks a free port. */
  ports?: Partial<SandboxPorts>;
  /** Keys kept from an earlier run (the app's demo); by default seven new ones are generated. */
  keys?: SandboxKeys;
  /** Called with errors inside the sandbox's own handlers (a bug, not a scenario). Default: console.error. */
  onInternalError?: (error: unknown) => void;
}

export interface Sandbox {
  /** platform.json for this run: URLs on loopback, this run's platform key and CA. */
  readonly profile: PlatformProfile;
  /** The demo store's store.json, with merchantPrivateKey as the PEM string. */
  readonly store: StoreConfig;
  readonly merchantPrivateKeyPem: string;
  readonly scenario: Scenario;
  setScenario(name: Scenario): void;
  readonly intake: SupportIntake;
  /** The demo store site's received notifications (notify.test). */
  readonly storeNotifications: readonly ReceivedNotification[];
  /** The devices that opened a cashier page, oldest first: what each page saw (proves device emulation). */
  deviceReports(): readonly DeviceReport[];
  readonly origins: { gateway: string; cashier: string; support: string; store: string };
  /** 沙箱商家后台: where the demo merchant registers its application public key (HTTPS, loopback). */
  readonly backOfficeUrl: string;
  close(): Promise<void>;
}

export { SANDBOX_MERCHANT } from './merchant';
import { SANDBOX_MERCHANT } from './merchant';
const SUPPORT_API_PATH = '/api/v1';
/**
 * The sandbox platform's cashier budget. 5 s, not 3: with 3 s the healthy cashier was judged CASHIER_TIMEOUT
 * in about one full test run in three on a loaded 2-core machine (two Chromiums and two test processes), and a
 * first-time user on a slow PC would see the demo's 「一切正常」 fail the same way. Real platforms give more (8 s).
 * The slow faults (cashier-slow, h5-heavy) scale with it.
 */
const SANDBOX_CASHIER_READY_BUDGET_MS = 5000;
const CLOCK_SKEW_TOLERANCE_SECONDS = 300;

/**
 * Starts the sandbox platform in-process: gateway, cashier, support intake and the demo store's own site,
 * each an HTTPS server on loopback with this run's CA, platform key and merchant key.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== '::1') throw new Error('the sandbox listens on loopback only');
  // New keys make a new PKI; kept keys get the certificates made for them last (sandboxPkiFor says why).
  const keys = options.keys ?? (await generateSandboxKeys());
  const pki = options.keys ? await sandboxPkiFor(options.keys) : await createSandboxPki(new Date(), keys);
  const platformKeys = keys.platform;
  const impostorPlatformKeys = keys.impostorPlatform;
  const merchantKeys = keys.merchant;
  const impostorMerchantKeys = keys.impostorMerchant;
  const closing = new AbortController();
  const ctx: SandboxContext = {
    scenario: createScenarioState(options.scenario ?? 'healthy'),
    pki,
    merchant: {
      ...SANDBOX_MERCHANT,
      keys: merchantKeys,
      impostorKeys: impostorMerchantKeys,
      registeredByMerchant: null,
    },
    platformKeys,
    impostorPlatformKeys,
    // Filled in below once the servers have their ports; no request can arrive before that.
    urls: {
      gatewayOrigin: '',
      gatewayUrl: '',
      cashierOrigin: '',
      supportOrigin: '',
      supportApiUrl: '',
      storeOrigin: '',
    },
    sessions: new Map(),
    deviceReports: new Map(),
    clockSkewToleranceSeconds: CLOCK_SKEW_TOLERANCE_SECONDS,
    cashierReadyBudgetMs: SANDBOX_CASHIER_READY_BUDGET_MS,
    closing: closing.signal,
    onError: options.onInternalError ?? ((error) => console.error('[sandbox]', error)),
  };
  const intake = createSupportIntake(ctx, SUPPORT_API_PATH);
  const storeSite = createStoreSite(ctx);
  const ports = { gateway: 0, cashier: 0, support: 0, store: 0, ...options.ports };

  const servers: HostedServer[] = [];
  const serve = async (port: number, handler: Parameters<typeof startHttpsServer>[0]['handler']) => {
    const server = await startHttpsServer({
      host,
      port,
      certificate: pki.leaf,
      handler,
      onError: ctx.onError,
    });
    servers.push(server);
    return server;
  };
  try {
    const gateway = await serve(ports.gateway, createGatewayHandler(ctx));
    const cashier = await serve(ports.cashier, createCashierHandler(ctx));
    const support = await serve(ports.support, (req, res) => intake.handler(req, res));
    const store = await serve(ports.store, storeSite.handler);
    Object.assign(ctx.urls, {
      gatewayOrigin: gateway.origin,
      gatewayUrl: `${gateway.origin}${GATEWAY_PATH}`,
      cashierOrigin: cashier.origin,
      supportOrigin: support.origin,
      supportApiUrl: `${support.origin}${SUPPORT_API_PATH}`,
      storeOrigin: store.origin,
    });
    // expired-tls is the cashier host's certificate having lapsed; the other hosts keep theirs.
    const applyCertificate = (): void =>
      cashier.useCertificate(ctx.scenario.current === 'expired-tls' ? pki.expiredLeaf : pki.leaf);
    if (ctx.scenario.current === 'expired-tls') applyCertificate();
    ctx.scenario.onChange((next, previous) => {
      if (next === 'expired-tls' || previous === 'expired-tls') applyCertificate();
    });
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }

  const profile = PlatformProfileSchema.parse({
    profileVersion: 1,
    name: 'sandbox',
    gatewayUrl: ctx.urls.gatewayUrl,
    cashierOrigin: ctx.urls.cashierOrigin,
    supportApiUrl: ctx.urls.supportApiUrl,
    platformPublicKey: platformKeys.publicKeyPem,
    extraCaCertificates: [pki.caCertPem],
    clockSkewToleranceSeconds: CLOCK_SKEW_TOLERANCE_SECONDS,
    cashierReadyBudgetMs: SANDBOX_CASHIER_READY_BUDGET_MS,
  });
  const store = StoreConfigSchema.parse({
    configVersion: 1,
    environment: 'sandbox',
    merchantNo: SANDBOX_MERCHANT.merchantNo,
    appId: SANDBOX_MERCHANT.appId,
    storeName: SANDBOX_MERCHANT.storeName,
    storeUrl: ctx.urls.storeOrigin,
    signType: 'RSA2',
    merchantPrivateKey: merchantKeys.privateKeyPem,
    notifyUrl: `${ctx.urls.storeOrigin}/pay/notify`,
    returnUrl: `${ctx.urls.storeOrigin}/pay/return`,
    charset: 'UTF-8',
    baitiao: { enabled: true, installments: [3, 6, 12, 24], sellerPaysFee: false },
    testOrder: { amount: '199.00', subject: '诊断测试订单' },
  });

  let closed: Promise<void> | null = null;
  return {
    profile,
    store,
    merchantPrivateKeyPem: merchantKeys.privateKeyPem,
    get scenario() {
      return ctx.scenario.current;
    },
    setScenario(name) {
      ctx.scenario.set(name);
    },
    intake,
    storeNotifications: storeSite.notifications,
    deviceReports: () => [...ctx.deviceReports.values()],
    origins: {
      gateway: ctx.urls.gatewayOrigin,
      cashier: ctx.urls.cashierOrigin,
      support: ctx.urls.supportOrigin,
      store: ctx.urls.storeOrigin,
    },
    backOfficeUrl: `${ctx.urls.gatewayOrigin}${BACK_OFFICE_PATH}`,
    close() {
      closed ??= (async () => {
        closing.abort();
        await Promise.all(servers.map((s) => s.close()));
      })();
      return closed;
    },
  };
}
