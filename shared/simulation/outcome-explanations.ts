import { text, type LocalizedText } from '../i18n/localized-text';
import type { OutcomeCode } from '../protocol/outcome-codes';

/**
 * Whose side a simulated redirect's outcome is on, so a shop owner knows whom to call: their own shop
 * configuration or developer ('store'), the payment platform ('platform'), this computer or its network
 * ('merchant-machine'), or nobody ('none').
 */
export type ResponsibleSide = 'store' | 'platform' | 'merchant-machine' | 'none';

export interface OutcomeExplanation {
  /** What a buyer would have seen at this point. */
  buyerSaw: LocalizedText;
  /** What it means, in plain words. */
  meaning: LocalizedText;
  /** The next step for the shop owner. */
  whatToDo: LocalizedText;
  /** Why it is this side's to fix, in words that agree with whatToDo (a verdict shows them together). */
  sideNote: LocalizedText;
  side: ResponsibleSide;
}

const FAILED = text(
  '「支付失败，请稍后再试」',
  '"支付失败，请稍后再试" (payment failed, please try again later)',
);
const NEVER_LOADS = text('支付页面一直打不开', 'the payment page never opens');

/**
 * One plain-language explanation per outcome code of protocol §7, for the simulation screen, the report
 * and the CLI. Written for a shop owner, not an engineer: technical detail stays in the result's
 * outcomeDetail and evidence.
 */
export const OUTCOME_EXPLANATIONS: Readonly<Record<OutcomeCode, OutcomeExplanation>> = {
  REDIRECT_OK: {
    buyerSaw: text(
      '白条收银台正常打开，付款后能回到店铺。',
      'The Baitiao cashier opened, and the way back to the shop worked.',
    ),
    meaning: text(
      '整条白条支付跳转都正常：下单、收银台、返回店铺都通了。',
      'The whole Baitiao redirect works: creating the payment, the cashier, and the return to the shop.',
    ),
    whatToDo: text(
      '不需要处理。如果买家仍然反映问题，请用「多次运行」看看是不是偶尔出错，或者让买家换个网络再试。',
      'Nothing to fix. If buyers still report problems, use "run several times" to catch an intermittent fault, or ask the buyer to try another network.',
    ),
    sideNote: text('不需要谁来处理。', 'Nothing is wrong on any side.'),
    side: 'none',
  },
  GATEWAY_UNREACHABLE: {
    buyerSaw: NEVER_LOADS,
    meaning: text(
      '这台电脑连不上平台的支付接口：域名解析失败、连接被拒绝或被断开。',
      'This computer cannot reach the platform\u2019s payment API: the name did not resolve, or the connection was refused or reset.',
    ),
    whatToDo: text(
      '先检查这台电脑能不能上网、有没有开代理或 VPN、防火墙或杀毒软件有没有拦截；其他网站都正常的话，请联系平台客服确认接口地址和服务状态。',
      'Check that this computer is online and whether a proxy, VPN, firewall or antivirus blocks it; if other sites work, ask platform support to confirm the API address and that the service is up.',
    ),
    sideNote: text(
      '先查这台电脑和它的网络：连不上平台，多半是网络、代理或防火墙挡住了。',
      'Start with this computer and its network: not reaching the platform is mostly the network, a proxy or a firewall.',
    ),
    side: 'merchant-machine',
  },
  GATEWAY_TIMEOUT: {
    buyerSaw: NEVER_LOADS,
    meaning: text(
      '平台的支付接口没有在规定时间内回答。',
      'The platform\u2019s payment API did not answer in time.',
    ),
    whatToDo: text(
      '稍后再试一次；如果一直超时，请导出诊断包发给平台客服，里面有每一段网络耗时。',
      'Try again in a little while; if it keeps timing out, export a diagnostic bundle for platform support: it has the timing of every network step.',
    ),
    sideNote: text(
      '平台的支付接口没有按时回答，店铺的设置不用改。',
      'The platform\u2019s payment API did not answer in time; the shop\u2019s settings need no change.',
    ),
    side: 'platform',
  },
  GATEWAY_ERROR: {
    buyerSaw: FAILED,
    meaning: text(
      '平台的支付接口出错了（服务器错误、系统繁忙），或者回答的内容不是平台的正常应答（签名对不上，或被中间的设备替换）。',
      'The platform\u2019s payment API failed (a server error, or busy), or what came back was not a genuine platform answer (its signature did not verify, or something in between replaced it).',
    ),
    whatToDo: text(
      '这通常是平台那边的问题，店铺配置不用改。请稍后再试；持续出现时导出诊断包发给平台客服。',
      'This is usually on the platform\u2019s side; your shop settings need no change. Try again later; if it persists, export a diagnostic bundle for platform support.',
    ),
    sideNote: text(
      '平台的支付接口出错，店铺的设置不用改。',
      'The platform\u2019s payment API failed; the shop\u2019s settings need no change.',
    ),
    side: 'platform',
  },
  TLS_ERROR: {
    buyerSaw: text(
      '浏览器提示「连接不安全」或页面打不开',
      'a "connection is not private" warning, or a page that will not open',
    ),
    meaning: text(
      '安全连接（HTTPS 证书）有问题：证书过期、不受信任、和网址不符，或者协议太旧。',
      'The secure connection (the HTTPS certificate) failed: expired, not trusted, made out to another address, or an outdated protocol.',
    ),
    whatToDo: text(
      '先确认这台电脑的日期和时间是对的，并暂时关闭会「扫描 HTTPS」的杀毒软件或公司代理再试；仍然失败时，把诊断包发给证书所属的一方（平台或店铺网站的技术人员）。',
      'First make sure this computer\u2019s date and time are right, and briefly turn off antivirus or company proxies that "scan HTTPS", then retry; if it still fails, send the diagnostic bundle to whoever owns that certificate (the platform, or your shop website\u2019s technician).',
    ),
    sideNote: text(
      '安全证书由平台管理；这台电脑的时间或杀毒软件也可能让证书看起来不对。',
      'The platform manages its certificates; this computer\u2019s clock or antivirus can also make them look wrong.',
    ),
    side: 'platform',
  },
  SIGN_INVALID: {
    buyerSaw: FAILED,
    meaning: text(
      '平台不认这家店的签名：商户私钥和平台登记的公钥不是一对，或者应用 ID 填错了。',
      'The platform rejects the shop\u2019s signature: the merchant private key does not match the public key registered with the platform, or the App ID is wrong.',
    ),
    whatToDo: text(
      '请在商家后台核对应用 ID 和商户号，并确认用的是平台登记过的那把私钥；换过密钥的话，要把新公钥上传到平台。',
      'Check the App ID and merchant number in the merchant back office, and that the private key is the one registered with the platform; if you changed keys, upload the new public key to the platform.',
    ),
    sideNote: text(
      '签名用的是店铺自己的私钥和应用 ID，要由店铺来核对。',
      'Signing uses the shop\u2019s own private key and app ID: the shop checks them.',
    ),
    side: 'store',
  },
  CLOCK_SKEW: {
    buyerSaw: FAILED,
    meaning: text(
      '发起支付的电脑时间和平台相差太多（超过 5 分钟），平台拒绝了请求。',
      'The clock of the machine that creates the payment is too far from the platform\u2019s (over 5 minutes), so the platform refused it.',
    ),
    whatToDo: text(
      '打开系统的「自动设置时间」，或手动把时间和时区改对，然后再试。店铺服务器也要检查时间。',
      'Turn on "set time automatically" in the system settings, or fix the time and time zone by hand, then retry. Check the shop server\u2019s clock too.',
    ),
    sideNote: text(
      '这台电脑的时间不准，平台因此拒绝了请求。',
      'This computer\u2019s clock is off, so the platform refused the request.',
    ),
    side: 'merchant-machine',
  },
  NOT_ENABLED: {
    buyerSaw: FAILED,
    meaning: text(
      '这家店还没有开通白条支付，或者白条服务被暂停了。',
      'This shop has no Baitiao contract yet, or its Baitiao service is suspended.',
    ),
    whatToDo: text(
      '请在商家后台查看白条的签约状态，或联系平台的客户经理开通或恢复。',
      'Check the Baitiao contract status in the merchant back office, or ask your platform account manager to enable or restore it.',
    ),
    sideNote: text(
      '白条由平台开通或恢复，改店铺的配置和密钥没有用。',
      'Only the platform enables or restores Baitiao; changing the shop\u2019s settings or key will not help.',
    ),
    side: 'platform',
  },
  DOMAIN_NOT_AUTHORIZED: {
    buyerSaw: FAILED,
    meaning: text(
      '「付款后返回的地址」或「付款结果通知地址」所在的域名，没有在平台登记为授权域名。',
      'The domain of the return or notify address is not registered with the platform as an authorized domain.',
    ),
    whatToDo: text(
      '在商家后台把店铺域名加进授权域名，或者把店铺设置里的「付款后返回的地址」「付款结果通知地址」改成已经授权的域名。',
      'Add the shop\u2019s domain to the authorized domains in the merchant back office, or change the store settings’ “Return address after paying” and “Payment notification address” to an authorized domain.',
    ),
    sideNote: text(
      '授权域名由店铺在商家后台登记。',
      'The shop registers its authorized domains in the merchant back office.',
    ),
    side: 'store',
  },
  AMOUNT_OR_INSTALLMENT_INVALID: {
    buyerSaw: FAILED,
    meaning: text(
      '订单金额不在白条允许的范围内，或者选的分期期数平台不支持。',
      'The order amount is outside the range Baitiao allows, or the installment count is not offered by the platform.',
    ),
    whatToDo: text(
      '在商家后台把白条的分期设置改成平台支持的期数，并确认商品价格在白条的金额范围内。',
      'Set the shop\u2019s Baitiao installments to counts the platform offers, and make sure prices fall within Baitiao\u2019s amount range.',
    ),
    sideNote: text(
      '分期期数和测试金额是店铺自己设置的。',
      'The shop sets its own installments and test amount.',
    ),
    side: 'store',
  },
  RISK_REJECTED: {
    buyerSaw: FAILED,
    meaning: text(
      '平台的风控拦截了这笔支付（在下单时或收银台上）。',
      'The platform\u2019s risk control stopped this payment (when it was created, or on the cashier).',
    ),
    whatToDo: text(
      '这不是配置问题，改配置没有用。请等风控限制结束，其间请买家使用其他支付方式；认为是误判时联系平台客服。',
      'Not a configuration fault: changing settings will not help. Wait for the restriction to end and offer buyers another payment method meanwhile; contact platform support if you think it is a mistake.',
    ),
    sideNote: text(
      '风控由平台决定，改店铺的配置和密钥没有用。',
      'The platform decides risk control; changing the shop\u2019s settings or key will not help.',
    ),
    side: 'platform',
  },
  RATE_LIMITED: {
    buyerSaw: FAILED,
    meaning: text(
      '店铺调用平台接口太频繁，平台暂时拒绝了请求。',
      'The shop calls the platform API too often, so the platform is refusing calls for now.',
    ),
    whatToDo: text(
      '过一两分钟再试。如果一直这样，请让店铺的技术人员检查是否有程序或插件在不停地调用平台接口。',
      'Try again in a minute or two. If it keeps happening, ask the shop\u2019s technician whether some program or plugin calls the platform non-stop.',
    ),
    sideNote: text(
      '调用太频繁的程序或插件在店铺这边。',
      'The program or plugin calling too often is on the shop\u2019s side.',
    ),
    side: 'store',
  },
  CASHIER_UNREACHABLE: {
    buyerSaw: NEVER_LOADS,
    meaning: text(
      '白条收银台打不开：连接不上收银台的服务器，或者它返回了错误页面。',
      'The Baitiao cashier cannot be opened: its server cannot be reached, or it answered with an error page.',
    ),
    whatToDo: text(
      '先确认这台电脑其他网站能打开、没有代理或 VPN 拦截；其他都正常的话，请把诊断包发给平台客服。',
      'Make sure other sites open on this computer and no proxy or VPN is in the way; if everything else works, send the diagnostic bundle to platform support.',
    ),
    sideNote: text(
      '收银台是平台的网页；也请先排除这台电脑的网络问题。',
      'The cashier is the platform\u2019s page; rule out this computer\u2019s network first too.',
    ),
    side: 'platform',
  },
  CASHIER_TIMEOUT: {
    buyerSaw: text('支付页面一直在转圈、加载不完', 'a payment page that keeps loading forever'),
    meaning: text(
      '收银台在规定时间内没有准备好，买家会一直看到加载中。',
      'The cashier was not ready within its time budget: the buyer keeps seeing "loading".',
    ),
    whatToDo: text(
      '用「多次运行」看看是不是一直这么慢；持续变慢请把诊断包发给平台客服，里面有每一段耗时。',
      'Use "run several times" to see whether it is always this slow; if it is, send the diagnostic bundle to platform support: it has the timing of every step.',
    ),
    sideNote: text(
      '收银台是平台的网页，店铺的设置不用改。',
      'The cashier is the platform\u2019s page; the shop\u2019s settings need no change.',
    ),
    side: 'platform',
  },
  CASHIER_ERROR_PAGE: {
    buyerSaw: FAILED,
    meaning: text(
      '收银台打开了，但显示了它自己的错误页面（例如系统繁忙、支付会话过期）。',
      'The cashier opened but showed its own error page (for example busy, or the payment session expired).',
    ),
    whatToDo: text(
      '店铺配置不用改。请稍后再试；一直出现时把诊断包发给平台客服，里面有错误代码。',
      'Your shop settings need no change. Try again later; if it keeps happening, send the diagnostic bundle to platform support: it contains the error code.',
    ),
    sideNote: text(
      '收银台是平台的网页，店铺的设置不用改。',
      'The cashier is the platform\u2019s page; the shop\u2019s settings need no change.',
    ),
    side: 'platform',
  },
  BLANK_PAGE: {
    buyerSaw: text('一片空白的页面', 'a blank page'),
    meaning: text(
      '收银台页面加载完了，却什么都没有显示（通常是页面脚本出错）。',
      'The cashier page finished loading but showed nothing (usually a broken page script).',
    ),
    whatToDo: text(
      '请把诊断包发给平台客服，里面有页面截图和脚本错误记录；店铺配置不用改。',
      'Send the diagnostic bundle to platform support: it holds the screenshot and the script errors. Your shop settings need no change.',
    ),
    sideNote: text(
      '收银台是平台的网页，店铺的设置不用改。',
      'The cashier is the platform\u2019s page; the shop\u2019s settings need no change.',
    ),
    side: 'platform',
  },
  GARBLED_PAGE: {
    buyerSaw: text('满屏乱码的页面', 'a page full of garbled characters'),
    meaning: text(
      '页面文字的编码和它声明的不一致（例如按 GBK 保存却声明为 UTF-8），中文变成了乱码。',
      'The page\u2019s text is in a different character encoding than it declares (for example saved as GBK but labelled UTF-8), so the Chinese text is garbled.',
    ),
    whatToDo: text(
      '请把诊断包发给平台客服，里面有乱码页面的截图和编码分析；店铺配置不用改。',
      'Send the diagnostic bundle to platform support: it holds a screenshot and the encoding analysis. Your shop settings need no change.',
    ),
    sideNote: text(
      '收银台是平台的网页，店铺的设置不用改。',
      'The cashier is the platform\u2019s page; the shop\u2019s settings need no change.',
    ),
    side: 'platform',
  },
  REDIRECT_LOOP: {
    buyerSaw: text(
      '页面来回跳转，最后提示「重定向次数过多」',
      'a page that bounces back and forth, then "too many redirects"',
    ),
    meaning: text(
      '跳转链路绕回了已经走过的地址（或跳转超过 10 次），永远到不了收银台。',
      'The redirect chain came back to an address it had already visited (or took more than 10 hops), so it never reaches the cashier.',
    ),
    whatToDo: text(
      '请把诊断包发给平台客服，里面列出了每一次跳转；清除浏览器缓存和 Cookie 通常没有用。',
      'Send the diagnostic bundle to platform support: it lists every hop. Clearing the browser cache and cookies usually does not help.',
    ),
    sideNote: text(
      '跳转链路由平台控制，店铺的设置不用改。',
      'The platform controls the redirect chain; the shop\u2019s settings need no change.',
    ),
    side: 'platform',
  },
  INSECURE_REDIRECT: {
    buyerSaw: text(
      '浏览器提示「不安全」或拦截了页面',
      'a browser warning about an insecure page, or a blocked page',
    ),
    meaning: text(
      '跳转中有一步离开了 HTTPS（跳到 http:// 的地址），浏览器会拦截或警告。',
      'One hop of the redirect leaves HTTPS (goes to an http:// address), which browsers block or warn about.',
    ),
    whatToDo: text(
      '看诊断结果里是哪一步用了 http：是平台的地址就把诊断包发给平台客服；是店铺自己的「付款后返回的地址」，就把它改成 https。',
      'See which hop used http in the result: if it is a platform address, send the bundle to platform support; if it is your own return address, change it to https.',
    ),
    sideNote: text(
      '跳转链路由平台控制；只有「付款后返回的地址」是店铺自己的。',
      'The platform controls the redirect chain; only the return address is the shop\u2019s own.',
    ),
    side: 'platform',
  },
  RETURN_URL_BROKEN: {
    buyerSaw: text(
      '付款后回不到店铺（页面出错或打不开）',
      'after paying, the way back to the shop fails (an error page, or nothing loads)',
    ),
    meaning: text(
      '收银台正常，但从收银台回到店铺的地址打不开或出错。',
      'The cashier works, but the shop\u2019s return address (return_url) that brings the buyer back fails or errors.',
    ),
    whatToDo: text(
      '请店铺的技术人员检查支付返回页面：地址是否写对、网站是否正常、返回的是不是 200；改好后再运行一次模拟支付。',
      'Ask the shop\u2019s technician to check the payment return page: the address, that the site is up, and that it answers 200; then run the simulation again.',
    ),
    sideNote: text(
      '付款后返回的地址是店铺自己的网站。',
      'The return address is the shop\u2019s own website.',
    ),
    side: 'store',
  },
};

export function explainOutcome(code: OutcomeCode): OutcomeExplanation {
  return OUTCOME_EXPLANATIONS[code];
}
