import { text, type LocalizedText } from '../i18n/localized-text';
import type { ProbeFailureKind } from './probe-result';

/** Facts an explanation can name; whatever is unknown is simply left out of the sentence. */
export interface FailureFacts {
  host: string;
  port?: number;
  timeoutMs?: number;
  limitBytes?: number;
  /** HTTP status a proxy answered CONNECT with. */
  status?: number;
  proxy?: string;
  /** e.g. "TLSv1" when the server only speaks an old protocol. */
  serverProtocol?: string | null;
  /** For an expired certificate: when it ended. */
  validTo?: string;
  /** For a certificate made out to other names. */
  certificateNames?: string[];
  /** For an untrusted certificate: who issued it. */
  issuer?: string;
}

const seconds = (ms: number | undefined): string => (ms === undefined ? '' : `${Math.round(ms / 100) / 10}`);
const size = (bytes: number | undefined): string => {
  if (bytes === undefined) return '';
  return bytes >= 1024 * 1024
    ? `${Math.round(bytes / 1024 / 102.4) / 10} MB`
    : `${Math.round(bytes / 1024)} KB`;
};
const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '');

/**
 * Plain language for a shop owner: what broke, in words they can repeat to their network provider or
 * to platform support, and the next step. Technical codes stay in the evidence, not here.
 */
export function explainFailure(kind: ProbeFailureKind, facts: FailureFacts): LocalizedText {
  const h = facts.host;
  const wait = seconds(facts.timeoutMs);
  switch (kind) {
    case 'invalid-url':
      return text(
        `地址「${h}」写得不对，无法访问。请检查配置里的地址。`,
        `The address "${h}" is not a valid URL. Check the address in the configuration.`,
      );
    case 'unsupported-scheme':
      return text(
        `地址「${h}」不是 http 或 https 开头，浏览器无法这样打开。`,
        `The address "${h}" does not start with http or https, so a browser cannot open it.`,
      );
    case 'proxy-resolution-failed':
      return text(
        '无法确定这台电脑访问网络时用不用代理（系统代理或 PAC 设置出错）。请检查系统的代理设置。',
        "Could not tell whether this computer uses a proxy (the system proxy or PAC setting failed). Check the system's proxy settings.",
      );
    case 'proxy-unsupported':
      return text(
        `这台电脑为 ${h} 设置的代理（${facts.proxy ?? ''}）是本工具不能测试的类型；结果可能与浏览器不同。`,
        `The proxy set for ${h} (${facts.proxy ?? ''}) is of a kind this tool cannot test; results may differ from the browser's.`,
      );
    case 'proxy-unreachable':
      return text(
        `连不上这台电脑设置的代理服务器 ${facts.proxy ?? ''}。代理没开、地址写错，或已经不用了。请检查或关闭代理设置。`,
        `Cannot reach the proxy server ${facts.proxy ?? ''} set on this computer. It is off, mistyped, or no longer used. Check or turn off the proxy setting.`,
      );
    case 'proxy-rejected':
      return text(
        `代理服务器拒绝转发到 ${h} 的连接（代理回答 ${facts.status ?? '错误'}）。可能需要登录代理，或公司网络禁止访问这个地址。`,
        `The proxy refused to connect to ${h} (it answered ${facts.status ?? 'an error'}). It may need a login, or the company network blocks this address.`,
      );
    case 'proxy-timeout':
      return text(
        `代理服务器在 ${wait} 秒内没有接通 ${h}。代理可能太忙或被限制。`,
        `The proxy did not open a connection to ${h} within ${wait} s. It may be overloaded or restricted.`,
      );
    case 'dns-not-found':
      return text(
        `找不到「${h}」这个域名：域名写错了，或者它还没有生效。请核对地址。`,
        `The name "${h}" does not exist: it is mistyped, or not set up yet. Check the address.`,
      );
    case 'dns-temporary-failure':
    case 'dns-failed':
      return text(
        `查询「${h}」的地址时出错（域名服务器没有正常回答）。可能是网络刚断开或路由器的 DNS 有问题，请稍后重试或重启路由器。`,
        `Looking up "${h}" failed (the name server gave no proper answer). The network may have just dropped, or the router's DNS is faulty: try again later or restart the router.`,
      );
    case 'dns-timeout':
      return text(
        `查询「${h}」的地址超过 ${wait} 秒没有结果。网络的域名服务器太慢或不可用。`,
        `Looking up "${h}" took longer than ${wait} s. The network's name server is too slow or unavailable.`,
      );
    case 'connection-refused':
      return text(
        `连接被拒绝：对方服务器（${h}${facts.port ? `，端口 ${facts.port}` : ''}）没有在这个端口上提供服务。服务可能停了，或地址端口写错了。`,
        `Connection refused: the server (${h}${facts.port ? `, port ${facts.port}` : ''}) offers no service on this port. The service may be down, or the address or port is wrong.`,
      );
    case 'connection-reset':
      return text(
        `连接被中途切断（${h}）。常见原因：防火墙、安全软件或运营商拦截，或对方服务器出错。`,
        `The connection to ${h} was cut off midway. Common causes: a firewall, security software or the network provider blocking it, or a fault on the server.`,
      );
    case 'connection-closed':
      return text(
        `对方服务器（${h}）没有回答完就关闭了连接。服务器可能出错或过载。`,
        `The server (${h}) closed the connection before answering in full. It may be failing or overloaded.`,
      );
    case 'network-unreachable':
      return text(
        `这台电脑到 ${h} 没有网络通路。请检查网线、Wi-Fi 或 VPN。`,
        `This computer has no network route to ${h}. Check the cable, Wi-Fi or VPN.`,
      );
    case 'connect-timeout':
      return text(
        `连接 ${h} 超过 ${wait} 秒没有接通。网络可能很差，或者防火墙悄悄丢弃了连接。`,
        `Connecting to ${h} took longer than ${wait} s. The network may be very poor, or a firewall silently drops the connection.`,
      );
    case 'tls-expired':
      return text(
        `${h} 的安全证书已过期${facts.validTo ? `（${day(facts.validTo)} 到期）` : ''}，浏览器会拦截这个页面。需要网站管理员更新证书；也请确认这台电脑的日期是对的。`,
        `The security certificate of ${h} has expired${facts.validTo ? ` (on ${day(facts.validTo)})` : ''}; browsers block the page. The site's administrator must renew it; also check that this computer's date is right.`,
      );
    case 'tls-not-yet-valid':
      return text(
        `${h} 的安全证书还没到生效时间。多半是这台电脑的日期设错了，请校准时间。`,
        `The security certificate of ${h} is not valid yet. Most likely this computer's date is wrong: set the clock right.`,
      );
    case 'tls-wrong-host':
      return text(
        `${h} 出示的安全证书是给别的网站用的${facts.certificateNames?.length ? `（${facts.certificateNames.slice(0, 3).join('、')}）` : ''}。地址写错、域名解析到了别处，或服务器配置错误。`,
        `${h} presented a certificate made out to another site${facts.certificateNames?.length ? ` (${facts.certificateNames.slice(0, 3).join(', ')})` : ''}. The address is wrong, the name points elsewhere, or the server is misconfigured.`,
      );
    case 'tls-untrusted':
      return text(
        `${h} 的安全证书不是受信任的机构签发的${facts.issuer ? `（签发者：${facts.issuer}）` : ''}。可能是杀毒软件或公司网络在拦截加密连接，也可能是假冒的网站。`,
        `The certificate of ${h} is not issued by a trusted authority${facts.issuer ? ` (issuer: ${facts.issuer})` : ''}. Antivirus software or a company network may be intercepting secure connections, or the site is not genuine.`,
      );
    case 'tls-protocol-too-old':
      return text(
        `${h} 只支持过时的加密协议${facts.serverProtocol ? `（${facts.serverProtocol}）` : ''}，现在的浏览器已不再接受。需要服务器升级到 TLS 1.2 或更高。`,
        `${h} only speaks an outdated encryption protocol${facts.serverProtocol ? ` (${facts.serverProtocol})` : ''} that browsers no longer accept. The server must move to TLS 1.2 or newer.`,
      );
    case 'tls-not-tls':
      return text(
        `${h} 在这个端口上没有提供 https 加密服务（可能是 http 端口被当成了 https）。请检查地址是否应以 http 开头或端口是否正确。`,
        `${h} does not speak https on this port (perhaps an http port used as https). Check the scheme and port of the address.`,
      );
    case 'tls-handshake-failed':
      return text(
        `和 ${h} 建立安全连接失败。双方的加密设置不兼容，或连接被中间设备干扰。`,
        `Setting up a secure connection to ${h} failed. The two sides' encryption settings do not match, or something in between interferes.`,
      );
    case 'tls-timeout':
      return text(
        `和 ${h} 建立安全连接超过 ${wait} 秒没有完成。服务器或中间的安全设备卡住了。`,
        `Setting up a secure connection to ${h} did not finish within ${wait} s. The server or a security device in between is stuck.`,
      );
    case 'send-timeout':
      return text(
        `向 ${h} 发送请求超过 ${wait} 秒没有发完。上行网络可能很差。`,
        `Sending the request to ${h} did not finish within ${wait} s. The upload side of the network may be very poor.`,
      );
    case 'first-byte-timeout':
      return text(
        `${h} 收到请求后 ${wait} 秒内没有任何回答。服务器可能太忙或卡住了。`,
        `${h} gave no answer within ${wait} s of receiving the request. The server may be overloaded or stuck.`,
      );
    case 'headers-too-large':
      return text(
        `${h} 的回答头部太大（超过 ${size(facts.limitBytes)}），浏览器会拒绝。多半是网站设置了过多或过大的 Cookie。`,
        `The answer headers from ${h} are too large (over ${size(facts.limitBytes)}); browsers refuse them. Usually the site sets too many or too large cookies.`,
      );
    case 'bad-response':
      return text(
        `${h} 的回答不是有效的网页格式。服务器或中间设备出错。`,
        `The answer from ${h} is not valid HTTP. The server or a device in between is faulty.`,
      );
    case 'body-stalled':
      return text(
        `${h} 的页面内容传到一半停住了，超过 ${wait} 秒没有新数据。页面会一直加载不完。`,
        `Content from ${h} stopped arriving midway: no data for ${wait} s. The page would keep loading forever.`,
      );
    case 'body-timeout':
      return text(
        `${h} 的页面内容 ${wait} 秒还没有传完。网络太慢或服务器发送太慢。`,
        `Content from ${h} was still arriving after ${wait} s. The network or the server is too slow.`,
      );
    case 'body-too-large':
      return text(
        `${h} 返回的内容超过 ${size(facts.limitBytes)} 还没有结束，不像正常页面。服务器可能出错，在无休止地发送数据。`,
        `The answer from ${h} passed ${size(facts.limitBytes)} without ending; no normal page is that large. The server may be faulty and sending without end.`,
      );
    case 'redirect-loop':
      return text(
        `跳转绕回了已经访问过的地址（${h}），形成死循环，页面永远打不开。需要检查网站或平台的跳转设置。`,
        `The redirects lead back to an address already visited (${h}): a loop, so the page never opens. The site's or platform's redirect settings need checking.`,
      );
    case 'too-many-redirects':
      return text(
        `从 ${h} 开始跳转次数太多，浏览器会放弃。需要检查跳转设置。`,
        `Starting at ${h} there are too many redirects; browsers give up. The redirect settings need checking.`,
      );
    case 'cancelled':
      return text('检测已取消。', 'The probe was cancelled.');
    case 'internal-error':
      return text(
        '检测工具自身出错了（这是本工具的问题）。请重试；如果仍然出错，请导出诊断包发给平台客服。',
        'The probe itself broke (a fault in this tool). Try again; if it keeps happening, export a diagnostic bundle for platform support.',
      );
  }
}
