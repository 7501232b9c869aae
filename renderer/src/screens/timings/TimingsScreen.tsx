import { Card, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  percentOf,
  RunButtons,
  RunChoice,
  RunControls,
  RunProgress,
  RunSessionNotes,
  useRunStore,
} from '../../ui/run-controls';
import { ScreenHeader } from '../../ui/screen-parts';
import { HostStats } from './HostStats';
import { PhaseGuide } from './PhaseGuide';
import { TimingsVerdict } from './TimingsVerdict';
import {
  cancelProbes,
  loadLastProbeRun,
  runProbes,
  useProbeSession,
  type ProbeSession,
} from './probe-session';
import { Waterfall } from './Waterfall';

/** Times per address the user can pick; more gives steadier percentiles and takes longer. */
const COUNTS = [2, 3, 5, 10, 20] as const;
const DEFAULT_COUNT = 5;

/**
 * Network timings: every address the payment depends on, opened step by step like a browser, timed
 * per phase as exactly as curl; a DevTools-like waterfall, percentiles per address, and what each
 * phase means for a shop owner.
 */
export default function TimingsScreen() {
  const { t } = useTranslation();
  const session = useProbeSession();
  const [count, setCount] = useState<number>(session.count ?? DEFAULT_COUNT);

  useEffect(() => {
    void loadLastProbeRun();
  }, []);

  const running = session.phase === 'running';
  // The store in use, and the one the results are about when the user has switched since.
  const { store, noStore, otherStore } = useRunStore(session.store);
  const hasResults = session.results.length > 0;

  const start = () => {
    if (store) void runProbes({ id: store.id, name: store.storeName }, count);
  };

  return (
    <Flex vertical gap="large" className="screen timings-screen">
      <ScreenHeader title={t('timings.title')} intro={t('timings.intro')} />

      <RunControls
        screen="timings"
        store={store}
        noStore={noStore}
        testId="timings-controls"
        progress={<ProgressView session={session} />}
      >
        <Flex gap="middle" align="center" wrap>
          <RunChoice
            id="timings-count"
            label={t('timings.countLabel')}
            help={t('timings.countHelp')}
            value={count}
            options={COUNTS.map((value) => ({ value, label: t('timings.countOption', { count: value }) }))}
            disabled={running}
            onChange={setCount}
            testId="timings-count"
          />
          <RunButtons
            screen="timings"
            session={session}
            hasResult={hasResults}
            canStart={store !== null}
            onStart={start}
            onCancel={() => void cancelProbes()}
            labels={{ run: t('timings.run'), rerun: t('timings.rerun') }}
          />
        </Flex>
      </RunControls>

      <RunSessionNotes
        screen="timings"
        session={session}
        cancelled={session.run?.cancelled && session.phase === 'idle' && t('timings.cancelled')}
        otherStore={otherStore}
        empty={!hasResults && !noStore}
      />

      {hasResults && (
        <Card
          title={<h2 className="card-title">{t('timings.waterfall.title')}</h2>}
          data-testid="waterfall-card"
        >
          <Flex vertical gap="middle">
            <TimingsVerdict session={session} />
            <Typography.Text type="secondary">{t('timings.waterfall.intro')}</Typography.Text>
            <Waterfall results={session.results} />
          </Flex>
        </Card>
      )}

      {session.run && session.run.summaries.length > 0 && (
        <section aria-labelledby="timings-stats-title" data-testid="timings-stats">
          <h2 id="timings-stats-title" className="check-section-title">
            {t('timings.stats.title')}
          </h2>
          <Typography.Paragraph type="secondary">{t('timings.stats.intro')}</Typography.Paragraph>
          <div className="host-stats-grid">
            {session.run.summaries.map((summary) => (
              <HostStats
                key={`${summary.target.role} ${summary.target.url}`}
                summary={summary}
                results={session.run?.results ?? []}
              />
            ))}
          </div>
        </section>
      )}

      <PhaseGuide />
    </Flex>
  );
}

function ProgressView({ session }: { session: ProbeSession }) {
  const { t } = useTranslation();
  if (session.phase !== 'running') return null;
  const { progress } = session;
  const latest = progress?.latest;
  return (
    <RunProgress
      screen="timings"
      percent={percentOf(progress)}
      current={
        latest
          ? t('timings.progressCurrent', {
              role: t(`timings.roles.${latest.target.role}`),
              n: latest.sequence + 1,
            })
          : t('timings.progressStarting')
      }
      count={progress && t('timings.progressCount', { done: progress.done, total: progress.total })}
    />
  );
}
