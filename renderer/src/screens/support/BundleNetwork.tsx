import { SearchOutlined } from '@ant-design/icons';
import { Checkbox, Descriptions, Drawer, Empty, Flex, Input, Typography } from 'antd';
import { OneStopSegmented } from '../../ui/OneStopSegmented';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenedBundle, WaterfallRow } from '../../../../shared/report/bundle-view';
import { useMilliseconds } from '../timings/phases';
import { BundleWaterfall } from './BundleWaterfall';

type Chain = 'all' | WaterfallRow['chain'];
/** Each chain on its own time scale, from its own first request (probes and the redirect run apart). */
function fromFirst(rows: WaterfallRow[]): WaterfallRow[] {
  const first = Math.min(...rows.map((row) => row.startMs));
  return Number.isFinite(first) ? rows.map((row) => ({ ...row, startMs: row.startMs - first })) : rows;
}
const failed = (row: WaterfallRow) => row.error !== null || row.status === 0 || row.status >= 400;

/**
 * 网络 tab: the bundle's requests, the payment redirect apart from the network probes, filtered by which
 * chain, failures only, or a piece of the URL; 「详情」 opens a request's headers and phase timings.
 */
export function BundleNetwork({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  const { waterfall } = bundle;
  const [chain, setChain] = useState<Chain>('all');
  const [onlyFailed, setOnlyFailed] = useState(false);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<WaterfallRow | null>(null);
  const rows = waterfall.rows;
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return rows.filter(
      (row) =>
        (chain === 'all' || row.chain === chain) &&
        (!onlyFailed || failed(row)) &&
        (!needle || row.url.toLowerCase().includes(needle)),
    );
  }, [rows, chain, onlyFailed, search]);
  if (!waterfall.available || rows.length === 0) {
    return <Typography.Text type="secondary">{t('support.waterfall.none')}</Typography.Text>;
  }
  const count = (c: WaterfallRow['chain']) => rows.filter((row) => row.chain === c).length;
  const parts = (['payment', 'probe'] as const)
    .map((c) => ({ chain: c, rows: fromFirst(shown.filter((row) => row.chain === c)) }))
    .filter((part) => part.rows.length > 0);
  return (
    <Flex vertical gap="middle" data-testid="bundle-network">
      <Flex gap="middle" wrap align="center" role="group" aria-label={t('bundleView.network.chain')}>
        <OneStopSegmented<Chain>
          aria-label={t('bundleView.network.chain')}
          value={chain}
          onChange={setChain}
          data-testid="network-chain-filter"
          options={[
            { value: 'all', label: t('bundleView.network.all', { count: rows.length }) },
            { value: 'payment', label: t('bundleView.network.payment', { count: count('payment') }) },
            { value: 'probe', label: t('bundleView.network.probe', { count: count('probe') }) },
          ]}
        />
        <Checkbox checked={onlyFailed} onChange={(e) => setOnlyFailed(e.target.checked)}>
          {t('bundleView.network.onlyFailed')}
        </Checkbox>
        {/* Filters as it is typed in: a plain field, without Search's nameless button. */}
        <Input
          allowClear
          prefix={<SearchOutlined aria-hidden />}
          className="network-search"
          placeholder={t('bundleView.network.search')}
          aria-label={t('bundleView.network.search')}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Typography.Text type="secondary" data-testid="network-shown">
          {t('bundleView.network.shown', { shown: shown.length, total: rows.length })}
        </Typography.Text>
      </Flex>
      {parts.length === 0 && (
        <Empty description={t('bundleView.network.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      )}
      {parts.map((part) => (
        <section
          key={part.chain}
          aria-labelledby={`network-${part.chain}`}
          data-testid={`network-${part.chain}`}
        >
          <h3 id={`network-${part.chain}`} className="support-subtitle">
            {t(
              part.chain === 'payment' ? 'bundleView.network.paymentTitle' : 'bundleView.network.probeTitle',
            )}
          </h3>
          <BundleWaterfall rows={part.rows} truncated={false} onSelect={setSelected} />
        </section>
      ))}
      {waterfall.truncated && (
        <Typography.Text type="secondary">{t('support.waterfall.truncated')}</Typography.Text>
      )}
      <RequestDrawer row={selected} onClose={() => setSelected(null)} />
    </Flex>
  );
}

const PHASES = ['blocked', 'dns', 'connect', 'ssl', 'send', 'wait', 'receive'] as const;
const PHASE_WORD: Record<
  (typeof PHASES)[number],
  'blocked' | 'dns' | 'connect' | 'tls' | 'send' | 'wait' | 'receive'
> = {
  blocked: 'blocked',
  dns: 'dns',
  connect: 'connect',
  ssl: 'tls',
  send: 'send',
  wait: 'wait',
  receive: 'receive',
};

/** One request as DevTools shows it: general facts, timings phase by phase, request and response headers. */
function RequestDrawer({ row, onClose }: { row: WaterfallRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const ms = useMilliseconds();
  const headers = (list: WaterfallRow['requestHeaders']) =>
    list.length === 0 ? (
      <Typography.Text type="secondary">{t('bundleView.network.noHeaders')}</Typography.Text>
    ) : (
      <dl className="request-headers">
        {list.map((header, index) => (
          <div key={index}>
            <dt className="support-mono">{header.name}</dt>
            <dd className="support-mono">{header.value}</dd>
          </div>
        ))}
      </dl>
    );
  return (
    <Drawer
      open={row !== null}
      onClose={onClose}
      size="large"
      title={row ? t('bundleView.network.detailsOf', { method: row.method, url: row.url }) : ''}
      data-testid="request-drawer"
    >
      {row && (
        <Flex vertical gap="large">
          <Descriptions
            title={t('bundleView.network.general')}
            column={1}
            size="small"
            bordered
            items={[
              {
                key: 'url',
                label: t('bundleView.network.url'),
                children: <span className="support-mono">{row.url}</span>,
              },
              { key: 'method', label: t('bundleView.network.method'), children: row.method },
              {
                key: 'status',
                label: t('bundleView.network.status'),
                children: row.error ? (
                  <span className="support-mono">{row.error}</span>
                ) : (
                  `${row.status} ${row.statusText}`.trim()
                ),
              },
              { key: 'protocol', label: t('bundleView.network.protocol'), children: row.httpVersion || '—' },
              ...(row.pageTitle
                ? [
                    {
                      key: 'page',
                      label: t('bundleView.network.page'),
                      children: <span className="support-mono">{row.pageTitle}</span>,
                    },
                  ]
                : []),
            ]}
          />
          <Descriptions
            title={t('bundleView.network.timings')}
            column={1}
            size="small"
            bordered
            data-testid="request-timings"
            items={[
              ...PHASES.map((phase) => ({
                key: phase,
                label: t(`timings.phases.${PHASE_WORD[phase]}.name`),
                children:
                  row.timings[phase] < 0 ? t('bundleView.network.notHappened') : ms(row.timings[phase]),
              })),
              { key: 'total', label: t('bundleView.network.total'), children: ms(Math.max(row.totalMs, 0)) },
            ]}
          />
          <section data-testid="request-headers">
            <h3 className="support-subtitle">
              {t('bundleView.network.requestHeaders', { count: row.requestHeaders.length })}
            </h3>
            {headers(row.requestHeaders)}
          </section>
          <section data-testid="response-headers">
            <h3 className="support-subtitle">
              {t('bundleView.network.responseHeaders', { count: row.responseHeaders.length })}
            </h3>
            {headers(row.responseHeaders)}
          </section>
        </Flex>
      )}
    </Drawer>
  );
}
