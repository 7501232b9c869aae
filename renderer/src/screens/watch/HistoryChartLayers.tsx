import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { isolatedPoints, linePath, type LinePoint } from './chart-geometry';
import { useMilliseconds, usePercent } from './format';
import {
  M_LEFT,
  M_RIGHT,
  SUCCESS_TOP,
  SUCCESS_BOTTOM,
  LANE_TOP,
  INCIDENT_ROW,
  PROBE_ROW,
  SIMULATION_ROW,
  TIMING_TOP,
  TIMING_BOTTOM,
  AXIS_Y,
  type Geometry,
} from './history-geometry';

/** The four lines of the chart, in drawing order, and the shape of each one's dots. */
const LINE_SERIES = [
  { key: 'probe', shape: 'circle' },
  { key: 'simulation', shape: 'square' },
  { key: 'p50', shape: 'circle' },
  { key: 'p95', shape: 'triangle' },
] as const satisfies readonly { key: keyof Geometry; shape: 'circle' | 'square' | 'triangle' }[];

/** Everything but the markers and the hover read-out: redrawn only when the data, view or size change. */
export const StaticLayers = memo(function StaticLayers({ geometry }: { geometry: Geometry }) {
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
