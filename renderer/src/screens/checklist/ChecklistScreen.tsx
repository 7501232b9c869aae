import { DownOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHECK_CATALOG, type CheckId } from '../../../../shared/checklist/catalog';
import type { CheckGroup, CheckResult } from '../../../../shared/checklist/check-result';
import type { LocalizedText } from '../../../../shared/i18n/localized-text';
import {
  percentOf,
  RunButtons,
  RunControls,
  RunProgress,
  RunSessionNotes,
  useRunStore,
} from '../../ui/run-controls';
import { ScreenHeader } from '../../ui/screen-parts';
import { useRovingFocus } from '../../ui/use-roving-focus';
import { useScreenRoute } from '../../app/use-screen-route';
import { runSimulation, useSimulationSession } from '../simulation/simulation-session';
import type { Messages } from '../../i18n/resources';
import { useLocalized } from '../../i18n/use-localized';
import { CheckRow } from './CheckRow';
import {
  cancelChecklist,
  loadLastRun,
  runChecklist,
  useChecklistSession,
  type ChecklistSession,
} from './checklist-session';
import { STATUS_ORDER, statusRank, StatusTag, type ShownStatus } from './status';
import { useDuration } from './use-duration';

/** The screen's sections: the catalog's groups, with network and TLS shown together. */
type SectionKey = keyof Messages['checklist']['sections'];

const SECTIONS: readonly { key: SectionKey; groups: readonly CheckGroup[] }[] = [
  { key: 'cfg', groups: ['cfg'] },
  { key: 'key', groups: ['key'] },
  { key: 'platform', groups: ['platform'] },
  { key: 'network', groups: ['net', 'tls'] },
  { key: 'page', groups: ['page'] },
  { key: 'risk', groups: ['risk'] },
  { key: 'local', groups: ['local'] },
];

const CATALOG_INDEX = new Map<string, number>(CHECK_CATALOG.map((entry, index) => [entry.id, index]));
const catalogOf = (id: string) => CHECK_CATALOG.find((entry) => entry.id === id);

interface Row {
  id: string;
  group: CheckGroup;
  title: LocalizedText;
  status: ShownStatus;
  result: CheckResult | null;
}

/** Opened by default: anything that failed, broke or needs attention. */
const OPEN_BY_DEFAULT: ReadonlySet<ShownStatus> = new Set(['fail', 'error', 'warn']);

/** The payment checklist: run it, watch it, and read what failed and what to do about it. */
export default function ChecklistScreen() {
  const { t } = useTranslation();
  const session = useChecklistSession();
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [showPassed, setShowPassed] = useState<Record<string, boolean>>({});
  const [, navigate] = useScreenRoute();
  const simulation = useSimulationSession();

  useEffect(() => {
    void loadLastRun();
  }, []);

  const running = session.phase === 'running';
  // The store in use, and the one the results are about when the user has switched since.
  const { store, noStore, otherStore } = useRunStore(session.store);
  const rows = useMemo(() => buildRows(session), [session]);
  const sections = useMemo(() => buildSections(rows, running), [rows, running]);

  // A simulation of this store ran (or runs) since: a skipped row's re-run reads it, so none is offered.
  const simulatedSince =
    simulation.phase === 'running' ||
    (simulation.result !== null && (simulation.store === null || simulation.store.id === store?.id));

  // A page check skipped for want of a simulated payment runs one where the user is, then shows it.
  const simulate = () => {
    if (!store) return;
    void runSimulation({ id: store.id, name: store.storeName }, 1);
    navigate('simulation');
  };

  const start = (only?: CheckId[]) => {
    if (!store) return;
    setToggled({});
    void runChecklist({ id: store.id, name: store.storeName }, only);
  };

  return (
    <Flex vertical gap="large" className="screen checklist-screen">
      <ScreenHeader title={t('checklist.title')} intro={t('checklist.intro')} />

      <RunControls
        screen="checklist"
        store={store}
        noStore={noStore}
        testId="checklist-controls"
        storeExtra={
          store && (
            <Typography.Text type="secondary">
              {t('stores.list.merchantNo')} {store.merchantNo}
            </Typography.Text>
          )
        }
        progress={<ProgressView session={session} />}
      >
        <RunButtons
          screen="checklist"
          session={session}
          hasResult={rows.length > 0}
          canStart={store !== null}
          onStart={() => start()}
          onCancel={() => void cancelChecklist()}
          labels={{ run: t('checklist.run'), rerun: t('checklist.rerunAll') }}
        />
      </RunControls>

      <RunSessionNotes
        screen="checklist"
        session={session}
        cancelled={session.info?.cancelled && session.phase === 'idle' && t('checklist.cancelled')}
        otherStore={otherStore}
        empty={rows.length === 0 && !noStore}
      />

      {rows.length > 0 && <Summary session={session} rows={rows} />}

      {sections.map((section) => (
        <CheckSection key={section.key} sectionKey={section.key}>
          {(() => {
            // Passing rows fold once a run is over, so failures are what the screen is about.
            const folded = !running && !showPassed[section.key];
            const passed = section.rows.filter((row) => row.status === 'pass');
            const shown = folded ? section.rows.filter((row) => row.status !== 'pass') : section.rows;
            return (
              <>
                {shown.length > 0 && (
                  <ul className="check-rows">
                    {shown.map((row) => (
                      <CheckRow
                        key={row.id}
                        id={row.id}
                        title={row.title}
                        status={row.status}
                        result={row.result}
                        expanded={toggled[row.id] ?? OPEN_BY_DEFAULT.has(row.status)}
                        onToggle={() =>
                          setToggled((previous) => ({
                            ...previous,
                            [row.id]: !(previous[row.id] ?? OPEN_BY_DEFAULT.has(row.status)),
                          }))
                        }
                        onRerun={running || !store || otherStore ? null : () => start([row.id as CheckId])}
                        onSimulate={
                          running || !store || otherStore || simulatedSince ? null : () => simulate()
                        }
                      />
                    ))}
                  </ul>
                )}
                {!running && passed.length > 0 && (
                  <Button
                    type="link"
                    className="check-passed-toggle"
                    data-testid="check-passed-toggle"
                    aria-expanded={!folded}
                    icon={folded ? <RightOutlined /> : <DownOutlined />}
                    onClick={() =>
                      setShowPassed((previous) => ({ ...previous, [section.key]: !previous[section.key] }))
                    }
                  >
                    {folded
                      ? t('checklist.passedFolded', { count: passed.length })
                      : t('checklist.passedHide', { count: passed.length })}
                  </Button>
                )}
              </>
            );
          })()}
        </CheckSection>
      ))}
      <p id={SECTION_KEYS_HINT} className="visually-hidden">
        {t('checklist.sectionKeys')}
      </p>
    </Flex>
  );
}

/** The controls of a section that take part in its one tab stop (the details' contents keep their own). */
const SECTION_CONTROLS =
  '.check-row-head button:not(:disabled), .check-run-simulation:not(:disabled), .check-passed-toggle';
const SECTION_KEYS_HINT = 'check-section-keys';

/**
 * One section of the checklist: a single tab stop for all its rows' buttons (two or three a row, over
 * 80 stops on a whole run otherwise), the arrow keys moving between them, as for the waterfall.
 */
function CheckSection({ sectionKey, children }: { sectionKey: SectionKey; children: ReactNode }) {
  const { t } = useTranslation();
  const roving = useRovingFocus<HTMLElement>(SECTION_CONTROLS);
  return (
    <section
      className="check-section"
      aria-labelledby={`check-section-${sectionKey}`}
      aria-describedby={SECTION_KEYS_HINT}
      data-testid="check-section"
      data-section={sectionKey}
      {...roving}
    >
      <h2 id={`check-section-${sectionKey}`} className="check-section-title">
        {t(`checklist.sections.${sectionKey}`)}
      </h2>
      {children}
    </section>
  );
}

/** Results so far, plus the checks now running (shown as running even if they had a result). */
function buildRows(session: ChecklistSession): Row[] {
  const rows: Row[] = session.results.map((result) => ({
    id: result.id,
    group: result.group,
    title: result.title,
    status: session.running.includes(result.id) ? 'running' : result.status,
    result,
  }));
  const shown = new Set(rows.map((row) => row.id));
  for (const id of session.running) {
    const entry = catalogOf(id);
    if (!entry || shown.has(id)) continue;
    rows.push({ id, group: entry.group, title: entry.title, status: 'running', result: null });
  }
  return rows;
}

/**
 * Rows by section. Once a run is over, the worst come first, both sections and rows within them;
 * while it runs, catalog order, so rows do not jump about as results arrive.
 */
function buildSections(rows: readonly Row[], running: boolean) {
  const byCatalog = (a: Row, b: Row) => (CATALOG_INDEX.get(a.id) ?? 999) - (CATALOG_INDEX.get(b.id) ?? 999);
  const bySeverity = (a: Row, b: Row) => statusRank(a.status) - statusRank(b.status) || byCatalog(a, b);
  const sections = SECTIONS.map((section, index) => {
    const sectionRows = rows
      .filter((row) => section.groups.includes(row.group))
      .sort(running ? byCatalog : bySeverity);
    const worst = Math.min(...sectionRows.map((row) => statusRank(row.status)));
    return { key: section.key, rows: sectionRows, worst, index };
  }).filter((section) => section.rows.length > 0);
  if (!running) sections.sort((a, b) => a.worst - b.worst || a.index - b.index);
  return sections;
}

function ProgressView({ session }: { session: ChecklistSession }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  if (session.phase !== 'running') return null;
  const { progress, running, only } = session;
  const latest = running.at(-1);
  const current = latest === undefined ? undefined : catalogOf(latest);
  return (
    <RunProgress
      screen="checklist"
      parts="progress"
      percent={percentOf(progress)}
      current={
        current
          ? t(only ? 'checklist.progressRerun' : 'checklist.progressCurrent', {
              title: localized(current.title),
            })
          : t('checklist.progressStarting')
      }
      count={progress && t('checklist.progressCount', { done: progress.done, total: progress.total })}
    />
  );
}

function Summary({ session, rows }: { session: ChecklistSession; rows: readonly Row[] }) {
  const { t, i18n } = useTranslation();
  const duration = useDuration();
  const finished = rows.filter((row) => row.status !== 'running');
  const counts = new Map<ShownStatus, number>();
  for (const row of finished) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const failed = counts.get('fail') ?? 0;
  const { info } = session;
  const time = info
    ? new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: 'medium', timeStyle: 'medium' }).format(
        new Date(info.finishedAt),
      )
    : null;

  return (
    <Card data-testid="checklist-summary">
      <Flex vertical gap="small">
        <h2 className="card-title">{t('checklist.summaryLabel')}</h2>
        <Flex gap="small" wrap>
          {STATUS_ORDER.filter((status) => counts.has(status)).map((status) => (
            <StatusTag key={status} status={status} count={counts.get(status)} />
          ))}
        </Flex>
        {session.phase === 'idle' && (
          <Typography.Text strong type={failed > 0 ? 'danger' : undefined} data-testid="checklist-verdict">
            {failed > 0 ? t('checklist.hasFailures', { count: failed }) : t('checklist.allGood')}
          </Typography.Text>
        )}
        {info && time && session.phase === 'idle' && (
          <Typography.Text type="secondary">
            {t('checklist.lastRun', { time, duration: duration(info.durationMs) })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}
