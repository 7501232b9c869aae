import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { buyerOf, isPhone } from '../../../../shared/simulation/buyer-words';
import type { Screenshot, SimulationResult } from '../../../../shared/simulation/simulation-result';
import { DeviceShot } from '../../ui/DeviceShot';
import { useReadableMarkers } from '../../i18n/use-readable-text';

interface Shown {
  shot: Screenshot;
  base64: string | null;
  /** 1-based run the picture comes from, when not the run shown (a series keeps one per outcome). */
  fromRun: number | null;
}

/** The order pages are met: the cashier, the page it failed on, the page the buyer ended on. */
const MOMENT_ORDER: readonly Screenshot['moment'][] = ['cashier', 'failure', 'return'];

/**
 * The run's own pictures; a series keeps inline pictures only for the first run of each outcome, so a
 * later run with the same outcome borrows that run's picture of the same moment, and says so.
 */
function picturesOf(runs: readonly SimulationResult[], index: number): Shown[] {
  const run = runs[index];
  if (!run) return [];
  return [...run.screenshots]
    .sort((a, b) => MOMENT_ORDER.indexOf(a.moment) - MOMENT_ORDER.indexOf(b.moment))
    .map((shot) => {
      if (shot.base64) return { shot, base64: shot.base64, fromRun: null };
      const donor = runs.findIndex(
        (other) =>
          other.outcome === run.outcome &&
          other.screenshots.some((candidate) => candidate.moment === shot.moment && candidate.base64),
      );
      const borrowed = runs[donor]?.screenshots.find(
        (candidate) => candidate.moment === shot.moment && candidate.base64,
      );
      return borrowed
        ? { shot: borrowed, base64: borrowed.base64, fromRun: donor + 1 }
        : { shot, base64: null, fromRun: null };
    });
}

/** What the browser really showed, captioned: the cashier, the failure page, the page the buyer ended on. */
export function Screenshots({ runs, index }: { runs: readonly SimulationResult[]; index: number }) {
  const { t } = useTranslation();
  const readable = useReadableMarkers();
  const pictures = picturesOf(runs, index);
  const run = runs[index];
  const phone = run ? isPhone(buyerOf(run)) : false;
  // A hop the assistant itself stopped (a loop, too many hops, plain http): the browser then shows
  // our own block page, never what a buyer's browser shows; say so in words instead of that picture.
  const blocked = run?.hops.find((hop) => hop.blockedBy !== null)?.blockedBy ?? null;
  const shown = blocked ? pictures.filter(({ shot }) => shot.moment !== 'failure') : pictures;
  const noPicture = blocked && (
    <div className="sim-screenshot-missing" role="note" data-testid="simulation-no-picture">
      {t(`simulation.screenshots.blocked.${blocked}`)}
    </div>
  );
  if (shown.length === 0) {
    return (
      noPicture || <Typography.Text type="secondary">{t('simulation.screenshots.none')}</Typography.Text>
    );
  }
  return (
    <div className="sim-screenshots">
      {noPicture}
      {shown.map(({ shot, base64, fromRun }) => {
        const caption = t(`simulation.screenshots.moments.${shot.moment}.caption`);
        const hint = t(`simulation.screenshots.moments.${shot.moment}.hint`);
        return (
          <figure
            key={shot.moment}
            className="sim-screenshot"
            data-testid="simulation-screenshot"
            data-moment={shot.moment}
          >
            {base64 ? (
              <DeviceShot
                src={`data:${shot.mimeType};base64,${base64}`}
                alt={t('simulation.screenshots.alt', { caption, hint })}
                phone={phone}
              />
            ) : (
              <div className="sim-screenshot-missing" role="note">
                {t('simulation.screenshots.notKept')}
              </div>
            )}
            <figcaption>
              <Flex vertical gap={2}>
                <strong>{caption}</strong>
                <span className="text-secondary">{hint}</span>
                {shot.url && (
                  <Typography.Text type="secondary" className="sim-screenshot-url">
                    {readable(shot.url)}
                  </Typography.Text>
                )}
                {fromRun !== null && (
                  <Typography.Text type="secondary">
                    {t('simulation.screenshots.fromRun', { n: fromRun })}
                  </Typography.Text>
                )}
              </Flex>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
