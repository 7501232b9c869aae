import { CheckCircleFilled, ClockCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import { Alert, Flex, Progress, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreSummary } from '../../../../shared/ipc/contract';
import { GATEWAY_CALL_TIMEOUT_MS } from '../../../../shared/diagnosis/wait-limits';
import { OtherStoreNotice, RunButtons, RunControls, RunNotes } from '../../ui/run-controls';
import { LoadingCard } from '../../ui/screen-parts';
import {
  cancelDiagnosis,
  loadLastDiagnosis,
  runDiagnosis,
  STAGES,
  useDiagnosisSession,
  type DiagnosisProgress,
  type DiagnosisSession,
  type StageState,
} from '../diagnosis/diagnosis-session';
import { useNumber } from '../diagnosis/format';
import { DeviceResults } from './DeviceResults';
import { VerdictCard } from './VerdictCard';
import { useWorkspace } from '../../workspace/workspace-context';

/**
 * 开始诊断 on Home: the shop it is for, one large button, one progress view naming the step in hand,
 * and then the verdict a shop owner reads first. The last diagnosis shows again on coming back.
 */
export function DiagnosisPanel({ store }: { store: StoreSummary | null }) {
  const { t } = useTranslation();
  const session = useDiagnosisSession();
  // Marked stale in this window, or (after a reload, before any run here) by main, which keeps the mark.
  const demo = useWorkspace().state.workspace?.demo;
  const staleAfter =
    session.staleAfter ?? (session.finishedRuns === 0 ? (demo?.diagnosisStaleAfter ?? null) : null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const seenRuns = useRef(session.finishedRuns);

  useEffect(() => {
    void loadLastDiagnosis();
  }, []);

  // A run that ends while Home is open brings its verdict to where the eyes are: the card's top scrolled
  // to the top of the window (focus alone scrolls just enough to show the title at the bottom edge),
  // and focus on its heading, so the result is read out next.
  useEffect(() => {
    if (session.finishedRuns === seenRuns.current) return;
    seenRuns.current = session.finishedRuns;
    const heading = headingRef.current;
    if (!heading) return;
    heading.focus({ preventScroll: true });
    heading.closest('[data-testid="verdict-card"]')?.scrollIntoView({ block: 'start' });
  }, [session.finishedRuns]);

  const running = session.phase === 'running';
  const { diagnosis } = session;
  const shown = diagnosis && !diagnosis.cancelled ? diagnosis : null;

  return (
    <>
      <RunControls
        screen="diagnosis"
        store={store}
        noStore={!store}
        testId="diagnosis-card"
        title={<h2 className="card-title">{t('diagnosis.cardTitle')}</h2>}
        storeClassName="diagnosis-store"
        progress={<ProgressView session={session} />}
      >
        {store && (
          <RunButtons
            screen="diagnosis"
            session={session}
            hasResult={shown !== null}
            canStart
            onStart={() => void runDiagnosis({ id: store.id, name: store.storeName })}
            onCancel={() => void cancelDiagnosis()}
            labels={{ run: t('diagnosis.run'), rerun: t('diagnosis.rerun'), running: t('diagnosis.running') }}
            className="diagnosis-run-button"
            align="center"
            idle={<Typography.Text type="secondary">{t('diagnosis.intro')}</Typography.Text>}
          />
        )}
      </RunControls>

      {/* While a diagnosis runs, its progress says all there is to say. */}
      {!running && (
        <RunNotes
          screen="diagnosis"
          cancelled={session.diagnosis?.cancelled && t('diagnosis.cancelled')}
          error={session.error}
        />
      )}

      {session.phase === 'loading-last' && <LoadingCard label={t('diagnosis.loadingLast')} />}

      {shown && !running && (
        <>
          {store && shown.storeId !== store.id && (
            <OtherStoreNotice screen="diagnosis" name={shown.storeName} />
          )}
          {staleAfter && (
            <Alert
              type="warning"
              showIcon
              data-testid="verdict-stale"
              title={t('diagnosis.stale', { label: t(`demo.scenarios.${staleAfter}`) })}
              description={t('diagnosis.staleHint')}
            />
          )}
          <VerdictCard diagnosis={shown} headingRef={headingRef} stale={staleAfter !== null} />
          <DeviceResults diagnosis={shown} />
        </>
      )}
    </>
  );
}

/** The time now, once a second while `on`: elapsed and silent times move even when nothing arrives. */
function useNow(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [on]);
  return now;
}

/**
 * Progress by phase: the simulated payment and the timings (side by side) are the first two thirds,
 * the checklist the last, filled as its checks finish; a phase under way counts half.
 */
function phasePercent(progress: DiagnosisProgress): number {
  const { stages } = progress;
  const part = (state: StageState) => (state === 'done' ? 1 : state === 'running' ? 0.5 : 0);
  const checks = stages.checklist === 'done' ? 1 : progress.total > 0 ? progress.done / progress.total : 0;
  return Math.min(99, Math.round(((part(stages.simulation) + part(stages.probes)) / 2) * 66 + checks * 33));
}

const STAGE_ICONS: Record<StageState, ReactNode> = {
  waiting: <ClockCircleOutlined />,
  running: <LoadingOutlined />,
  done: <CheckCircleFilled className="icon-ok" />,
};

/** One view for the whole run: the step in hand in plain words, the checks done, and the three steps. */
function ProgressView({ session }: { session: DiagnosisSession }) {
  const { t } = useTranslation();
  const number = useNumber();
  const { progress } = session;
  const shown = session.phase === 'running' && progress !== null;
  const ref = useRef<HTMLDivElement>(null);
  // In a 700-pixel-high window the progress starts just below the fold: bring it into view once.
  useEffect(() => {
    if (shown) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [shown]);
  const now = useNow(shown);
  if (!shown) return null;
  const percent = phasePercent(progress);
  const elapsed = Math.max(0, Math.round((now - progress.startedAt) / 1000));
  const silent = Math.max(0, Math.round((now - progress.lastEventAt) / 1000));
  // While the platform is silent, say so, and how long the request in hand may still take.
  const waitingOnPlatform = progress.step !== 'checklist' && progress.step !== 'done' && silent >= 5;
  const left = Math.max(0, Math.ceil(GATEWAY_CALL_TIMEOUT_MS / 1000) - silent);
  return (
    <Flex vertical gap="small" data-testid="diagnosis-progress" ref={ref}>
      <p className="diagnosis-step" role="status" data-testid="diagnosis-step" data-step={progress.step}>
        {t(`diagnosis.steps.${progress.step}`)}
      </p>
      <Progress percent={percent} status="active" aria-label={t('diagnosis.progressLabel')} />
      <span className="text-secondary" data-testid="diagnosis-elapsed">
        {t('diagnosis.elapsed', { seconds: number(elapsed) })}
      </span>
      {waitingOnPlatform && (
        <Typography.Text type="warning" data-testid="diagnosis-silent">
          {left > 0
            ? t('diagnosis.silent', { seconds: number(silent), left: number(left) })
            : t('diagnosis.silentLong', { seconds: number(silent) })}
        </Typography.Text>
      )}
      <Flex justify="space-between" align="center" gap="middle" wrap>
        <ol className="diagnosis-stages" aria-label={t('diagnosis.stagesLabel')}>
          {STAGES.map((stage) => {
            const stageState = progress.stages[stage];
            return (
              <li
                key={stage}
                className={`diagnosis-stage diagnosis-stage-${stageState}`}
                data-testid="diagnosis-stage"
                data-stage={stage}
                data-state={stageState}
              >
                <span aria-hidden>{STAGE_ICONS[stageState]}</span>
                {t('diagnosis.stageLine', {
                  stage: t(`diagnosis.stages.${stage}`),
                  state: t(`diagnosis.stageState.${stageState}`),
                })}
              </li>
            );
          })}
        </ol>
        {progress.total > 0 && (
          <span className="text-secondary" data-testid="diagnosis-count">
            {t('diagnosis.progressCount', { done: number(progress.done), total: number(progress.total) })}
          </span>
        )}
      </Flex>
    </Flex>
  );
}
