import { ClockCircleOutlined, LockOutlined, WarningOutlined } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreSummary } from '../../../shared/ipc/contract';

/**
 * Facts about a store in plain words, shown the same way wherever a store appears (Home, Stores,
 * Settings): which platform profile it is checked against, and where its private key is kept.
 */

/** Test or production, in words and a colour that tells them apart at a glance. */
export function EnvironmentTag({ environment }: { environment: StoreSummary['environment'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={environment === 'production' ? 'volcano' : 'green'}>
      {t(`home.store.environments.${environment}`)}
    </Tag>
  );
}

/** The store a screen works on, in one line: what it is doing with it, its name, anything else, its environment. */
export function StoreLine({
  label,
  store,
  children,
  className,
  testId,
}: {
  label: string;
  store: Pick<StoreSummary, 'storeName' | 'environment'>;
  children?: ReactNode;
  className?: string;
  testId: string;
}) {
  return (
    <Flex align="center" gap="small" wrap className={className} data-testid={testId}>
      <span className="text-secondary">{label}</span>
      <Typography.Text strong>{store.storeName}</Typography.Text>
      {children}
      <EnvironmentTag environment={store.environment} />
    </Flex>
  );
}

/** The shipped profiles get a plain name; one an account manager wrote keeps its own. */
export function ProfileName({ name }: { name: string }) {
  const { t } = useTranslation();
  if (name === 'sandbox' || name === 'production') return t(`home.profile.knownNames.${name}`);
  return name;
}

const KEY_ICONS: Record<StoreSummary['keyStatus'], ReactNode> = {
  keychain: <LockOutlined className="icon-ok" />,
  memory: <ClockCircleOutlined className="icon-warn" />,
  missing: <WarningOutlined className="icon-bad" />,
};

/** Where the merchant key is kept, as an icon and words (never the icon's colour alone), with what to do. */
export function KeyStatus({ store }: { store: Pick<StoreSummary, 'keyStatus' | 'demo'> }) {
  const { t } = useTranslation();
  // The demo store's key is made afresh at every start: "this session only" would alarm for nothing.
  if (store.demo) {
    return (
      <Typography.Text data-testid="store-key-status" data-key-status={store.keyStatus}>
        {t('stores.list.demoKey')}
      </Typography.Text>
    );
  }
  const status = store.keyStatus;
  return (
    <Flex vertical gap={2} data-testid="store-key-status" data-key-status={status}>
      <Flex gap="small" align="baseline">
        <span aria-hidden>{KEY_ICONS[status]}</span>
        <Typography.Text strong={status !== 'keychain'}>
          {t(`stores.list.keyStatus.${status}`)}
        </Typography.Text>
      </Flex>
      {status !== 'keychain' && (
        <Typography.Text type="secondary">{t(`stores.list.keyHint.${status}`)}</Typography.Text>
      )}
    </Flex>
  );
}
