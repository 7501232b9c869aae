import { PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { QUIET_TABLE } from '../../ui/quiet-table';
import { CHECK_CATALOG } from '../../../../shared/checklist/catalog';
import type { CheckStatus } from '../../../../shared/checklist/check-result';
import type { DiagnosisComparison, DiagnosisSummary } from '../../../../shared/diagnosis/diagnosis';
import { OUTCOME_CODES, type OutcomeCode } from '../../../../shared/protocol/outcome-codes';
import { EmptyNote, LoadingCard, NoStoreNote, ScreenHeader } from '../../ui/screen-parts';
import { useScreenRoute } from '../../app/use-screen-route';
import { doctor } from '../../ipc/doctor';
import { useLocalized } from '../../i18n/use-localized';
import { StoreLine } from '../../workspace/store-facts';
import { useWorkspace } from '../../workspace/workspace-context';
import { StatusTag } from '../checklist/status';
import { useDiagnosisSession } from '../diagnosis/diagnosis-session';
import { useDateTime } from '../diagnosis/format';
import { OutcomeLabel, SideBadge, VerdictStatusTag } from '../diagnosis/looks';
import { openExplanation } from '../explain/explain-target';
import { ErrorDetails } from '../../ui/ErrorDetails';

type Loaded =
  | { status: 'loading' }
  | { status: 'failed'; reason: string }
  | { status: 'ready'; runs: DiagnosisSummary[]; comparison: DiagnosisComparison | null };

const STATUSES: ReadonlySet<string> = new Set<CheckStatus>(['pass', 'warn', 'fail', 'skip', 'error']);
const isCheckStatus = (value: string): value is CheckStatus => STATUSES.has(value);
const isOutcome = (value: string): value is OutcomeCode =>
  (OUTCOME_CODES as readonly string[]).includes(value);

/** History: the active store's past diagnoses, and what changed since the last one that was fine. */
export default function HistoryScreen() {
  const { t } = useTranslation();
  const { state: workspace } = useWorkspace();
  const session = useDiagnosisSession();
  const [, navigate] = useScreenRoute();
  const store = workspace.workspace?.activeStore ?? null;
  const storeId = store?.id ?? null;
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  // Read again for another store, after a diagnosis of this session ends, or when asked to.
  useEffect(() => {
    if (!storeId) return;
    let current = true;
    void Promise.all([
      doctor.invoke('history.list', { storeId }),
      doctor.invoke('history.compare', { storeId }),
    ]).then(
      ([runs, comparison]) => {
        if (current) setLoaded({ status: 'ready', runs, comparison });
      },
      (error: unknown) => {
        if (current)
          setLoaded({ status: 'failed', reason: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [storeId, session.finishedRuns, generation]);

  const retry = useCallback(() => {
    setLoaded({ status: 'loading' });
    setGeneration((n) => n + 1);
  }, []);

  const noStore = workspace.status === 'ready' && store === null;

  return (
    <Flex vertical gap="large" className="screen history-screen">
      <ScreenHeader title={t('history.title')} intro={t('history.intro')}>
        {store && <StoreLine label={t('history.store')} store={store} testId="history-store" />}
      </ScreenHeader>

      {noStore && <NoStoreNote screen="history" />}

      {store && loaded.status === 'loading' && <LoadingCard label={t('history.loading')} />}

      {store && loaded.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('history.failed')}
          description={<ErrorDetails reason={loaded.reason} />}
          action={
            <Button icon={<ReloadOutlined />} onClick={retry}>
              {t('history.retry')}
            </Button>
          }
          data-testid="history-error"
        />
      )}

      {store && loaded.status === 'ready' && loaded.runs.length === 0 && (
        <EmptyNote title={t('history.empty')} hint={t('history.emptyHint')} data-testid="history-empty">
          <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => navigate('home')}>
            {t('history.goHome')}
          </Button>
        </EmptyNote>
      )}

      {store && loaded.status === 'ready' && loaded.runs.length > 0 && (
        <>
          {loaded.comparison && <Comparison comparison={loaded.comparison} />}
          <RunList runs={loaded.runs} />
        </>
      )}
    </Flex>
  );
}

interface ChangeRow {
  id: string;
  before: string | null;
  now: string | null;
}

/** A check's status or the simulated payment's outcome, as icon and words; "not there" when absent. */
function ChangeValue({ id, value }: { id: string; value: string | null }) {
  const { t } = useTranslation();
  if (id === 'outcome') {
    return value === null || isOutcome(value) ? <OutcomeLabel outcome={value} /> : <span>{value}</span>;
  }
  if (value === null)
    return <Typography.Text type="secondary">{t('history.compare.missing')}</Typography.Text>;
  return isCheckStatus(value) ? <StatusTag status={value} /> : <span>{value}</span>;
}

function Comparison({ comparison }: { comparison: DiagnosisComparison }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const dateTime = useDateTime();
  const { current, lastPassing, changes } = comparison;

  const itemName = (id: string) => {
    if (id === 'outcome') return t('history.compare.outcome');
    const entry = CHECK_CATALOG.find((c) => c.id === id);
    return entry ? localized(entry.title) : id;
  };

  const columns: TableProps<ChangeRow>['columns'] = [
    {
      key: 'item',
      title: t('history.compare.item'),
      render: (_, row) => (
        <Flex vertical gap={0}>
          <Typography.Text strong>{itemName(row.id)}</Typography.Text>
          {row.id !== 'outcome' && (
            <Typography.Text type="secondary" className="check-id">
              {row.id}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      key: 'before',
      title: t('history.compare.before'),
      render: (_, row) => <ChangeValue id={row.id} value={row.before} />,
    },
    {
      key: 'now',
      title: t('history.compare.now'),
      render: (_, row) => <ChangeValue id={row.id} value={row.now} />,
    },
  ];

  return (
    <Card title={<h2 className="card-title">{t('history.compare.title')}</h2>} data-testid="history-compare">
      <Flex vertical gap="middle">
        <Flex vertical gap={4}>
          <Flex align="center" gap="small" wrap>
            <VerdictStatusTag status={current.status} />
            <span>{t('history.compare.current', { time: dateTime(current.at) })}</span>
          </Flex>
          {lastPassing && (
            <Flex align="center" gap="small" wrap>
              <VerdictStatusTag status={lastPassing.status} />
              <span>{t('history.compare.lastPassing', { time: dateTime(lastPassing.at) })}</span>
            </Flex>
          )}
        </Flex>
        {!lastPassing ? (
          <Typography.Text data-testid="history-no-passing">{t('history.compare.noPassing')}</Typography.Text>
        ) : changes.length === 0 ? (
          <Typography.Text data-testid="history-no-changes">{t('history.compare.noChanges')}</Typography.Text>
        ) : (
          <>
            <Typography.Text strong>
              {t('history.compare.changes', { count: changes.length })}
            </Typography.Text>
            <Table<ChangeRow>
              loading={QUIET_TABLE}
              size="small"
              rowKey="id"
              pagination={false}
              columns={columns}
              dataSource={changes}
              onRow={(row) =>
                ({ 'data-testid': 'history-change', 'data-change-id': row.id }) as HTMLAttributes<HTMLElement>
              }
            />
          </>
        )}
      </Flex>
    </Card>
  );
}

function RunList({ runs }: { runs: readonly DiagnosisSummary[] }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const dateTime = useDateTime();
  // history.list is newest last; people read the newest first.
  const newestFirst = [...runs].reverse();
  const latestId = newestFirst[0]?.id;

  const columns: TableProps<DiagnosisSummary>['columns'] = [
    {
      key: 'time',
      title: t('history.list.time'),
      width: 170,
      render: (_, run) => (
        <Flex vertical gap={2} align="flex-start">
          <span>{dateTime(run.at)}</span>
          {run.id === latestId && <Tag color="blue">{t('history.list.latest')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'verdict',
      title: t('history.list.verdict'),
      render: (_, run) => (
        <Flex vertical gap={4} align="flex-start">
          <VerdictStatusTag status={run.status} />
          <Typography.Text type="secondary">{localized(run.headline)}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'outcome',
      title: t('history.list.outcome'),
      width: 200,
      render: (_, run) => {
        const { outcome } = run;
        if (!outcome) return <OutcomeLabel outcome={null} />;
        return (
          <Button
            type="link"
            className="history-outcome-link"
            onClick={() => openExplanation({ kind: 'outcome', code: outcome })}
          >
            <OutcomeLabel outcome={outcome} />
          </Button>
        );
      },
    },
    {
      key: 'side',
      title: t('history.list.side'),
      width: 150,
      render: (_, run) => <SideBadge side={run.side} short />,
    },
  ];

  return (
    <Card
      title={<h2 className="card-title">{t('history.list.title')}</h2>}
      extra={
        <Typography.Text type="secondary">{t('history.list.count', { count: runs.length })}</Typography.Text>
      }
      data-testid="history-list"
    >
      <Table<DiagnosisSummary>
        loading={QUIET_TABLE}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={newestFirst}
        pagination={newestFirst.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        onRow={(run) =>
          ({
            'data-testid': 'history-run',
            'data-outcome': run.outcome ?? 'none',
            'data-status': run.status,
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  );
}
