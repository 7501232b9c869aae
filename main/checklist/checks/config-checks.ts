import { text, type LocalizedText } from '../../../shared/i18n/localized-text';
import type { CheckContext } from '../check-context';
import type { CheckDefinition } from '../engine';
import { classifyHost } from './host-kind';

const ALLOWED_INSTALLMENTS = [3, 6, 12, 24];

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

/**
 * Protocol §2: neither the merchant number nor the app id says which environment it belongs to, and
 * neither does the gateway's host name; only the platform's own answer to merchant.config.query does.
 */
const cfgEnvironment: CheckDefinition<CheckContext> = {
  id: 'cfg.environment',
  async run(ctx) {
    const ours = ctx.store.environment;
    const registered = await ctx.gateway.merchantConfig();
    const words = (env: string) =>
      env === 'sandbox'
        ? text('沙箱', 'sandbox')
        : env === 'production'
          ? text('正式', 'production')
          : text(env, env);
    if (!registered) {
      const a = await ctx.gateway.configQuery();
      return {
        status: 'warn',
        summary: text(
          '没能问到平台这家店属于沙箱还是正式环境，暂时无法核对。',
          'Could not ask the platform whether this store is sandbox or production, so this could not be compared.',
        ),
        remediation: text(
          '先处理其他检查项里平台那一步的问题，再重新检查。',
          'Deal with the other checks about reaching the platform first, then check again.',
        ),
        evidence: {
          storeEnvironment: ours,
          ...(a.ok ? { code: a.result.body?.code, sub_code: a.result.body?.sub_code } : { kind: a.kind }),
        },
      };
    }
    const theirs = registered.environment;
    const evidence = { storeEnvironment: ours, platformEnvironment: theirs };
    if (theirs === ours) {
      return {
        status: 'pass',
        summary: text(
          `店铺配置和平台都说这是${words(ours)['zh-CN']}环境。`,
          `The store configuration and the platform both say ${words(ours)['en-US']}.`,
        ),
        evidence,
      };
    }
    return {
      status: 'fail',
      summary: text(
        `店铺配置写的是${words(ours)['zh-CN']}环境，平台说这家店是${words(theirs)['zh-CN']}环境。`,
        `The store configuration says ${words(ours)['en-US']}, the platform says this store is ${words(theirs)['en-US']}.`,
      ),
      remediation: text(
        '请在商家后台重新导出这个环境的店铺配置，并选择对应的平台配置（沙箱或正式）。',
        'Export the store configuration for this environment again from the merchant back office, and pick the matching platform profile (sandbox or production).',
      ),
      evidence,
    };
  },
};

const FIELD_WORDS = {
  notifyUrl: text('付款结果通知地址', 'the payment notification address'),
  returnUrl: text('付款后返回的地址', 'the return address'),
};
const PROBLEM_WORDS = {
  'not-absolute': text('不是完整的网址', 'is not a full address'),
  'not-https': text('不是 https:// 开头', 'does not start with https://'),
  'query-string': text('带了 ? 后面的参数', 'has ?parameters'),
  fragment: text('带了 # 号', 'has a #fragment'),
  'too-long': text('超过 256 个字符', 'is over 256 characters'),
};

const cfgUrls: CheckDefinition<CheckContext> = {
  id: 'cfg.urls',
  async run(ctx) {
    const problems: { field: 'notifyUrl' | 'returnUrl'; url: string; problem: keyof typeof PROBLEM_WORDS }[] =
      [];
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
          '付款结果通知地址和付款后返回的地址格式正确（https，无参数）。',
          'Notify and return URLs are well formed (https, no parameters).',
        ),
      };
    }
    const zh = problems.map((p) => `${FIELD_WORDS[p.field]['zh-CN']}${PROBLEM_WORDS[p.problem]['zh-CN']}`);
    const en = problems.map((p) => `${FIELD_WORDS[p.field]['en-US']} ${PROBLEM_WORDS[p.problem]['en-US']}`);
    return {
      status: 'fail',
      summary: text(`地址有问题：${zh.join('；')}。`, `URL problems: ${en.join('; ')}.`),
      remediation: text(
        '付款结果通知地址和付款后返回的地址必须是以 https:// 开头的完整网址，不能带 ? 后面的参数或 # 号，长度不超过 256 个字符。请在商家后台改好后重新导出配置。',
        'Notify and return URLs must be full addresses starting with https://, with no ?parameters or #fragment, at most 256 characters. Fix them in the merchant back office and export the configuration again.',
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
    const list = bad.map((h) => h.host).join(', ');
    // Catalog: in sandbox any host passes, with a note; only production needs public hosts.
    if (ctx.store.environment !== 'production') {
      return {
        status: 'pass',
        summary: text(
          `沙箱测试可以用这些地址（${list}）；正式上线时要换成店铺的公网域名。`,
          `Fine for sandbox testing (${list}); going live needs the shop’s public domain.`,
        ),
        evidence: { hosts, sandbox: true },
      };
    }
    return {
      status: 'fail',
      summary: text(
        `这些地址买家和平台访问不到：${list}。`,
        `The platform and buyers cannot reach these hosts: ${list}.`,
      ),
      remediation: text(
        '正式环境必须用店铺的公网域名（例如 shop.example.cn），不能用 localhost、127.0.0.1 或内网地址。请在商家后台修改。',
        'Production needs the shop’s public domain (e.g. shop.example.cn), not localhost, 127.0.0.1 or a private address. Change it in the merchant back office.',
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
        '字符集不对会让签名失败、页面乱码。请在商家后台把字符集改为 UTF-8。',
        'A wrong charset breaks signatures and garbles pages. Set the charset to UTF-8 in the merchant back office.',
      ),
      evidence: { charset: ctx.store.charset },
    };
  },
};

const cfgBaitiao: CheckDefinition<CheckContext> = {
  id: 'cfg.baitiao',
  async run(ctx) {
    const { baitiao, testOrder } = ctx.store;
    const problems: LocalizedText[] = [];
    if (!baitiao.enabled) problems.push(text('白条没有开启', 'Baitiao is turned off'));
    const odd = baitiao.installments.filter((n) => !ALLOWED_INSTALLMENTS.includes(n));
    if (odd.length)
      problems.push(text(`没有 ${odd.join('、')} 期这种分期`, `${odd.join(', ')} installments do not exist`));
    if (!(Number(testOrder.amount) >= 0.01))
      problems.push(
        text(`测试金额 ${testOrder.amount} 元太小`, `test amount ${testOrder.amount} is too small`),
      );
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
        `白条设置有问题：${problems.map((p) => p['zh-CN']).join('；')}。`,
        `Baitiao settings problem: ${problems.map((p) => p['en-US']).join('; ')}.`,
      ),
      remediation: text(
        '请在商家后台开启白条支付；分期数只能是 3、6、12、24 期；测试金额至少 0.01 元、最多两位小数。',
        'Turn Baitiao on in the merchant back office; installments can only be 3, 6, 12 or 24; the test amount must be at least 0.01 with at most two decimals.',
      ),
      evidence: { ...evidence, problems: problems.map((p) => p['en-US']) },
    };
  },
};

export const configChecks = [cfgSchema, cfgEnvironment, cfgUrls, cfgUrlsPublic, cfgCharset, cfgBaitiao];
