import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import type { ProbeSeriesSummary } from '../../shared/probe/probe-result';

import { NET_LATENCY_THRESHOLDS } from '../../shared/probe/slow-hosts';

/** Thresholds of `net.latency` in the checklist catalog, on whole requests (redirects included);
 * in shared/ so the timings screen judges "slow" by the very same numbers. */
export { NET_LATENCY_THRESHOLDS };

export interface NetLatencyVerdict {
  status: 'pass' | 'warn' | 'fail';
  summary: LocalizedText;
  remediation: LocalizedText | null;
  evidence: Record<string, unknown>;
}

const ROLE_NAMES: Record<string, LocalizedText> = {
  gateway: text('支付网关', 'payment gateway'),
  cashier: text('收银台', 'cashier'),
  support: text('客服接口', 'support intake'),
  notify: text('付款结果通知地址', 'payment notification address'),
  return: text('付款后返回的地址', 'return address'),
  store: text('店铺首页', 'store page'),
  custom: text('地址', 'address'),
};

const secs = (value: number | null): string => (value === null ? '–' : (value / 1000).toFixed(2));
const pct = (rate: number): string => `${Math.round(rate * 1000) / 10}%`;

/**
 * The `net.latency` verdict over the hosts' series: the worst host decides. Fail when a host's error
 * rate is over 20 % or its p95 request time over 5 s; warn when a p95 is over 1.5 s or any probe
 * failed. p95 is over successful requests only (a timeout is an error, not a latency). With no
 * completed probe there is nothing to judge: that is a warning, never a pass.
 */
export function netLatencyVerdict(
  summaries: ProbeSeriesSummary | readonly ProbeSeriesSummary[],
): NetLatencyVerdict {
  const list: readonly ProbeSeriesSummary[] = Array.isArray(summaries)
    ? summaries
    : [summaries as ProbeSeriesSummary];
  const t = NET_LATENCY_THRESHOLDS;
  const hosts = list.map((s) => {
    const p95 = s.request.p95;
    const status: NetLatencyVerdict['status'] =
      s.completed > 0 && (s.errorRate > t.failErrorRate || (p95 ?? 0) > t.failP95Ms)
        ? 'fail'
        : s.completed === 0 || s.failed > 0 || (p95 ?? 0) > t.warnP95Ms
          ? 'warn'
          : 'pass';
    return {
      role: s.target.role,
      url: s.target.url,
      status,
      attempts: s.attempts,
      completed: s.completed,
      failed: s.failed,
      errorRate: s.errorRate,
      p50Ms: s.request.p50,
      p95Ms: p95,
      maxMs: s.request.max,
      phaseP95Ms: {
        dns: s.phases.dns.p95,
        connect: s.phases.connect.p95,
        tls: s.phases.tls.p95,
        wait: s.phases.wait.p95,
        total: s.phases.total.p95,
      },
      failuresByKind: s.failuresByKind,
    };
  });
  const evidence = { thresholds: t, hosts };
  const failing = hosts.filter((h) => h.status === 'fail');
  const warning = hosts.filter((h) => h.status === 'warn');
  const name = (role: string) => ROLE_NAMES[role] ?? ROLE_NAMES.custom!;
  const list2 = (items: typeof hosts, lang: 'zh-CN' | 'en-US') =>
    items
      .map((h) =>
        lang === 'zh-CN'
          ? `${name(h.role)['zh-CN']}（失败 ${pct(h.errorRate)}，较慢时 ${secs(h.p95Ms)} 秒）`
          : `${name(h.role)['en-US']} (${pct(h.errorRate)} failed, p95 ${secs(h.p95Ms)} s)`,
      )
      .join(lang === 'zh-CN' ? '、' : ', ');

  if (hosts.length === 0 || hosts.every((h) => h.completed === 0)) {
    return {
      status: 'warn',
      summary: text('没有完成任何网络速度检测。', 'No network speed probe completed.'),
      remediation: text('请重新运行检测。', 'Run the probes again.'),
      evidence,
    };
  }
  if (failing.length) {
    return {
      status: 'fail',
      summary: text(
        `网络很慢或经常失败：${list2(failing, 'zh-CN')}。`,
        `Network too slow or failing: ${list2(failing, 'en-US')}.`,
      ),
      remediation: text(
        '买家在这种网络下很可能看到页面打不开或支付失败。请换一个网络（例如手机热点）再试；如果只有平台地址这样，请联系平台客服，并附上诊断包。',
        'Buyers on such a network will likely see pages that do not open or payments that fail. Try another network (a phone hotspot, say); if only the platform addresses are affected, contact platform support with a diagnostic bundle.',
      ),
      evidence,
    };
  }
  if (warning.length) {
    return {
      status: 'warn',
      summary: text(
        `网络偏慢或偶尔失败：${list2(warning, 'zh-CN')}。`,
        `Network slow or occasionally failing: ${list2(warning, 'en-US')}.`,
      ),
      remediation: text(
        '支付一般能完成，但可能变慢。如果买家反映打不开，请在不同时间再检测一次，或换一个网络比较。',
        'Payments should work but may be slow. If buyers report pages not opening, probe again at another time or compare with another network.',
      ),
      evidence,
    };
  }
  const slowest = Math.max(...hosts.map((h) => h.p95Ms ?? 0));
  return {
    status: 'pass',
    summary: text(
      `所有地址检测均成功，较慢时 ${secs(slowest)} 秒。`,
      `Every probe succeeded; p95 request time ${secs(slowest)} s at worst.`,
    ),
    remediation: null,
    evidence,
  };
}
