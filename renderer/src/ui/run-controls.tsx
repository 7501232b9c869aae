import { PlayCircleOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Progress, Typography, type FlexProps } from 'antd';
import { OneStopSegmented } from './OneStopSegmented';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreSummary } from '../../../shared/ipc/contract';
import { StoreLine } from '../workspace/store-facts';
import type { RunState, SessionError } from '../app/run-session';
import { useWorkspace } from '../workspace/workspace-context';
import { EmptyNote, LoadingCard, NoStoreNote } from './screen-parts';
import { ErrorDetails } from './ErrorDetails';

/**
 * The scaffolding of the screens that run something long for the store in use (the checklist, the
 * simulated payment, the timings, 开始诊断): the controls card, the progress, the notes on a cancelled
 * or failed run, and the notice that what is shown is another store's.
 */

/** The screens with a run session; their words share the keys these pieces read. */
export type RunScreen = 'checklist' | 'timings' | 'simulation' | 'diagnosis';

type Store = { id: string; name: string };

/** The store a session ran for, when it is not the one in use now (the user switched since). */
export const otherStoreOf = (ran: Store | null, current: StoreSummary | null): Store | null =>
  ran && current && ran.id !== current.id ? ran : null;

/**
 * The store a run screen works on: the one in use (null while loading or when there is none), whether
 * there is none at all, and the store the session's results are about when it is another one.
 */
export function useRunStore(ran: Store | null): {
  store: StoreSummary | null;
  noStore: boolean;
  otherStore: Store | null;
} {
  const { state: workspace } = useWorkspace();
  const store = workspace.workspace?.activeStore ?? null;
  return {
    store,
    noStore: workspace.status === 'ready' && store === null,
    otherStore: otherStoreOf(ran, store),
  };
}

/** Done of total as a whole percentage; 0 before anything is counted. */
export const percentOf = (progress: { done: number; total: number } | null): number =>
  progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

/**
 * The controls card: the store in use, the screen's own controls (or the way to import a store when
 * there is none), then the progress of the run going on.
 */
export function RunControls({
  screen,
  store,
  noStore,
  testId,
  title,
  storeExtra,
  storeClassName,
  progress,
  children,
}: {
  screen: RunScreen;
  store: StoreSummary | null;
  noStore: boolean;
  testId: string;
  title?: ReactNode;
  /** Shown after the store's name. */
  storeExtra?: ReactNode;
  storeClassName?: string;
  progress: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Card title={title} data-testid={testId}>
      <Flex vertical gap="middle">
        {store && (
          <StoreLine
            label={t(`${screen}.store`)}
            store={store}
            className={storeClassName}
            testId={`${screen}-store`}
          >
            {storeExtra}
          </StoreLine>
        )}
        {noStore ? <NoStoreNote screen={screen} /> : children}
        {progress}
      </Flex>
    </Card>
  );
}

/** Start (or start again, once there is a result) and, while running, cancel; `idle` stands in for cancel. */
export function RunButtons({
  screen,
  session,
  hasResult,
  canStart,
  onStart,
  onCancel,
  labels,
  className,
  align,
  idle,
}: {
  screen: RunScreen;
  session: RunState;
  hasResult: boolean;
  canStart: boolean;
  onStart: () => void;
  onCancel: () => void;
  /** The start button's words: before the first result, after it, and (if it says so) while running. */
  labels: { run: string; rerun: string; running?: string };
  className?: string;
  align?: FlexProps['align'];
  idle?: ReactNode;
}) {
  const { t } = useTranslation();
  const running = session.phase === 'running';
  const label =
    running && labels.running ? labels.running : hasResult && !running ? labels.rerun : labels.run;
  const start = useRef<HTMLButtonElement>(null);
  // 取消 goes away when the run ends; focus that was on it comes back to the start button, not to <body>.
  useEffect(() => {
    if (!running && document.activeElement === document.body) start.current?.focus();
  }, [running]);
  return (
    <Flex gap="middle" align={align} wrap>
      {/* Busy, not disabled, while running: a disabled button drops the focus it has to <body>, and Tab
          then skips to the top; antd ignores clicks on a loading button. */}
      <Button
        ref={start}
        type="primary"
        size="large"
        className={className}
        icon={hasResult ? <ReloadOutlined aria-hidden /> : <PlayCircleOutlined aria-hidden />}
        loading={running}
        aria-disabled={running || undefined}
        disabled={!running && !canStart}
        onClick={onStart}
      >
        {label}
      </Button>
      {running ? (
        <Button
          size="large"
          danger
          icon={<StopOutlined aria-hidden />}
          loading={session.cancelling}
          onClick={onCancel}
        >
          {t(`${screen}.cancel`)}
        </Button>
      ) : (
        idle
      )}
    </Flex>
  );
}

/** How much to run (how many times, how many runs): a choice in a row, named and explained. */
export function RunChoice({
  id,
  label,
  help,
  value,
  options,
  disabled,
  onChange,
  testId,
}: {
  id: string;
  label: string;
  help: string;
  value: number;
  options: { value: number; label: string }[];
  disabled: boolean;
  onChange: (value: number) => void;
  testId: string;
}) {
  return (
    <Flex vertical gap={4}>
      <span id={`${id}-label`}>{label}</span>
      <OneStopSegmented<number>
        aria-labelledby={`${id}-label`}
        aria-describedby={`${id}-help`}
        value={value}
        disabled={disabled}
        onChange={onChange}
        options={options}
        data-testid={testId}
      />
      <Typography.Text type="secondary" id={`${id}-help`}>
        {help}
      </Typography.Text>
    </Flex>
  );
}

/**
 * The run going on: a bar, what is being done now, and how many are done; `parts` names the test ids
 * of the last two (`<parts>-current`, `<parts>-count`).
 */
export function RunProgress({
  screen,
  percent,
  current,
  count,
  parts = `${screen}-progress`,
  children,
}: {
  screen: RunScreen;
  percent: number;
  current: ReactNode;
  /** Nothing while there is nothing to count. */
  count: ReactNode;
  parts?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const label = t(`${screen}.progressLabel`);
  return (
    <div role="status" aria-live="polite" aria-label={label} data-testid={`${screen}-progress`}>
      <Progress percent={percent} status="active" aria-label={label} />
      <Flex gap="middle" wrap>
        <span data-testid={`${parts}-current`}>{current}</span>
        {count && (
          <span className="text-secondary" data-testid={`${parts}-count`}>
            {count}
          </span>
        )}
      </Flex>
      {children}
    </div>
  );
}

const FAILED = { run: 'failedRun', cancel: 'failedCancel', last: 'failedLast' } as const;

/** A run that was cancelled (`cancelled` says so in words) or a call that failed, in plain words. */
export function RunNotes({
  screen,
  cancelled,
  error,
}: {
  screen: RunScreen;
  cancelled: ReactNode;
  error: SessionError | null;
}) {
  const { t } = useTranslation();
  return (
    <>
      {cancelled && <Alert type="warning" showIcon title={cancelled} data-testid={`${screen}-cancelled`} />}
      {error && (
        <Alert
          type="error"
          showIcon
          title={t(`${screen}.${FAILED[error.kind]}`)}
          description={<ErrorDetails reason={error.reason} />}
          data-testid={`${screen}-error`}
        />
      )}
    </>
  );
}

/**
 * Below the controls of a screen with results of its own: how the last run ended, whose store they are
 * about, the last results loading, or that there are none yet (`empty`).
 */
export function RunSessionNotes({
  screen,
  session,
  cancelled,
  otherStore,
  empty,
}: {
  screen: Exclude<RunScreen, 'diagnosis'>;
  session: RunState;
  cancelled: ReactNode;
  otherStore: Store | null;
  empty: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <RunNotes screen={screen} cancelled={cancelled} error={session.error} />
      {otherStore && session.phase === 'idle' && <OtherStoreNotice screen={screen} name={otherStore.name} />}
      {session.phase === 'loading-last' && <LoadingCard label={t(`${screen}.loadingLast`)} />}
      {session.phase === 'idle' && empty && (
        <EmptyNote title={t(`${screen}.notRunYet`)} hint={t(`${screen}.notRunYetHint`)} />
      )}
    </>
  );
}

/** What is shown was run for another store than the one in use now. */
export function OtherStoreNotice({ screen, name }: { screen: RunScreen; name: string }) {
  const { t } = useTranslation();
  return (
    <Alert
      // A standing note, not news: antd would make it role="alert", read out over whatever is said.
      role="note"
      type="info"
      showIcon
      title={t(`${screen}.otherStore`, { name })}
      data-testid={`${screen}-other-store`}
    />
  );
}
