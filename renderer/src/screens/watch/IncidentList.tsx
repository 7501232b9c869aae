import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Button, Card, Empty, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchIncident } from '../../../../shared/watch/watch-incident';
import type { SampleOutcome } from '../../../../shared/watch/watch-sample';
import { useDuration, useMoment, useNow, useOutcomeName } from './format';

/** Incidents listed at first, and added per click: a year can hold hundreds. */
const PAGE = 20;

/**
 * The incidents of the chosen time range, newest first: when each began and ended (or that it still
 * goes on), how long, the outcome codes seen and how often. Open or closed is said in words and an
 * icon, never by colour alone.
 */
export function IncidentList({ incidents }: { incidents: readonly WatchIncident[] }) {
  const { t } = useTranslation();
  const now = useNow(5_000);
  const [shown, setShown] = useState(PAGE);
  const newestFirst = [...incidents].sort((a, b) => b.openedAt - a.openedAt);
  const rest = newestFirst.length - shown;
  return (
    <Card title={<h2 className="card-title">{t('watch.incidents.title')}</h2>} data-testid="watch-incidents">
      <Typography.Paragraph type="secondary">{t('watch.incidents.intro')}</Typography.Paragraph>
      {newestFirst.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('watch.incidents.empty')} />
      ) : (
        <>
          <ol className="watch-incident-list">
            {newestFirst.slice(0, shown).map((incident) => (
              <IncidentItem key={incident.id} incident={incident} now={now} />
            ))}
          </ol>
          {rest > 0 && (
            <Button
              className="watch-more"
              onClick={() => setShown((n) => n + PAGE)}
              data-testid="watch-incidents-more"
            >
              {t('watch.incidents.showMore', { count: Math.min(PAGE, rest), total: newestFirst.length })}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}

function IncidentItem({ incident, now }: { incident: WatchIncident; now: number }) {
  const { t } = useTranslation();
  const moment = useMoment();
  const duration = useDuration();
  const outcomeName = useOutcomeName();
  const open = incident.closedAt === null;
  const outcomes = (Object.entries(incident.outcomes) as [SampleOutcome, number][]).sort(
    ([, a], [, b]) => b - a,
  );
  const lasted = (incident.closedAt ?? now) - incident.openedAt;

  return (
    <li
      className={`watch-incident ${open ? 'watch-incident-open' : 'watch-incident-closed'}`}
      data-testid="watch-incident"
      data-open={open}
      data-first-outcome={incident.firstOutcome}
    >
      <div className="watch-incident-head">
        <Tag
          icon={open ? <CloseCircleFilled /> : <CheckCircleFilled />}
          color={open ? 'error' : 'success'}
          className="status-tag"
          data-testid="watch-incident-state"
        >
          {open ? t('watch.incidents.open') : t('watch.incidents.closed')}
        </Tag>
        <strong>{outcomeName(incident.firstOutcome)}</strong>{' '}
        <code className="watch-code">{incident.firstOutcome}</code>
      </div>
      <dl className="watch-incident-facts">
        <div>
          <dt>{t('watch.incidents.openedAt')}</dt>
          <dd>
            <time dateTime={new Date(incident.openedAt).toISOString()}>{moment(incident.openedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('watch.incidents.closedAt')}</dt>
          <dd>
            {incident.closedAt === null ? (
              t('watch.incidents.stillOpen')
            ) : (
              <time dateTime={new Date(incident.closedAt).toISOString()}>{moment(incident.closedAt)}</time>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('watch.incidents.duration')}</dt>
          <dd data-testid="watch-incident-duration">
            {open ? t('watch.incidents.soFar', { duration: duration(lasted) }) : duration(lasted)}
          </dd>
        </div>
        <div>
          <dt>{t('watch.incidents.failures')}</dt>
          <dd>
            <ul className="watch-code-counts" data-testid="watch-incident-outcomes">
              {outcomes.map(([outcome, count]) => (
                <li key={outcome} data-outcome={outcome}>
                  <code className="watch-code">{outcome}</code> {outcomeName(outcome)}{' '}
                  <span className="text-secondary">{t('watch.chart.times', { count })}</span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </li>
  );
}
