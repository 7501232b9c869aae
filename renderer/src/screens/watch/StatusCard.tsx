import {
  CheckCircleFilled,
  CloseCircleFilled,
  EyeOutlined,
  LoadingOutlined,
  MinusCircleOutlined,
  PauseCircleOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchStatus } from '../../../../shared/watch/watch-api';
import type { WatchSample } from '../../../../shared/watch/watch-sample';
import { useLocalized } from '../../i18n/use-localized';
import {
  isOkOutcome,
  useDuration,
  useMilliseconds,
  useMoment,
  useNow,
  useOutcomeName,
  useRelative,
} from './format';
import { simulationCadenceSeconds } from './SettingsCard';

/**
 * What the watch is doing now, each line with an icon AND words: on or off, the last sample and when,
 * the next one, an open incident with its outcome code and since when, and whether the simulated
 * redirect can run (and why not).
 */
export function StatusCard({ status }: { status: WatchStatus }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const moment = useMoment();
  const relative = useRelative();
  const duration = useDuration();
  const outcomeName = useOutcomeName();
  const now = useNow(5_000);
  const { settings, running, lastSample, nextSampleAt, openIncident } = status;
  const cadence = simulationCadenceSeconds(settings);

  const state = running
    ? { key: 'watching', icon: <EyeOutlined className="icon-ok" />, text: t('watch.status.watching') }
    : settings.enabled
      ? {
          key: 'noStore',
          icon: <WarningFilled className="icon-warn" />,
          text: t('watch.status.enabledNoStore'),
        }
      : { key: 'off', icon: <PauseCircleOutlined className="text-secondary" />, text: t('watch.status.off') };

  return (
    <Card title={<h2 className="card-title">{t('watch.status.title')}</h2>} data-testid="watch-status">
      <dl className="watch-status-list">
        <Row label={t('watch.status.state')} testId="watch-state" data={{ 'data-state': state.key }}>
          <span aria-hidden>{state.icon}</span> <strong>{state.text}</strong>
          {status.storeName && (
            <Typography.Text type="secondary">
              {' '}
              {t('watch.status.store', { name: status.storeName })}
            </Typography.Text>
          )}
        </Row>

        <Row label={t('watch.status.lastSample')} testId="watch-last-sample" data={sampleData(lastSample)}>
          {lastSample ? (
            <LastSample sample={lastSample} now={now} />
          ) : (
            <span className="text-secondary">{t('watch.status.noSample')}</span>
          )}
        </Row>

        <Row label={t('watch.status.nextSample')} testId="watch-next-sample">
          {!running ? (
            <span className="text-secondary">{t('watch.status.noNext')}</span>
          ) : nextSampleAt === null ? (
            <span role="status">
              <LoadingOutlined aria-hidden /> {t('watch.status.sampling')}
            </span>
          ) : (
            <span>
              <time dateTime={new Date(nextSampleAt).toISOString()}>{moment(nextSampleAt)}</time>{' '}
              <Typography.Text type="secondary">
                {t('watch.status.relative', { relative: relative(Math.max(nextSampleAt, now), now) })}
              </Typography.Text>
            </span>
          )}
        </Row>

        <Row
          label={t('watch.status.incident')}
          testId="watch-open-incident"
          data={{ 'data-open': openIncident ? 'true' : 'false', 'data-outcome': openIncident?.lastOutcome }}
        >
          {openIncident ? (
            <span className="watch-incident-now">
              <CloseCircleFilled aria-hidden className="icon-bad" />{' '}
              <strong>
                {t('watch.status.incidentOpen', { words: outcomeName(openIncident.lastOutcome) })}
              </strong>{' '}
              <code className="watch-code">{openIncident.lastOutcome}</code>
              <br />
              <span data-testid="watch-incident-since">
                {t('watch.status.incidentSince', {
                  time: moment(openIncident.openedAt),
                  duration: duration(Math.max(0, now - openIncident.openedAt)),
                })}
              </span>
              {openIncident.firstOutcome !== openIncident.lastOutcome && (
                <>
                  {' '}
                  {t('watch.status.incidentFirst')}{' '}
                  <code className="watch-code">{openIncident.firstOutcome}</code>
                </>
              )}
            </span>
          ) : (
            <span>
              <CheckCircleFilled aria-hidden className="icon-ok" /> {t('watch.status.noIncident')}
            </span>
          )}
        </Row>

        <Row
          label={t('watch.status.simulation')}
          testId="watch-simulation"
          data={{ 'data-simulation': status.simulation }}
        >
          {status.simulation === 'available' ? (
            <span>
              <CheckCircleFilled aria-hidden className="icon-ok" /> {t('watch.status.simulationAvailable')}
              {cadence !== null && (
                <Typography.Text type="secondary">
                  {' '}
                  {t('watch.settings.simulationCadence', { duration: duration(cadence * 1000) })}
                </Typography.Text>
              )}
            </span>
          ) : status.simulation === 'off' ? (
            <span>
              <MinusCircleOutlined aria-hidden className="text-secondary" /> {t('watch.status.simulationOff')}
            </span>
          ) : (
            <span>
              <WarningFilled aria-hidden className="icon-warn" /> {t('watch.status.simulationUnavailable')}
              {status.simulationUnavailableReason && (
                <>
                  {' '}
                  <span data-testid="watch-simulation-reason">
                    {localized(status.simulationUnavailableReason)}
                  </span>
                </>
              )}
            </span>
          )}
        </Row>
      </dl>
    </Card>
  );
}

function sampleData(sample: WatchSample | null): Record<string, string | undefined> {
  return sample
    ? { 'data-kind': sample.kind, 'data-outcome': sample.outcome, 'data-ok': String(sample.ok) }
    : {};
}

function Row({
  label,
  testId,
  data,
  children,
}: {
  label: string;
  testId: string;
  data?: Record<string, string | undefined>;
  children: ReactNode;
}) {
  return (
    <div className="watch-status-row" data-testid={testId} {...data}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function LastSample({ sample, now }: { sample: WatchSample; now: number }) {
  const { t } = useTranslation();
  const moment = useMoment();
  const relative = useRelative();
  const ms = useMilliseconds();
  const outcomeName = useOutcomeName();
  const ok = isOkOutcome(sample.outcome);
  const timings =
    sample.kind === 'simulation'
      ? sample.timeToReadyMs !== null
        ? t('watch.status.readyIn', { duration: ms(sample.timeToReadyMs) })
        : null
      : [
          sample.gateway &&
            t('watch.status.hostTime', {
              host: t('watch.targets.gateway'),
              duration: ms(sample.gateway.total),
            }),
          sample.cashier &&
            t('watch.status.hostTime', {
              host: t('watch.targets.cashier'),
              duration: ms(sample.cashier.total),
            }),
        ]
          .filter(Boolean)
          .join(t('watch.chart.separator'));
  return (
    <span>
      {ok ? (
        <CheckCircleFilled aria-hidden className="icon-ok" />
      ) : (
        <CloseCircleFilled aria-hidden className="icon-bad" />
      )}{' '}
      <strong>
        {t(ok ? 'watch.status.sampleOk' : 'watch.status.sampleFailed', {
          kind: t(`watch.kinds.${sample.kind}`),
        })}
      </strong>
      {!ok && (
        <>
          {' '}
          {sample.target
            ? t('watch.chart.withTarget', {
                words: outcomeName(sample.outcome),
                target: t(`watch.targets.${sample.target}`),
              })
            : outcomeName(sample.outcome)}{' '}
          <code className="watch-code">{sample.outcome}</code>
        </>
      )}
      <br />
      <time dateTime={new Date(sample.at).toISOString()}>{moment(sample.at)}</time>{' '}
      <Typography.Text type="secondary">
        {t('watch.status.relative', { relative: relative(Math.min(sample.at, now), now) })}
      </Typography.Text>
      {timings && <Typography.Text type="secondary"> · {timings}</Typography.Text>}
    </span>
  );
}
