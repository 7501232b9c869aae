import { Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useRovingFocus } from '../../ui/use-roving-focus';
import { axisTicks, type WaterfallPhase } from './phases';

/**
 * What every waterfall draws the same way (the timings screen's and an opened bundle's): the legend,
 * the time axis and a phase's segment on a bar, with the timings screen's classes, colours and patterns.
 */

export const asPercent = (share: number) => `${share * 100}%`;

/** The time axis for bars that end by `end` ms: round ticks, and a time as a share of the axis. */
export function waterfallScale(end: number): { ticks: number[]; share: (ms: number) => number } {
  const ticks = axisTicks(end);
  const axisMax = Math.max(end, ticks.at(-1) ?? end);
  return { ticks, share: (ms: number) => ms / axisMax };
}

/** The phases drawn, each as its swatch and name; `failed` adds the failed segment's. */
export function WaterfallLegend({
  phases,
  failed = false,
}: {
  phases: readonly WaterfallPhase[];
  failed?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ul className="waterfall-legend" aria-label={t('timings.waterfall.legend')}>
      {phases.map((phase) => (
        <li key={phase} className="waterfall-legend-item">
          <span className={`phase-swatch phase-${phase}`} aria-hidden />
          {t(`timings.phases.${phase}.name`)}
        </li>
      ))}
      {failed && (
        <li className="waterfall-legend-item">
          <span className="phase-swatch phase-failed" aria-hidden />
          {t('timings.waterfall.failedLegend')}
        </li>
      )}
    </ul>
  );
}

/** The milliseconds above the bars (for the eyes only: each segment says its own time). */
export function WaterfallAxis({ ticks, share }: { ticks: readonly number[]; share: (ms: number) => number }) {
  const { t } = useTranslation();
  return (
    <div className="waterfall-grid waterfall-axis" aria-hidden>
      <span className="text-secondary">{t('timings.waterfall.axis')}</span>
      <div className="waterfall-track">
        {ticks.map((tick) => (
          <span key={tick} className="waterfall-tick" style={{ left: asPercent(share(tick)) }}>
            {tick}
          </span>
        ))}
      </div>
      <span />
    </div>
  );
}

/**
 * The waterfall's frame: one tab stop for all its segments, the arrow keys moving between them, and a
 * name that says so.
 */
export function WaterfallFrame({ children, testId }: { children: ReactNode; testId: string }) {
  const { t } = useTranslation();
  const roving = useRovingFocus<HTMLDivElement>('.waterfall-segment');
  return (
    <div
      className="waterfall"
      data-testid={testId}
      role="group"
      aria-label={t('timings.waterfall.keys')}
      {...roving}
    >
      {children}
    </div>
  );
}

/**
 * One phase on a bar, placed on the axis: focusable, named for screen readers, and with its name and
 * time (or `tooltip`) on hover or keyboard focus. `look` is the phase whose colour it takes, or failed.
 */
export function WaterfallSegment({
  look,
  start,
  ms,
  share,
  label,
  tooltip = label,
  children,
  ...data
}: {
  look: WaterfallPhase | 'failed';
  start: number;
  ms: number;
  share: (ms: number) => number;
  label: string;
  tooltip?: ReactNode;
  children?: ReactNode;
} & { [attribute: `data-${string}`]: string | number | boolean | undefined }) {
  return (
    <Tooltip title={tooltip} trigger={['hover', 'focus']}>
      <span
        className={`waterfall-segment phase-${look}`}
        style={{ left: asPercent(share(start)), width: asPercent(share(ms)) }}
        // One tab stop per waterfall: the chart's useRovingFocus puts one segment in the Tab order.
        tabIndex={-1}
        role="img"
        aria-label={label}
        {...data}
      >
        {children}
      </span>
    </Tooltip>
  );
}

/**
 * One bar's line of the grid: what was asked for (a name, and the host or path underneath with the
 * whole URL on hover), the track its segments sit on, and the total or the failure at the end.
 */
export function WaterfallBar({
  name,
  caption,
  url,
  trackLabel,
  total,
  children,
}: {
  name: ReactNode;
  caption: string;
  url: string;
  trackLabel: string;
  total: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="waterfall-grid">
      <div className="waterfall-label">
        <span className="waterfall-role">{name}</span>
        <Typography.Text type="secondary" className="waterfall-host" title={url}>
          {caption}
        </Typography.Text>
      </div>
      <div className="waterfall-track" role="group" aria-label={trackLabel}>
        {children}
      </div>
      <div className="waterfall-total">{total}</div>
    </div>
  );
}
