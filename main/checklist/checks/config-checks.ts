import { text } from '../../../shared/i18n/localized-text';
import type { CheckContext } from '../check-context';
import type { CheckDefinition } from '../engine';
import { classifyHost } from './host-kind';

const ALLOWED_INSTALLMENTS = [3, 6, 12, 24];

/** Sandbox app ids carry the BTSB prefix (our convention, like Alipay's separate sandbox app ids). */
export const isSandboxAppId = (appId: string) => /^BTSB/i.test(appId);

/** A gateway on loopback or a host named "sandbox" belongs to a sandbox platform. */
export function isSandboxGateway(gatewayUrl: string): boolean {
  const host = new URL(gatewayUrl).hostname;
  const kind = classifyHost(host);
  return kind === 'loopback' || kind === 'localhost' || /(^|[.-])sandbox([.-]|$)/i.test(host);
}

const cfgSchema: CheckDefinition<CheckContext> = {
  id: 'cfg.schema',
  async run(ctx) {
    const unknown = ctx.importNotes?.unknownFields ?? [];
    if (unknown.length === 0) {
      return {
        status: 'pass',
        summary: text(
          '配置文件格式正确，必填项齐全。',
          'The configuration file is well formed and complete.',
        ),
      };
    }
    const where = unknown.map((f) => (f.line ? `${f.path} (${f.line}:${f.column ?? 1})` : f.path)).join(', ');
    return {
      status: 'warn',
      summary: text(
        `配置文件里有平台不认识的字段：${where}。`,
        `The configuration file has fields the platform does not know: ${where}.`,
      ),
      remediation: text(
        '这些字段会被忽略。如果是拼写错误（例如 notifyURL 写成了 notify_url），请改成正确的名字。',
        'These fields are ignored. If one is a typo (say notify_url for notifyUrl), correct its name.',
      ),
      evidence: { file: ctx.importNotes?.fileName, unknownFields: unknown },
    };
  },
};

const cfgEnvironment: CheckDefinition<CheckContext> = {
  id: 'cfg.environment',
  async run(ctx) {
    const sides = {
      environment: ctx.store.environment,
      appId: isSandboxAppId(ctx.store.appId) ? 'sandbox' : 'production',
      gateway: isSandboxGateway(ctx.profile.gatewayUrl) ? 'sandbox' : 'production',
    };
    const evidence = { ...sides, appIdValue: ctx.store.appId, gatewayUrl: ctx.profile.gatewayUrl };
    if (new Set(Object.values(sides)).size === 1) {
      const zh = sides.environment === 'sandbox' ? '沙箱' : '正式';
      return {
        status: 'pass',
        summary: text(
          `配置、应用 ID 和网关都是${zh}环境。`,
          `Configuration, app id and gateway are all ${sides.environment}.`,
        ),
        evidence,
      };
    }
    return {
      status: 'fail',
      summary: text(
        `环境不一致：配置写的是 ${sides.environment}，应用 ID 属于 ${sides.appId}，网关属于 ${sides.gateway}。`,
        `Mixed environments: the configuration says ${sides.environment}, the app id is ${sides.appId}, the gateway is ${sides.gateway}.`,
      ),
      remediation: text(
        '沙箱的应用 ID 只能连沙箱网关，正式的只能连正式网关。请从店铺后台重新导出同一环境的配置，并选择对应的平台配置。',
        'A sandbox app id only works with the sandbox gateway, a production one with production. Export the configuration again from the shop backend for one environment and pick the matching platform profile.',
      ),
      evidence,
    };
  },
};

const cfgUrls: CheckDefinition<CheckContext> = {
  id: 'cfg.urls',
  async run(ctx) {
    const problems: { field: string; url: string; problem: string }[] = [];
    for (const field of ['notifyUrl', 'returnUrl'] as const) {
      const raw = ctx.store[field];
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        problems.push({ field, url: raw, problem: 'not-absolute' });
        continue;
      }
      if (url.protocol !== 'https:') problems.push({ field, url: raw, problem: 'not-https' });
      if (url.search) problems.push({ field, url: raw, problem: 'query-string' });
      if (url.hash) problems.push({ field, url: raw, problem: 'fragment' });
      if (raw.length > 256) problems.push({ field, url: raw, problem: 'too-long' });
    }
    if (problems.length === 0) {
      return {
        status: 'pass',
        summary: text(
          '通知地址和返回地址格式正确（https，无参数）。',
          'Notify and return URLs are well formed (https, no parameters).',
        ),
      };
    }
    const list = problems.map((p) => `${p.field}: ${p.problem}`).join('; ');
    return {
      status: 'fail',
      summary: text(`地址有问题：${list}。`, `URL problems: ${list}.`),
      remediation: text(
        '通知地址和返回地址必须是以 https:// 开头的完整网址，不能带 ? 后面的参数或 # 号，长度不超过 256 个字符。请在店铺后台改好后重新导出配置。',
        'Notify and return URLs must be full addresses starting with https://, with no ?parameters or #fragment, at most 256 characters. Fix them in the shop backend and export the configuration again.',
      ),
      evidence: { problems },
    };
  },
};

const cfgUrlsPublic: CheckDefinition<CheckContext> = {
  id: 'cfg.urls-public',
  dependsOn: ['cfg.urls'],
  async run(ctx) {
    const hosts = (['notifyUrl', 'returnUrl'] as const).map((field) => {
      const host = new URL(ctx.store[field]).hostname;
      return { field, host, kind: classifyHost(host) };
    });
    const bad = hosts.filter((h) => h.kind !== 'public');
    if (bad.length === 0)
      return {
        status: 'pass',
        summary: text('地址是公网域名。', 'The URLs use public host names.'),
        evidence: { hosts },
      };
    const list = bad.map((h) => `${h.host} (${h.kind})`).join(', ');
    const production = ctx.store.environment === 'production';
    return {
      status: production ? 'fail' : 'warn',
      summary: text(
        `这些地址买家和平台访问不到：${list}。`,
        `The platform and buyers cannot reach these hosts: ${list}.`,
      ),
      remediation: production
        ? text(
            '正式环境必须用店铺的公网域名（例如 shop.example.cn），不能用 localhost、127.0.0.1 或内网地址。请在店铺后台修改。',
            'Production needs the shop’s public domain (e.g. shop.example.cn), not localhost, 127.0.0.1 or a private address. Change it in the shop backend.',
          )
        : text(
            '沙箱里可以这样测试，但上线前要换成店铺的公网域名。',
            'Fine for sandbox testing, but switch to the shop’s public domain before going live.',
          ),
      evidence: { hosts },
    };
  },
};

const cfgCharset: CheckDefinition<CheckContext> = {
  id: 'cfg.charset',
  async run(ctx) {
    if (/^utf-?8$/i.test(ctx.store.charset))
      return { status: 'pass', summary: text('字符集是 UTF-8。', 'Charset is UTF-8.') };
    return {
      status: 'fail',
      summary: text(
        `字符集是 ${ctx.store.charset}，平台只接受 UTF-8。`,
        `Charset is ${ctx.store.charset}; the platform only accepts UTF-8.`,
      ),
      remediation: text(
        '字符集不对会让签名失败、页面乱码。请在店铺后台把字符集改为 UTF-8。',
        'A wrong charset breaks signatures and garbles pages. Set the charset to UTF-8 in the shop backend.',
      ),
      evidence: { charset: ctx.store.charset },
    };
  },
};

const cfgBaitiao: CheckDefinition<CheckContext> = {
  id: 'cfg.baitiao',
  async run(ctx) {
    const { baitiao, testOrder } = ctx.store;
    const problems: string[] = [];
    if (!baitiao.enabled) problems.push('disabled');
    const odd = baitiao.installments.filter((n) => !ALLOWED_INSTALLMENTS.includes(n));
    if (odd.length) problems.push(`installments ${odd.join(',')}`);
    if (!(Number(testOrder.amount) >= 0.01)) problems.push(`amount ${testOrder.amount}`);
    const evidence = {
      enabled: baitiao.enabled,
      installments: baitiao.installments,
      testAmount: testOrder.amount,
    };
    if (problems.length === 0)
      return {
        status: 'pass',
        summary: text(
          '白条已开启，分期数和测试金额有效。',
          'Baitiao is on; installments and test amount are valid.',
        ),
        evidence,
      };
    return {
      status: 'fail',
      summary: text(
        `白条设置有问题：${problems.join('；')}。`,
        `Baitiao settings problem: ${problems.join('; ')}.`,
      ),
      remediation: text(
        '请在店铺后台开启白条支付；分期数只能是 3、6、12、24 期；测试金额至少 0.01 元、最多两位小数。',
        'Turn Baitiao on in the shop backend; installments can only be 3, 6, 12 or 24; the test amount must be at least 0.01 with at most two decimals.',
      ),
      evidence: { ...evidence, problems },
    };
  },
};

export const configChecks = [cfgSchema, cfgEnvironment, cfgUrls, cfgUrlsPublic, cfgCharset, cfgBaitiao];
