import {
  CheckCircleFilled,
  ClockCircleOutlined,
  LoadingOutlined,
  PlayCircleOutlined,
  ReloadOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Progress, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreSummary } from '../../../../shared/ipc/contract';
import { useScreenRoute } from '../../app/use-screen-route';
import {
  cancelDiagnosis,
  loadLastDiagnosis,
  runDiagnosis,
  STAGES,
  useDiagnosisSession,
  type DiagnosisSession,
  type StageState,
} from '../diagnosis/diagnosis-session';
import { useNumber } from '../diagnosis/format';
import { VerdictCard } from './VerdictCard';

/**
 * 开始诊断 on Home: the shop it is for, one large button, one progress view naming the step in hand,
 * and then the verdict a shop owner reads first. The last diagnosis shows again on coming back.
 */
export function DiagnosisPanel({ store }: { store: StoreSummary | null }) {
  const { t } = useTranslation();
  const [, navigate] = useScreenRoute();
  const session = useDiagnosisSession();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const seenRuns = useRef(session.finishedRuns);

  useEffect(() => {
    void loadLastDiagnosis();
  }, []);

  // A run that ends while Home is open moves focus to its verdict, so the result is read out next.
  useEffect(() => {
    if (session.finishedRuns === seenRuns.current) return;
    seenRuns.current = session.finishedRuns;
    headingRef.current?.focus();
  }, [session.finishedRuns]);

  const running = session.phase === 'running';
  const { diagnosis } = session;
  const shown = diagnosis && !diagnosis.cancelled ? diagnosis : null;

  return (
    <>
      <Card title={<h2 className="card-title">{t('diagnosis.cardTitle')}</h2>} data-testid="diagnosis-card">
        <Flex vertical gap="middle">
          {store ? (
            <>
              <Flex align="center" gap="small" wrap className="diagnosis-store" data-testid="diagnosis-store">
                <span className="text-secondary">{t('diagnosis.store')}</span>
                <Typography.Text strong>{store.storeName}</Typography.Text>
                <Tag color={store.environment === 'production' ? 'volcano' : 'green'}>
                  {t(`home.store.environments.${store.environment}`)}
                </Tag>
              </Flex>
              <Flex gap="middle" align="center" wrap>
                <Button
                  type="primary"
                  size="large"
                  className="diagnosis-run-button"
                  icon={shown ? <ReloadOutlined /> : <PlayCircleOutlined />}
                  loading={running}
                  disabled={running}
                  onClick={() => void runDiagnosis({ id: store.id, name: store.storeName })}
                >
                  {running ? t('diagnosis.running') : shown ? t('diagnosis.rerun') : t('diagnosis.run')}
                </Button>
                {running ? (
                  <Button
                    size="large"
                    danger
                    icon={<StopOutlined />}
                    loading={session.cancelling}
                    onClick={() => void cancelDiagnosis()}
                  >
                    {t('diagnosis.cancel')}
                  </Button>
                ) : (
                  <Typography.Text type="secondary">{t('diagnosis.intro')}</Typography.Text>
                )}
              </Flex>
            </>
          ) : (
            <Empty
              description={
                <Flex vertical gap={4}>
                  <Typography.Text strong>{t('diagnosis.noStore')}</Typography.Text>
                  <Typography.Text type="secondary">{t('diagnosis.noStoreHint')}</Typography.Text>
                </Flex>
              }
            >
              <Button type="primary" onClick={() => navigate('stores')}>
                {t('diagnosis.goToStores')}
              </Button>
            </Empty>
          )}
          <ProgressView session={session} />
        </Flex>
      </Card>

      <SessionNotes session={session} />

      {session.phase === 'loading-last' && (
        <Card aria-busy aria-label={t('diagnosis.loadingLast')}>
          <Skeleton active />
        </Card>
      )}

      {shown && !running && (
        <>
          {store && shown.storeId !== store.id && (
            <Alert
              type="info"
              showIcon
              title={t('diagnosis.otherStore', { name: shown.storeName })}
              data-testid="diagnosis-other-store"
            />
          )}
          <VerdictCard diagnosis={shown} headingRef={headingRef} />
        </>
      )}
    </>
  );
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
  if (!shown) return null;
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  return (
    <Flex vertical gap="small" data-testid="diagnosis-progress" ref={ref}>
      <p className="diagnosis-step" role="status" data-testid="diagnosis-step" data-step={progress.step}>
        {t(`diagnosis.steps.${progress.step}`)}
      </p>
      <Progress percent={percent} status="active" aria-label={t('diagnosis.progressLabel')} />
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

function SessionNotes({ session }: { session: DiagnosisSession }) {
  const { t } = useTranslation();
  if (session.phase === 'running') return null;
  return (
    <>
      {session.diagnosis?.cancelled && (
        <Alert type="warning" showIcon title={t('diagnosis.cancelled')} data-testid="diagnosis-cancelled" />
      )}
      {session.error && (
        <Alert
          type="error"
          showIcon
          title={
            session.error.kind === 'run'
              ? t('diagnosis.failedRun')
              : session.error.kind === 'cancel'
                ? t('diagnosis.failedCancel')
                : t('diagnosis.failedLast')
          }
          description={t('diagnosis.errorDetail', { reason: session.error.reason })}
          data-testid="diagnosis-error"
        />
      )}
    </>
  );
}
