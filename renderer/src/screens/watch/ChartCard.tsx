import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { OneStopSegmented } from '../../ui/OneStopSegmented';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchBucket, WatchChartData, WatchGranularity } from '../../../../shared/watch/watch-chart';
import type { SampleOutcome } from '../../../../shared/watch/watch-sample';
import { EmptyNote } from '../../ui/screen-parts';
import { RANGES } from './chart-geometry';
import { useMilliseconds, useNumber, useOutcomeName, usePercent } from './format';
import { failureCounts, HistoryChart, MEASURES, pickTiming, usePeriod, type Measure } from './HistoryChart';
import type { Messages } from '../../i18n/resources';
import type { ChartView, Loaded } from './watch-data';
import { ErrorDetails } from '../../ui/ErrorDetails';

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type RangeKey = keyof Messages['watch']['chart']['ranges'];
type RangeCombos = { [G in keyof typeof RANGES]: `${G}${(typeof RANGES)[G][number]}` }[keyof typeof RANGES];
// Every range the chart offers has a name, and no name is left over.
const everyRangeNamed: Exactly<RangeCombos, RangeKey> = true;
void everyRangeNamed;

interface Totals {
  probe: { samples: number; ok: number };
  simulation: { samples: number; ok: number };
  /** Failing samples by code, most frequent first, with the kind of check that saw them. */
  failures: { outcome: SampleOutcome; kind: 'probe' | 'simulation'; count: number }[];
}

function totalsOf(buckets: readonly WatchBucket[]): Totals {
  const totals: Totals = { probe: { samples: 0, ok: 0 }, simulation: { samples: 0, ok: 0 }, failures: [] };
  const failures = new Map<string, Totals['failures'][number]>();
  for (const bucket of buckets) {
    for (const kind of ['probe', 'simulation'] as const) {
      const stats = bucket[kind];
      if (!stats) continue;
      totals[kind].samples += stats.samples;
      totals[kind].ok += stats.ok;
      for (const [outcome, count] of Object.entries(stats.failures) as [SampleOutcome, number][]) {
        const key = `${kind} ${outcome}`;
        const known = failures.get(key) ?? { outcome, kind, count: 0 };
        known.count += count;
        failures.set(key, known);
      }
    }
  }
  totals.failures = [...failures.values()].sort((a, b) => b.count - a.count);
  return totals;
}

/** The shape each kind's failures have on the chart, repeated wherever they are listed. */
export const KIND_SYMBOL = { probe: '▼', simulation: '◆' } as const;

/**
 * The history: by hour or by day (and how far back), which timing to plot, a summary in words, the
 * chart, the failure codes of the range, and every figure in a table for those who cannot see the chart.
 */
export function ChartCard({
  chart,
  view,
  onView,
  measure,
  onMeasure,
  onRetry,
}: {
  chart: Loaded<WatchChartData>;
  view: ChartView;
  onView: (view: ChartView) => void;
  measure: Measure;
  onMeasure: (measure: Measure) => void;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const data = chart.state === 'ready' ? chart.value : null;
  const totals = useMemo(() => (data ? totalsOf(data.buckets) : null), [data]);

  return (
    <Card
      title={<h2 className="card-title">{t('watch.chart.title')}</h2>}
      data-testid="watch-chart-card"
      aria-busy={chart.state === 'loading'}
    >
      <Flex vertical gap="middle">
        <Flex gap="large" wrap align="flex-end">
          <Flex vertical gap={4}>
            <span id="watch-granularity-label">{t('watch.chart.granularityLabel')}</span>
            <OneStopSegmented<WatchGranularity>
              aria-labelledby="watch-granularity-label"
              value={view.granularity}
              onChange={(granularity) => onView({ granularity, count: RANGES[granularity][0] })}
              options={[
                { value: 'hour', label: t('watch.chart.byHour') },
                { value: 'day', label: t('watch.chart.byDay') },
              ]}
              data-testid="watch-granularity"
            />
          </Flex>
          <Flex vertical gap={4}>
            <span id="watch-range-label">{t('watch.chart.rangeLabel')}</span>
            <OneStopSegmented<number>
              aria-labelledby="watch-range-label"
              value={view.count}
              onChange={(count) => onView({ granularity: view.granularity, count })}
              options={RANGES[view.granularity].map((count) => ({
                value: count,
                label: t(`watch.chart.ranges.${`${view.granularity}${count}` as RangeKey}`),
              }))}
              data-testid="watch-range"
            />
          </Flex>
          <Flex vertical gap={4}>
            <span id="watch-measure-label">{t('watch.chart.measureLabel')}</span>
            <OneStopSegmented<Measure>
              aria-labelledby="watch-measure-label"
              value={measure}
              onChange={onMeasure}
              options={MEASURES.map((value) => ({ value, label: t(`watch.chart.measures.${value}`) }))}
              data-testid="watch-measure"
            />
          </Flex>
        </Flex>

        {chart.state === 'loading' && <Skeleton active aria-label={t('watch.chart.loading')} />}
        {chart.state === 'failed' && (
          <Alert
            type="error"
            showIcon
            title={t('watch.chart.failed')}
            description={<ErrorDetails reason={chart.reason} />}
            action={
              <Button icon={<ReloadOutlined />} onClick={onRetry}>
                {t('watch.chart.retry')}
              </Button>
            }
          />
        )}
        {data && totals && data.buckets.length === 0 && (
          <EmptyNote
            title={t('watch.chart.empty')}
            hint={t('watch.chart.emptyHint')}
            image={Empty.PRESENTED_IMAGE_SIMPLE}
            data-testid="watch-chart-empty"
          />
        )}
        {data && totals && data.buckets.length > 0 && (
          <>
            <Summary totals={totals} />
            <Legend />
            <HistoryChart data={data} measure={measure} />
            <Typography.Text type="secondary" id="watch-chart-help">
              {t('watch.chart.help')}
            </Typography.Text>
            {data.failuresTruncated && (
              <Alert
                // A standing note, not news: antd would make it role="alert", read out over whatever is said.
                role="note"
                type="info"
                showIcon
                title={t('watch.chart.failuresTruncated', { count: data.failures.length })}
              />
            )}
            <FailureCodes totals={totals} />
            <BucketTable data={data} />
          </>
        )}
      </Flex>
    </Card>
  );
}

function Summary({ totals }: { totals: Totals }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const failed = totals.failures.reduce((sum, failure) => sum + failure.count, 0);
  const parts = (['probe', 'simulation'] as const)
    .filter((kind) => totals[kind].samples > 0)
    .map((kind) =>
      t('watch.chart.summaryKind', {
        kind: t(`watch.kinds.${kind}`),
        count: totals[kind].samples,
        rate: percent(totals[kind].ok / totals[kind].samples),
      }),
    );
  return (
    <Typography.Text data-testid="watch-chart-summary" data-failures={failed}>
      {parts.join(t('watch.chart.separator'))}
      {t('watch.chart.separator')}
      {failed === 0
        ? t('watch.chart.summaryNoFailures')
        : t('watch.chart.summaryFailures', { count: failed })}
    </Typography.Text>
  );
}

/** Every line and mark of the chart with its shape or dash pattern drawn and named: not colour alone. */
function Legend() {
  const { t } = useTranslation();
  const item = (swatch: ReactNode, label: string) => (
    <li className="watch-legend-item">
      <svg width="28" height="14" aria-hidden className="watch-legend-swatch">
        {swatch}
      </svg>
      {label}
    </li>
  );
  return (
    <ul className="watch-legend" aria-label={t('watch.chart.legend')}>
      {item(
        <>
          <line x1="2" x2="26" y1="7" y2="7" className="watch-line watch-line-probe" />
          <circle cx="14" cy="7" r="3.5" className="watch-dot-probe" />
        </>,
        t('watch.chart.legendProbe'),
      )}
      {item(
        <>
          <line x1="2" x2="26" y1="7" y2="7" className="watch-line watch-line-simulation" />
          <rect x="10.5" y="3.5" width="7" height="7" className="watch-dot-simulation" />
        </>,
        t('watch.chart.legendSimulation'),
      )}
      {item(
        <path d="M8 2L20 2L14 13Z" className="watch-marker-shape watch-marker-probe" />,
        t('watch.chart.legendProbeFailure'),
      )}
      {item(
        <path d="M14 0L21 7L14 14L7 7Z" className="watch-marker-shape watch-marker-simulation" />,
        t('watch.chart.legendSimulationFailure'),
      )}
      {item(
        <rect x="1" y="1" width="26" height="12" fill="url(#watch-hatch)" className="watch-incident-band" />,
        t('watch.chart.legendIncident'),
      )}
      {item(
        <>
          <line x1="2" x2="26" y1="7" y2="7" className="watch-line watch-line-p50" />
          <circle cx="14" cy="7" r="3.5" className="watch-dot-p50" />
        </>,
        t('watch.chart.legendP50'),
      )}
      {item(
        <>
          <line x1="2" x2="26" y1="7" y2="7" className="watch-line watch-line-p95" />
          <path d="M14 2.5L18.5 10.5L9.5 10.5Z" className="watch-dot-p95" />
        </>,
        t('watch.chart.legendP95'),
      )}
    </ul>
  );
}

function FailureCodes({ totals }: { totals: Totals }) {
  const { t } = useTranslation();
  const outcomeName = useOutcomeName();
  if (totals.failures.length === 0) return null;
  return (
    <section aria-labelledby="watch-failure-codes-title">
      <h3 id="watch-failure-codes-title" className="watch-subtitle">
        {t('watch.chart.failureCodes')}
      </h3>
      <ul className="watch-code-counts" data-testid="watch-failure-codes">
        {totals.failures.map((failure) => (
          <li
            key={`${failure.kind} ${failure.outcome}`}
            data-outcome={failure.outcome}
            data-kind={failure.kind}
          >
            <span aria-hidden className={`watch-symbol watch-symbol-${failure.kind}`}>
              {KIND_SYMBOL[failure.kind]}
            </span>{' '}
            {t(`watch.kinds.${failure.kind}`)} <code className="watch-code">{failure.outcome}</code>{' '}
            {outcomeName(failure.outcome)} <strong>{t('watch.chart.times', { count: failure.count })}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The chart as a table, newest first; built only when opened (a year of days is 365 rows). */
function BucketTable({ data }: { data: WatchChartData }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const percent = usePercent();
  const ms = useMilliseconds();
  const number = useNumber();
  const period = usePeriod();
  const none = t('watch.table.none');
  const pair = (bucket: WatchBucket, measure: Measure) => {
    const timing = pickTiming(bucket, measure);
    if (!timing || (timing.p50 === null && timing.p95 === null)) return none;
    return `${timing.p50 === null ? none : ms(timing.p50)} / ${timing.p95 === null ? none : ms(timing.p95)}`;
  };
  const rate = (stats: WatchBucket['probe'] | WatchBucket['simulation']) =>
    stats ? `${percent(stats.successRate)} (${number(stats.ok)}/${number(stats.samples)})` : none;

  return (
    <details className="watch-table-details" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{t('watch.table.show')}</summary>
      {open && (
        <div className="watch-table-scroll">
          <table className="watch-table" data-testid="watch-table">
            <caption className="text-secondary">{t('watch.table.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('watch.table.period')}</th>
                <th scope="col">{t('watch.table.probeRate')}</th>
                <th scope="col">{t('watch.table.gateway')}</th>
                <th scope="col">{t('watch.table.cashier')}</th>
                <th scope="col">{t('watch.table.simulationRate')}</th>
                <th scope="col">{t('watch.table.ready')}</th>
                <th scope="col">{t('watch.table.failures')}</th>
              </tr>
            </thead>
            <tbody>
              {[...data.buckets].reverse().map((bucket) => (
                <tr key={bucket.start}>
                  <th scope="row">{period(bucket.start, bucket.end, data.granularity)}</th>
                  <td>{rate(bucket.probe)}</td>
                  <td>{pair(bucket, 'gateway')}</td>
                  <td>{pair(bucket, 'cashier')}</td>
                  <td>{rate(bucket.simulation)}</td>
                  <td>{pair(bucket, 'ready')}</td>
                  <td>
                    {failureCounts(bucket)
                      .map(([outcome, count]) => `${outcome} ×${number(count)}`)
                      .join(t('watch.chart.separator')) || none}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}
