import { AlertOutlined, CloseOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUIET_TABLE } from '../../ui/quiet-table';
import type { OutcomeCode } from '../../../../shared/protocol/outcome-codes';
import { type TriageIncident, type TriageRow, type TriageView } from '../../../../shared/triage/triage-view';
import { useLocalized } from '../../i18n/use-localized';
import { OutcomeLabel, SideBadge } from '../diagnosis/looks';
import { useDateTime, useNumber } from '../diagnosis/format';
import { closeTriage, openTriageBundle } from './support-session';

type Side = TriageRow['side'];
/** What the table is narrowed to: one incident (its outcome and span), or nothing. */
interface Focus {
  outcome: OutcomeCode;
  from: string;
  to: string;
}

/**
 * A folder's triage, for support staff on a bad day: likely platform incidents first (many shops, one
 * outcome, one half hour), then the count per outcome, then every bundle as a row; a click opens it.
 */
export function TriagePanel({ view }: { view: TriageView }) {
  const { t } = useTranslation();
  const number = useNumber();
  const [focus, setFocus] = useState<Focus | null>(null);
  const { summary } = view;
  const heading = useRef<HTMLHeadingElement>(null);
  // The result goes where the eyes are: a folder just checked scrolls into view, its heading focused
  // (once per view: the rest of its rows arriving is the same view).
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [view.serial]);
  return (
    <Flex vertical gap="large" data-testid="triage">
      <Card
        title={
          <h2 className="card-title" data-testid="triage-title" ref={heading} tabIndex={-1}>
            {t('triage.title', { folder: view.folder })}
          </h2>
        }
        extra={
          <Button icon={<CloseOutlined />} onClick={closeTriage}>
            {t('triage.close')}
          </Button>
        }
      >
        <Flex vertical gap="middle">
          <Typography.Text data-testid="triage-counts">
            {t('triage.counts', {
              bundles: number(summary.bundles),
              refused: number(summary.refused.length),
              now: number(view.verifiedNow),
            })}
          </Typography.Text>
          <Incidents view={view} onFocus={setFocus} />
          <Groups view={view} />
        </Flex>
      </Card>
      <BundleTable view={view} focus={focus} onClearFocus={() => setFocus(null)} />
      {view.refusedWhy.length > 0 && <Refused view={view} />}
    </Flex>
  );
}

/**
 * How many incidents show before 「显示更早的」. A month's inbox can hold dozens: as many alerts would push
 * the table off the screen, and drawing them was most of the time to the table's first paint.
 */
const INCIDENTS_AT_FIRST = 5;

/** Rows a page of the table shows (the view brings the first TRIAGE_FIRST_ROWS; the rest follow). */
const PAGE_SIZE = 50;

function Incidents({ view, onFocus }: { view: TriageView; onFocus: (focus: Focus) => void }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const { incidents } = view.summary;
  // Newest first: on a bad day the incident under way is the one support needs, not last month's.
  const newestFirst = useMemo(() => [...incidents].reverse(), [incidents]);
  const shown = all ? newestFirst : newestFirst.slice(0, INCIDENTS_AT_FIRST);
  return (
    <section aria-labelledby="triage-incidents-title" data-testid="triage-incidents">
      <h3 id="triage-incidents-title" className="support-subtitle">
        {t('triage.incidentsTitle')}
      </h3>
      <Flex vertical gap="small">
        {incidents.length === 0 && (
          <Typography.Text type="secondary" data-testid="triage-no-incident">
            {t('triage.noIncidents')}
          </Typography.Text>
        )}
        {shown.map((incident) => (
          <Incident key={`${incident.outcome}-${incident.from}`} incident={incident} onFocus={onFocus} />
        ))}
        {shown.length < incidents.length && (
          <div>
            <Button onClick={() => setAll(true)} data-testid="triage-more-incidents">
              {t('triage.moreIncidents', { count: incidents.length - shown.length })}
            </Button>
          </div>
        )}
        <Typography.Text type="secondary">
          {t('triage.incidentRule', { merchants: view.rule.minMerchants, minutes: view.rule.windowMinutes })}
        </Typography.Text>
      </Flex>
    </section>
  );
}

function Incident({ incident, onFocus }: { incident: TriageIncident; onFocus: (focus: Focus) => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <Alert
      type="error"
      showIcon
      icon={<AlertOutlined />}
      data-testid="triage-incident"
      data-outcome={incident.outcome}
      title={
        <Flex align="center" gap="middle" wrap>
          <strong>
            {t('triage.incident', {
              merchants: incident.merchants,
              outcome: t(`explain.outcomes.${incident.outcome}.title`),
            })}
          </strong>
          <Tag className="support-mono">{incident.outcome}</Tag>
        </Flex>
      }
      description={
        <Flex align="center" gap="middle" wrap justify="space-between">
          <Flex vertical gap={2}>
            <span>
              {t('triage.incidentWhen', { from: dateTime(incident.from), to: dateTime(incident.to) })}
            </span>
            <SideBadge side={incident.side} short />
          </Flex>
          <Button size="small" onClick={() => onFocus(incident)}>
            {t('triage.showIncident')}
          </Button>
        </Flex>
      }
    />
  );
}

function Groups({ view }: { view: TriageView }) {
  const { t } = useTranslation();
  if (view.summary.groups.length === 0) return null;
  return (
    <section aria-labelledby="triage-groups-title">
      <h3 id="triage-groups-title" className="support-subtitle">
        {t('triage.groupsTitle')}
      </h3>
      <ul className="triage-groups">
        {view.summary.groups.map((group) => (
          <li
            key={`${group.outcome}-${group.side}`}
            data-testid="triage-group"
            data-outcome={group.outcome ?? 'none'}
          >
            <OutcomeLabel outcome={group.outcome} />
            <span className="text-secondary">{t(`diagnosis.sides.${group.side}.label`)}</span>
            <span>{t('triage.groupCount', { count: group.count, merchants: group.merchants })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function BundleTable({
  view,
  focus,
  onClearFocus,
}: {
  view: TriageView;
  focus: Focus | null;
  onClearFocus: () => void;
}) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const rows = useMemo(
    () =>
      focus
        ? view.rows.filter(
            (row) =>
              row.outcome === focus.outcome && row.diagnosed_at >= focus.from && row.diagnosed_at <= focus.to,
          )
        : view.rows,
    [view.rows, focus],
  );
  const outcomes = [...new Set(view.rows.map((row) => row.outcome))];
  const sides = [...new Set(view.rows.map((row) => row.side))];
  const columns: TableColumnsType<TriageRow> = [
    {
      key: 'outcome',
      title: t('triage.columns.outcome'),
      width: 250,
      render: (_, row) => <OutcomeLabel outcome={row.outcome} />,
      filters: outcomes.map((outcome) => ({
        text: outcome ? t(`explain.outcomes.${outcome}.title`) : t('triage.noSimulation'),
        value: outcome ?? '',
      })),
      onFilter: (value, row) => (row.outcome ?? '') === value,
    },
    {
      key: 'side',
      title: t('triage.columns.side'),
      width: 150,
      render: (_, row) => t(`diagnosis.sides.${row.side}.label`),
      filters: sides.map((side: Side) => ({ text: t(`diagnosis.sides.${side}.label`), value: side })),
      onFilter: (value, row) => row.side === value,
    },
    {
      key: 'merchant',
      title: t('triage.columns.merchant'),
      dataIndex: 'merchant_no',
      width: 170,
      render: (value: string) => <span className="support-mono">{value}</span>,
    },
    {
      key: 'time',
      title: t('triage.columns.time'),
      dataIndex: 'diagnosed_at',
      width: 190,
      // ISO 8601 UTC stamps sort as plain strings; localeCompare (ICU collation) made sorting a
      // thousand rows a visible part of the first paint.
      sorter: (a, b) => (a.diagnosed_at < b.diagnosed_at ? -1 : a.diagnosed_at > b.diagnosed_at ? 1 : 0),
      defaultSortOrder: 'descend',
      render: (value: string) => dateTime(value),
    },
    {
      key: 'file',
      title: t('triage.columns.file'),
      dataIndex: 'file',
      ellipsis: true,
      render: (value: string) => <span className="support-mono">{value}</span>,
    },
  ];
  return (
    <Card
      title={<h2 className="card-title">{t('triage.tableTitle')}</h2>}
      extra={
        focus && (
          <Button size="small" onClick={onClearFocus} data-testid="triage-clear-focus">
            {t('triage.clearFilter')}
          </Button>
        )
      }
    >
      <Flex vertical gap="small">
        <Table<TriageRow>
          loading={QUIET_TABLE}
          data-testid="triage-table"
          aria-label={t('triage.tableLabel')}
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rows}
          pagination={{ pageSize: PAGE_SIZE, showSizeChanger: false, hideOnSinglePage: true }}
          rowClassName={() => 'triage-row'}
          onRow={(row) => ({
            onClick: () => void openTriageBundle(row.id, row.file),
            onKeyDown: (event) => {
              if (event.key === 'Enter' || event.key === ' ') {
                event.preventDefault();
                void openTriageBundle(row.id, row.file);
              }
            },
            tabIndex: 0,
            'data-testid': 'triage-row',
            'data-outcome': row.outcome ?? 'none',
          })}
        />
        {view.rowsLeftOut > 0 && (
          <Typography.Text type="secondary">
            {t('triage.leftOut', { shown: view.rows.length + view.rowsMore })}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

function Refused({ view }: { view: TriageView }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <Collapse
      data-testid="triage-refused"
      items={[
        {
          key: 'refused',
          label: t('triage.refusedTitle', { count: view.refusedWhy.length }),
          children: (
            <ul className="support-problems">
              {view.refusedWhy.map((r) => (
                <li key={r.file} data-testid="triage-refused-file" data-code={r.code}>
                  <span className="support-mono">{r.file}</span>
                  <br />
                  <span>{localized(r.message)}</span>{' '}
                  <Typography.Text type="secondary" className="support-mono">
                    {r.code}
                  </Typography.Text>
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}
