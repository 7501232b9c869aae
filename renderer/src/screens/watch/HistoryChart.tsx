import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchChartData } from '../../../../shared/watch/watch-chart';
import { nearestBucket, type FailureCluster } from './chart-geometry';
import { useUiLanguage } from './format';
import {
  type Measure,
  M_LEFT,
  M_RIGHT,
  SUCCESS_TOP,
  TIMING_BOTTOM,
  HEIGHT,
  DIGIT_PX,
  SHAPES,
  rowOf,
  buildGeometry,
} from './history-geometry';

import { StaticLayers } from './HistoryChartLayers';
import { Tooltip, useFailureWords, type Tip } from './HistoryTooltip';

export { MEASURES, pickTiming, type Measure } from './history-geometry';
export { failureCounts, usePeriod } from './HistoryTooltip';

function useWidth(element: HTMLElement | null, fallback = 880): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(360, Math.floor(entry.contentRect.width)));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

/**
 * The watch history over time, on one time axis: the success rate of the probes (solid line, round
 * dots) and of the simulated redirects (dashed, square dots); a lane of failure markers (▼ probe,
 * ◆ redirect, with a count when several fall together); and the chosen timing's p50 (solid) and p95
 * (dashed). Incidents are hatched bars in a row of their own. Plain SVG, no chart library. Each failure marker is reachable by
 * keyboard (one Tab stop, then the arrow keys) and shows its times and outcome codes on focus or hover;
 * the figures of each bucket show on hover, and all of them are in the table below the chart.
 */
export function HistoryChart({ data, measure }: { data: WatchChartData; measure: Measure }) {
  const { t } = useTranslation();
  const language = useUiLanguage();
  const [wrapper, setWrapper] = useState<HTMLDivElement | null>(null);
  const width = useWidth(wrapper);
  const geometry = useMemo(
    () => buildGeometry(data, measure, width, language),
    [data, measure, width, language],
  );
  const [tip, setTip] = useState<Tip | null>(null);
  const [active, setActive] = useState(0);
  /** The marker with keyboard focus: its ring stays while focused, even with the tooltip dismissed. */
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const markers = useRef<(SVGGElement | null)[]>([]);
  const activeIndex = Math.max(0, Math.min(active, geometry.clusters.length - 1));
  const tipId = 'watch-chart-tooltip';

  const onMouseMove = useCallback(
    (event: MouseEvent<SVGRectElement>) => {
      const box = event.currentTarget.ownerSVGElement?.getBoundingClientRect();
      if (!box) return;
      const index = nearestBucket(data.buckets, geometry.x, event.clientX - box.left);
      if (index < 0) return;
      setTip((previous) =>
        previous?.type === 'bucket' && previous.index === index ? previous : { type: 'bucket', index },
      );
    },
    [data.buckets, geometry.x],
  );

  const onKeyDown = (event: KeyboardEvent<SVGGElement>, index: number) => {
    const last = geometry.clusters.length - 1;
    const target: Record<string, number> = {
      ArrowRight: Math.min(last, index + 1),
      ArrowDown: Math.min(last, index + 1),
      ArrowLeft: Math.max(0, index - 1),
      ArrowUp: Math.max(0, index - 1),
      Home: 0,
      End: last,
    };
    if (event.key === 'Escape') {
      setTip(null);
      return;
    }
    const next = target[event.key];
    if (next === undefined) return;
    event.preventDefault();
    setActive(next);
    markers.current[next]?.focus();
  };

  const layers = useMemo(() => <StaticLayers geometry={geometry} />, [geometry]);

  return (
    <div
      className="watch-chart"
      ref={setWrapper}
      data-testid="watch-chart"
      data-granularity={data.granularity}
      data-from={data.from}
      data-to={data.to}
    >
      <svg
        width={geometry.width}
        height={HEIGHT}
        className="watch-chart-svg"
        role="group"
        aria-label={t('watch.chart.figureLabel')}
        aria-describedby="watch-chart-help"
      >
        {layers}
        {tip?.type === 'bucket' && geometry.columns[tip.index] && (
          <line
            className="watch-cursor"
            x1={(geometry.columns[tip.index]!.x0 + geometry.columns[tip.index]!.x1) / 2}
            x2={(geometry.columns[tip.index]!.x0 + geometry.columns[tip.index]!.x1) / 2}
            y1={SUCCESS_TOP}
            y2={TIMING_BOTTOM}
            aria-hidden
          />
        )}
        <rect
          className="watch-hover-area"
          x={M_LEFT}
          y={SUCCESS_TOP}
          width={Math.max(0, geometry.width - M_LEFT - M_RIGHT)}
          height={TIMING_BOTTOM - SUCCESS_TOP}
          onMouseMove={onMouseMove}
          onMouseLeave={() => setTip((previous) => (previous?.type === 'bucket' ? null : previous))}
          aria-hidden
        />
        <g role="list" aria-label={t('watch.chart.markersLabel')}>
          {geometry.clusters.map((cluster, index) => (
            <Marker
              key={cluster.key}
              index={index}
              cluster={cluster}
              room={geometry.room[index] ?? 0}
              tabbable={index === activeIndex}
              focused={focusIndex === index}
              describedBy={tip?.type === 'failure' && tip.index === index ? tipId : undefined}
              elementRef={(element) => {
                markers.current[index] = element;
              }}
              onShow={(byFocus) => {
                if (byFocus) {
                  setActive(index);
                  setFocusIndex(index);
                }
                setTip({ type: 'failure', index });
              }}
              onHide={(byFocus) => {
                if (byFocus) setFocusIndex((previous) => (previous === index ? null : previous));
                setTip((previous) =>
                  previous?.type === 'failure' && previous.index === index ? null : previous,
                );
              }}
              onKeyDown={(event) => onKeyDown(event, index)}
            />
          ))}
        </g>
      </svg>
      {tip && <Tooltip id={tipId} tip={tip} geometry={geometry} data={data} measure={measure} />}
    </div>
  );
}

function Marker({
  index,
  cluster,
  room,
  tabbable,
  focused,
  describedBy,
  elementRef,
  onShow,
  onHide,
  onKeyDown,
}: {
  index: number;
  cluster: FailureCluster;
  room: number;
  tabbable: boolean;
  focused: boolean;
  describedBy: string | undefined;
  elementRef: (element: SVGGElement | null) => void;
  onShow: (byFocus: boolean) => void;
  onHide: (byFocus: boolean) => void;
  onKeyDown: (event: KeyboardEvent<SVGGElement>) => void;
}) {
  const { t } = useTranslation();
  const words = useFailureWords()(cluster);
  const y = rowOf(cluster.kind);
  const count = cluster.failures.length;
  // The count beside the shape when it fits before the next marker; always in the label and tooltip.
  const labelWidth =
    count > 1 && room >= 12 + String(count).length * DIGIT_PX ? String(count).length * DIGIT_PX + 4 : 0;
  const label = [
    words.title,
    ...words.items.map((item) =>
      t('watch.chart.failureItem', { time: item.time, code: item.outcome, words: item.words }),
    ),
    ...(words.more > 0 ? [t('watch.chart.more', { count: words.more })] : []),
  ].join(t('watch.chart.separator'));
  const outcomes = [...new Set(cluster.failures.map((failure) => failure.outcome))];

  return (
    <g
      ref={elementRef}
      role="listitem"
      className={`watch-marker watch-marker-${cluster.kind}`}
      tabIndex={tabbable ? 0 : -1}
      aria-label={label}
      aria-describedby={describedBy}
      onFocus={() => onShow(true)}
      onBlur={() => onHide(true)}
      onMouseEnter={() => onShow(false)}
      onMouseLeave={() => onHide(false)}
      onKeyDown={onKeyDown}
      data-testid="watch-failure-marker"
      data-index={index}
      data-kind={cluster.kind}
      data-count={count}
      data-outcomes={outcomes.join(' ')}
    >
      {/* A generous target for the pointer. */}
      <rect x={cluster.x - 9} y={y - 10} width={18 + labelWidth} height={20} className="watch-marker-hit" />
      {focused && (
        <rect
          x={cluster.x - 10}
          y={y - 11}
          width={20 + labelWidth}
          height={22}
          rx={4}
          className="watch-marker-ring"
        />
      )}
      <path d={SHAPES[cluster.kind](cluster.x, y)} className="watch-marker-shape" />
      {labelWidth > 0 && (
        <text x={cluster.x + 9} y={y + 4} className="watch-marker-count" aria-hidden>
          {count}
        </text>
      )}
    </g>
  );
}
