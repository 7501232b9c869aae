import { rootCertificates } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import { text, type LocalizedText } from '../../../shared/i18n/localized-text';
import type { ProbeHop, ProbeRequestResult, ProbeRun } from '../../../shared/probe/probe-result';
import { netLatencyVerdict } from '../../probe';
import type { CheckContext } from '../check-context';
import type { CheckDefinition, CheckOutcome } from '../engine';
import { classifyHost } from './host-kind';

/** The first request per target: enough for dns/connect/tls verdicts; net.latency reads the whole run. */
function firstPerTarget(run: ProbeRun): ProbeRequestResult[] {
  const seen = new Set<string>();
  return run.results.filter((r) => (seen.has(r.target.url) ? false : (seen.add(r.target.url), true)));
}

// Every check here waits for the same probe series (three probes per host, each up to its phase timeouts):
// one deadline for all of them, so a host that does not answer is reported by the check it concerns, not
// as a check that "did not finish" while the series was still measuring.
const NETWORK_CHECK_TIMEOUT_MS = 60_000;

const firstHop = (r: ProbeRequestResult): ProbeHop | undefined => r.hops[0];
const host = (url: string) => new URL(url).hostname;

async function probeRun(ctx: CheckContext): Promise<ProbeRun | CheckOutcome> {
  try {
    return await ctx.network.probes();
  } catch (error) {
    return {
      status: 'error',
      summary: text('网络测量本身出错了。', 'The network measurement itself failed.'),
      evidence: { error: (error as Error).message },
    };
  }
}
const isRun = (x: ProbeRun | CheckOutcome): x is ProbeRun => 'results' in x;

function failOn(
  kinds: (kind: string) => boolean,
  ok: LocalizedText,
  bad: (list: string) => LocalizedText,
  remediation: LocalizedText,
  evidenceOf: (r: ProbeRequestResult) => unknown,
): CheckDefinition<CheckContext>['run'] {
  return async (ctx) => {
    const run = await probeRun(ctx);
    if (!isRun(run)) return run;
    const results = firstPerTarget(run);
    const evidence = {
      targets: results.map((r) => ({ role: r.target.role, url: r.target.url, ...(evidenceOf(r) as object) })),
    };
    const failed = results.filter((r) => r.failure && kinds(r.failure.kind));
    if (failed.length === 0) return { status: 'pass', summary: ok, evidence };
    const list = failed
      .map((r) => `${r.target.role} ${host(r.target.url)}: ${r.failure!.explanation['zh-CN']}`)
      .join('；');
    const listEn = failed
      .map((r) => `${r.target.role} ${host(r.target.url)}: ${r.failure!.explanation['en-US']}`)
      .join('; ');
    const summary = bad(list);
    return { status: 'fail', summary: text(summary['zh-CN'], bad(listEn)['en-US']), remediation, evidence };
  };
}

const netDns: CheckDefinition<CheckContext> = {
  id: 'net.dns',
  timeoutMs: NETWORK_CHECK_TIMEOUT_MS,
  run: async (ctx) => {
    const base = await failOn(
      (k) => k.startsWith('dns-'),
      text('所有平台地址都能解析。', 'Every platform host name resolves.'),
      (list) => text(`这些地址解析不了：${list}`, `These host names do not resolve: ${list}`),
      text(
        '请检查电脑能否上网；换一个 DNS（例如 223.5.5.5 或 119.29.29.29）后再试。公司网络请联系网管。',
        'Check that this computer is online; try another DNS server (e.g. 223.5.5.5 or 119.29.29.29). On an office network, ask your IT admin.',
      ),
      (r) => ({ addresses: firstHop(r)?.dns?.addresses ?? [] }),
    )(ctx, new AbortController().signal);
    if (base.status !== 'pass') return base;
    // A public name that resolves to a private address is a hosts file, a DNS hijack or a split-horizon setup.
    const run = (await ctx.network.probes()) as ProbeRun;
    const odd = firstPerTarget(run).filter((r) => {
      const name = host(r.target.url);
      if (isIP(name.replace(/^\[|\]$/g, ''))) return false;
      return (firstHop(r)?.dns?.addresses ?? []).some(
        (a) => classifyHost(a.address) !== 'bare-ip' && classifyHost(a.address) !== 'public',
      );
    });
    if (odd.length === 0) return base;
    const names = odd.map((r) => host(r.target.url)).join(', ');
    return {
      status: 'warn',
      summary: text(
        `这些公网域名解析到了内网地址：${names}。`,
        `These public names resolve to private addresses: ${names}.`,
      ),
      remediation: text(
        '可能是 hosts 文件、路由器或安全软件改写了解析结果。请检查 local.hosts 的结果，或换个网络再试。',
        'A hosts file, router or security software may be rewriting lookups. See local.hosts, or try another network.',
      ),
      evidence: base.evidence,
    };
  },
};

const netConnect: CheckDefinition<CheckContext> = {
  id: 'net.connect',
  timeoutMs: NETWORK_CHECK_TIMEOUT_MS,
  run: async (ctx, signal) => {
    const base = await failOn(
      (k) =>
        [
          'connection-refused',
          'connection-reset',
          'connection-closed',
          'network-unreachable',
          'connect-timeout',
        ].includes(k),
      text('能连上所有平台地址。', 'Every platform host accepts connections.'),
      (list) => text(`连不上：${list}`, `Cannot connect: ${list}`),
      text(
        '如果只有平台地址连不上，可能是防火墙、安全软件或公司网络拦截了，请暂时关闭后再试；如果平台那边在维护，请稍后再试。',
        'If only platform hosts fail, a firewall, security software or office network may be blocking them: turn it off briefly and retry; if the platform is in maintenance, try later.',
      ),
      (r) => ({ remote: firstHop(r)?.remote ?? null, connectMs: firstHop(r)?.timings.connect ?? null }),
    )(ctx, signal);
    if (base.status !== 'pass') return base;
    const run = (await ctx.network.probes()) as ProbeRun;
    const slow = firstPerTarget(run).filter((r) => (firstHop(r)?.timings.connect ?? 0) > 1000);
    if (slow.length === 0) return base;
    return {
      status: 'warn',
      summary: text(
        `连接很慢（超过 1 秒）：${slow.map((r) => host(r.target.url)).join(', ')}。`,
        `Slow connections (over 1 s): ${slow.map((r) => host(r.target.url)).join(', ')}.`,
      ),
      remediation: text(
        '网络可能拥堵，或经过了很远的代理。请换个网络或关闭代理再试。',
        'The network may be congested, or going through a distant proxy. Try another network or turn the proxy off.',
      ),
      evidence: base.evidence,
    };
  },
};

const TLS_KIND_WORDS: Record<string, LocalizedText> = {
  'tls-expired': text('证书已过期', 'certificate expired'),
  'tls-not-yet-valid': text('证书还没生效', 'certificate not yet valid'),
  'tls-wrong-host': text('证书和域名不符', 'certificate is for another host'),
  'tls-untrusted': text('证书不受信任', 'certificate not trusted'),
  'tls-protocol-too-old': text('对方只支持过时的加密协议', 'server only offers an outdated protocol'),
};

const tlsHandshake: CheckDefinition<CheckContext> = {
  id: 'tls.handshake',
  timeoutMs: NETWORK_CHECK_TIMEOUT_MS,
  run: async (ctx) => {
    const run = await probeRun(ctx);
    if (!isRun(run)) return run;
    const results = firstPerTarget(run).filter((r) => r.target.url.startsWith('https:'));
    const evidence = {
      targets: results.map((r) => ({
        role: r.target.role,
        url: r.target.url,
        protocol: firstHop(r)?.tls?.protocol ?? null,
        cipher: firstHop(r)?.tls?.cipherStandardName ?? null,
        failure: r.failure?.kind.startsWith('tls-')
          ? { kind: r.failure.kind, problems: r.failure.tls?.problems ?? [] }
          : null,
      })),
    };
    const failed = results.filter((r) => r.failure?.kind.startsWith('tls-'));
    if (failed.length) {
      const words = (lang: 'zh-CN' | 'en-US') =>
        failed
          .map(
            (r) =>
              `${host(r.target.url)}（${(TLS_KIND_WORDS[r.failure!.kind] ?? text('安全连接失败', 'secure connection failed'))[lang]}）`,
          )
          .join(', ');
      return {
        status: 'fail',
        summary: text(`安全连接失败：${words('zh-CN')}。`, `Secure connection failed: ${words('en-US')}.`),
        remediation: text(
          '先确认电脑时间正确；如果装了杀毒软件的「HTTPS 扫描」或公司上网代理，请暂时关闭后再试；如果是平台证书的问题，请联系平台客服。',
          'First make sure the computer’s clock is right; if antivirus "HTTPS scanning" or an office proxy is on, turn it off briefly and retry; if the platform’s certificate is at fault, contact platform support.',
        ),
        evidence,
      };
    }
    const platformRoles = ['gateway', 'cashier', 'support'];
    const tls12 = results.filter(
      (r) => platformRoles.includes(r.target.role) && firstHop(r)?.tls?.protocol === 'TLSv1.2',
    );
    if (tls12.length) {
      return {
        status: 'warn',
        summary: text(
          `平台地址只用了 TLS 1.2：${tls12.map((r) => host(r.target.url)).join(', ')}。`,
          `Platform hosts only offered TLS 1.2: ${tls12.map((r) => host(r.target.url)).join(', ')}.`,
        ),
        remediation: text(
          '目前还能用，不需要你处理；平台升级后会改善。',
          'It still works and needs nothing from you; it improves when the platform upgrades.',
        ),
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: text(
        '所有地址的安全连接正常（TLS 1.3，证书有效）。',
        'Secure connections are fine everywhere (valid certificates).',
      ),
      evidence,
    };
  },
};

const tlsExpiry: CheckDefinition<CheckContext> = {
  id: 'tls.expiry',
  timeoutMs: NETWORK_CHECK_TIMEOUT_MS,
  run: async (ctx) => {
    const run = await probeRun(ctx);
    if (!isRun(run)) return run;
    const certs = firstPerTarget(run).flatMap((r) => {
      const leaf = firstHop(r)?.tls?.chain[0] ?? r.failure?.tls?.peerChain[0];
      return leaf
        ? [{ role: r.target.role, host: host(r.target.url), daysLeft: leaf.daysLeft, validTo: leaf.validTo }]
        : [];
    });
    if (certs.length === 0)
      return {
        status: 'skip',
        summary: text(
          '没有拿到任何证书（连接没有建立）。',
          'No certificate was seen (no connection was made).',
        ),
      };
    const expired = certs.filter((c) => c.daysLeft < 0);
    const soon = certs.filter((c) => c.daysLeft >= 0 && c.daysLeft < 30);
    const evidence = { certificates: certs };
    if (expired.length) {
      const list = expired.map((c) => `${c.host} (${c.validTo.slice(0, 10)})`).join(', ');
      const storeSide = expired.some((c) => c.role === 'notify' || c.role === 'return' || c.role === 'store');
      return {
        status: 'fail',
        summary: text(
          `证书已过期：${list}。买家的浏览器会拦下这个页面。`,
          `Certificate expired: ${list}. Buyers’ browsers block the page.`,
        ),
        remediation: storeSide
          ? text(
              '这是店铺网站的证书：请让网站服务商马上续期 HTTPS 证书。',
              'This is the store site’s certificate: ask your hosting provider to renew the HTTPS certificate now.',
            )
          : text(
              '这是平台的证书，只有平台能处理：请联系平台客服，并让买家暂时换用其他支付方式。',
              'This is the platform’s certificate and only the platform can fix it: contact platform support and offer buyers another payment method meanwhile.',
            ),
        evidence,
      };
    }
    if (soon.length) {
      const list = soon.map((c) => `${c.host} (${c.daysLeft})`).join(', ');
      return {
        status: 'warn',
        summary: text(
          `证书快过期了（剩余天数）：${list}。`,
          `Certificates expire soon (days left): ${list}.`,
        ),
        remediation: text(
          '请提醒证书的管理方（店铺网站服务商或平台）及时续期。',
          'Remind whoever manages the certificate (your hosting provider or the platform) to renew it.',
        ),
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: text(
        '所有证书都在有效期内，且超过 30 天。',
        'Every certificate is valid for more than 30 days.',
      ),
      evidence,
    };
  },
};

/** Subjects of the roots we trust: Node's public roots and the profile's own CAs. */
function trustedIssuerNames(extraCas: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const pem of [...rootCertificates, ...extraCas]) {
    try {
      names.add(new X509Certificate(pem).subject.replace(/\n/g, ', '));
    } catch {
      // an unreadable extra CA is reported when the profile is imported
    }
  }
  return names;
}

const tlsInterception: CheckDefinition<CheckContext> = {
  id: 'tls.interception',
  timeoutMs: NETWORK_CHECK_TIMEOUT_MS,
  run: async (ctx) => {
    const run = await probeRun(ctx);
    if (!isRun(run)) return run;
    const trusted = trustedIssuerNames(ctx.profile.extraCaCertificates);
    const platform = firstPerTarget(run).filter((r) =>
      ['gateway', 'cashier', 'support'].includes(r.target.role),
    );
    const seen = platform.flatMap((r) => {
      const chain = firstHop(r)?.tls?.chain ?? r.failure?.tls?.peerChain ?? [];
      const top = chain[chain.length - 1];
      return top
        ? [{ role: r.target.role, host: host(r.target.url), issuer: top.issuer.replace(/\n/g, ', ') }]
        : [];
    });
    const unknown = seen.filter((s) => !trusted.has(s.issuer));
    const evidence = { issuers: seen };
    if (seen.length === 0)
      return { status: 'skip', summary: text('没有拿到平台证书。', 'No platform certificate was seen.') };
    if (unknown.length === 0)
      return {
        status: 'pass',
        summary: text(
          '平台证书由正规机构签发，没有被中途拦截。',
          'Platform certificates come from the expected issuers: nothing intercepts them.',
        ),
        evidence,
      };
    const list = [...new Set(unknown.map((u) => u.issuer))].join('; ');
    return {
      status: 'warn',
      summary: text(
        `平台证书的签发者不认识：${list}。可能是杀毒软件或公司网络在解密 HTTPS。`,
        `Unknown issuer on platform certificates: ${list}. Antivirus or an office network may be decrypting HTTPS.`,
      ),
      remediation: text(
        '请在杀毒软件里关闭「HTTPS 扫描/加密连接扫描」，或向网管确认；如果这是公司信任的代理，请让客户经理把它的根证书加入平台配置。',
        'Turn off "HTTPS scanning" in your antivirus, or ask your IT admin; if this is a proxy your company trusts, ask your account manager to add its root certificate to the platform profile.',
      ),
      evidence,
    };
  },
};

const netLatency: CheckDefinition<CheckContext> = {
  id: 'net.latency',
  timeoutMs: NETWORK_CHECK_TIMEOUT_MS,
  run: async (ctx) => {
    const run = await probeRun(ctx);
    if (!isRun(run)) return run;
    const verdict = netLatencyVerdict(run.summaries);
    return {
      status: verdict.status,
      summary: verdict.summary,
      remediation: verdict.remediation,
      evidence: verdict.evidence as Record<string, unknown>,
    };
  },
};

export const netChecks = [netDns, netConnect, tlsHandshake, tlsExpiry, tlsInterception, netLatency];
