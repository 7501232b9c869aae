import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { QUIET_TABLE } from '../../ui/quiet-table';
import type {
  PhaseStats,
  ProbeFailureKind,
  ProbeRequestResult,
  ProbeSeriesSummary,
} from '../../../../shared/probe/probe-result';
import { describeProxyRule } from '../../i18n/proxy-words';
import { useLocalized } from '../../i18n/use-localized';
import { failurePhaseKey, TABLE_PHASES, unused, useMilliseconds, usePercent } from './phases';

interface StatsRow {
  key: string;
  name: string;
  stats: PhaseStats;
}

/**
 * One card per address probed: the percentile table (phase rows × p50, p95, max and failure rate), the
 * steps that did not happen named underneath, and every kind of failure seen with its explanation.
 */
export function HostStats({
  summary,
  results,
}: {
  summary: ProbeSeriesSummary;
  results: readonly ProbeRequestResult[];
}) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const ms = useMilliseconds();
  const percent = usePercent();
  const role = t(`timings.roles.${summary.target.role}`);

  const rows: StatsRow[] = [
    ...TABLE_PHASES.filter((phase) => !unused(summary.phases[phase])).map((phase) => ({
      key: phase,
      name: phase === 'total' ? t('timings.stats.total') : t(`timings.phases.${phase}.name`),
      stats: summary.phases[phase],
    })),
    { key: 'request', name: t('timings.stats.request'), stats: summary.request },
  ];
  const unusedNames: string[] = [];
  for (const phase of TABLE_PHASES) {
    if (phase !== 'total' && unused(summary.phases[phase]))
      unusedNames.push(t(`timings.phases.${phase}.name`));
  }

  const figure = (value: number | null) =>
    value === null ? (
      <span aria-label={t('timings.stats.noneLabel')}>{t('timings.stats.none')}</span>
    ) : (
      ms(value)
    );
  const columns: ColumnsType<StatsRow> = [
    { key: 'phase', title: t('timings.stats.phase'), dataIndex: 'name', rowScope: 'row' },
    { key: 'p50', title: t('timings.stats.p50'), align: 'right', render: (_, row) => figure(row.stats.p50) },
    { key: 'p95', title: t('timings.stats.p95'), align: 'right', render: (_, row) => figure(row.stats.p95) },
    { key: 'max', title: t('timings.stats.max'), align: 'right', render: (_, row) => figure(row.stats.max) },
    {
      key: 'errorRate',
      title: t('timings.stats.errorRate'),
      align: 'right',
      render: (_, row) =>
        row.stats.failures > 0 ? (
          <Typography.Text type="danger" strong>
            <CloseCircleFilled aria-hidden /> {percent(row.stats.errorRate)}
          </Typography.Text>
        ) : (
          percent(row.stats.errorRate)
        ),
    },
  ];

  // Every kind of failure seen, once, with the explanation of its first occurrence.
  const failures = (Object.entries(summary.failuresByKind) as [ProbeFailureKind, number][]).map(
    ([kind, count]) => ({
      kind,
      count,
      failure: results.find(
        (result) =>
          result.target.url === summary.target.url &&
          result.target.role === summary.target.role &&
          result.failure?.kind === kind,
      )?.failure,
    }),
  );
  // How the requests went out ("DIRECT" → "Direct connection, no proxy"), each way once.
  const routes = [...new Set(Object.keys(summary.proxies).map((rule) => describeProxyRule(rule, t)[0]))];

  return (
    <Card
      size="small"
      className="host-stats"
      data-testid="host-stats"
      data-role={summary.target.role}
      title={
        <Flex vertical gap={0} className="host-stats-title">
          <h3 className="card-title">{role}</h3>
          <Typography.Text
            type="secondary"
            className="host-stats-url"
            ellipsis={{ tooltip: summary.target.url }}
          >
            {summary.target.url}
          </Typography.Text>
        </Flex>
      }
      extra={
        summary.failed > 0 ? (
          <Tag color="error" icon={<CloseCircleFilled />} className="status-tag">
            {t('timings.stats.attempts', { attempts: summary.completed, failed: summary.failed })}
          </Tag>
        ) : (
          <Tag color="success" icon={<CheckCircleFilled />} className="status-tag">
            {t('timings.stats.attempts', { attempts: summary.completed, failed: summary.failed })}
          </Tag>
        )
      }
    >
      <Flex vertical gap="small">
        <Table<StatsRow>
          loading={QUIET_TABLE}
          size="small"
          pagination={false}
          columns={columns}
          dataSource={rows}
          aria-label={t('timings.stats.tableLabel', { role })}
          data-testid="percentile-table"
        />
        {unusedNames.length > 0 && (
          <Typography.Text type="secondary">
            {t('timings.stats.unused', {
              phases: new Intl.ListFormat(i18n.resolvedLanguage, { type: 'conjunction' }).format(unusedNames),
            })}
          </Typography.Text>
        )}
        {routes.length > 0 && (
          <Typography.Text type="secondary">
            {t('timings.stats.proxies', { rules: routes.join(' / ') })}
          </Typography.Text>
        )}
        {failures.map(({ kind, count, failure }) => {
          const phase = failure ? failurePhaseKey(failure.phase) : null;
          return (
            <div key={kind} className="host-stats-failure" data-testid="host-failure" data-kind={kind}>
              <Typography.Text type="danger" strong>
                <CloseCircleFilled aria-hidden />{' '}
                {phase
                  ? t('timings.failures.phase', { phase: t(`timings.phases.${phase}.name`) })
                  : t('timings.failures.chain')}
                {' · '}
                {t('timings.failures.count', { attempts: summary.completed, failed: count })}
              </Typography.Text>
              {failure && (
                <>
                  <p className="no-margin">{localized(failure.explanation)}</p>
                  {failure.code && (
                    <Typography.Text type="secondary" className="check-id">
                      {t('timings.failures.code', { code: failure.code })}
                    </Typography.Text>
                  )}
                </>
              )}
            </div>
          );
        })}
      </Flex>
    </Card>
  );
}
