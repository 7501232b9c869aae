import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Result, Typography, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCopyable } from '../../ui/copy-labels';
import type { ProfileSummary, StoreSummary } from '../../../../shared/ipc/contract';
import { EmptyNote, LoadingCard, ScreenHeader } from '../../ui/screen-parts';
import { EnvironmentTag, KeyStatus, ProfileName } from '../../workspace/store-facts';
import { useWorkspace } from '../../workspace/workspace-context';
import { DiagnosisPanel } from './DiagnosisPanel';

/**
 * The first screen: 开始诊断 for the shop in use and its verdict, then which shop and which payment
 * platform the assistant is working with.
 */
export default function HomeScreen() {
  const { t } = useTranslation();
  const { state, reload } = useWorkspace();

  return (
    <Flex vertical gap="large" className="screen home-screen">
      <ScreenHeader title={t('home.title')} intro={t('home.intro')} />
      {state.status === 'loading' && <LoadingCard label={t('home.loading')} />}
      {state.status === 'failed' && (
        <Result
          status="warning"
          title={t('errors.loadWorkspace')}
          extra={
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('home.retry')}
            </Button>
          }
        />
      )}
      {state.status === 'ready' && (
        <>
          <DiagnosisPanel store={state.workspace.activeStore} />
          <StoreCard store={state.workspace.activeStore} />
          <ProfileCard profile={state.workspace.profile} />
        </>
      )}
    </Flex>
  );
}

function StoreCard({ store }: { store: StoreSummary | null }) {
  const { t } = useTranslation();
  const copyable = useCopyable();
  return (
    <FactsCard
      title={t('home.store.title')}
      testId="store-card"
      items={
        store && [
          { key: 'name', label: t('home.store.name'), children: store.storeName },
          {
            key: 'merchantNo',
            label: t('home.store.merchantNo'),
            children: (
              <Typography.Text copyable={copyable(t('home.store.merchantNo'))}>
                {store.merchantNo}
              </Typography.Text>
            ),
          },
          {
            key: 'appId',
            label: t('home.store.appId'),
            children: (
              <Typography.Text copyable={copyable(t('home.store.appId'))}>{store.appId}</Typography.Text>
            ),
          },
          {
            key: 'environment',
            label: t('home.store.environment'),
            children: <EnvironmentTag environment={store.environment} />,
          },
          { key: 'storeUrl', label: t('home.store.storeUrl'), children: store.storeUrl },
          {
            key: 'profileName',
            label: t('home.store.profileName'),
            children: <ProfileName name={store.profileName} />,
          },
          { key: 'keyStatus', label: t('home.store.keyStatus'), children: <KeyStatus store={store} /> },
        ]
      }
      empty={<EmptyNote title={t('home.store.empty')} hint={t('home.store.emptyHint')} />}
    />
  );
}

function ProfileCard({ profile }: { profile: ProfileSummary | null }) {
  const { t } = useTranslation();
  const copyable = useCopyable();
  return (
    <FactsCard
      title={t('home.profile.title')}
      testId="profile-card"
      items={
        profile && [
          { key: 'name', label: t('home.profile.name'), children: <ProfileName name={profile.name} /> },
          {
            key: 'gatewayUrl',
            label: t('home.profile.gatewayUrl'),
            children: (
              <Typography.Text copyable={copyable(t('home.profile.gatewayUrl'))}>
                {profile.gatewayUrl}
              </Typography.Text>
            ),
          },
          {
            key: 'cashierOrigin',
            label: t('home.profile.cashierOrigin'),
            children: (
              <Typography.Text copyable={copyable(t('home.profile.cashierOrigin'))}>
                {profile.cashierOrigin}
              </Typography.Text>
            ),
          },
          {
            key: 'supportApiUrl',
            label: t('home.profile.supportApiUrl'),
            children: (
              <Typography.Text copyable={copyable(t('home.profile.supportApiUrl'))}>
                {profile.supportApiUrl}
              </Typography.Text>
            ),
          },
          {
            key: 'extraCa',
            label: t('home.profile.extraCa'),
            children:
              profile.extraCaCount > 0 ? (
                <Flex vertical gap={2}>
                  <Typography.Text>
                    {t('home.profile.extraCaCount', { count: profile.extraCaCount })}
                  </Typography.Text>
                  <Typography.Text type="secondary">{t('home.profile.extraCaHint')}</Typography.Text>
                </Flex>
              ) : (
                t('home.profile.noExtraCa')
              ),
          },
        ]
      }
      empty={<EmptyNote title={t('home.profile.empty')} hint={t('home.profile.emptyHint')} />}
    />
  );
}

/** A card of facts, label beside value, or what stands in for them while there are none. */
function FactsCard({
  title,
  testId,
  items,
  empty,
}: {
  title: string;
  testId: string;
  items: DescriptionsProps['items'] | null;
  empty: ReactNode;
}) {
  return (
    <Card title={<h2 className="card-title">{title}</h2>} data-testid={testId}>
      {items ? (
        <Descriptions column={1} bordered size="small" styles={{ label: { width: 200 } }} items={items} />
      ) : (
        empty
      )}
    </Card>
  );
}
