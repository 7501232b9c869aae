import { CloseCircleFilled } from '@ant-design/icons';
import { Button, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WaterfallRow } from '../../../../shared/report/bundle-view';
import { hostOf, useMilliseconds } from '../timings/phases';
import {
  WaterfallAxis,
  WaterfallBar,
  WaterfallFrame,
  WaterfallLegend,
  waterfallScale,
  WaterfallSegment,
} from '../timings/waterfall-parts';

/** HAR's phases as the timings screen draws them (HAR's connect includes ssl: the TLS part is split off). */
const PHASES = ['blocked', 'dns', 'connect', 'tls', 'send', 'wait', 'receive'] as const;
type Phase = (typeof PHASES)[number];

interface Segment {
  phase: Phase;
  start: number;
  ms: number;
}

/** A HAR time: -1 means "did not happen". */
const time = (value: number) => (value > 0 ? value : 0);

function segmentsOf(row: WaterfallRow): Segment[] {
  const { timings } = row;
  const ssl = time(timings.ssl);
  const durations: Record<Phase, number> = {
    blocked: time(timings.blocked),
    dns: time(timings.dns),
    connect: Math.max(0, time(timings.connect) - ssl),
    tls: ssl,
    send: time(timings.send),
    wait: time(timings.wait),
    receive: time(timings.receive),
  };
  const segments: Segment[] = [];
  let start = row.startMs;
  for (const phase of PHASES) {
    const ms = durations[phase];
    if (ms <= 0) continue;
    segments.push({ phase, start, ms });
    start += ms;
  }
  return segments;
}

/**
 * network.har of the bundle as a waterfall, in the timings screen's look (its classes, colours and
 * patterns): one row per request on one time scale, a failed or refused request named in words.
 * 「详情」 on a row opens its headers and timings (onSelect).
 */
export function BundleWaterfall({
  rows,
  truncated,
  onSelect,
}: {
  rows: readonly WaterfallRow[];
  truncated: boolean;
  onSelect?: (row: WaterfallRow) => void;
}) {
  const { t } = useTranslation();
  const ms = useMilliseconds();
  const end = Math.max(1, ...rows.map((row) => row.startMs + Math.max(row.totalMs, 0)));
  const { ticks, share } = waterfallScale(end);
  const shown = PHASES.filter((phase) => rows.some((row) => segmentsOf(row).some((s) => s.phase === phase)));

  return (
    <WaterfallFrame testId="bundle-waterfall">
      <WaterfallLegend phases={shown} />
      <WaterfallAxis ticks={ticks} share={share} />
      <ul className="waterfall-rows">
        {rows.map((row, index) => {
          const failed = row.error !== null || row.status === 0 || row.status >= 400;
          return (
            <li
              key={index}
              className={`waterfall-row${failed ? ' waterfall-row-failed' : ''}`}
              data-testid="bundle-waterfall-row"
            >
              <WaterfallBar
                name={
                  <>
                    {row.method} {hostOf(row.url)}
                  </>
                }
                caption={pathOf(row.url)}
                url={row.url}
                trackLabel={t('support.waterfall.rowLabel', { method: row.method, url: row.url })}
                total={
                  row.error ? (
                    <Tag color="error" icon={<CloseCircleFilled />} className="status-tag">
                      {t('support.waterfall.error')}
                    </Tag>
                  ) : (
                    <span>
                      {t('support.waterfall.statusAndTime', {
                        status: row.status === 0 ? '—' : row.status,
                        duration: ms(Math.max(row.totalMs, 0)),
                      })}
                    </span>
                  )
                }
              >
                {segmentsOf(row).map((segment) => (
                  <WaterfallSegment
                    key={segment.phase}
                    look={segment.phase}
                    start={segment.start}
                    ms={segment.ms}
                    share={share}
                    label={t('timings.waterfall.segment', {
                      phase: t(`timings.phases.${segment.phase}.name`),
                      duration: ms(segment.ms),
                    })}
                  />
                ))}
              </WaterfallBar>
              {onSelect && (
                <Button
                  type="link"
                  size="small"
                  className="waterfall-details"
                  onClick={() => onSelect(row)}
                  aria-label={t('bundleView.network.detailsOf', { method: row.method, url: row.url })}
                  data-testid="bundle-request-details"
                >
                  {t('bundleView.network.details')}
                </Button>
              )}
              {row.error && (
                <div className="waterfall-failure" role="note">
                  <span className="support-mono">{row.error}</span>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {truncated && <Typography.Text type="secondary">{t('support.waterfall.truncated')}</Typography.Text>}
    </WaterfallFrame>
  );
}

function pathOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return url;
  }
}
