import { CheckCircleFilled, ExperimentOutlined, ReloadOutlined, ShopOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelOutput, Stores } from '../../../../shared/ipc/contract';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { LoadingPlaceholder, ScreenHeader } from '../../ui/screen-parts';
import { describeProxyRule } from '../../i18n/proxy-words';
import { useDoctorCall } from '../../ipc/use-doctor-call';
import { KeyStatus, ProfileName } from '../../workspace/store-facts';

type Loaded<T> = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; value: T };
type Paths = ChannelOutput<'app.paths'>;
type AppInfo = ChannelOutput<'app.info'>;

/**
 * Settings: the language, the stores and their platform profiles (changed on the Stores screen), and
 * read-only facts for support: the proxy in use, where files are kept, the version.
 */
export default function SettingsScreen() {
  const { t } = useTranslation();
  const call = useDoctorCall();
  const [paths, setPaths] = useState<Loaded<Paths>>({ status: 'loading' });
  const [stores, setStores] = useState<Loaded<Stores>>({ status: 'loading' });
  const [info, setInfo] = useState<Loaded<AppInfo>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    const loaded = <T,>(value: T | undefined): Loaded<T> =>
      value === undefined ? { status: 'failed' } : { status: 'ready', value };
    void call('app.paths', undefined, 'loadPaths').then((value) => {
      if (current) setPaths(loaded(value));
    });
    void call('stores.list', undefined, 'loadStores').then((value) => {
      if (current) setStores(loaded(value));
    });
    void call('app.info', undefined, 'loadAppInfo').then((value) => {
      if (current) setInfo(loaded(value));
    });
    return () => {
      current = false;
    };
  }, [call, generation]);

  const reload = useCallback(() => {
    setPaths({ status: 'loading' });
    setStores({ status: 'loading' });
    setInfo({ status: 'loading' });
    setGeneration((n) => n + 1);
  }, []);

  return (
    <Flex vertical gap="large" className="screen settings-screen">
      <ScreenHeader title={t('settings.title')} intro={t('settings.intro')} />

      <Card
        title={<h2 className="card-title">{t('settings.language.title')}</h2>}
        data-testid="settings-language"
      >
        <Flex vertical gap="small">
          <LanguageSwitch id="settings-language-switch" />
          <Typography.Text type="secondary">{t('settings.language.hint')}</Typography.Text>
        </Flex>
      </Card>

      <StoresCard stores={stores} />

      {paths.status === 'failed' ? (
        <Result
          status="warning"
          title={t('errors.loadPaths')}
          extra={
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('settings.paths.retry')}
            </Button>
          }
        />
      ) : (
        <>
          <ProxyCard paths={paths} hasStore={stores.status !== 'ready' || stores.value.activeId !== null} />
          <PathsCard paths={paths} />
        </>
      )}

      <AboutCard info={info} />
    </Flex>
  );
}

function StoresCard({ stores }: { stores: Loaded<Stores> }) {
  const { t } = useTranslation();
  return (
    <Card
      title={<h2 className="card-title">{t('settings.stores.title')}</h2>}
      extra={
        <Button icon={<ShopOutlined />} onClick={() => (window.location.hash = '#/stores')}>
          {t('settings.stores.manage')}
        </Button>
      }
      data-testid="settings-stores"
    >
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t('settings.stores.intro')}</Typography.Text>
        {stores.status === 'loading' && <LoadingPlaceholder label={t('settings.stores.loading')} rows={2} />}
        {stores.status === 'ready' && stores.value.stores.length === 0 && (
          <Empty description={t('settings.stores.empty')} />
        )}
        {stores.status === 'ready' && stores.value.stores.length > 0 && (
          <ul className="store-list">
            {stores.value.stores.map((store) => (
              <li key={store.id} data-testid="settings-store" data-store-id={store.id}>
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  styles={{ label: { width: 200 } }}
                  title={
                    <Flex align="center" gap="small" wrap>
                      <h3 className="card-title">{store.storeName}</h3>
                      {store.id === stores.value.activeId && (
                        <Tag color="blue" icon={<CheckCircleFilled />}>
                          {t('settings.stores.active')}
                        </Tag>
                      )}
                      {store.demo && <Tag icon={<ExperimentOutlined />}>{t('settings.stores.demo')}</Tag>}
                    </Flex>
                  }
                  items={[
                    {
                      key: 'profile',
                      label: t('settings.stores.profile'),
                      children: <ProfileName name={store.profileName} />,
                    },
                    { key: 'key', label: t('settings.stores.key'), children: <KeyStatus store={store} /> },
                  ]}
                />
              </li>
            ))}
          </ul>
        )}
      </Flex>
    </Card>
  );
}

function ProxyCard({ paths, hasStore }: { paths: Loaded<Paths>; hasStore: boolean }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-title">{t('settings.proxy.title')}</h2>} data-testid="settings-proxy">
      <Flex vertical gap="small">
        <Typography.Text type="secondary">{t('settings.proxy.intro')}</Typography.Text>
        {paths.status === 'loading' && <Skeleton active paragraph={{ rows: 1 }} />}
        {paths.status === 'ready' &&
          (hasStore ? (
            <>
              <ol className="plain-list proxy-choices" data-testid="settings-proxy-words">
                {describeProxyRule(paths.value.gatewayProxy, t).map((sentence, index) => (
                  <li key={index}>
                    {index === 0 ? (
                      <Typography.Text strong>{sentence}</Typography.Text>
                    ) : (
                      t('settings.proxy.fallback', { next: sentence })
                    )}
                  </li>
                ))}
              </ol>
              <Flex gap="small" align="baseline" wrap>
                <Typography.Text type="secondary">{t('settings.proxy.raw')}</Typography.Text>
                <Typography.Text code copyable data-testid="settings-proxy-rule">
                  {paths.value.gatewayProxy}
                </Typography.Text>
              </Flex>
            </>
          ) : (
            <Typography.Text>{t('settings.proxy.noStore')}</Typography.Text>
          ))}
      </Flex>
    </Card>
  );
}

const FOLDERS = ['dataDir', 'logsDir', 'bundlesDir', 'outboxDir'] as const satisfies readonly (keyof Paths)[];

function PathsCard({ paths }: { paths: Loaded<Paths> }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-title">{t('settings.paths.title')}</h2>} data-testid="settings-paths">
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t('settings.paths.intro')}</Typography.Text>
        {paths.status === 'loading' && <LoadingPlaceholder label={t('settings.paths.loading')} rows={3} />}
        {paths.status === 'ready' && (
          <Descriptions
            column={1}
            bordered
            size="small"
            styles={{ label: { width: 200 } }}
            items={FOLDERS.map((folder) => {
              const path = paths.value[folder];
              return {
                key: folder,
                label: (
                  <Flex vertical gap={0}>
                    <span>{t(`settings.paths.${folder}`)}</span>
                    <Typography.Text type="secondary" className="path-hint">
                      {t(`settings.paths.${folder}Hint`)}
                    </Typography.Text>
                  </Flex>
                ),
                children:
                  path === null ? (
                    <Typography.Text type="secondary" data-testid={`path-${folder}`} data-path="">
                      {t('settings.paths.noLogs')}
                    </Typography.Text>
                  ) : (
                    <Typography.Text
                      code
                      copyable
                      className="path-value"
                      data-testid={`path-${folder}`}
                      data-path={path}
                    >
                      {path}
                    </Typography.Text>
                  ),
              };
            })}
          />
        )}
      </Flex>
    </Card>
  );
}

function AboutCard({ info: loaded }: { info: Loaded<AppInfo> }) {
  const { t } = useTranslation();
  return (
    <Card title={<h2 className="card-title">{t('settings.about.title')}</h2>} data-testid="settings-about">
      {loaded.status === 'ready' ? (
        <Descriptions
          column={1}
          size="small"
          styles={{ label: { width: 200 } }}
          items={[
            { key: 'product', label: t('settings.about.product'), children: loaded.value.productName },
            {
              key: 'version',
              label: t('settings.about.version'),
              children: (
                <Typography.Text copyable data-testid="app-version">
                  {loaded.value.version}
                </Typography.Text>
              ),
            },
            { key: 'os', label: t('settings.about.os'), children: loaded.value.os },
            { key: 'arch', label: t('settings.about.arch'), children: loaded.value.arch },
            { key: 'runtime', label: t('settings.about.runtime'), children: loaded.value.runtime },
          ]}
        />
      ) : loaded.status === 'failed' ? (
        <Typography.Text type="secondary">{t('errors.loadAppInfo')}</Typography.Text>
      ) : (
        <Skeleton active paragraph={{ rows: 2 }} />
      )}
    </Card>
  );
}
