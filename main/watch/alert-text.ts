import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import { OUTCOME_EXPLANATIONS } from '../../shared/simulation/outcome-explanations';
import { isOutcomeCode, type SampleOutcome, type WatchSample } from '../../shared/watch/watch-sample';
import type { WatchIncident } from '../../shared/watch/watch-incident';

const TARGET_NAME: Record<'gateway' | 'cashier' | 'redirect', LocalizedText> = {
  gateway: text('支付网关', 'The payment gateway'),
  cashier: text('白条收银台', 'The Baitiao cashier'),
  redirect: text('白条支付跳转', 'The Baitiao redirect'),
};

/** A probe verdict in a few words: a notification has two lines, the detail is in the history. */
function probeProblem(outcome: SampleOutcome, httpStatus: number | null): LocalizedText {
  if (outcome === 'server-error') {
    return text(
      `返回服务器错误（HTTP ${httpStatus ?? '5xx'}）`,
      `answers with a server error (HTTP ${httpStatus ?? '5xx'})`,
    );
  }
  if (outcome.endsWith('timeout') || outcome === 'body-stalled')
    return text('没有及时响应', 'does not answer in time');
  if (outcome.startsWith('tls-'))
    return text('安全证书或加密连接有问题', 'has a certificate or secure-connection problem');
  if (outcome.startsWith('dns-')) return text('域名解析失败', 'cannot be found (DNS)');
  return text('连接失败', 'cannot be reached');
}

/** What failed, as the shop owner reads it, with the code support staff sort by. */
export function describeFailure(
  sample: Pick<WatchSample, 'outcome' | 'target' | 'httpStatus'>,
): LocalizedText {
  const { outcome } = sample;
  if (isOutcomeCode(outcome)) {
    const saw = OUTCOME_EXPLANATIONS[outcome].buyerSaw;
    return text(`买家会看到：${saw['zh-CN']}（${outcome}）`, `Buyers see: ${saw['en-US']} (${outcome})`);
  }
  const who = TARGET_NAME[sample.target ?? 'gateway'];
  const problem = probeProblem(outcome, sample.httpStatus);
  return text(
    `${who['zh-CN']}${problem['zh-CN']}（${outcome}）`,
    `${who['en-US']} ${problem['en-US']} (${outcome})`,
  );
}

function minutes(ms: number): LocalizedText {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m < 120
    ? text(`${m} 分钟`, `${m} min`)
    : text(`${Math.round(m / 60)} 小时`, `${Math.round(m / 60)} h`);
}

export function failingText(
  storeName: string,
  sample: WatchSample,
): { title: LocalizedText; body: LocalizedText } {
  const what = describeFailure(sample);
  return {
    title: text('白条支付出现故障', 'Baitiao payments are failing'),
    body: text(`${storeName}：${what['zh-CN']}`, `${storeName}: ${what['en-US']}`),
  };
}

export function recoveredText(
  storeName: string,
  incident: WatchIncident,
): { title: LocalizedText; body: LocalizedText } {
  const lasted = minutes((incident.closedAt ?? incident.openedAt) - incident.openedAt);
  return {
    title: text('白条支付已恢复', 'Baitiao payments work again'),
    body: text(
      `${storeName}：故障持续约 ${lasted['zh-CN']}，期间 ${incident.failedSamples} 次检测失败（${incident.firstOutcome}）。`,
      `${storeName}: the fault lasted about ${lasted['en-US']}, ${incident.failedSamples} failed checks (${incident.firstOutcome}).`,
    ),
  };
}
