import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { slowHosts } from '../../../../shared/probe/slow-hosts';
import { useMilliseconds } from './phases';
import type { ProbeSession } from './probe-session';

/**
 * Once a run is over: did every address open, and was any of them slow by net.latency's own
 * thresholds — each slow one named with the phase to blame and whose side it is on
 * (「支付网关很慢：等待服务器 2.5 秒，平台那边」), so "打开了" never hides "打开得太慢".
 */
export function TimingsVerdict({ session }: { session: ProbeSession }) {
  const { t, i18n } = useTranslation();
  const ms = useMilliseconds();
  const { run } = session;
  if (session.phase !== 'idle' || !run) return null;
  // Counted over every request, not only the first ones the waterfall shows.
  const failed = run.summaries.filter((summary) => summary.failed > 0).length;
  const slow = slowHosts(run.summaries);
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(new Date(run.finishedAt));
  const headline =
    failed > 0
      ? t('timings.verdictFailed', { count: failed })
      : slow.length > 0
        ? t('timings.verdictSlow', { count: slow.length })
        : t('timings.verdictOk');
  return (
    <Flex vertical gap={2}>
      <Typography.Text
        strong
        type={failed > 0 ? 'danger' : slow.length > 0 ? 'warning' : undefined}
        data-testid="timings-verdict"
      >
        {headline}
      </Typography.Text>
      {slow.length > 0 && (
        <ul className="timings-slow-list" data-testid="timings-slow">
          {slow.map((host) => {
            const values = {
              role: t(`timings.roles.${host.role}`),
              phase: t(`timings.phases.${host.phase}.name`),
              duration: ms(host.phaseP95Ms),
            };
            const line = t(host.level === 'verySlow' ? 'timings.slow.verySlow' : 'timings.slow.slow', values);
            return (
              <li
                key={`${host.role} ${host.url}`}
                data-testid="timings-slow-line"
                data-side={host.side ?? ''}
              >
                {host.side
                  ? t('timings.slow.withSide', { line, side: t(`timings.slow.sides.${host.side}`) })
                  : line}
              </li>
            );
          })}
        </ul>
      )}
      <Typography.Text type="secondary">
        {t('timings.lastRun', { time, count: run.settings.count })}
      </Typography.Text>
    </Flex>
  );
}
