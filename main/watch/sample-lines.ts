import type { Language } from '../../shared/ipc/contract';
import { text } from '../../shared/i18n/localized-text';
import type { WatchSample } from '../../shared/watch/watch-sample';
import type { WatchAlert } from '../../shared/watch/watch-incident';
import { describeFailure } from './alert-text';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Local wall time, as the shop owner reads their clock: 2026-11-26 10:00:05. */
export function localTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const KIND = {
  probe: text('探测', 'probe'),
  simulation: text('模拟跳转', 'redirect'),
};
const VERDICT = { ok: text('正常', 'OK'), failed: text('失败', 'FAIL') };
const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${Math.round(value)} ms`;

/** One human line per sample: time, kind, verdict, then timings or what failed. */
export function sampleLine(sample: WatchSample, language: Language): string {
  const head = `${localTime(sample.at)}  ${KIND[sample.kind][language].padEnd(language === 'zh-CN' ? 4 : 8)}  ${(sample.ok ? VERDICT.ok : VERDICT.failed)[language].padEnd(4)}`;
  const detail =
    sample.kind === 'probe'
      ? language === 'zh-CN'
        ? `网关 ${ms(sample.gateway?.total)}  收银台 ${ms(sample.cashier?.total)}`
        : `gateway ${ms(sample.gateway?.total)}  cashier ${ms(sample.cashier?.total)}`
      : `${sample.outcome}  ${language === 'zh-CN' ? '就绪' : 'ready'} ${ms(sample.timeToReadyMs)}`;
  if (sample.ok) return `${head}  ${detail}`;
  const what = describeFailure(sample)[language];
  // A failed redirect's description already carries its code, and it has no time to ready.
  return sample.kind === 'simulation' ? `${head}  ${what}` : `${head}  ${what}  ${detail}`;
}

export function alertLine(alert: WatchAlert, language: Language): string {
  const colon = language === 'zh-CN' ? '：' : ': ';
  return `!! ${localTime(alert.at)}  ${alert.title[language]}${colon}${alert.body[language]}`;
}

/** JSON lines: the export document's sample shape (ISO time), tagged, so a log reader can tell lines apart. */
export function sampleJson(sample: WatchSample): string {
  return JSON.stringify({ type: 'sample', ...sample, at: new Date(sample.at).toISOString() });
}

export function alertJson(alert: WatchAlert, language: Language): string {
  return JSON.stringify({
    type: 'alert',
    alert: alert.type,
    at: new Date(alert.at).toISOString(),
    kind: alert.kind,
    outcome: alert.outcome,
    incidentId: alert.incidentId,
    openedAt: new Date(alert.incident.openedAt).toISOString(),
    closedAt: alert.incident.closedAt === null ? null : new Date(alert.incident.closedAt).toISOString(),
    title: alert.title[language],
    body: alert.body[language],
  });
}
