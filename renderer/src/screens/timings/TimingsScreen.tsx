import { PlayCircleOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Progress, Segmented, Skeleton, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWorkspace } from '../../workspace/workspace-context';
import { HostStats } from './HostStats';
import { PhaseGuide } from './PhaseGuide';
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
  const { state: workspace } = useWorkspace();
  const session = useProbeSession();
  const [count, setCount] = useState<number>(session.count ?? DEFAULT_COUNT);

  useEffect(() => {
    void loadLastProbeRun();
  }, []);

  const running = session.phase === 'running';
  const store = workspace.workspace?.activeStore ?? null;
  const noStore = workspace.status === 'ready' && store === null;
  const hasResults = session.results.length > 0;
  const otherStore = session.store && store && session.store.id !== store.id ? session.store : null;

  const start = () => {
    if (store) void runProbes({ id: store.id, name: store.storeName }, count);
  };

  return (
    <Flex vertical gap="large" className="screen timings-screen">
      <div>
        <Typography.Title level={1} className="screen-title">
          {t('timings.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('timings.intro')}</Typography.Paragraph>
      </div>

      <Card data-testid="timings-controls">
        <Flex vertical gap="middle">
          {store && (
            <Flex align="center" gap="small" wrap data-testid="timings-store">
              <span className="text-secondary">{t('timings.store')}</span>
              <Typography.Text strong>{store.storeName}</Typography.Text>
              <Tag color={store.environment === 'production' ? 'volcano' : 'green'}>
                {t(`home.store.environments.${store.environment}`)}
              </Tag>
            </Flex>
          )}
          {noStore ? (
            <Empty
              description={
                <Flex vertical gap={4}>
                  <Typography.Text strong>{t('timings.noStore')}</Typography.Text>
                  <Typography.Text type="secondary">{t('timings.noStoreHint')}</Typography.Text>
                </Flex>
              }
            >
              <Button type="primary" onClick={() => (window.location.hash = '#/stores')}>
                {t('timings.goToStores')}
              </Button>
            </Empty>
          ) : (
            <Flex gap="middle" align="center" wrap>
              <Flex vertical gap={4}>
                <span id="timings-count-label">{t('timings.countLabel')}</span>
                <Segmented<number>
                  aria-labelledby="timings-count-label"
                  aria-describedby="timings-count-help"
                  value={count}
                  disabled={running}
                  onChange={setCount}
                  options={COUNTS.map((value) => ({
                    value,
                    label: t('timings.countOption', { count: value }),
                  }))}
                  data-testid="timings-count"
                />
                <Typography.Text type="secondary" id="timings-count-help">
                  {t('timings.countHelp')}
                </Typography.Text>
              </Flex>
              <Flex gap="middle" wrap>
                <Button
                  type="primary"
                  size="large"
                  icon={hasResults ? <ReloadOutlined /> : <PlayCircleOutlined />}
                  loading={running}
                  disabled={running || !store}
                  onClick={start}
                >
                  {hasResults && !running ? t('timings.rerun') : t('timings.run')}
                </Button>
                {running && (
                  <Button
                    size="large"
                    danger
                    icon={<StopOutlined />}
                    loading={session.cancelling}
                    onClick={() => void cancelProbes()}
                  >
                    {t('timings.cancel')}
                  </Button>
                )}
              </Flex>
            </Flex>
          )}
          <ProgressView session={session} />
        </Flex>
      </Card>

      <SessionNotes session={session} />
      {otherStore && session.phase === 'idle' && (
        <Alert
          type="info"
          showIcon
          title={t('timings.otherStore', { name: otherStore.name })}
          data-testid="timings-other-store"
        />
      )}

      {session.phase === 'loading-last' && (
        <Card aria-busy aria-label={t('timings.loadingLast')}>
          <Skeleton active />
        </Card>
      )}

      {session.phase === 'idle' && !hasResults && !noStore && (
        <Empty
          description={
            <Flex vertical gap={4}>
              <Typography.Text strong>{t('timings.notRunYet')}</Typography.Text>
              <Typography.Text type="secondary">{t('timings.notRunYetHint')}</Typography.Text>
            </Flex>
          }
        />
      )}

      {hasResults && (
        <Card
          title={<h2 className="card-title">{t('timings.waterfall.title')}</h2>}
          data-testid="waterfall-card"
        >
          <Flex vertical gap="middle">
            <Verdict session={session} />
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
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const latest = progress?.latest;
  return (
    <div
      role="status"
      aria-live="polite"
      aria-label={t('timings.progressLabel')}
      data-testid="timings-progress"
    >
      <Progress percent={percent} status="active" aria-label={t('timings.progressLabel')} />
      <Flex gap="middle" wrap>
        <span data-testid="timings-progress-current">
          {latest
            ? t('timings.progressCurrent', {
                role: t(`timings.roles.${latest.target.role}`),
                n: latest.sequence + 1,
              })
            : t('timings.progressStarting')}
        </span>
        {progress && (
          <span className="text-secondary" data-testid="timings-progress-count">
            {t('timings.progressCount', { done: progress.done, total: progress.total })}
          </span>
        )}
      </Flex>
    </div>
  );
}

/** Once a run is over: did every address open, when was it, how many times each. */
function Verdict({ session }: { session: ProbeSession }) {
  const { t, i18n } = useTranslation();
  const { run } = session;
  if (session.phase !== 'idle' || !run) return null;
  const failed = run.summaries.filter((summary) => summary.failed > 0).length;
  // Counted over every request, not only the first ones the waterfall shows.
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(new Date(run.finishedAt));
  return (
    <Flex vertical gap={2}>
      <Typography.Text strong type={failed > 0 ? 'danger' : undefined} data-testid="timings-verdict">
        {failed > 0 ? t('timings.verdictFailed', { count: failed }) : t('timings.verdictOk')}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('timings.lastRun', { time, count: run.settings.count })}
      </Typography.Text>
    </Flex>
  );
}

function SessionNotes({ session }: { session: ProbeSession }) {
  const { t } = useTranslation();
  return (
    <>
      {session.run?.cancelled && session.phase === 'idle' && (
        <Alert type="warning" showIcon title={t('timings.cancelled')} data-testid="timings-cancelled" />
      )}
      {session.error && (
        <Alert
          type="error"
          showIcon
          title={
            session.error.kind === 'run'
              ? t('timings.failedRun')
              : session.error.kind === 'cancel'
                ? t('timings.failedCancel')
                : t('timings.failedLast')
          }
          description={t('timings.errorDetail', { reason: session.error.reason })}
        />
      )}
    </>
  );
}
