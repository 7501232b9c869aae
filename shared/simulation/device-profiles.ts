import { z } from 'zod';
import { text, type LocalizedText } from '../i18n/localized-text';

/**
 * The buyer's device and network a simulated payment runs as: one data table each. The simulation applies
 * a device over CDP (Emulation.setDeviceMetricsOverride, setUserAgentOverride, setTouchEmulationEnabled)
 * and a network with Network.emulateNetworkConditions, in Playwright's Chromium and in Electron alike.
 */

export const DEVICE_IDS = ['pc', 'iphone-wechat', 'android-app', 'android-chrome'] as const;
export const DeviceIdSchema = z.enum(DEVICE_IDS);
export type DeviceId = z.infer<typeof DeviceIdSchema>;

export const NETWORK_IDS = ['broadband', '4g', 'slow-4g', '3g'] as const;
export const NetworkIdSchema = z.enum(NETWORK_IDS);
export type NetworkId = z.infer<typeof NetworkIdSchema>;

export interface DeviceProfile {
  id: DeviceId;
  /** What a shop owner calls it. */
  name: LocalizedText;
  /** Said in a verdict: 「手机上的买家」 / 「电脑上的买家」. */
  kind: 'phone' | 'computer';
  userAgent: string;
  /** navigator.platform and the Sec-CH-UA-Platform the page sees. */
  platform: string;
  /** CSS pixels the page lays out in (window.innerWidth × innerHeight). */
  viewport: { width: number; height: number };
  deviceScaleFactor: number;
  touch: boolean;
  /** Chrome's mobile emulation: meta viewport honoured, overlay scrollbars, text autosizing. */
  mobile: boolean;
}

/**
 * Viewports and scale factors are Playwright 1.65's device descriptors (playwright-core `devices`): "Desktop
 * Chrome" 1280×720 @1; "iPhone 13" 390×664 @3 (the Safari viewport; WeChat's title bar takes about the same);
 * "Pixel 7" 412×839 @2.625. User agents are those browsers' own formats: WeChat's in-app browser on iOS adds
 * `MicroMessenger/… NetType/… Language/…` to WKWebView's; an Android app's WebView says `; wv)` and
 * `Version/4.0`; Chrome's reduced UA says only the major version. All three phones contain `Mobile`, which is
 * what protocol §4 routes on.
 */
export const DEVICE_PROFILES: Readonly<Record<DeviceId, DeviceProfile>> = {
  pc: {
    id: 'pc',
    name: text('电脑 Chrome', 'Chrome on a computer'),
    kind: 'computer',
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
    platform: 'Win32',
    viewport: { width: 1280, height: 720 },
    deviceScaleFactor: 1,
    touch: false,
    mobile: false,
  },
  'iphone-wechat': {
    id: 'iphone-wechat',
    name: text('iPhone 微信内置浏览器', 'WeChat’s browser on an iPhone'),
    kind: 'phone',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.50(0x1800323c) NetType/4G Language/zh_CN',
    platform: 'iPhone',
    viewport: { width: 390, height: 664 },
    deviceScaleFactor: 3,
    touch: true,
    mobile: true,
  },
  'android-app': {
    id: 'android-app',
    name: text('Android 平台 App 内页', 'A page inside the platform’s Android app'),
    kind: 'phone',
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 7 Build/UQ1A.240205.004; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/142.0.0.0 Mobile Safari/537.36',
    platform: 'Linux armv8l',
    viewport: { width: 412, height: 839 },
    deviceScaleFactor: 2.625,
    touch: true,
    mobile: true,
  },
  'android-chrome': {
    id: 'android-chrome',
    name: text('Android 手机 Chrome', 'Chrome on an Android phone'),
    kind: 'phone',
    userAgent:
      'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Mobile Safari/537.36',
    platform: 'Linux armv8l',
    viewport: { width: 412, height: 839 },
    deviceScaleFactor: 2.625,
    touch: true,
    mobile: true,
  },
};

export interface NetworkProfile {
  id: NetworkId;
  name: LocalizedText;
  /** The Chrome DevTools preset these values are, null for no throttling. */
  devtoolsPreset: string | null;
  /** Added to every request, milliseconds (CDP `latency`). */
  latencyMs: number;
  /** Bytes per second (CDP `downloadThroughput` / `uploadThroughput`); -1 is no limit. */
  downloadBytesPerSecond: number;
  uploadBytesPerSecond: number;
}

/**
 * Chrome DevTools' own presets, from devtools-frontend `front_end/core/sdk/NetworkManager.ts`
 * (NoThrottlingConditions, Fast4GConditions, Slow4GConditions, Slow3GConditions — the last titled "3G"):
 * Fast 4G 9 Mbps × 0.9 down, 1.5 Mbps × 0.9 up, 60 ms × 2.75 latency; Slow 4G (formerly "Fast 3G")
 * 1.6 Mbps × 0.9 down, 750 kbps × 0.9 up, 150 ms × 3.75; 3G 500 kbps × 0.8 both ways, 400 ms × 5.
 */
export const NETWORK_PROFILES: Readonly<Record<NetworkId, NetworkProfile>> = {
  broadband: {
    id: 'broadband',
    name: text('宽带', 'Broadband'),
    devtoolsPreset: null,
    latencyMs: 0,
    downloadBytesPerSecond: -1,
    uploadBytesPerSecond: -1,
  },
  '4g': {
    id: '4g',
    name: text('4G', '4G'),
    devtoolsPreset: 'Fast 4G',
    latencyMs: 60 * 2.75,
    downloadBytesPerSecond: ((9 * 1000 * 1000) / 8) * 0.9,
    uploadBytesPerSecond: ((1.5 * 1000 * 1000) / 8) * 0.9,
  },
  'slow-4g': {
    id: 'slow-4g',
    name: text('弱 4G', 'Weak 4G'),
    devtoolsPreset: 'Slow 4G',
    latencyMs: 150 * 3.75,
    downloadBytesPerSecond: ((1.6 * 1000 * 1000) / 8) * 0.9,
    uploadBytesPerSecond: ((750 * 1000) / 8) * 0.9,
  },
  '3g': {
    id: '3g',
    name: text('3G', '3G'),
    devtoolsPreset: '3G',
    latencyMs: 400 * 5,
    downloadBytesPerSecond: ((500 * 1000) / 8) * 0.8,
    uploadBytesPerSecond: ((500 * 1000) / 8) * 0.8,
  },
};

/** A simulation's buyer: the device and the network it runs as. */
export const BuyerProfileSchema = z.object({ device: DeviceIdSchema, network: NetworkIdSchema });
export type BuyerProfile = z.infer<typeof BuyerProfileSchema>;

/** Today's buyer, and every run that does not say otherwise. */
export const DESKTOP_BUYER: BuyerProfile = { device: 'pc', network: 'broadband' };
/** The phone a diagnosis adds by default: WeChat's in-app browser, where most shop links are opened. */
export const DEFAULT_PHONE_BUYER: BuyerProfile = { device: 'iphone-wechat', network: 'broadband' };
/** A default diagnosis, phone first (its outcome leads when both fail). */
export const DEFAULT_DIAGNOSIS_BUYERS: readonly BuyerProfile[] = [DEFAULT_PHONE_BUYER, DESKTOP_BUYER];

export const isThrottled = (network: NetworkId): boolean => NETWORK_PROFILES[network].devtoolsPreset !== null;
