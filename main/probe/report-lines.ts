import type { Language } from '../../shared/ipc/contract';
import {
  ProbeRunSchema,
  SUMMARY_PHASES,
  type PhaseStats,
  type ProbeHop,
  type ProbeRun,
} from '../../shared/probe/probe-result';

const L = (language: Language, zh: string, en: string): string => (language === 'zh-CN' ? zh : en);
const num = (value: number | null | undefined): string =>
  value === null || value === undefined ? '–' : value.toFixed(1);
const pct = (rate: number): string => `${(rate * 100).toFixed(rate > 0 && rate < 0.1 ? 1 : 0)}%`;
const pad = (value: string, width: number): string => value.padEnd(width);
const padLeft = (value: string, width: number): string => value.padStart(width);

const PHASE_LABELS: Record<(typeof SUMMARY_PHASES)[number], [string, string]> = {
  dns: ['DNS', 'DNS'],
  connect: ['TCP 连接', 'TCP connect'],
  proxyTunnel: ['代理隧道', 'proxy tunnel'],
  tls: ['TLS 握手', 'TLS handshake'],
  send: ['发送请求', 'send'],
  wait: ['等待首字节', 'wait (TTFB)'],
  receive: ['接收内容', 'receive'],
  total: ['单跳合计', 'hop total'],
};

function statsLine(label: string, stats: PhaseStats): string {
  return `    ${pad(label, 14)}${padLeft(num(stats.p50), 9)}${padLeft(num(stats.p95), 9)}${padLeft(num(stats.max), 9)}${padLeft(pct(stats.errorRate), 8)}`;
}

/** One hop as curl -w would print it, each phase on its own, in ms. */
export function hopLine(hop: ProbeHop): string {
  const t = hop.timings;
  const parts = [
    `dns ${num(t.dns)}`,
    `connect ${num(t.connect)}`,
    ...(t.proxyTunnel !== null ? [`tunnel ${num(t.proxyTunnel)}`] : []),
    `tls ${num(t.tls)}`,
    `send ${num(t.send)}`,
    `wait ${num(t.wait)}`,
    `receive ${num(t.receive)}`,
    `total ${num(t.total)} ms`,
  ];
  const status = hop.response ? String(hop.response.status) : hop.failure ? hop.failure.kind : '—';
  return `#${hop.index + 1} ${status} ${hop.url}  ${parts.join('  ')}`;
}

/**
 * The CLI's printable report of a probe run, in the user's language: per host the route, the first
 * probe's hops with their TLS details, a percentile table per phase, and each kind of failure in plain
 * words. Plain strings, no colour: the CLI decides how to print them.
 */
export function probeReportLines(run: ProbeRun, language: Language): string[] {
  const lines: string[] = [];
  const s = run.settings;
  lines.push(
    L(
      language,
      `网络检测：${run.summaries.length} 个地址，每个 ${s.count} 次，间隔 ${s.intervalMs / 1000} 秒${run.cancelled ? '（已取消）' : ''}`,
      `Network probes: ${run.summaries.length} host(s), ${s.count} each, ${s.intervalMs / 1000} s apart${run.cancelled ? ' (cancelled)' : ''}`,
    ),
  );
  for (const summary of run.summaries) {
    const results = run.results.filter(
      (r) => r.target.url === summary.target.url && r.target.role === summary.target.role,
    );
    const first = results[0];
    lines.push('');
    lines.push(`[${summary.target.role}] ${summary.target.url}`);
    const routes = Object.keys(summary.proxies);
    lines.push(`  ${L(language, '路由', 'route')}: ${routes.length ? routes.join(', ') : '–'}`);
    const hop0 = first?.hops[0];
    if (hop0?.remote)
      lines.push(
        `  ${L(language, '地址', 'address')}: ${hop0.remote.address} (${hop0.remote.family}) ${L(language, '端口', 'port')} ${hop0.remote.port}`,
      );
    if (hop0?.tls) {
      const tls = hop0.tls;
      lines.push(
        `  TLS: ${tls.protocol ?? '–'} ${tls.cipherStandardName ?? tls.cipher ?? ''} ALPN ${tls.alpn ?? '–'}`,
      );
      for (const cert of tls.chain) {
        lines.push(
          `    ${cert.subject} ← ${cert.issuer}; ${L(language, '有效至', 'valid to')} ${cert.validTo.slice(0, 10)} (${cert.daysLeft} ${L(language, '天', 'days')})${cert.subjectAltNames.length ? `; SAN ${cert.subjectAltNames.slice(0, 4).join(', ')}` : ''}`,
        );
      }
    }
    if (first) {
      lines.push(`  ${L(language, '第一次检测的各跳（毫秒）', 'First probe, per hop (ms)')}:`);
      for (const hop of first.hops) lines.push(`    ${hopLine(hop)}`);
      for (const insecure of first.redirects.insecure) {
        lines.push(
          `    ${L(language, '不安全跳转', 'insecure redirect')}: ${insecure.from} → ${insecure.to}`,
        );
      }
    }
    lines.push(
      `    ${pad(L(language, '阶段（毫秒）', 'phase (ms)'), 14)}${padLeft('p50', 9)}${padLeft('p95', 9)}${padLeft('max', 9)}${padLeft(L(language, '失败率', 'errors'), 8)}`,
    );
    for (const phase of SUMMARY_PHASES) {
      const stats = summary.phases[phase];
      if (stats.samples + stats.failures === 0) continue;
      const [zh, en] = PHASE_LABELS[phase];
      lines.push(statsLine(L(language, zh, en), stats));
    }
    lines.push(statsLine(L(language, '整个请求', 'whole request'), summary.request));
    lines.push(
      `  ${L(language, '完成', 'completed')} ${summary.completed}/${summary.attempts}, ${L(language, '失败', 'failed')} ${summary.failed} (${pct(summary.errorRate)})`,
    );
    for (const [kind, count] of Object.entries(summary.failuresByKind)) {
      const example = results.find((r) => r.failure?.kind === kind)?.failure;
      lines.push(
        `  ${L(language, '失败', 'failure')} ×${count} [${example?.phase ?? '?'}] ${kind}: ${example?.explanation[language] ?? ''}`,
      );
    }
  }
  return lines;
}

/** The CLI's --json output: the run itself, checked against the schema the IPC contract uses. */
export function probeReportJson(run: ProbeRun): ProbeRun {
  return ProbeRunSchema.parse(run);
}
