import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import type {
  WatchBucket,
  WatchChartData,
  WatchFailureMark,
  WatchPercentiles,
} from '../../../../shared/watch/watch-chart';
import type { SampleOutcome } from '../../../../shared/watch/watch-sample';
import {
  BUCKET_MS,
  clusterFailures,
  isolatedPoints,
  linearScale,
  linePath,
  nearestBucket,
  niceTicks,
  timeTicks,
  type FailureCluster,
  type LinePoint,
  type Scale,
} from './chart-geometry';
import { dateFormat, useMilliseconds, useMoment, useOutcomeName, usePercent, useUiLanguage } from './format';

/** Which timing the lower panel shows: a probed host's whole request, or the redirect to a ready cashier. */
export const MEASURES = ['gateway', 'cashier', 'ready'] as const;
export type Measure = (typeof MEASURES)[number];

export const pickTiming = (bucket: WatchBucket, measure: Measure): WatchPercentiles | null =>
  measure === 'ready' ? (bucket.simulation?.timeToReady ?? null) : (bucket.probe?.[measure] ?? null);

// The picture, in CSS pixels (the SVG is drawn at the width it is shown, so text keeps its size).
const M_LEFT = 72;
const M_RIGHT = 16;
const SUCCESS_TOP = 28;
const SUCCESS_BOTTOM = 138;
const LANE_TOP = 166;
/** Incidents as hatched bars in a row of their own (across the panels, a year of them would hide the lines). */
const INCIDENT_ROW = LANE_TOP + 6;
const PROBE_ROW = LANE_TOP + 26;
const SIMULATION_ROW = LANE_TOP + 46;
const TIMING_TOP = 250;
const TIMING_BOTTOM = 360;
const AXIS_Y = 378;
const HEIGHT = 386;
/** Dots on the lines only where buckets are at least this far apart (and always on a lone bucket). */
const DOT_SPACING = 7;
/** Failure markers closer than this are one marker with a count. */
const MARKER_GAP = 26;
/** Width of one digit of a marker's count, to tell whether it fits before the next marker. */
const DIGIT_PX = 7;
/** Failures listed in a marker's tooltip; the rest are counted. */
const LISTED_FAILURES = 6;
const TOOLTIP_WIDTH = 300;

const SHAPES = {
  /** ▼ a probe that failed. */
  probe: (x: number, y: number) => `M${x - 6} ${y - 5}L${x + 6} ${y - 5}L${x} ${y + 6}Z`,
  /** ◆ a simulated redirect that failed. */
  simulation: (x: number, y: number) => `M${x} ${y - 7}L${x + 7} ${y}L${x} ${y + 7}L${x - 7} ${y}Z`,
} as const;

const rowOf = (kind: WatchFailureMark['kind']) => (kind === 'probe' ? PROBE_ROW : SIMULATION_ROW);

interface Geometry {
  width: number;
  x: Scale;
  ySuccess: Scale;
  yTiming: Scale;
  msTicks: number[];
  timeTicks: { at: number; label: string }[];
  columns: { bucket: WatchBucket; x0: number; x1: number }[];
  probe: LinePoint[];
  simulation: LinePoint[];
  p50: LinePoint[];
  p95: LinePoint[];
  dots: boolean;
  clusters: FailureCluster[];
  /** Incidents in pixels, those that would touch merged into one bar. */
  bands: { key: number; x0: number; x1: number; open: boolean; incidents: number }[];
  /** Per cluster: the room to its right before the next marker of its row (for the count). */
  room: number[];
}

function buildGeometry(data: WatchChartData, measure: Measure, width: number, language: string): Geometry {
  const x = linearScale(data.from, data.to, M_LEFT, width - M_RIGHT);
  const ySuccess = linearScale(0, 1, SUCCESS_BOTTOM, SUCCESS_TOP);
  let longest = 0;
  for (const bucket of data.buckets) {
    const timing = pickTiming(bucket, measure);
    longest = Math.max(longest, timing?.p95 ?? 0, timing?.p50 ?? 0);
  }
  const msTicks = niceTicks(longest);
  const yTiming = linearScale(0, msTicks.at(-1) ?? 1, TIMING_BOTTOM, TIMING_TOP);
  const probe: LinePoint[] = [];
  const simulation: LinePoint[] = [];
  const p50: LinePoint[] = [];
  const p95: LinePoint[] = [];
  const columns: Geometry['columns'] = [];
  for (const bucket of data.buckets) {
    const { start, end } = bucket;
    const mid = x((start + end) / 2);
    columns.push({ bucket, x0: x(start), x1: x(end) });
    if (bucket.probe) probe.push({ start, end, x: mid, y: ySuccess(bucket.probe.successRate) });
    if (bucket.simulation) {
      simulation.push({ start, end, x: mid, y: ySuccess(bucket.simulation.successRate) });
    }
    const timing = pickTiming(bucket, measure);
    if (timing?.p50 != null) p50.push({ start, end, x: mid, y: yTiming(timing.p50) });
    if (timing?.p95 != null) p95.push({ start, end, x: mid, y: yTiming(timing.p95) });
  }
  const bucketWidth = x(data.from + BUCKET_MS[data.granularity]) - x(data.from);
  const clusters = clusterFailures(data.failures, x, MARKER_GAP);
  return {
    width,
    x,
    ySuccess,
    yTiming,
    msTicks,
    timeTicks: timeTicks(data.from, data.to, width - M_LEFT - M_RIGHT, data.utcOffsetMinutes, language),
    columns,
    probe,
    simulation,
    p50,
    p95,
    dots: bucketWidth >= DOT_SPACING,
    clusters,
    bands: incidentBands(data, x),
    room: clusters.map((cluster, index) => {
      const next = clusters.slice(index + 1).find((other) => other.kind === cluster.kind);
      return (next ? next.x : width - M_RIGHT + 24) - cluster.x;
    }),
  };
}

function incidentBands(data: WatchChartData, x: Scale): Geometry['bands'] {
  const now = Date.now();
  const bands: Geometry['bands'] = [];
  const sorted = [...data.incidents].sort((a, b) => a.openedAt - b.openedAt);
  for (const incident of sorted) {
    const x0 = x(Math.max(data.from, incident.openedAt));
    const x1 = Math.max(x(Math.min(data.to, incident.closedAt ?? now)), x0 + 2);
    const open = incident.closedAt === null;
    const last = bands.at(-1);
    if (last && x0 <= last.x1 + 1) {
      last.x1 = Math.max(last.x1, x1);
      last.open ||= open;
      last.incidents += 1;
    } else {
      bands.push({ key: incident.id, x0, x1, open, incidents: 1 });
    }
  }
  return bands;
}

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

type Tip = { type: 'bucket'; index: number } | { type: 'failure'; index: number };

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

/** The four lines of the chart, in drawing order, and the shape of each one's dots. */
const LINE_SERIES = [
  { key: 'probe', shape: 'circle' },
  { key: 'simulation', shape: 'square' },
  { key: 'p50', shape: 'circle' },
  { key: 'p95', shape: 'triangle' },
] as const satisfies readonly { key: keyof Geometry; shape: 'circle' | 'square' | 'triangle' }[];

/** Everything but the markers and the hover read-out: redrawn only when the data, view or size change. */
const StaticLayers = memo(function StaticLayers({ geometry }: { geometry: Geometry }) {
  const { t } = useTranslation();
  const percent = usePercent();
  const ms = useMilliseconds();
  const { x, ySuccess, yTiming, width } = geometry;
  const right = width - M_RIGHT;

  return (
    <g aria-hidden>
      <defs>
        <pattern
          id="watch-hatch"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" className="watch-hatch-bg" />
          <line x1="0" y1="0" x2="0" y2="6" className="watch-hatch-line" />
        </pattern>
      </defs>

      <text x={0} y={SUCCESS_TOP - 12} className="watch-panel-title">
        {t('watch.chart.successPanel')}
      </text>
      <text x={0} y={LANE_TOP - 8} className="watch-panel-title">
        {t('watch.chart.failuresPanel')}
      </text>
      <text x={0} y={TIMING_TOP - 12} className="watch-panel-title">
        {t('watch.chart.timingPanel')}
      </text>

      {/* Incidents: hatched bars in their own row. */}
      {geometry.bands.map((band) => (
        <rect
          key={band.key}
          className="watch-incident-band"
          x={band.x0}
          y={INCIDENT_ROW - 5}
          width={band.x1 - band.x0}
          height={10}
          fill="url(#watch-hatch)"
          data-testid="watch-incident-band"
          data-open={band.open || undefined}
          data-incidents={band.incidents}
        />
      ))}

      {/* Buckets that have samples: a light column behind the success rate (no column: no samples). */}
      {geometry.columns.map(({ bucket, x0, x1 }) => (
        <rect
          key={bucket.start}
          className="watch-bucket"
          x={x0}
          y={SUCCESS_TOP}
          width={Math.max(1, x1 - x0)}
          height={SUCCESS_BOTTOM - SUCCESS_TOP}
          data-testid="watch-bucket"
          data-start={bucket.start}
          data-probe-samples={bucket.probe?.samples ?? 0}
          data-probe-rate={bucket.probe?.successRate}
          data-simulation-samples={bucket.simulation?.samples ?? 0}
          data-simulation-rate={bucket.simulation?.successRate}
        />
      ))}

      {/* Grids and y axes. */}
      {[0, 0.5, 1].map((rate) => (
        <g key={rate}>
          <line className="watch-grid" x1={M_LEFT} x2={right} y1={ySuccess(rate)} y2={ySuccess(rate)} />
          <text className="watch-axis-label" x={M_LEFT - 6} y={ySuccess(rate) + 4} textAnchor="end">
            {percent(rate)}
          </text>
        </g>
      ))}
      <line className="watch-grid" x1={M_LEFT} x2={right} y1={PROBE_ROW} y2={PROBE_ROW} />
      <line className="watch-grid" x1={M_LEFT} x2={right} y1={SIMULATION_ROW} y2={SIMULATION_ROW} />
      <text className="watch-axis-label" x={M_LEFT - 6} y={INCIDENT_ROW + 4} textAnchor="end">
        {t('watch.chart.laneIncidents')}
      </text>
      <text className="watch-axis-label" x={M_LEFT - 6} y={PROBE_ROW + 4} textAnchor="end">
        {t('watch.chart.laneProbe')}
      </text>
      <text className="watch-axis-label" x={M_LEFT - 6} y={SIMULATION_ROW + 4} textAnchor="end">
        {t('watch.chart.laneSimulation')}
      </text>
      {geometry.msTicks.map((tick) => (
        <g key={tick}>
          <line className="watch-grid" x1={M_LEFT} x2={right} y1={yTiming(tick)} y2={yTiming(tick)} />
          <text className="watch-axis-label" x={M_LEFT - 6} y={yTiming(tick) + 4} textAnchor="end">
            {ms(tick)}
          </text>
        </g>
      ))}

      {/* The time axis, its ticks through every panel. */}
      {geometry.timeTicks.map((tick) => (
        <g key={tick.at}>
          <line
            className="watch-grid watch-grid-time"
            x1={x(tick.at)}
            x2={x(tick.at)}
            y1={SUCCESS_TOP}
            y2={TIMING_BOTTOM}
          />
          <text className="watch-axis-label" x={x(tick.at)} y={AXIS_Y} textAnchor="middle">
            {tick.label}
          </text>
        </g>
      ))}

      {/* Where failures happened, as guides through the success and timing panels. */}
      {geometry.clusters.map((cluster) => (
        <g key={cluster.key} className={`watch-failure-guide watch-failure-guide-${cluster.kind}`}>
          <line x1={cluster.x} x2={cluster.x} y1={SUCCESS_TOP} y2={SUCCESS_BOTTOM} />
          <line x1={cluster.x} x2={cluster.x} y1={TIMING_TOP} y2={TIMING_BOTTOM} />
        </g>
      ))}

      {/* All lines first, then all dots, so that no line is drawn over another series' dots. */}
      {LINE_SERIES.map(({ key }) => (
        <path key={key} className={`watch-line watch-line-${key}`} d={linePath(geometry[key])} />
      ))}
      {LINE_SERIES.map(({ key, shape }) => (
        <Dots
          key={key}
          points={geometry[key]}
          all={geometry.dots}
          lone={isolatedPoints(geometry[key])}
          shape={shape}
          className={`watch-dot-${key}`}
        />
      ))}
    </g>
  );
});

function Dots({
  points,
  all,
  lone,
  shape,
  className,
}: {
  points: LinePoint[];
  all: boolean;
  lone: Set<number>;
  shape: 'circle' | 'square' | 'triangle';
  className: string;
}) {
  return (
    <g className={className}>
      {points.map((point, index) => {
        if (!all && !lone.has(index)) return null;
        const { x, y } = point;
        // The circles are the larger marks, so a square or triangle on the same spot leaves them showing.
        if (shape === 'circle') return <circle key={point.start} cx={x} cy={y} r={4.5} />;
        if (shape === 'square') return <rect key={point.start} x={x - 3} y={y - 3} width={6} height={6} />;
        return <path key={point.start} d={`M${x} ${y - 4}L${x + 4} ${y + 3}L${x - 4} ${y + 3}Z`} />;
      })}
    </g>
  );
}

/** The words a failure marker says (aloud and in its tooltip): how many, then each one's time and code. */
function useFailureWords() {
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

function Tooltip({
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
