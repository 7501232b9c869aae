import { WarningFilled } from '@ant-design/icons';
import { Card, Flex, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  SimulationSeries,
  SimulationUnavailable,
} from '../../../../shared/simulation/simulation-result';
import {
  RunButtons,
  RunChoice,
  RunControls,
  RunProgress,
  RunSessionNotes,
  useRunStore,
} from '../../ui/run-controls';
import { ScreenHeader } from '../../ui/screen-parts';
import { useLocalized } from '../../i18n/use-localized';
import { RUN_COUNTS, STAGES } from './format';
import { HopTimeline } from './HopTimeline';
import { OutcomeCard, OutcomeTag } from './OutcomeCard';
import { cashierStateWords, RunDetails } from './RunDetails';
import { Screenshots } from './Screenshots';
import { SeriesSummary } from './SeriesSummary';
import {
  cancelSimulation,
  loadLastSimulation,
  runSimulation,
  useSimulationSession,
  type SimulationSession,
} from './simulation-session';
import { StageTimings } from './StageTimings';
import { BuyerPicker } from '../../ui/BuyerPicker';
import { buyerName, buyerOf } from '../../../../shared/simulation/buyer-words';
import { DESKTOP_BUYER, type BuyerProfile } from '../../../../shared/simulation/device-profiles';
import type { SimulationResult } from '../../../../shared/simulation/simulation-result';
import './simulation.css';

const DEFAULT_RUNS = 1;

/**
 * 模拟支付: the store's Baitiao payment done for real in a browser, hop by hop as it happens, then the
 * outcome in plain words (what the buyer saw, what it means, what to do, whose side), the pages as they
 * looked, and the details for support. Several runs in a row (intermittency mode) add the success rate,
 * the outcomes counted and the time to a ready cashier.
 */
export default function SimulationScreen() {
  const { t } = useTranslation();
  const session = useSimulationSession();
  // A diagnosis's series (one run per device) asked for a count the picker does not offer: start at 1.
  const [runs, setRuns] = useState<number>(
    session.runs !== null && (RUN_COUNTS as readonly number[]).includes(session.runs)
      ? session.runs
      : DEFAULT_RUNS,
  );
  const lastRun = session.result?.kind === 'simulation-series' ? session.result.runs[0] : undefined;
  const [buyer, setBuyer] = useState<BuyerProfile>(lastRun ? buyerOf(lastRun) : DESKTOP_BUYER);

  useEffect(() => {
    void loadLastSimulation();
  }, []);

  const running = session.phase === 'running';
  // The store in use, and the one the results are about when the user has switched since.
  const { store, noStore, otherStore } = useRunStore(session.store);
  const hasResult = session.result !== null;
  const series = session.result?.kind === 'simulation-series' ? session.result : null;
  // 一键重试 only after a failure; after a success the button simply runs it again.
  const failedBefore = series?.runs.some((run) => run.outcome !== 'REDIRECT_OK') ?? false;

  const start = () => {
    if (store) void runSimulation({ id: store.id, name: store.storeName }, runs, buyer);
  };

  return (
    <Flex vertical gap="large" className="screen simulation-screen">
      <ScreenHeader title={t('simulation.title')} intro={t('simulation.intro')} />

      <RunControls
        screen="simulation"
        store={store}
        noStore={noStore}
        testId="simulation-controls"
        progress={<ProgressView session={session} />}
      >
        <Flex gap="middle" align="center" wrap>
          <RunChoice
            id="simulation-runs"
            label={t('simulation.runsLabel')}
            help={t('simulation.runsHelp')}
            value={runs}
            options={RUN_COUNTS.map((value) => ({
              value,
              label: t('simulation.runsOption', { count: value }),
            }))}
            disabled={running}
            onChange={setRuns}
            testId="simulation-runs"
          />
          <BuyerPicker id="simulation-buyer" value={buyer} disabled={running} onChange={setBuyer} />
          <RunButtons
            screen="simulation"
            session={session}
            hasResult={hasResult}
            canStart={store !== null}
            onStart={start}
            onCancel={() => void cancelSimulation()}
            labels={{
              run: t('simulation.run'),
              rerun: failedBefore ? t('simulation.retry') : t('simulation.runAgain'),
            }}
          />
        </Flex>
      </RunControls>

      <RunSessionNotes
        screen="simulation"
        session={session}
        cancelled={
          series?.cancelled &&
          session.phase === 'idle' &&
          (series.runs.length > 0 ? t('simulation.cancelled') : t('simulation.cancelledEmpty'))
        }
        otherStore={otherStore}
        empty={!hasResult && !noStore}
      />

      {running && <LiveView session={session} />}
      {!running && session.result?.kind === 'simulation-unavailable' && (
        <Unavailable unavailable={session.result} />
      )}
      {!running && session.result?.kind === 'simulation-series' && (
        <SeriesView
          // Another series starts on its last run again.
          key={session.result.runs[0]?.runId ?? 'empty'}
          series={session.result}
        />
      )}
    </Flex>
  );
}

/** Where the run in progress is: which run of how many, which stage, and how the finished ones went. */
function ProgressView({ session }: { session: SimulationSession }) {
  const { t } = useTranslation();
  if (session.phase !== 'running') return null;
  const total = session.runs ?? 1;
  const done = session.finished.length;
  const live = session.live && session.live.run === done ? session.live : null;
  const stagesDone = live ? live.stages.filter((stage) => stage.status !== 'running').length : 0;
  const percent = Math.min(100, Math.round(((done + stagesDone / STAGES.length) / total) * 100));
  const current = live?.stages.findLast((stage) => stage.status === 'running');
  const doing = current
    ? t(`simulation.stages.${current.stage}.doing`)
    : done === 0
      ? t('simulation.progressStarting')
      : t('simulation.progressNext');
  const ok = session.finished.filter((run) => run.outcome === 'REDIRECT_OK').length;
  return (
    <RunProgress
      screen="simulation"
      percent={percent}
      current={total > 1 && done < total ? t('simulation.progressRun', { n: done + 1, total, doing }) : doing}
      count={total > 1 && t('simulation.progressDone', { done, total, ok })}
    >
      {session.finished.length > 0 && (
        <Flex gap={4} wrap className="sim-progress-runs" aria-hidden>
          {session.finished.map((run) => (
            <OutcomeTag key={run.run} code={run.outcome} />
          ))}
        </Flex>
      )}
    </RunProgress>
  );
}

/** The run going on now: its stages and its hops as they happen. */
function LiveView({ session }: { session: SimulationSession }) {
  const { t } = useTranslation();
  const live = session.live;
  const cashier = live?.cashier;
  return (
    <Card
      title={<h2 className="card-title">{t('simulation.live.title')}</h2>}
      data-testid="simulation-live"
      extra={
        cashier?.state ? (
          <Typography.Text data-testid="simulation-cashier-live">
            {/* The cashier's error code waits for the result card's 给客服看. */}
            {t('simulation.live.cashier', { state: cashierStateWords(cashier.state, t) })}
          </Typography.Text>
        ) : null
      }
    >
      <Flex vertical gap="large">
        <section aria-labelledby="sim-live-stages">
          <h3 id="sim-live-stages" className="sim-section-title">
            {t('simulation.stageTimings.title')}
          </h3>
          <StageTimings stages={live?.stages ?? []} />
        </section>
        <section aria-labelledby="sim-live-hops">
          <h3 id="sim-live-hops" className="sim-section-title">
            {t('simulation.hops.title')}
          </h3>
          <HopTimeline hops={live?.hops ?? []} live />
        </section>
      </Flex>
    </Card>
  );
}

/** A finished series: the summary when there were several runs, then one run in full. */
function SeriesView({ series }: { series: SimulationSeries }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState(Math.max(0, series.runs.length - 1));
  const result = series.runs[selected];
  const several = series.requested > 1 || series.runs.length > 1;
  return (
    <>
      {several && <SeriesSummary series={series} selected={selected} onSelect={setSelected} />}
      {result && (
        <>
          <OutcomeCard result={result} runNumber={several ? selected + 1 : null} />
          <Card
            title={<h2 className="card-title">{t('simulation.journey.title')}</h2>}
            data-testid="simulation-journey"
          >
            <Flex vertical gap="large">
              <section aria-labelledby="sim-stages-title">
                <h3 id="sim-stages-title" className="sim-section-title">
                  {t('simulation.stageTimings.title')}
                </h3>
                <BuyerLine result={result} />
                <StageTimings stages={result.stages} />
              </section>
              <section aria-labelledby="sim-hops-title">
                <h3 id="sim-hops-title" className="sim-section-title">
                  {t('simulation.hops.title')}
                </h3>
                <Typography.Paragraph type="secondary">{t('simulation.hops.intro')}</Typography.Paragraph>
                <HopTimeline hops={result.hops} live={false} />
              </section>
            </Flex>
          </Card>
          <Card
            title={<h2 className="card-title">{t('simulation.screenshots.title')}</h2>}
            data-testid="simulation-screenshots"
          >
            <Flex vertical gap="middle">
              <Typography.Text type="secondary">{t('simulation.screenshots.intro')}</Typography.Text>
              <Screenshots runs={series.runs} index={selected} />
            </Flex>
          </Card>
          <section aria-labelledby="sim-details-title">
            <h2 id="sim-details-title" className="check-section-title">
              {t('simulation.details.title')}
            </h2>
            <Typography.Paragraph type="secondary">{t('simulation.details.intro')}</Typography.Paragraph>
            <RunDetails result={result} />
          </section>
        </>
      )}
    </>
  );
}

/** Which buyer the run was, and that its times are emulated when the network was throttled. */
function BuyerLine({ result }: { result: SimulationResult }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const emulated = result.buyer?.emulatedNetwork ?? false;
  return (
    <Typography.Paragraph type="secondary" data-testid="simulation-buyer" data-emulated={emulated}>
      {localized(buyerName(buyerOf(result)))}
      {emulated && ` · ${t('buyer.emulatedHint')}`}
    </Typography.Paragraph>
  );
}

/** No browser could run it: why, in plain words, and what still works. */
function Unavailable({ unavailable }: { unavailable: SimulationUnavailable }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <Card data-testid="simulation-unavailable">
      <Result
        status="warning"
        icon={<WarningFilled />}
        title={t('simulation.unavailable.title')}
        subTitle={<span data-testid="simulation-unavailable-reason">{localized(unavailable.reason)}</span>}
      >
        <Flex vertical gap="small">
          <Typography.Text>{t('simulation.unavailable.hint')}</Typography.Text>
          <Typography.Text type="secondary" className="sim-technical">
            {t('simulation.unavailable.detail', { detail: unavailable.detail })}
          </Typography.Text>
        </Flex>
      </Result>
    </Card>
  );
}
