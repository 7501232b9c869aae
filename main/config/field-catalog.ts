import { formatJsonPath } from './json-path';

/**
 * What each field is called for a shop owner and what a good value looks like. Schema messages are
 * built from this, so a wrong merchantNo reads «商户号应为 8 到 20 位数字», not "Invalid string".
 */

export interface FieldInfo {
  zh: string;
  en: string;
  expectZh: string;
  expectEn: string;
}

export type FieldCatalog = Readonly<Record<string, FieldInfo>>;

const field = (zh: string, en: string, expectZh: string, expectEn: string): FieldInfo => ({
  zh,
  en,
  expectZh,
  expectEn,
});

const ROOT = field(
  '整个文件',
  'the whole file',
  '一个以 { 开头、以 } 结尾的对象',
  'an object that starts with { and ends with }',
);

const HTTPS_URL_ZH = '以 https:// 开头的完整网址';
const HTTPS_URL_EN = 'a full address starting with https://';

export const STORE_FIELDS: FieldCatalog = {
  '': ROOT,
  configVersion: field(
    '配置版本（configVersion）',
    'config version (configVersion)',
    '数字 1',
    'the number 1',
  ),
  environment: field(
    '环境（environment）',
    'environment (environment)',
    '"production"（正式）或 "sandbox"（测试）',
    '"production" or "sandbox"',
  ),
  merchantNo: field(
    '商户号（merchantNo）',
    'merchant number (merchantNo)',
    '8 到 20 位数字，并加英文双引号，例如 "2088123456789012"',
    '8 to 20 digits in double quotes, for example "2088123456789012"',
  ),
  appId: field(
    '应用 ID（appId）',
    'app ID (appId)',
    '16 到 32 位英文字母或数字，例如 "BT2021000123456789"',
    '16 to 32 letters or digits, for example "BT2021000123456789"',
  ),
  storeName: field(
    '店铺名称（storeName）',
    'store name (storeName)',
    '1 到 128 个字的文字',
    'text of 1 to 128 characters',
  ),
  storeUrl: field(
    '店铺网址（storeUrl）',
    'store address (storeUrl)',
    '网址文字，例如 "https://shop.example.cn"',
    'an address as text, for example "https://shop.example.cn"',
  ),
  signType: field('签名方式（signType）', 'signature type (signType)', '"RSA2"', '"RSA2"'),
  merchantPrivateKey: field(
    '商户私钥（merchantPrivateKey）',
    'merchant private key (merchantPrivateKey)',
    'PEM 格式的私钥文字，或 { "file": "私钥文件路径" }',
    'the private key as PEM text, or { "file": "path to the key file" }',
  ),
  'merchantPrivateKey.file': field(
    '私钥文件路径（merchantPrivateKey.file）',
    'key file path (merchantPrivateKey.file)',
    '文字，例如 "keys/merchant_private.pem"（相对于 store.json 所在的文件夹）',
    'text, for example "keys/merchant_private.pem" (relative to the folder of store.json)',
  ),
  notifyUrl: field(
    '付款结果通知地址（notifyUrl）',
    'notify address (notifyUrl)',
    '网址文字，例如 "https://shop.example.cn/pay/notify"',
    'an address as text, for example "https://shop.example.cn/pay/notify"',
  ),
  returnUrl: field(
    '付款后返回的地址（returnUrl）',
    'return address (returnUrl)',
    '网址文字，例如 "https://shop.example.cn/pay/return"',
    'an address as text, for example "https://shop.example.cn/pay/return"',
  ),
  charset: field('字符集（charset）', 'character set (charset)', '"UTF-8"', '"UTF-8"'),
  baitiao: field(
    '白条设置（baitiao）',
    'Baitiao settings (baitiao)',
    '{ "enabled": true, "installments": [3, 6, 12, 24] } 这样的对象',
    'an object like { "enabled": true, "installments": [3, 6, 12, 24] }',
  ),
  'baitiao.enabled': field(
    '是否开通白条（baitiao.enabled）',
    'Baitiao enabled (baitiao.enabled)',
    'true 或 false（不加引号）',
    'true or false (no quotes)',
  ),
  'baitiao.installments': field(
    '分期期数（baitiao.installments）',
    'installments (baitiao.installments)',
    '至少有一项的期数列表，例如 [3, 6, 12, 24]',
    'a list with at least one installment count, for example [3, 6, 12, 24]',
  ),
  'baitiao.installments[]': field(
    '分期期数中的一项（baitiao.installments）',
    'an installment count (baitiao.installments)',
    '正整数，不加引号，例如 3、6、12、24',
    'a whole number above zero, without quotes, such as 3, 6, 12 or 24',
  ),
  'baitiao.sellerPaysFee': field(
    '商家承担手续费（baitiao.sellerPaysFee）',
    'seller pays the fee (baitiao.sellerPaysFee)',
    'true 或 false（不加引号）',
    'true or false (no quotes)',
  ),
  testOrder: field(
    '测试订单（testOrder）',
    'test order (testOrder)',
    '{ "amount": "199.00", "subject": "诊断测试订单" } 这样的对象',
    'an object like { "amount": "199.00", "subject": "Diagnostic test order" }',
  ),
  'testOrder.amount': field(
    '测试金额（testOrder.amount）',
    'test amount (testOrder.amount)',
    '以元为单位、最多两位小数、加英文双引号的金额，例如 "199.00"',
    'an amount in yuan with at most 2 decimals, in double quotes, for example "199.00"',
  ),
  'testOrder.subject': field(
    '测试订单标题（testOrder.subject）',
    'test order title (testOrder.subject)',
    '1 到 256 个字的文字',
    'text of 1 to 256 characters',
  ),
};

export const PROFILE_FIELDS: FieldCatalog = {
  '': ROOT,
  profileVersion: field(
    '配置版本（profileVersion）',
    'profile version (profileVersion)',
    '数字 1',
    'the number 1',
  ),
  name: field('配置名称（name）', 'profile name (name)', '1 到 64 个字的文字', 'text of 1 to 64 characters'),
  gatewayUrl: field('网关地址（gatewayUrl）', 'gateway address (gatewayUrl)', HTTPS_URL_ZH, HTTPS_URL_EN),
  cashierOrigin: field(
    '收银台地址（cashierOrigin）',
    'cashier address (cashierOrigin)',
    HTTPS_URL_ZH,
    HTTPS_URL_EN,
  ),
  supportApiUrl: field(
    '客服工单接口地址（supportApiUrl）',
    'support API address (supportApiUrl)',
    HTTPS_URL_ZH,
    HTTPS_URL_EN,
  ),
  platformPublicKey: field(
    '平台公钥（platformPublicKey）',
    'platform public key (platformPublicKey)',
    '以 -----BEGIN PUBLIC KEY----- 开头的 PEM 文字',
    'PEM text starting with -----BEGIN PUBLIC KEY-----',
  ),
  extraCaCertificates: field(
    '额外信任的根证书（extraCaCertificates）',
    'extra trusted root certificates (extraCaCertificates)',
    '证书列表 [ ]，每一项以 -----BEGIN CERTIFICATE----- 开头',
    'a list [ ] of certificates, each starting with -----BEGIN CERTIFICATE-----',
  ),
  'extraCaCertificates[]': field(
    '额外信任的根证书中的一项（extraCaCertificates）',
    'an extra trusted root certificate (extraCaCertificates)',
    '以 -----BEGIN CERTIFICATE----- 开头的 PEM 文字',
    'PEM text starting with -----BEGIN CERTIFICATE-----',
  ),
  clockSkewToleranceSeconds: field(
    '允许的时钟误差（clockSkewToleranceSeconds）',
    'clock skew tolerance (clockSkewToleranceSeconds)',
    '0 到 3600 之间的整数（秒）',
    'a whole number of seconds from 0 to 3600',
  ),
  cashierReadyBudgetMs: field(
    '收银台加载时限（cashierReadyBudgetMs）',
    'cashier load budget (cashierReadyBudgetMs)',
    '500 到 120000 之间的整数（毫秒）',
    'a whole number of milliseconds from 500 to 120000',
  ),
};

/** `baitiao.installments[]` for [baitiao, installments, 1]: the catalog key of a path. */
export function fieldPattern(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += '[]';
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function describeField(catalog: FieldCatalog, segments: readonly PropertyKey[]): FieldInfo {
  const pattern = fieldPattern(segments);
  // hasOwn: a field named "constructor" must not find Object.prototype.constructor.
  const known = Object.hasOwn(catalog, pattern) ? catalog[pattern] : undefined;
  if (known) return known;
  const path = formatJsonPath(segments);
  return field(`字段 ${path}`, `field ${path}`, '正确的值', 'a valid value');
}
