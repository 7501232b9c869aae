import { Descriptions, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OpenedBundle } from '../../../../shared/report/bundle-view';
import type { Messages } from '../../i18n/resources';

type EnvWords = Messages['bundleView']['env'];
const MACHINE_KEYS = [
  'os',
  'os_release',
  'arch',
  'locale',
  'time_zone',
  'utc_offset_minutes',
  'clock_utc',
  'runtime',
] as const satisfies readonly (keyof EnvWords)[];

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const isPlain = (value: unknown): value is string | number | boolean =>
  ['string', 'number', 'boolean'].includes(typeof value);

/**
 * 环境 tab: the report's environment in words (操作系统, 商户号…), grouped as this computer, the store's
 * settings and the platform; the raw key stays beside each label for support staff who search for it.
 */
export function BundleEnvironment({ bundle }: { bundle: OpenedBundle }) {
  const { t, i18n } = useTranslation();
  const environment = record(bundle.report.environment);
  const label = (key: string, path: string) =>
    i18n.exists(`bundleView.env.${path}`)
      ? t(`bundleView.env.${path}` as 'bundleView.env.os')
      : t('bundleView.env.unknownKey', { key });
  const rows = (source: Record<string, unknown>, prefix: string, order: readonly string[]) =>
    Object.entries(source)
      .filter(([, value]) => isPlain(value))
      .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
      .map(([key, value]) => ({
        key: `${prefix}${key}`,
        label: (
          <Flex vertical gap={0}>
            <span>{label(key, `${prefix}${key}`)}</span>
            <Typography.Text type="secondary" className="support-mono">
              {`${prefix}${key}`}
            </Typography.Text>
          </Flex>
        ),
        children: <span className="support-mono">{String(value)}</span>,
      }));
  const groups = [
    { key: 'machine', items: rows(environment, '', MACHINE_KEYS) },
    { key: 'store', items: rows(record(environment.store), 'store.', []) },
    { key: 'platform', items: rows(record(environment.platform), 'platform.', []) },
  ].filter((group) => group.items.length > 0);
  if (groups.length === 0) {
    return <Typography.Text type="secondary">{t('support.environment.none')}</Typography.Text>;
  }
  return (
    <Flex vertical gap="large" data-testid="bundle-environment">
      {groups.map((group) => (
        <Descriptions
          key={group.key}
          title={t(`bundleView.env.groups.${group.key as 'machine'}`)}
          column={1}
          size="small"
          bordered
          styles={{ label: { width: 240 } }}
          items={group.items}
        />
      ))}
    </Flex>
  );
}
