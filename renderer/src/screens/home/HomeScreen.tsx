import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProfileSummary, StoreSummary } from '../../../../shared/ipc/contract';
import { KeyStatus, ProfileName } from '../../workspace/store-facts';
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
      <div>
        <Typography.Title level={1} className="screen-title">
          {t('home.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      </div>
      {state.status === 'loading' && (
        <Card aria-busy aria-label={t('home.loading')}>
          <Skeleton active />
        </Card>
      )}
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
  return (
    <Card title={<h2 className="card-title">{t('home.store.title')}</h2>} data-testid="store-card">
      {store ? (
        <Descriptions
          column={1}
          bordered
          size="small"
          styles={{ label: { width: 200 } }}
          items={[
            { key: 'name', label: t('home.store.name'), children: store.storeName },
            {
              key: 'merchantNo',
              label: t('home.store.merchantNo'),
              children: <Typography.Text copyable>{store.merchantNo}</Typography.Text>,
            },
            {
              key: 'appId',
              label: t('home.store.appId'),
              children: <Typography.Text copyable>{store.appId}</Typography.Text>,
            },
            {
              key: 'environment',
              label: t('home.store.environment'),
              children: (
                <Tag color={store.environment === 'production' ? 'volcano' : 'green'}>
                  {t(`home.store.environments.${store.environment}`)}
                </Tag>
              ),
            },
            { key: 'storeUrl', label: t('home.store.storeUrl'), children: store.storeUrl },
            {
              key: 'profileName',
              label: t('home.store.profileName'),
              children: <ProfileName name={store.profileName} />,
            },
            { key: 'keyStatus', label: t('home.store.keyStatus'), children: <KeyStatus store={store} /> },
          ]}
        />
      ) : (
        <Empty
          description={
            <Flex vertical gap={4}>
              <Typography.Text strong>{t('home.store.empty')}</Typography.Text>
              <Typography.Text type="secondary">{t('home.store.emptyHint')}</Typography.Text>
            </Flex>
          }
        />
      )}
    </Card>
  );
}

function ProfileCard({ profile }: { profile: ProfileSummary | null }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-title">{t('home.profile.title')}</h2>} data-testid="profile-card">
      {profile ? (
        <Descriptions
          column={1}
          bordered
          size="small"
          styles={{ label: { width: 200 } }}
          items={[
            { key: 'name', label: t('home.profile.name'), children: <ProfileName name={profile.name} /> },
            {
              key: 'gatewayUrl',
              label: t('home.profile.gatewayUrl'),
              children: <Typography.Text copyable>{profile.gatewayUrl}</Typography.Text>,
            },
            {
              key: 'cashierOrigin',
              label: t('home.profile.cashierOrigin'),
              children: <Typography.Text copyable>{profile.cashierOrigin}</Typography.Text>,
            },
            {
              key: 'supportApiUrl',
              label: t('home.profile.supportApiUrl'),
              children: <Typography.Text copyable>{profile.supportApiUrl}</Typography.Text>,
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
          ]}
        />
      ) : (
        <Empty
          description={
            <Flex vertical gap={4}>
              <Typography.Text strong>{t('home.profile.empty')}</Typography.Text>
              <Typography.Text type="secondary">{t('home.profile.emptyHint')}</Typography.Text>
            </Flex>
          }
        />
      )}
    </Card>
  );
}
