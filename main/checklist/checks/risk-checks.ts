import { text } from '../../../shared/i18n/localized-text';
import type { CheckContext } from '../check-context';
import type { CheckDefinition } from '../engine';

const riskStatus: CheckDefinition<CheckContext> = {
  id: 'risk.status',
  async run(ctx) {
    const config = await ctx.gateway.merchantConfig();
    if (!config)
      return {
        status: 'skip',
        summary: text('没能查到平台登记的配置。', 'Could not read the registered configuration.'),
      };
    const { status, cooldown_until } = config.risk;
    if (status === 'NORMAL')
      return {
        status: 'pass',
        summary: text('没有被风控限制。', 'No risk-control restriction.'),
        evidence: config.risk,
      };
    return {
      status: 'fail',
      summary: text(
        `平台风控正在限制这个店铺，到 ${cooldown_until ?? '未知时间'} 为止。`,
        `Platform risk control is restricting this store until ${cooldown_until ?? 'an unknown time'}.`,
      ),
      remediation: text(
        '这不是配置问题，改配置也没用。请等到限制结束后再试，其间请让买家使用其他支付方式；如果你认为是误判，请联系平台客服。',
        'Not a configuration fault: changing settings will not help. Wait until the restriction ends and offer buyers another payment method meanwhile; if you think it is a mistake, contact platform support.',
      ),
      evidence: config.risk,
    };
  },
};

const rateLimit: CheckDefinition<CheckContext> = {
  id: 'risk.rate-limit',
  // Runs after the other platform calls so that any 429 they met is seen.
  after: ['platform.health', 'key.sign-roundtrip', 'platform.notify-reachable'],
  async run(ctx) {
    await Promise.all([ctx.gateway.configQuery(), ctx.gateway.installmentQuery()]);
    const statuses = ctx.gateway.statusesSeen();
    const config = await ctx.gateway.merchantConfig();
    const evidence = { statusesSeen: statuses, rateLimit: config?.rate_limit ?? null };
    if (statuses.includes(429)) {
      return {
        status: 'fail',
        summary: text(
          '平台说调用太频繁（HTTP 429），暂时拒绝了请求。',
          'The platform says calls are too frequent (HTTP 429) and is refusing them for now.',
        ),
        remediation: text(
          '请过几分钟再试。如果店铺系统或插件在不停地调用平台接口，请让开发检查，减少调用次数。',
          'Try again in a few minutes. If the shop system or a plugin calls the platform non-stop, ask your developer to reduce the calls.',
        ),
        evidence,
      };
    }
    if (config && config.rate_limit.remaining < config.rate_limit.per_minute * 0.1) {
      return {
        status: 'warn',
        summary: text(
          `本分钟调用额度只剩 ${config.rate_limit.remaining}/${config.rate_limit.per_minute}。`,
          `Only ${config.rate_limit.remaining}/${config.rate_limit.per_minute} calls left this minute.`,
        ),
        remediation: text(
          '快到频率上限了，请检查是否有程序在频繁调用平台接口。',
          'Close to the rate limit: check whether some program calls the platform very often.',
        ),
        evidence,
      };
    }
    return { status: 'pass', summary: text('调用频率正常。', 'Call rate is normal.'), evidence };
  },
};

export const riskChecks = [riskStatus, rateLimit];
