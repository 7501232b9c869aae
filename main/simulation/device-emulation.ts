import { text } from '../../shared/i18n/localized-text';
import {
  DEVICE_PROFILES,
  NETWORK_PROFILES,
  type BuyerProfile,
  type DeviceProfile,
  type NetworkProfile,
} from '../../shared/simulation/device-profiles';
import type { DeviceSeen } from '../../shared/simulation/simulation-result';
import { SimulationUnavailableError, type CdpTransport } from './cdp-transport';
import { evaluate } from './page-actions';

/** A phone has up to 5 touch points in Chrome's device mode; a computer has none. */
const PHONE_TOUCH_POINTS = 5;
const ACCEPT_LANGUAGE = 'zh-CN,zh;q=0.9';

async function send(transport: CdpTransport, method: string, params: Record<string, unknown>) {
  try {
    await transport.send(method, params);
  } catch (error) {
    // A result that claims a phone but ran as something else would mislead: no run rather than a wrong one.
    throw new SimulationUnavailableError(
      text(
        '这个浏览器不能模拟所选的手机或网络，所以没法按这台设备来模拟支付。请换一个较新的 Chrome、Edge 或 Chromium。',
        'This browser cannot emulate the chosen phone or network, so the payment cannot be simulated as that device. Use a recent Chrome, Edge or Chromium.',
      ),
      `${method} refused: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

/**
 * The device, over CDP, before anything loads: the page lays out at the profile's viewport and scale,
 * sends and sees its User-Agent (the cashier routes phones on it, §4), and has touch or not. The same
 * commands in Playwright's Chromium and in Electron's engine, the one seam being the transport.
 */
export async function emulateDevice(transport: CdpTransport, device: DeviceProfile): Promise<void> {
  const { width, height } = device.viewport;
  await send(transport, 'Emulation.setDeviceMetricsOverride', {
    width,
    height,
    deviceScaleFactor: device.deviceScaleFactor,
    mobile: device.mobile,
    screenWidth: width,
    screenHeight: height,
  });
  await send(transport, 'Emulation.setUserAgentOverride', {
    userAgent: device.userAgent,
    acceptLanguage: ACCEPT_LANGUAGE,
    platform: device.platform,
  });
  await send(transport, 'Emulation.setTouchEmulationEnabled', {
    enabled: device.touch,
    ...(device.touch ? { maxTouchPoints: PHONE_TOUCH_POINTS } : {}),
  });
}

/**
 * The network, with DevTools' preset values (shared/simulation/device-profiles.ts). Needs the Network
 * domain enabled (the page recorder does that first). Broadband sends nothing: no throttling at all.
 */
export async function emulateNetwork(transport: CdpTransport, network: NetworkProfile): Promise<void> {
  if (network.devtoolsPreset === null) return;
  await send(transport, 'Network.emulateNetworkConditions', {
    offline: false,
    latency: network.latencyMs,
    downloadThroughput: network.downloadBytesPerSecond,
    uploadThroughput: network.uploadBytesPerSecond,
    connectionType: network.id === '3g' ? 'cellular3g' : 'cellular4g',
  });
}

/**
 * The whole buyer: the device first, then the network. Run after the page recorder enabled the Network
 * domain and before the first navigation.
 */
export async function emulateBuyer(transport: CdpTransport, buyer: BuyerProfile): Promise<void> {
  await emulateDevice(transport, DEVICE_PROFILES[buyer.device]);
  await emulateNetwork(transport, NETWORK_PROFILES[buyer.network]);
}

export const deviceProfileOf = (buyer: BuyerProfile): DeviceProfile => DEVICE_PROFILES[buyer.device];

/** Asked in the page: what it believes it runs on. Kept as evidence beside what was asked for. */
const DEVICE_SEEN_PROBE = `(() => ({
  userAgent: navigator.userAgent,
  width: window.innerWidth,
  height: window.innerHeight,
  devicePixelRatio: window.devicePixelRatio,
  maxTouchPoints: navigator.maxTouchPoints || 0,
  touchEvents: 'ontouchstart' in window,
}))()`;

export function deviceSeen(transport: CdpTransport): Promise<DeviceSeen | null> {
  return evaluate<DeviceSeen>(transport, DEVICE_SEEN_PROBE);
}
