import { arch, platform, release } from 'node:os';
import type { PlatformProfile } from '../../shared/config/platform-profile';
import { STORE_CONFIG_KNOWN_FIELDS, type CheckedStoreConfig } from '../../shared/config/store-config';
import type { ReportApp } from '../../shared/report/report-schema';
import { APP_IDENTITY } from '../model/app-identity';

/** report.app for this process. */
export function reportApp(locale: string): ReportApp {
  return {
    name: APP_IDENTITY.name,
    version: APP_IDENTITY.version,
    os: `${platform()} ${release()}`,
    arch: arch(),
    locale,
  };
}

export interface EnvironmentFacts {
  locale: string;
  /** "node 24.1.0", "electron 45.0.0". */
  runtime: string;
  /** The store as checked: never the private key (CheckedStoreConfig has none). */
  store?: CheckedStoreConfig | null;
  profile?: Pick<
    PlatformProfile,
    'name' | 'gatewayUrl' | 'cashierOrigin' | 'supportApiUrl' | 'extraCaCertificates'
  > | null;
  now?: Date;
}

const KNOWN_BAITIAO = new Set(['enabled', 'installments', 'sellerPaysFee']);
const KNOWN_TEST_ORDER = new Set(['amount', 'subject']);

/** Names (never values) of store.json fields the protocol does not define, as `baitiao.x`, `testOrder.y`. */
function unknownFields(store: CheckedStoreConfig): string[] {
  const known = new Set([...STORE_CONFIG_KNOWN_FIELDS, 'merchantPrivateKey']);
  const names = Object.keys(store).filter((k) => !known.has(k));
  for (const k of Object.keys(store.baitiao)) if (!KNOWN_BAITIAO.has(k)) names.push(`baitiao.${k}`);
  for (const k of Object.keys(store.testOrder)) if (!KNOWN_TEST_ORDER.has(k)) names.push(`testOrder.${k}`);
  return names.slice(0, 50);
}

/**
 * report.environment: the machine, the clock and the store's configuration as support staff need them
 * to reproduce a fault. The store's URLs may carry tokens and its name a phone number; the redaction
 * engine sees all of it before anything is written.
 */
export function collectEnvironment(facts: EnvironmentFacts): Record<string, unknown> {
  const now = facts.now ?? new Date();
  const store = facts.store;
  return {
    os: platform(),
    os_release: release(),
    arch: arch(),
    locale: facts.locale,
    time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    utc_offset_minutes: -now.getTimezoneOffset(),
    clock_utc: now.toISOString(),
    runtime: facts.runtime,
    store: store
      ? {
          environment: store.environment,
          merchant_no: store.merchantNo,
          app_id: store.appId,
          store_name: store.storeName,
          store_url: store.storeUrl,
          notify_url: store.notifyUrl,
          return_url: store.returnUrl,
          charset: store.charset,
          sign_type: store.signType,
          // Only the fields the protocol defines: a store.json may carry anything else (an app secret
          // a merchant parked there), and what we do not know we do not send. Unknown names are listed.
          baitiao: {
            enabled: store.baitiao.enabled,
            installments: store.baitiao.installments,
            seller_pays_fee: store.baitiao.sellerPaysFee,
          },
          test_order: { amount: store.testOrder.amount, subject: store.testOrder.subject },
          unknown_fields: unknownFields(store),
        }
      : null,
    platform: facts.profile
      ? {
          name: facts.profile.name,
          gateway_url: facts.profile.gatewayUrl,
          cashier_origin: facts.profile.cashierOrigin,
          support_api_url: facts.profile.supportApiUrl,
          extra_ca_count: facts.profile.extraCaCertificates.length,
        }
      : null,
  };
}
