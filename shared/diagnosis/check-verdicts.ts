import { text, type LocalizedText } from '../i18n/localized-text';
import type { ResponsibleSide } from '../simulation/outcome-explanations';

/**
 * What a verdict says when a failing (or warning) check leads it: whose side it is on, why that side,
 * and the one thing to do first. One row per check of ../shared/checklist-catalog.md, written together
 * so that the side, its note and the action never contradict one another (a test walks every row).
 * The check's own summary, with its specifics (which host, how many seconds), is the verdict's headline.
 */
export interface CheckVerdict {
  side: Exclude<ResponsibleSide, 'none'>;
  sideNote: LocalizedText;
  firstAction: LocalizedText;
}

const row = (side: CheckVerdict['side'], sideNote: LocalizedText, firstAction: LocalizedText) => ({
  side,
  sideNote,
  firstAction,
});

const STORE_SETTINGS = text(
  '这是店铺自己的支付设置，由你或店铺的技术人员在商家后台改。',
  'These are the shop’s own payment settings: you or the shop’s technician change them in the merchant back office.',
);
const STORE_KEY = text(
  '商户私钥是店铺自己保管的，由店铺来换或重新登记。',
  'The merchant private key is the shop’s own: the shop replaces or re-registers it.',
);
const PLATFORM_ONLY = text(
  '只有平台能处理，改店铺的配置和密钥没有用。',
  'Only the platform can deal with it; changing the shop’s settings or key will not help.',
);
const THIS_COMPUTER = text(
  '和这台电脑或它连接的网络有关，不是店铺配置的问题。',
  'It is about this computer or the network it is on, not the shop’s settings.',
);
const CASHIER_PAGE = text(
  '收银台是平台的网页，店铺的设置不用改。',
  'The cashier is the platform’s page; the shop’s settings need no change.',
);
const SEND_BUNDLE = text(
  '请导出诊断包发给平台客服，里面有截图和每一步的记录；店铺的设置不用改。',
  'Export the diagnostic bundle for platform support: it holds screenshots and every step; the shop’s settings need no change.',
);

export const CHECK_VERDICTS: Readonly<Record<string, CheckVerdict>> = {
  'cfg.schema': row(
    'store',
    STORE_SETTINGS,
    text(
      '请在商家后台重新导出店铺配置文件，或在「店铺设置」里改好标出的栏目。',
      'Export the store configuration again from the merchant back office, or fix the marked fields under Stores.',
    ),
  ),
  'cfg.environment': row(
    'store',
    STORE_SETTINGS,
    text(
      '请在商家后台导出和平台一致的环境（沙箱或正式）的店铺配置，并选对应的平台配置。',
      'Export the store configuration for the environment the platform has (sandbox or production) from the merchant back office, and pick the matching platform profile.',
    ),
  ),
  'cfg.urls': row(
    'store',
    STORE_SETTINGS,
    text(
      '请在商家后台把付款结果通知地址和付款后返回的地址改成 https:// 开头、不带参数的完整网址。',
      'In the merchant back office, make the payment notification and return addresses full https:// addresses with no parameters.',
    ),
  ),
  'cfg.urls-public': row(
    'store',
    STORE_SETTINGS,
    text(
      '请在商家后台把地址换成店铺的公网域名（例如 shop.example.cn）。',
      'In the merchant back office, switch the addresses to the shop’s public domain (e.g. shop.example.cn).',
    ),
  ),
  'cfg.charset': row(
    'store',
    STORE_SETTINGS,
    text('请在商家后台把字符集改为 UTF-8。', 'Set the charset to UTF-8 in the merchant back office.'),
  ),
  'cfg.baitiao': row(
    'store',
    STORE_SETTINGS,
    text(
      '请在商家后台开启白条，分期只选 3、6、12、24 期，测试金额至少 0.01 元。',
      'In the merchant back office, turn Baitiao on, choose only 3, 6, 12 or 24 installments, and a test amount of at least 0.01.',
    ),
  ),
  'key.parse': row(
    'store',
    STORE_KEY,
    text(
      '请在「店铺设置」里给这个店铺换上正确的商户私钥（以 -----BEGIN PRIVATE KEY----- 开头的那个文件）。',
      'Under Stores, give this store the right merchant private key (the file starting with -----BEGIN PRIVATE KEY-----).',
    ),
  ),
  'key.strength': row(
    'store',
    STORE_KEY,
    text(
      '请生成一把 2048 位的新密钥，把新公钥上传到商家后台，再在「店铺设置」里换上新私钥。',
      'Generate a new 2048-bit key, upload its public key in the merchant back office, then give the store the new private key under Stores.',
    ),
  ),
  'key.file-permissions': row(
    'store',
    STORE_KEY,
    text(
      '请把私钥文件移到只有你能打开的文件夹（不要放在网盘同步的文件夹里）。',
      'Move the key file to a folder only you can open (not one a cloud drive syncs).',
    ),
  ),
  'key.matches-platform': row(
    'store',
    STORE_KEY,
    text(
      '请确认用的是平台登记过的那把私钥；换过密钥的话，把新公钥上传到商家后台。',
      'Make sure the private key is the one registered with the platform; if you changed keys, upload the new public key in the merchant back office.',
    ),
  ),
  'key.sign-roundtrip': row(
    'store',
    STORE_KEY,
    text(
      '请在商家后台核对应用 ID 和商户号，并确认私钥是平台登记过的那一把。',
      'Check the app ID and merchant number in the merchant back office, and that the private key is the registered one.',
    ),
  ),
  'key.platform-response': row(
    'platform',
    text(
      '平台的应答没有通过平台签名核对：平台换了密钥，或者中间有设备改动了应答。',
      'The platform’s answers failed its signature check: the platform changed keys, or something in between altered them.',
    ),
    text(
      '请导出诊断包发给平台客服，并问他们要最新的平台配置；店铺的设置不用改。',
      'Export the diagnostic bundle for platform support and ask them for the latest platform profile; the shop’s settings need no change.',
    ),
  ),
  'platform.health': row(
    'platform',
    PLATFORM_ONLY,
    text(
      '请稍后再试，其间请让买家换用其他支付方式；持续 30 分钟以上请联系平台客服。',
      'Try again later and offer buyers another payment method meanwhile; contact platform support if it lasts over 30 minutes.',
    ),
  ),
  'platform.baitiao-contract': row(
    'platform',
    text(
      '白条由平台开通或恢复，改店铺的配置和密钥没有用。',
      'Only the platform enables or restores Baitiao; changing the shop’s settings or key will not help.',
    ),
    text(
      '请在商家后台查看白条签约状态，联系平台客户经理开通或恢复。',
      'Check the Baitiao contract in the merchant back office and ask your platform account manager to enable or restore it.',
    ),
  ),
  'platform.authorized-domains': row(
    'store',
    text(
      '授权域名由店铺在商家后台登记。',
      'The shop registers its authorized domains in the merchant back office.',
    ),
    text(
      '请在商家后台的「授权域名」里添加上面列出的域名（要完全一致）。',
      'Add the domains listed above under "Authorized domains" in the merchant back office (exactly as written).',
    ),
  ),
  'platform.installments': row(
    'store',
    text('分期期数和测试金额是店铺自己设置的。', 'The shop sets its own installments and test amount.'),
    text(
      '请在商家后台只保留平台提供的分期期数，测试金额放在平台允许的范围内。',
      'In the merchant back office keep only the installments the platform offers, and a test amount within its range.',
    ),
  ),
  'platform.notify-reachable': row(
    'store',
    text('付款结果通知地址是店铺自己的网站。', 'The payment notification address is the shop’s own website.'),
    text(
      '请让店铺网站的技术人员检查付款结果通知地址：平台要能打开它，并在 5 秒内收到 success。',
      'Ask the shop website’s technician to check the payment notification address: the platform must reach it and get "success" within 5 seconds.',
    ),
  ),
  'net.dns': row(
    'merchant-machine',
    THIS_COMPUTER,
    text(
      '请确认这台电脑能上网，换一个网络（例如手机热点）再试。',
      'Make sure this computer is online, and try another network (a phone hotspot, say).',
    ),
  ),
  'net.connect': row(
    'merchant-machine',
    THIS_COMPUTER,
    text(
      '请检查这台电脑的网络、防火墙和杀毒软件，或换一个网络再试。',
      'Check this computer’s network, firewall and antivirus, or try another network.',
    ),
  ),
  'net.latency': row(
    'merchant-machine',
    THIS_COMPUTER,
    text(
      '请换一个网络再测一次；换了网络还是慢，再把诊断包发给平台客服。',
      'Test again on another network; if it is still slow there, send the diagnostic bundle to platform support.',
    ),
  ),
  'tls.handshake': row(
    'merchant-machine',
    THIS_COMPUTER,
    text(
      '请确认这台电脑的时间正确，并暂时关掉会「扫描 HTTPS」的杀毒软件或公司代理再试。',
      'Make sure this computer’s clock is right, and briefly turn off antivirus or company proxies that "scan HTTPS", then retry.',
    ),
  ),
  'tls.expiry': row(
    'platform',
    text(
      '证书由它的主人续期，多数是平台的地址；改这台电脑没有用。',
      'A certificate is renewed by its owner, mostly the platform; changing this computer will not help.',
    ),
    text(
      '请把诊断包发给平台客服；如果过期的是店铺自己的网站，请让网站的技术人员续期证书。',
      'Send the diagnostic bundle to platform support; if the expired one is the shop’s own website, ask its technician to renew the certificate.',
    ),
  ),
  'tls.interception': row(
    'merchant-machine',
    THIS_COMPUTER,
    text(
      '请暂时关掉会「扫描 HTTPS」的杀毒软件或公司代理，再诊断一次。',
      'Briefly turn off antivirus or company proxies that "scan HTTPS", then diagnose again.',
    ),
  ),
  'tls.mixed-content': row(
    'store',
    text(
      '返回页和店铺页面是店铺自己的网站。',
      'The return page and the store page are the shop’s own website.',
    ),
    text(
      '请让店铺网站的技术人员把页面里 http:// 开头的脚本和表单地址改成 https://。',
      'Ask the shop website’s technician to change the page’s http:// scripts and form addresses to https://.',
    ),
  ),
  'page.redirect-chain': row('platform', CASHIER_PAGE, SEND_BUNDLE),
  'page.cashier-ready': row('platform', CASHIER_PAGE, SEND_BUNDLE),
  'page.visible-content': row('platform', CASHIER_PAGE, SEND_BUNDLE),
  'page.charset': row('platform', CASHIER_PAGE, SEND_BUNDLE),
  'page.console-errors': row('platform', CASHIER_PAGE, SEND_BUNDLE),
  'page.mobile': row('platform', CASHIER_PAGE, SEND_BUNDLE),
  'page.return-leg': row(
    'store',
    text('付款后返回的地址是店铺自己的网站。', 'The return address is the shop’s own website.'),
    text(
      '请让店铺网站的技术人员检查付款后返回的页面能打开、回答 200，改好后再诊断一次。',
      'Ask the shop website’s technician to check that the return page opens and answers 200, then diagnose again.',
    ),
  ),
  'risk.status': row(
    'platform',
    text(
      '风控由平台决定，这不是配置问题，改配置也没用。',
      'The platform decides risk control: not a configuration fault, and changing settings will not help.',
    ),
    text(
      '请等到限制结束后再试，其间请让买家使用其他支付方式；认为是误判时联系平台客服。',
      'Wait until the restriction ends and offer buyers another payment method meanwhile; contact platform support if you think it is a mistake.',
    ),
  ),
  'risk.rate-limit': row(
    'store',
    text(
      '调用太频繁的程序或插件在店铺这边。',
      'The program or plugin calling too often is on the shop’s side.',
    ),
    text(
      '过几分钟再试；一直这样的话，请让店铺的技术人员检查是否有程序或插件在不停地调用平台。',
      'Try again in a few minutes; if it keeps happening, ask the shop’s technician whether a program or plugin calls the platform non-stop.',
    ),
  ),
  'local.clock': row(
    'merchant-machine',
    THIS_COMPUTER,
    text(
      '请打开系统的「自动设置时间」，再诊断一次。',
      'Turn on "set time automatically" in the system settings, then diagnose again.',
    ),
  ),
  'local.proxy': row(
    'merchant-machine',
    THIS_COMPUTER,
    text('请先关掉代理或 VPN，再诊断一次。', 'Turn the proxy or VPN off, then diagnose again.'),
  ),
  'local.hosts': row(
    'merchant-machine',
    THIS_COMPUTER,
    text(
      '请用管理员身份打开这台电脑的 hosts 文件，删掉指向平台地址的那几行，再诊断一次。',
      'Open this computer’s hosts file as administrator, delete the lines for the platform’s hosts, then diagnose again.',
    ),
  ),
  'local.environment': row(
    'merchant-machine',
    THIS_COMPUTER,
    text('请清理磁盘，留出至少 200 MB 空间。', 'Free up at least 200 MB of disk space.'),
  ),
};

/** A check this table does not know yet (added to the catalog later) is read by its group. */
const BY_GROUP: Readonly<Record<string, CheckVerdict>> = {
  cfg: CHECK_VERDICTS['cfg.schema']!,
  key: CHECK_VERDICTS['key.parse']!,
  platform: CHECK_VERDICTS['platform.health']!,
  net: CHECK_VERDICTS['net.connect']!,
  tls: CHECK_VERDICTS['tls.handshake']!,
  page: CHECK_VERDICTS['page.cashier-ready']!,
  risk: CHECK_VERDICTS['risk.status']!,
  local: CHECK_VERDICTS['local.proxy']!,
};

export function checkVerdict(id: string): CheckVerdict {
  return (
    CHECK_VERDICTS[id] ??
    BY_GROUP[id.split('.')[0] ?? ''] ?? {
      side: 'platform',
      sideNote: PLATFORM_ONLY,
      firstAction: SEND_BUNDLE,
    }
  );
}
