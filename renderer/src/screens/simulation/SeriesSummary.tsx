import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OutcomeCode } from '../../../../shared/protocol/outcome-codes';
import type { SimulationSeries } from '../../../../shared/simulation/simulation-result';
import { useMilliseconds, usePercent } from './format';

/**
 * Intermittency mode's answer: how often the payment got through, which outcomes came up how many
 * times, and how long the cashier took to be ready (typical and slow); then every run, to look at one.
 */
export function SeriesSummary({
  series,
  selected,
  onSelect,
}: {
  series: SimulationSeries;
  selected: number;
  onSelect: (index: number) => void;
}) {
  const { t } = useTranslation();
  const ms = useMilliseconds();
  const percent = usePercent();
  const done = series.runs.length;
  const ok = series.outcomes.REDIRECT_OK ?? 0;
  const outcomes = (Object.entries(series.outcomes) as [OutcomeCode, number][]).sort(([, a], [, b]) => b - a);
  const { p50, p95, samples } = series.timeToReady;
  const figure = (value: number | null) => (value === null ? t('simulation.series.none') : ms(value));

  return (
    <Card
      title={<h2 className="card-title">{t('simulation.series.title')}</h2>}
      data-testid="simulation-series"
    >
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">
          {series.cancelled
            ? t('simulation.series.runsDoneOf', { done, requested: series.requested })
            : t('simulation.series.runsDone', { count: done })}
        </Typography.Text>
        <div className="sim-series-grid">
          <section className="sim-figure" aria-labelledby="sim-success-rate">
            <h3 id="sim-success-rate" className="sim-figure-label">
              {t('simulation.series.successRate')}
            </h3>
            <Flex align="center" gap="small">
              <span className={ok === done ? 'icon-ok' : 'icon-bad'} aria-hidden>
                {ok === done ? <CheckCircleFilled /> : <CloseCircleFilled />}
              </span>
              <span className="sim-figure-value" data-testid="simulation-success-rate">
                {percent(series.successRate)}
              </span>
            </Flex>
            <Typography.Text type="secondary" data-testid="simulation-success-count">
              {t('simulation.series.successCount', { ok, done })}
            </Typography.Text>
          </section>

          <section className="sim-figure" aria-labelledby="sim-outcomes">
            <h3 id="sim-outcomes" className="sim-figure-label">
              {t('simulation.series.outcomes')}
            </h3>
            <ul className="sim-outcome-counts" data-testid="simulation-outcome-counts">
              {outcomes.map(([code, count]) => (
                <li key={code} data-outcome={code} data-count={count}>
                  <span className={code === 'REDIRECT_OK' ? 'icon-ok' : 'icon-bad'} aria-hidden>
                    {code === 'REDIRECT_OK' ? <CheckCircleFilled /> : <CloseCircleFilled />}
                  </span>{' '}
                  <span>{t(`simulation.outcomes.${code}`)}</span>{' '}
                  <strong data-testid="simulation-outcome-count">
                    {t('simulation.series.times', { count })}
                  </strong>
                </li>
              ))}
            </ul>
          </section>

          <section className="sim-figure" aria-labelledby="sim-time-to-ready">
            <h3 id="sim-time-to-ready" className="sim-figure-label">
              {t('simulation.series.timeToReady')}
            </h3>
            <dl className="sim-facts sim-facts-compact">
              <div>
                <dt>{t('simulation.series.p50')}</dt>
                <dd data-testid="simulation-p50">{figure(p50)}</dd>
              </div>
              <div>
                <dt>{t('simulation.series.p95')}</dt>
                <dd data-testid="simulation-p95">{figure(p95)}</dd>
              </div>
            </dl>
            <Typography.Text type="secondary" data-testid="simulation-samples">
              {samples > 0
                ? t('simulation.series.samples', { count: samples })
                : t('simulation.series.noSamples')}
            </Typography.Text>
          </section>
        </div>

        {done > 0 && (
          <div>
            <h3 id="sim-run-list" className="sim-figure-label">
              {t('simulation.series.runs')}
            </h3>
            <ol className="sim-run-list" aria-labelledby="sim-run-list" data-testid="simulation-run-list">
              {series.runs.map((run, index) => {
                const good = run.outcome === 'REDIRECT_OK';
                return (
                  <li key={run.runId}>
                    <Button
                      size="small"
                      type={index === selected ? 'primary' : 'default'}
                      aria-pressed={index === selected}
                      icon={good ? <CheckCircleFilled /> : <CloseCircleFilled />}
                      onClick={() => onSelect(index)}
                      data-outcome={run.outcome}
                    >
                      {t('simulation.series.runButton', {
                        n: index + 1,
                        // The outcome in words; its code is in the run's 「给客服看」 disclosure.
                        outcome: good ? t('simulation.outcome.ok') : t(`simulation.outcomes.${run.outcome}`),
                      })}
                    </Button>
                  </li>
                );
              })}
            </ol>
          </div>
        )}
      </Flex>
    </Card>
  );
}
