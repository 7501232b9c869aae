import { text, type LocalizedText } from '../i18n/localized-text';
import type { CheckGroup } from './check-result';

/**
 * The checks of ../shared/checklist-catalog.md, with their stable IDs. Reports, bundles and support
 * staff refer to these IDs; titles are what the checklist screen shows before a run.
 */
export const CHECK_CATALOG = [
  { id: 'cfg.schema', group: 'cfg', title: text('配置文件格式', 'Configuration file format') },
  {
    id: 'cfg.environment',
    group: 'cfg',
    title: text('环境一致（沙箱/正式）', 'Environment is consistent (sandbox/production)'),
  },
  {
    id: 'cfg.urls',
    group: 'cfg',
    title: text('付款结果通知地址和付款后返回的地址', 'Payment notification and return addresses'),
  },
  {
    id: 'cfg.urls-public',
    group: 'cfg',
    title: text('地址可从公网访问', 'URLs reachable from the internet'),
  },
  { id: 'cfg.charset', group: 'cfg', title: text('字符集为 UTF-8', 'Charset is UTF-8') },
  { id: 'cfg.baitiao', group: 'cfg', title: text('白条设置', 'Baitiao settings') },
  { id: 'key.parse', group: 'key', title: text('商户私钥可读取', 'Merchant private key is readable') },
  { id: 'key.strength', group: 'key', title: text('私钥强度', 'Private key strength') },
  { id: 'key.file-permissions', group: 'key', title: text('私钥文件的保管', 'How the key file is kept') },
  {
    id: 'key.matches-platform',
    group: 'key',
    title: text('私钥与平台登记的公钥匹配', 'Key matches the one registered with the platform'),
  },
  {
    id: 'key.sign-roundtrip',
    group: 'key',
    title: text('签名被平台接受', 'Signature accepted by the platform'),
  },
  {
    id: 'key.platform-response',
    group: 'key',
    title: text('平台应答签名有效', 'Platform responses are genuinely signed'),
  },
  { id: 'platform.health', group: 'platform', title: text('平台运行状态', 'Platform status') },
  {
    id: 'platform.baitiao-contract',
    group: 'platform',
    title: text('白条签约状态', 'Baitiao contract status'),
  },
  { id: 'platform.authorized-domains', group: 'platform', title: text('授权域名', 'Authorized domains') },
  {
    id: 'platform.installments',
    group: 'platform',
    title: text('分期数和金额范围', 'Installments and amount range'),
  },
  {
    id: 'platform.notify-reachable',
    group: 'platform',
    title: text('平台能通知到店铺', 'Platform can reach the notify URL'),
  },
  { id: 'net.dns', group: 'net', title: text('域名解析', 'Name lookup (DNS)') },
  { id: 'net.connect', group: 'net', title: text('网络连接', 'Network connection') },
  { id: 'tls.handshake', group: 'tls', title: text('安全连接（TLS）', 'Secure connection (TLS)') },
  { id: 'tls.expiry', group: 'tls', title: text('证书有效期', 'Certificate expiry') },
  {
    id: 'tls.interception',
    group: 'tls',
    title: text('安全连接未被拦截', 'Secure connection not intercepted'),
  },
  { id: 'net.latency', group: 'net', title: text('网络速度', 'Network speed') },
  {
    id: 'tls.mixed-content',
    group: 'tls',
    title: text('页面不含不安全内容', 'No insecure content on pages'),
  },
  { id: 'page.redirect-chain', group: 'page', title: text('跳转链路', 'Redirect chain') },
  { id: 'page.cashier-ready', group: 'page', title: text('收银台按时打开', 'Cashier opens in time') },
  { id: 'page.visible-content', group: 'page', title: text('页面有内容', 'Page shows content') },
  { id: 'page.charset', group: 'page', title: text('页面文字不乱码', 'Page text is not garbled') },
  { id: 'page.console-errors', group: 'page', title: text('页面脚本无错误', 'No script errors on the page') },
  { id: 'page.return-leg', group: 'page', title: text('支付后能回到店铺', 'Way back to the store works') },
  { id: 'page.mobile', group: 'page', title: text('手机上也能付款', 'Phones can pay too') },
  { id: 'risk.status', group: 'risk', title: text('风控状态', 'Risk control status') },
  { id: 'risk.rate-limit', group: 'risk', title: text('调用频率限制', 'Call rate limit') },
  { id: 'local.clock', group: 'local', title: text('电脑时间准确', 'Computer clock is right') },
  { id: 'local.proxy', group: 'local', title: text('代理和 VPN', 'Proxy and VPN') },
  { id: 'local.hosts', group: 'local', title: text('hosts 文件', 'hosts file') },
  { id: 'local.environment', group: 'local', title: text('本机环境', 'This computer') },
] as const satisfies readonly { id: string; group: CheckGroup; title: LocalizedText }[];

export type CheckId = (typeof CHECK_CATALOG)[number]['id'];
export const CHECK_IDS = CHECK_CATALOG.map((c) => c.id) as CheckId[];
export const catalogEntry = (id: CheckId) => CHECK_CATALOG.find((c) => c.id === id)!;
