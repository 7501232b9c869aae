import { text, type LocalizedText } from '../i18n/localized-text';
import type { OutcomeCode } from '../protocol/outcome-codes';
import {
  DESKTOP_BUYER,
  DEVICE_PROFILES,
  NETWORK_PROFILES,
  isThrottled,
  type BuyerProfile,
} from './device-profiles';
import type { SimulationResult } from './simulation-result';

/** The buyer a run simulated; runs from before device profiles were the desktop buyer on broadband. */
export const buyerOf = (run: Pick<SimulationResult, 'buyer'>): BuyerProfile =>
  run.buyer ? { device: run.buyer.device, network: run.buyer.network } : DESKTOP_BUYER;

export const sameBuyer = (a: BuyerProfile, b: BuyerProfile): boolean =>
  a.device === b.device && a.network === b.network;

export const isPhone = (buyer: BuyerProfile): boolean => DEVICE_PROFILES[buyer.device].kind === 'phone';

/** 「iPhone 微信内置浏览器」, or 「iPhone 微信内置浏览器（弱 4G）」 when the network was emulated. */
export function buyerName(buyer: BuyerProfile): LocalizedText {
  const device = DEVICE_PROFILES[buyer.device].name;
  if (!isThrottled(buyer.network)) return device;
  const network = NETWORK_PROFILES[buyer.network].name;
  return text(`${device['zh-CN']}（${network['zh-CN']}）`, `${device['en-US']} (${network['en-US']})`);
}

/** 「手机上的买家」 / 「电脑上的买家」, with the network when it was emulated. */
export function buyersOn(kind: 'phone' | 'computer', network: BuyerProfile['network']): LocalizedText {
  const where = kind === 'phone' ? text('手机', 'phones') : text('电脑', 'computers');
  if (!isThrottled(network)) {
    return text(`${where['zh-CN']}上的买家`, `Buyers on ${where['en-US']}`);
  }
  const net = NETWORK_PROFILES[network].name;
  return text(
    `${where['zh-CN']}上的买家（${net['zh-CN']} 网络）`,
    `Buyers on ${where['en-US']} over ${net['en-US']}`,
  );
}

/** What a buyer on one device lives through, said after 「手机上的买家」: 「打不开收银台」. */
const DEVICE_FAILURE: Partial<Record<OutcomeCode, LocalizedText>> = {
  CASHIER_UNREACHABLE: text('打不开收银台', 'cannot open the cashier'),
  TLS_ERROR: text('打不开收银台', 'cannot open the cashier'),
  REDIRECT_LOOP: text('打不开收银台', 'cannot open the cashier'),
  INSECURE_REDIRECT: text('打不开收银台', 'cannot open the cashier'),
  CASHIER_TIMEOUT: text('等不到收银台打开', 'wait for a cashier that never finishes loading'),
  CASHIER_ERROR_PAGE: text('在收银台看到「支付失败，请稍后再试」', 'see 支付失败，请稍后再试 at the cashier'),
  RISK_REJECTED: text('在收银台看到「支付失败，请稍后再试」', 'see 支付失败，请稍后再试 at the cashier'),
  BLANK_PAGE: text('看到一片空白的收银台', 'see a blank cashier'),
  GARBLED_PAGE: text('看到乱码的收银台', 'see a garbled cashier'),
  RETURN_URL_BROKEN: text('付款后回不到店铺', 'cannot get back to the shop after paying'),
};
const CANNOT_PAY = text('没法用白条付款', 'cannot pay with Baitiao');

/**
 * 「手机上的买家打不开收银台，电脑上正常」: the headline when one kind of device fails and the other works.
 */
export function deviceSplitHeadline(
  failing: 'phone' | 'computer',
  network: BuyerProfile['network'],
  outcome: OutcomeCode,
): LocalizedText {
  const who = buyersOn(failing, network);
  const what = DEVICE_FAILURE[outcome] ?? CANNOT_PAY;
  const fine =
    failing === 'phone'
      ? text('电脑上正常', 'on computers it works')
      : text('手机上正常', 'on phones it works');
  return text(
    `${who['zh-CN']}${what['zh-CN']}，${fine['zh-CN']}`,
    `${who['en-US']} ${what['en-US']}; ${fine['en-US']}`,
  );
}
