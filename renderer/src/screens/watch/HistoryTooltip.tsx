import { useCallback, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchBucket, WatchChartData } from '../../../../shared/watch/watch-chart';
import type { SampleOutcome } from '../../../../shared/watch/watch-sample';
import { type FailureCluster } from './chart-geometry';
import { dateFormat, useMilliseconds, useMoment, useOutcomeName, usePercent, useUiLanguage } from './format';
import {
  type Measure,
  pickTiming,
  SUCCESS_TOP,
  LISTED_FAILURES,
  TOOLTIP_WIDTH,
  rowOf,
  type Geometry,
} from './history-geometry';

/** What the pointer or the keyboard is on: one bucket's column, or one failure marker. */
export type Tip = { type: 'bucket'; index: number } | { type: 'failure'; index: number };

export function useFailureWords() {
  const { t } = useTranslation();
  const moment = useMoment();
  const outcomeName = useOutcomeName();
  return useCallback(
    (cluster: FailureCluster) => {
      const count = cluster.failures.length;
      const title = t('watch.chart.failureTitle', { kind: t(`watch.kinds.${cluster.kind}`), count });
      const items = cluster.failures.slice(-LISTED_FAILURES).map((failure) => ({
        at: failure.at,
        time: moment(failure.at),
        outcome: failure.outcome,
        words: outcomeName(failure.outcome),
        target: failure.target ? t(`watch.targets.${failure.target}`) : null,
      }));
      const described = items.map((item) => ({
        ...item,
        words: item.target
          ? t('watch.chart.withTarget', { words: item.words, target: item.target })
          : item.words,
      }));
      const more = count - items.length;
      return { title, items: described, more };
    },
    [t, moment, outcomeName],
  );
}

export function Tooltip({
  id,
  tip,
  geometry,
  data,
  measure,
}: {
  id: string;
  tip: Tip;
  geometry: Geometry;
  data: WatchChartData;
  measure: Measure;
}) {
  const words = useFailureWords();
  let anchorX: number;
  let top: number;
  let body: ReactNode;
  if (tip.type === 'failure') {
    const cluster = geometry.clusters[tip.index];
    if (!cluster) return null;
    const said = words(cluster);
    anchorX = cluster.x;
    top = rowOf(cluster.kind) + 14;
    body = (
      <>
        <strong>{said.title}</strong>
        <ul className="watch-tooltip-list">
          {said.items.map((item, index) => (
            <li key={`${item.at}-${index}`}>
              <time dateTime={new Date(item.at).toISOString()}>{item.time}</time>{' '}
              <code className="watch-code">{item.outcome}</code> {item.words}
            </li>
          ))}
        </ul>
        {said.more > 0 && <MoreFailures count={said.more} />}
      </>
    );
  } else {
    const column = geometry.columns[tip.index];
    if (!column) return null;
    anchorX = (column.x0 + column.x1) / 2;
    top = SUCCESS_TOP - 4;
    body = <BucketFigures bucket={column.bucket} granularity={data.granularity} measure={measure} />;
  }
  const left = Math.max(0, Math.min(geometry.width - TOOLTIP_WIDTH, anchorX - TOOLTIP_WIDTH / 2));
  // Bucket read-outs sit beside the cursor, not under it.
  const style =
    tip.type === 'bucket'
      ? { left: anchorX > geometry.width / 2 ? anchorX - TOOLTIP_WIDTH - 12 : anchorX + 12, top }
      : { left, top };
  return (
    <div
      id={id}
      role="tooltip"
      className="watch-tooltip"
      style={{ ...style, width: TOOLTIP_WIDTH }}
      data-testid="watch-tooltip"
    >
      {body}
    </div>
  );
}

function MoreFailures({ count }: { count: number }) {
  const { t } = useTranslation();
  return <div className="text-secondary">{t('watch.chart.more', { count })}</div>;
}

/** One bucket's figures: its period, success rates, timings and failures by code. */
export function BucketFigures({
  bucket,
  granularity,
  measure,
}: {
  bucket: WatchBucket;
  granularity: WatchChartData['granularity'];
  measure: Measure;
}) {
  const { t } = useTranslation();
  const percent = usePercent();
  const ms = useMilliseconds();
  const period = usePeriod();
  const timing = pickTiming(bucket, measure);
  const failures = failureCounts(bucket);
  return (
    <>
      <strong>{period(bucket.start, bucket.end, granularity)}</strong>
      <ul className="watch-tooltip-list">
        {bucket.probe && (
          <li>
            {t('watch.chart.rateLine', {
              kind: t('watch.kinds.probe'),
              rate: percent(bucket.probe.successRate),
              ok: bucket.probe.ok,
              samples: bucket.probe.samples,
            })}
          </li>
        )}
        {bucket.simulation && (
          <li>
            {t('watch.chart.rateLine', {
              kind: t('watch.kinds.simulation'),
              rate: percent(bucket.simulation.successRate),
              ok: bucket.simulation.ok,
              samples: bucket.simulation.samples,
            })}
          </li>
        )}
        {timing && (timing.p50 !== null || timing.p95 !== null) && (
          <li>
            {t('watch.chart.timingLine', {
              measure: t(`watch.chart.measures.${measure}`),
              p50: timing.p50 === null ? '—' : ms(timing.p50),
              p95: timing.p95 === null ? '—' : ms(timing.p95),
            })}
          </li>
        )}
        {failures.map(([outcome, count]) => (
          <li key={outcome}>
            <code className="watch-code">{outcome}</code> {t('watch.chart.times', { count })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Failing samples of a bucket by outcome code, most frequent first. */
export function failureCounts(bucket: WatchBucket): [SampleOutcome, number][] {
  const counts = new Map<SampleOutcome, number>();
  for (const stats of [bucket.probe, bucket.simulation]) {
    for (const [outcome, count] of Object.entries(stats?.failures ?? {}) as [SampleOutcome, number][]) {
      counts.set(outcome, (counts.get(outcome) ?? 0) + count);
    }
  }
  return [...counts].sort(([, a], [, b]) => b - a);
}

/** 6月3日 14:00–15:00 for an hour, 2025年6月3日周二 for a day. */
export function usePeriod(): (
  start: number,
  end: number,
  granularity: WatchChartData['granularity'],
) => string {
  const language = useUiLanguage();
  return useCallback(
    (start: number, end: number, granularity: WatchChartData['granularity']) =>
      granularity === 'hour'
        ? dateFormat(language, {
            month: 'short',
            day: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
          }).formatRange(start, end)
        : dateFormat(language, {
            year: 'numeric',
            month: 'short',
            day: 'numeric',
            weekday: 'short',
          }).format(start),
    [language],
  );
}
