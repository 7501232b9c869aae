import { CloseCircleFilled } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProbeHop, ProbeRequestResult, ProbeTargetRole } from '../../../../shared/probe/probe-result';
import { useLocalized } from '../../i18n/use-localized';
import {
  failedSegment,
  failurePhaseKey,
  hostOf,
  ROLES,
  useMilliseconds,
  WATERFALL_PHASES,
  type WaterfallPhase,
} from './phases';
import {
  asPercent,
  WaterfallAxis,
  WaterfallBar,
  WaterfallFrame,
  WaterfallLegend,
  waterfallScale,
  WaterfallSegment,
} from './waterfall-parts';

interface Segment {
  phase: WaterfallPhase;
  start: number;
  ms: number;
  failed: boolean;
}

interface Row {
  key: string;
  role: ProbeTargetRole;
  result: ProbeRequestResult;
  hop: ProbeHop;
  /** When this hop started, from the start of its request (redirects come one after another). */
  offset: number;
  segments: Segment[];
  /** The chain's own failure (a loop, too many redirects), shown after its last hop. */
  chainFailure: boolean;
}

/** The first request of each address (the waterfall shows one per address, like one DevTools load). */
function firstRequests(results: readonly ProbeRequestResult[]): ProbeRequestResult[] {
  const first = new Map<string, ProbeRequestResult>();
  for (const result of results) {
    const key = `${result.target.role} ${result.target.url}`;
    const known = first.get(key);
    if (!known || result.sequence < known.sequence) first.set(key, result);
  }
  const roleIndex = (role: ProbeTargetRole) => ROLES.indexOf(role);
  return [...first.values()].sort(
    (a, b) => roleIndex(a.target.role) - roleIndex(b.target.role) || a.target.url.localeCompare(b.target.url),
  );
}

function buildRows(results: readonly ProbeRequestResult[]): Row[] {
  const rows: Row[] = [];
  for (const result of firstRequests(results)) {
    const requestStart = Date.parse(result.startedAt);
    let previousEnd = 0;
    result.hops.forEach((hop, index) => {
      // startedAt has millisecond resolution: never let a hop start before the one before it ended.
      const offset = index === 0 ? 0 : Math.max(previousEnd, Date.parse(hop.startedAt) - requestStart);
      const failedIn = failedSegment(hop);
      const segments: Segment[] = [];
      let start = offset;
      for (const phase of WATERFALL_PHASES) {
        const ms = hop.timings[phase];
        if (ms === null) continue;
        segments.push({ phase, start, ms, failed: failedIn === phase });
        start += ms;
      }
      previousEnd = offset + hop.timings.total;
      rows.push({
        key: `${result.id}-${hop.index}`,
        role: result.target.role,
        result,
        hop,
        offset,
        segments,
        chainFailure: index === result.hops.length - 1 && result.failure !== null && hop.failure === null,
      });
    });
  }
  return rows;
}

/**
 * One bar per hop of each address's first request, split into its phases like Chrome DevTools'
 * waterfall, on one time scale. Each phase has its colour AND its own pattern, a legend, and its name
 * and exact time on hover or keyboard focus; a failure is named in words beside the bar and explained.
 */
export function Waterfall({ results }: { results: readonly ProbeRequestResult[] }) {
  const rows = useMemo(() => buildRows(results), [results]);
  const scale = Math.max(1, ...rows.map((row) => row.offset + row.hop.timings.total));
  const { ticks, share } = waterfallScale(scale);
  const shownPhases = WATERFALL_PHASES.filter((phase) =>
    rows.some((row) => row.segments.some((segment) => segment.phase === phase)),
  );
  const anyFailed = rows.some((row) => row.segments.some((segment) => segment.failed));

  return (
    <WaterfallFrame testId="waterfall">
      <WaterfallLegend phases={shownPhases} failed={anyFailed} />

      <WaterfallAxis ticks={ticks} share={share} />

      <ul className="waterfall-rows">
        {rows.map((row) => (
          <WaterfallRow key={row.key} row={row} share={share} ticks={ticks} />
        ))}
      </ul>
    </WaterfallFrame>
  );
}

/** Segments this wide (of the axis) or more carry their short name inside, besides the tooltip. */
const LABELLED_SHARE = 0.09;

function WaterfallRow({
  row,
  share,
  ticks,
}: {
  row: Row;
  /** Milliseconds as a share of the time axis. */
  share: (ms: number) => number;
  ticks: readonly number[];
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const ms = useMilliseconds();
  const { hop, result } = row;
  const roleName = t(`timings.roles.${row.role}`);
  const failure = hop.failure ?? (row.chainFailure ? result.failure : null);
  const failedPhase = failure ? failurePhaseKey(failure.phase) : null;
  const failedPhaseName = failedPhase
    ? t(`timings.phases.${failedPhase}.name`)
    : t('timings.waterfall.chainFailed');

  return (
    <li
      className={`waterfall-row${failure ? ' waterfall-row-failed' : ''}`}
      data-testid="waterfall-row"
      data-role={row.role}
      data-hop={hop.index}
      data-outcome={failure ? 'failed' : 'ok'}
    >
      <WaterfallBar
        name={
          <>
            {roleName}
            {hop.index > 0 && (
              <Typography.Text type="secondary" className="waterfall-hop">
                {' '}
                {t('timings.waterfall.redirectHop', { n: hop.index })}
              </Typography.Text>
            )}
          </>
        }
        caption={hostOf(hop.url)}
        url={hop.url}
        trackLabel={t('timings.waterfall.rowLabel', { role: roleName, url: hop.url })}
        total={
          failure ? (
            <Tag
              color="error"
              icon={<CloseCircleFilled />}
              className="status-tag"
              data-testid="waterfall-failed"
            >
              {t('timings.waterfall.failedAt', { phase: failedPhaseName })}
            </Tag>
          ) : (
            <span data-testid="waterfall-total">
              {t('timings.waterfall.total', { duration: ms(hop.timings.total) })}
            </span>
          )
        }
      >
        {ticks.map((tick) => (
          <span
            key={tick}
            className="waterfall-gridline"
            style={{ left: asPercent(share(tick)) }}
            aria-hidden
          />
        ))}
        {row.segments.map((segment) => {
          const name = t(`timings.phases.${segment.phase}.name`);
          const label = segment.failed
            ? t('timings.waterfall.failedSegment', { phase: name, duration: ms(segment.ms) })
            : t('timings.waterfall.segment', { phase: name, duration: ms(segment.ms) });
          return (
            <WaterfallSegment
              key={segment.phase}
              look={segment.failed ? 'failed' : segment.phase}
              start={segment.start}
              ms={segment.ms}
              share={share}
              label={label}
              tooltip={
                <>
                  <strong>{label}</strong>
                  <br />
                  {t(`timings.phases.${segment.phase}.what`)}
                </>
              }
              data-testid="waterfall-segment"
              data-phase={segment.phase}
              data-failed={segment.failed || undefined}
              data-ms={segment.ms}
            >
              {share(segment.ms) >= LABELLED_SHARE && (
                <span className="waterfall-segment-text" aria-hidden>
                  {t(`timings.phases.${segment.phase}.short`)}
                </span>
              )}
            </WaterfallSegment>
          );
        })}
      </WaterfallBar>
      {failure && (
        <div className="waterfall-failure" data-testid="waterfall-failure" role="note">
          <strong>
            {failedPhase
              ? t('timings.failures.phase', { phase: failedPhaseName })
              : t('timings.failures.chain')}
          </strong>{' '}
          <span data-testid="waterfall-explanation">{localized(failure.explanation)}</span>
        </div>
      )}
    </li>
  );
}
