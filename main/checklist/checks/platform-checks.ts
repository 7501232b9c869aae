import { text } from '../../../shared/i18n/localized-text';
import type { CheckContext } from '../check-context';
import type { CheckDefinition, CheckOutcome } from '../engine';
import { noVerdict } from '../gateway-facts';

/** The registered config, or the reason the check cannot judge (gateway error codes are other checks' findings). */
async function registeredOrSkip(ctx: CheckContext) {
  const config = await ctx.gateway.merchantConfig();
  if (config) return { config };
  const a = await ctx.gateway.configQuery();
  const skip: CheckOutcome = noVerdict(a) ?? {
    status: 'skip',
    summary: a.ok
      ? // The platform's code is in the evidence (the row's 给客服看), not in the sentence.
        text(
          '平台没有返回店铺配置，原因见其他检查项。',
          'The platform did not return the store configuration; see the other checks for why.',
        )
      : text('平台没有返回店铺配置。', 'The platform did not return the store configuration.'),
    evidence: a.ok ? { code: a.result.body?.code, sub_code: a.result.body?.sub_code } : {},
  };
  return { skip };
}

const platformHealth: CheckDefinition<CheckContext> = {
  id: 'platform.health',
  async run(ctx) {
    const a = await ctx.gateway.health();
    if (!a.ok) {
      return {
        status: 'fail',
        summary: a.reason,
        remediation: text(
          '如果只有你的店铺这样，请检查网络；如果持续超过 10 分钟，请联系平台客服。',
          'If only your shop sees this, check the network; if it lasts more than 10 minutes, contact platform support.',
        ),
        evidence: { kind: a.kind, detail: a.detail },
      };
    }
    const health = a.result.body;
    const evidence = { httpStatus: a.result.httpStatus, health: health ?? a.result.rawBody.slice(0, 200) };
    if (!health) {
      return {
        status: 'fail',
        summary: text(
          `平台状态接口返回了 HTTP ${a.result.httpStatus}，内容无法识别。`,
          `The platform status endpoint answered HTTP ${a.result.httpStatus} with unrecognised content.`,
        ),
        remediation: text(
          '平台可能正在故障或维护，请稍后再试；持续出现请联系平台客服。',
          'The platform may be failing or in maintenance; try later, and contact platform support if it persists.',
        ),
        evidence,
      };
    }
    const { status } = health;
    if (status === 'UP')
      return { status: 'pass', summary: text('平台运行正常。', 'The platform is up.'), evidence };
    return {
      status: status === 'DOWN' ? 'fail' : 'warn',
      // Which parts are down (gateway=DOWN…) is for support: in the evidence, not the sentence.
      summary:
        status === 'DOWN'
          ? text(
              '平台报告自己现在停止服务。这是平台那边的问题，不是店铺配置问题。',
              'The platform reports that it is down. This is on the platform’s side, not the store’s configuration.',
            )
          : text(
              '平台报告自己有一部分功能不正常。这是平台那边的问题，不是店铺配置问题。',
              'The platform reports that part of it is not working. This is on the platform’s side, not the store’s configuration.',
            ),
      remediation: text(
        '请稍后再试，并可先让买家换用其他支付方式。持续超过 30 分钟请联系平台客服。',
        'Try again later and offer buyers another payment method meanwhile. Contact platform support if it lasts over 30 minutes.',
      ),
      evidence,
    };
  },
};

const baitiaoContract: CheckDefinition<CheckContext> = {
  id: 'platform.baitiao-contract',
  async run(ctx) {
    const r = await registeredOrSkip(ctx);
    if ('skip' in r) return r.skip!;
    const status = r.config.products.baitiao.status;
    if (status === 'ENABLED')
      return {
        status: 'pass',
        summary: text('店铺已签约白条，状态正常。', 'The store has an active Baitiao contract.'),
        evidence: { status },
      };
    return {
      status: 'fail',
      summary:
        status === 'SUSPENDED'
          ? text('店铺的白条服务已被暂停。', 'The store’s Baitiao service is suspended.')
          : text('店铺还没有签约白条服务。', 'The store has no Baitiao contract.'),
      remediation: text(
        '这不是配置问题：请在商家后台查看白条签约状态，或联系客户经理开通/恢复。',
        'Not a configuration fault: check the Baitiao contract in the merchant back office, or ask your account manager to enable or restore it.',
      ),
      evidence: { status },
    };
  },
};

const authorizedDomains: CheckDefinition<CheckContext> = {
  id: 'platform.authorized-domains',
  async run(ctx) {
    const r = await registeredOrSkip(ctx);
    if ('skip' in r) return r.skip!;
    const authorized = r.config.authorized_domains.map((d) => d.toLowerCase());
    const hosts = [
      { field: 'notifyUrl', host: new URL(ctx.store.notifyUrl).hostname.toLowerCase() },
      { field: 'returnUrl', host: new URL(ctx.store.returnUrl).hostname.toLowerCase() },
      { field: 'storeUrl', host: new URL(ctx.store.storeUrl).hostname.toLowerCase() },
    ];
    const missing = hosts.filter((h) => !authorized.includes(h.host));
    const evidence = { authorized, hosts, missing };
    if (missing.length === 0)
      return {
        status: 'pass',
        summary: text('店铺域名都已在平台授权。', 'All store hosts are authorized on the platform.'),
        evidence,
      };
    const list = [...new Set(missing.map((m) => m.host))].join(', ');
    return {
      status: 'fail',
      summary: text(
        `这些域名没有在平台授权：${list}。`,
        `These hosts are not authorized on the platform: ${list}.`,
      ),
      remediation: text(
        `请在商家后台的「授权域名」里添加 ${list}（要完全一致，包括子域名）。`,
        `Add ${list} under "Authorized domains" in the merchant back office (exactly, including subdomains).`,
      ),
      evidence,
    };
  },
};

const installments: CheckDefinition<CheckContext> = {
  id: 'platform.installments',
  async run(ctx) {
    const r = await registeredOrSkip(ctx);
    if ('skip' in r) return r.skip!;
    const { installments: offered, min_amount, max_amount } = r.config.products.baitiao;
    const notOffered = ctx.store.baitiao.installments.filter((n) => !offered.includes(n));
    const amount = Number(ctx.store.testOrder.amount);
    const outOfRange = amount < Number(min_amount) || amount > Number(max_amount);
    const evidence = {
      configured: ctx.store.baitiao.installments,
      offered,
      min_amount,
      max_amount,
      testAmount: ctx.store.testOrder.amount,
    };
    if (!notOffered.length && !outOfRange)
      return {
        status: 'pass',
        summary: text(
          '分期数和测试金额都在平台允许范围内。',
          'Installments and test amount are within what the platform allows.',
        ),
        evidence,
      };
    const problems = [
      ...(notOffered.length
        ? [
            text(
              `平台不提供 ${notOffered.join('、')} 期`,
              `${notOffered.join(', ')} installments not offered`,
            ),
          ]
        : []),
      ...(outOfRange
        ? [
            text(
              `金额 ${amount} 不在 ${min_amount}–${max_amount} 元之间`,
              `amount ${amount} outside ${min_amount}–${max_amount}`,
            ),
          ]
        : []),
    ];
    return {
      status: 'fail',
      summary: text(
        problems.map((p) => p['zh-CN']).join('；') + '。',
        problems.map((p) => p['en-US']).join('; ') + '.',
      ),
      remediation: text(
        `请在商家后台只保留平台提供的分期（${offered.join('、')} 期），金额在 ${min_amount}–${max_amount} 元之间。`,
        `Keep only the installments the platform offers (${offered.join(', ')}) and amounts between ${min_amount} and ${max_amount}.`,
      ),
      evidence,
    };
  },
};

const notifyReachable: CheckDefinition<CheckContext> = {
  id: 'platform.notify-reachable',
  dependsOn: ['cfg.urls'],
  timeoutMs: 20_000,
  async run(ctx) {
    const { answer, data } = await ctx.gateway.notifyTest();
    if (!data) {
      return (
        noVerdict(answer) ?? {
          status: 'skip',
          summary: text(
            '平台没有完成通知测试，见其他检查项。',
            'The platform did not run the notify test; see the other checks.',
          ),
          evidence: answer.ok
            ? { code: answer.result.body?.code, sub_code: answer.result.body?.sub_code }
            : {},
        }
      );
    }
    const evidence = { ...data, notifyUrl: ctx.store.notifyUrl };
    const remediation = text(
      `平台要能访问 ${ctx.store.notifyUrl}，并在 5 秒内返回 HTTP 200 和内容 success。请让网站开发或服务商检查这个地址。`,
      `The platform must reach ${ctx.store.notifyUrl} and get HTTP 200 with body "success" within 5 s. Ask your web developer or hosting provider to check it.`,
    );
    if (!data.delivered)
      return {
        status: 'fail',
        summary: text(
          `平台通知不到店铺：${data.error ?? '连接失败'}。`,
          `The platform could not deliver to the store: ${data.error ?? 'connection failed'}.`,
        ),
        remediation,
        evidence,
      };
    if (data.http_status !== 200 || !data.body_ok) {
      return {
        status: 'fail',
        summary: text(
          `付款结果通知地址回答了 HTTP ${data.http_status}${data.body_ok ? '' : '，内容不是 success'}。`,
          `The notify URL answered HTTP ${data.http_status}${data.body_ok ? '' : ', and the body was not "success"'}.`,
        ),
        remediation,
        evidence,
      };
    }
    if (data.elapsed_ms >= 5000)
      return {
        status: 'fail',
        summary: text(
          `付款结果通知地址用了 ${data.elapsed_ms} 毫秒才回答，超过 5 秒。`,
          `The notify URL took ${data.elapsed_ms} ms, over 5 s.`,
        ),
        remediation,
        evidence,
      };
    if (data.elapsed_ms >= 2000)
      return {
        status: 'warn',
        summary: text(
          `付款结果通知地址回答较慢（${data.elapsed_ms} 毫秒）。`,
          `The notify URL is slow (${data.elapsed_ms} ms).`,
        ),
        remediation,
        evidence,
      };
    return {
      status: 'pass',
      summary: text(
        `平台能通知到店铺（${data.elapsed_ms} 毫秒）。`,
        `The platform reaches the notify URL (${data.elapsed_ms} ms).`,
      ),
      evidence,
    };
  },
};

export const platformChecks = [
  platformHealth,
  baitiaoContract,
  authorizedDomains,
  installments,
  notifyReachable,
];
