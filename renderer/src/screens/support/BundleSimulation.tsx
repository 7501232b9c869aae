import { Empty, Flex, Image, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QUIET_TABLE } from '../../ui/quiet-table';
import { useNamedPreview } from '../../ui/image-preview';
import { OutcomeCodeSchema } from '../../../../shared/protocol/outcome-codes';
import type { OpenedBundle } from '../../../../shared/report/bundle-view';
import { OutcomeLabel } from '../diagnosis/looks';
import { useMilliseconds } from '../timings/phases';

const rec = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

interface Hop {
  key: number;
  leg: string;
  method: string;
  url: string;
  status: number | null;
  durationMs: number | null;
  error: string | null;
}

/** The report's simulation, read leniently (a bundle is foreign data, and the report may have been cut). */
function firstRun(bundle: OpenedBundle) {
  const simulation = rec(bundle.report.simulation);
  const run =
    simulation.kind === 'simulation-series' && Array.isArray(simulation.runs)
      ? rec(simulation.runs[0])
      : simulation;
  if (run.kind !== 'simulation') return null;
  const outcome = OutcomeCodeSchema.safeParse(run.outcome);
  const hops: Hop[] = (Array.isArray(run.hops) ? run.hops : []).map((raw, key) => {
    const hop = rec(raw);
    return {
      key,
      leg: str(hop.leg) ?? '',
      method: str(hop.method) ?? '',
      url: str(hop.url) ?? '',
      status: num(hop.status),
      durationMs: num(hop.durationMs),
      error: str(hop.error),
    };
  });
  return {
    outcome: outcome.success ? outcome.data : null,
    reason: str(rec(run.outcomeDetail).reason),
    timeToReadyMs: num(run.timeToReadyMs),
    runs: Array.isArray(simulation.runs) ? simulation.runs.length : 1,
    hops,
  };
}

/** 模拟 tab: the simulated payment's outcome, each hop of the redirect, and what the buyer's browser showed. */
export function BundleSimulation({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  const preview = useNamedPreview();
  const ms = useMilliseconds();
  const run = firstRun(bundle);
  const merchant = new Set(bundle.report.symptom.screenshots);
  return (
    <Flex vertical gap="large" data-testid="bundle-simulation">
      {!run ? (
        <Typography.Text type="secondary">{t('bundleView.simulationNone')}</Typography.Text>
      ) : (
        <>
          <Flex vertical gap="small">
            <OutcomeLabel outcome={run.outcome} />
            {run.reason && (
              <Typography.Text type="secondary" className="support-mono">
                {run.reason}
              </Typography.Text>
            )}
            {run.timeToReadyMs !== null && (
              <Typography.Text>
                {t('simulation.outcome.timeToReady', { duration: ms(run.timeToReadyMs) })}
              </Typography.Text>
            )}
          </Flex>
          <section aria-labelledby="bundle-hops-title">
            <h3 id="bundle-hops-title" className="support-subtitle">
              {t('bundleView.hops')}
            </h3>
            <Table<Hop>
              loading={QUIET_TABLE}
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={run.hops}
              data-testid="bundle-hops"
              columns={[
                {
                  key: 'step',
                  title: t('bundleView.hopColumns.step'),
                  width: 60,
                  render: (_, hop) => hop.key + 1,
                },
                {
                  key: 'request',
                  title: t('bundleView.hopColumns.request'),
                  render: (_, hop) => <span className="support-mono">{`${hop.method} ${hop.url}`}</span>,
                },
                {
                  key: 'status',
                  title: t('bundleView.hopColumns.status'),
                  width: 140,
                  render: (_, hop) =>
                    hop.error ? (
                      <span className="support-mono">{hop.error}</span>
                    ) : (
                      (hop.status ?? t('bundleView.hopNoAnswer'))
                    ),
                },
                {
                  key: 'time',
                  title: t('bundleView.hopColumns.time'),
                  width: 100,
                  render: (_, hop) => (hop.durationMs === null ? '—' : ms(hop.durationMs)),
                },
              ]}
            />
          </section>
        </>
      )}
      <section aria-labelledby="bundle-shots-title" data-testid="bundle-screenshots">
        <h3 id="bundle-shots-title" className="support-subtitle">
          {t('support.screenshots.title')}
        </h3>
        {bundle.screenshots.length === 0 ? (
          <Empty description={t('support.screenshots.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <div className="support-shots">
            {bundle.screenshots.map((shot) => (
              <figure
                key={shot.path}
                className="support-shot"
                data-testid="bundle-screenshot"
                data-path={shot.path}
              >
                <Image
                  src={`data:${shot.mediaType};base64,${shot.base64}`}
                  alt={t('support.screenshots.alt', { path: shot.path })}
                  preview={preview}
                />
                <figcaption>
                  <strong>
                    {merchant.has(shot.path)
                      ? t('support.screenshots.merchant')
                      : t('support.screenshots.simulation')}
                  </strong>
                  <br />
                  <span className="text-secondary support-mono">{shot.path}</span>
                </figcaption>
              </figure>
            ))}
          </div>
        )}
      </section>
    </Flex>
  );
}
