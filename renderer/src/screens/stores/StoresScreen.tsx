import { ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Modal, Result, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreSummary, Stores } from '../../../../shared/ipc/contract';
import { useDoctorCall } from '../../ipc/use-doctor-call';
import { useWorkspace } from '../../workspace/workspace-context';
import { LoadingPlaceholder } from '../../ui/screen-parts';
import { ImportPanel } from './ImportPanel';
import { KeyFixer } from './KeyFixer';
import { StoreForm, type EditingStore } from './StoreForm';
import { StoreList } from './StoreList';

type ListState = { status: 'loading' } | { status: 'failed' } | { status: 'ready'; stores: Stores };

/** Store set-up: the imported stores, which one the assistant works on, and importing another. */
export default function StoresScreen() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const call = useDoctorCall();
  const { state: workspace, refresh } = useWorkspace();
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [tab, setTab] = useState('import');
  const [editing, setEditing] = useState<EditingStore | null>(null);
  const [keyFor, setKeyFor] = useState<StoreSummary | null>(null);

  useEffect(() => {
    let current = true;
    void call('stores.list', undefined, 'loadStores').then((stores) => {
      if (current) setList(stores ? { status: 'ready', stores } : { status: 'failed' });
    });
    return () => {
      current = false;
    };
  }, [call, generation]);

  const reload = useCallback(() => {
    setList({ status: 'loading' });
    setGeneration((n) => n + 1);
  }, []);

  // Home, the checklist and the banner read the active store from the workspace: keep it in step.
  const changed = (stores: Stores) => {
    setList({ status: 'ready', stores });
    refresh();
  };

  const setActive = async (store: StoreSummary) => {
    setBusyId(store.id);
    try {
      const stores = await call('stores.setActive', { id: store.id }, 'setActiveStore');
      if (stores) {
        changed(stores);
        void message.success(t('stores.list.activated', { name: store.storeName }));
      }
    } finally {
      setBusyId(null);
    }
  };

  const remove = async (store: StoreSummary): Promise<boolean> => {
    setBusyId(store.id);
    try {
      const stores = await call('stores.remove', { id: store.id }, 'removeStore');
      if (stores) {
        changed(stores);
        void message.success(t('stores.list.removed', { name: store.storeName }));
      }
      return stores !== null;
    } finally {
      setBusyId(null);
    }
  };
  // The removed store's buttons are gone: the list's heading takes the focus, just above where they were.
  const listHeading = useRef<HTMLHeadingElement>(null);

  const imported = () => {
    setGeneration((n) => n + 1);
    refresh();
  };

  // 修改: the form, filled with the store as saved (never its key), in place of a new one.
  const edit = async (store: StoreSummary) => {
    const saved = await call('stores.get', { id: store.id }, 'loadStore');
    if (!saved) return;
    setEditing({ id: store.id, name: store.storeName, ...saved });
    setTab('form');
    requestAnimationFrame(() =>
      document.querySelector('[data-testid="store-form"]')?.scrollIntoView({ block: 'start' }),
    );
  };

  const keyFixed = (store: StoreSummary) => {
    setKeyFor(null);
    void message.success(t('stores.keyFix.fixed', { name: store.storeName }));
    imported();
  };

  const demoRunning = workspace.workspace?.demo?.running ?? false;

  return (
    <Flex vertical gap="large" className="screen stores-screen">
      <div>
        <Typography.Title level={1} className="screen-title">
          {t('stores.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('stores.intro')}</Typography.Paragraph>
      </div>
      <Card
        title={
          <h2 className="card-title" ref={listHeading} tabIndex={-1}>
            {t('stores.list.title')}
          </h2>
        }
        data-testid="store-list"
      >
        {list.status === 'loading' && <LoadingPlaceholder label={t('stores.list.loading')} />}
        {list.status === 'failed' && (
          <Result
            status="warning"
            title={t('stores.list.failed')}
            extra={
              <Button icon={<ReloadOutlined />} onClick={reload}>
                {t('stores.list.retry')}
              </Button>
            }
          />
        )}
        {list.status === 'ready' && (
          <StoreList
            stores={list.stores.stores}
            activeId={list.stores.activeId}
            busyId={busyId}
            onSetActive={(store) => void setActive(store)}
            onRemove={remove}
            onRemoved={() => listHeading.current?.focus()}
            onEdit={(store) => void edit(store)}
            onReplaceKey={setKeyFor}
          />
        )}
      </Card>
      {/* Two ways to add a store: its files (store.json, platform.json), or the set-up form. */}
      <Modal
        open={keyFor !== null}
        title={keyFor && t('stores.keyFix.modalTitle', { name: keyFor.storeName })}
        footer={null}
        onCancel={() => setKeyFor(null)}
        destroyOnHidden
      >
        {keyFor && <KeyFixer store={keyFor} onFixed={keyFixed} testId="key-fixer-modal" />}
      </Modal>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        aria-label={t('storeForm.tabsLabel')}
        items={[
          {
            key: 'import',
            label: t('storeForm.tabs.import'),
            children: (
              <ImportPanel
                defaultProfile={demoRunning ? 'sandbox' : 'production'}
                activeId={list.status === 'ready' ? list.stores.activeId : null}
                onImported={imported}
              />
            ),
          },
          {
            key: 'form',
            label: t('storeForm.tabs.form'),
            children: (
              <StoreForm
                key={editing?.id ?? 'new'}
                stores={list.status === 'ready' ? list.stores.stores : null}
                demoRunning={demoRunning}
                activeId={list.status === 'ready' ? list.stores.activeId : null}
                onCreated={(store) => {
                  // An edited store's form is mounted afresh as a new one: say it was saved here.
                  if (editing) void message.success(t('storeForm.success', { name: store.storeName }));
                  imported();
                }}
                editing={editing}
                onStopEditing={() => setEditing(null)}
              />
            ),
          },
        ]}
      />
    </Flex>
  );
}
