import {
  CheckCircleFilled,
  CloseCircleFilled,
  LoadingOutlined,
  RightCircleFilled,
  StopFilled,
} from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimulationHop } from '../../../../shared/simulation/simulation-result';
import { barWidth, useMilliseconds } from './format';
import { useReadableMarkers } from '../../i18n/use-readable-text';

type HopKind = 'ok' | 'redirect' | 'failed' | 'blocked';

const kindOf = (hop: SimulationHop): HopKind => {
  if (hop.blockedBy) return 'blocked';
  if (hop.error || hop.status === null || hop.status >= 400) return 'failed';
  if (hop.status >= 300 && hop.status < 400) return 'redirect';
  return 'ok';
};

const KIND_ICONS: Record<HopKind, ReactNode> = {
  ok: <CheckCircleFilled className="icon-ok" />,
  redirect: <RightCircleFilled className="sim-icon-redirect" />,
  failed: <CloseCircleFilled className="icon-bad" />,
  blocked: <StopFilled className="icon-bad" />,
};

/**
 * Every top-level page request of the run in order (cashier chain, the way back, the store's page), as
 * a timeline: which part of the journey, method and address, what came back (in words, with an icon),
 * where a redirect pointed, and how long it took as a bar beside the exact time. While a run goes on,
 * hops appear as the browser makes them.
 */
export function HopTimeline({ hops, live }: { hops: readonly SimulationHop[]; live: boolean }) {
  const { t } = useTranslation();
  const longest = Math.max(0, ...hops.map((hop) => hop.durationMs ?? 0));

  if (hops.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="simulation-hops-empty">
        {live ? (
          <>
            <LoadingOutlined aria-hidden /> {t('simulation.hops.waiting')}
          </>
        ) : (
          t('simulation.hops.empty')
        )}
      </Typography.Text>
    );
  }
  return (
    <ol className="sim-hops" aria-label={t('simulation.hops.title')} data-testid="simulation-hops">
      {hops.map((hop) => (
        <HopRow key={hop.index} hop={hop} longest={longest} />
      ))}
      {live && (
        <li className="sim-hop sim-hop-pending" aria-hidden>
          <span className="sim-hop-dot">
            <LoadingOutlined />
          </span>
          <Typography.Text type="secondary">{t('simulation.hops.live')}</Typography.Text>
        </li>
      )}
    </ol>
  );
}

function HopRow({ hop, longest }: { hop: SimulationHop; longest: number }) {
  const { t } = useTranslation();
  // token=REDACTED in an address reads token=[已隐去]: no English marker in what the merchant reads.
  const readable = useReadableMarkers();
  const ms = useMilliseconds();
  const kind = kindOf(hop);
  // The status number only: the server's reason phrase ("Found") is English, and support has it in the HAR.
  const status = hop.status === null ? '' : String(hop.status);
  const verdict = hop.blockedBy
    ? t('simulation.hops.blockedBy', { reason: t(`simulation.hops.blocked.${hop.blockedBy}`) })
    : hop.error
      ? t('simulation.hops.error', { error: hop.error })
      : hop.status === null
        ? t('simulation.hops.noAnswer')
        : kind === 'failed'
          ? t('simulation.hops.httpError', { status })
          : kind === 'redirect'
            ? t('simulation.hops.redirect', { status })
            : t('simulation.hops.ok', { status });

  return (
    <li
      className={`sim-hop sim-hop-${kind}`}
      data-testid="simulation-hop"
      data-leg={hop.leg}
      data-index={hop.index}
      data-kind={kind}
    >
      <span className="sim-hop-dot" aria-hidden>
        {KIND_ICONS[kind]}
      </span>
      <div className="sim-hop-body">
        <Flex align="center" gap="small" wrap>
          <Tag className={`status-tag sim-leg sim-leg-${hop.leg}`}>{t(`simulation.legs.${hop.leg}`)}</Tag>
          <Typography.Text type="secondary">
            {t('simulation.hops.step', { n: hop.position + 1 })}
          </Typography.Text>
          <Typography.Text strong type={kind === 'failed' || kind === 'blocked' ? 'danger' : undefined}>
            <span data-testid="simulation-hop-verdict">{verdict}</span>
          </Typography.Text>
        </Flex>
        <div className="sim-hop-url">
          <span data-testid="simulation-hop-url">{readable(hop.url)}</span>
        </div>
        {hop.location && (
          <div className="sim-hop-location">
            <span className="text-secondary">{t('simulation.hops.location')}</span>{' '}
            <span data-testid="simulation-hop-location">{readable(hop.location)}</span>
          </div>
        )}
        <div className="sim-bar-line">
          <span className="sim-bar-track" aria-hidden>
            <span
              className={`sim-bar sim-bar-${kind}`}
              style={{ width: barWidth(hop.durationMs, longest) }}
            />
          </span>
          <Typography.Text type="secondary" className="sim-bar-text">
            {hop.durationMs === null
              ? t('simulation.hops.unfinished')
              : t('simulation.hops.duration', { duration: ms(hop.durationMs) })}
          </Typography.Text>
        </div>
        {(hop.remoteAddress || hop.protocol) && (
          <Typography.Text type="secondary" className="sim-hop-meta">
            {[hop.remoteAddress && t('simulation.hops.server', { address: hop.remoteAddress }), hop.protocol]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        )}
      </div>
    </li>
  );
}
