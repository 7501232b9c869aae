import {
  CheckCircleFilled,
  DeleteOutlined,
  EditOutlined,
  ExperimentOutlined,
  KeyOutlined,
} from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Modal, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCopyable } from '../../ui/copy-labels';
import type { StoreSummary } from '../../../../shared/ipc/contract';
import { KeyStatus, ProfileName } from '../../workspace/store-facts';

interface StoreListProps {
  stores: readonly StoreSummary[];
  activeId: string | null;
  /** The store whose change is on its way to main, so its buttons wait. */
  busyId: string | null;
  onSetActive(store: StoreSummary): void;
  /** Removes the store; true once main has. */
  onRemove(store: StoreSummary): Promise<boolean>;
  /** After a removal's dialog has closed: its 删除 button is gone, so focus needs a new place. */
  onRemoved(): void;
  onEdit(store: StoreSummary): void;
  onReplaceKey(store: StoreSummary): void;
}

/** The imported stores, the one in use marked in words and with an icon, not by colour alone. */
export function StoreList({
  stores,
  activeId,
  busyId,
  onSetActive,
  onRemove,
  onRemoved,
  onEdit,
  onReplaceKey,
}: StoreListProps) {
  const { t } = useTranslation();
  const [removing, setRemoving] = useState<StoreSummary | null>(null);
  const removed = useRef(false);
  // A real modal dialog, not a Popconfirm: it takes focus, keeps Tab inside, and gives focus back to
  // 删除 on Escape or 先不删 (antd returns it to the trigger); after a removal, onRemoved places it.
  const confirm = (
    <Modal
      open={removing !== null}
      title={removing && t('stores.list.removeConfirmTitle', { name: removing.storeName })}
      okText={t('stores.list.removeConfirmOk')}
      cancelText={t('stores.list.removeConfirmCancel')}
      okButtonProps={{ danger: true, loading: removing !== null && busyId === removing.id }}
      onOk={async () => {
        if (!removing) return;
        removed.current = await onRemove(removing);
        setRemoving(null);
      }}
      onCancel={() => setRemoving(null)}
      afterClose={() => {
        if (removed.current) onRemoved();
        removed.current = false;
      }}
      data-testid="store-remove-dialog"
    >
      <p className="no-margin">{t('stores.list.removeConfirmDescription')}</p>
    </Modal>
  );
  if (stores.length === 0) {
    return (
      <>
        {confirm}
        <Empty
          description={
            <Flex vertical gap={4}>
              <Typography.Text strong>{t('stores.list.empty')}</Typography.Text>
              <Typography.Text type="secondary">{t('stores.list.emptyHint')}</Typography.Text>
            </Flex>
          }
        />
      </>
    );
  }
  return (
    <>
      {confirm}
      <ul className="store-list">
        {stores.map((store) => (
          <li key={store.id}>
            <StoreItem
              store={store}
              active={store.id === activeId}
              busy={busyId === store.id}
              disabled={busyId !== null}
              onSetActive={() => onSetActive(store)}
              onRemove={() => setRemoving(store)}
              onEdit={() => onEdit(store)}
              onReplaceKey={() => onReplaceKey(store)}
            />
          </li>
        ))}
      </ul>
    </>
  );
}

function StoreItem(props: {
  store: StoreSummary;
  active: boolean;
  busy: boolean;
  disabled: boolean;
  onSetActive(): void;
  onRemove(): void;
  onEdit(): void;
  onReplaceKey(): void;
}) {
  const { store, active, busy, disabled, onSetActive, onRemove, onEdit, onReplaceKey } = props;
  // A store that cannot sign is never made the one in use: it offers its key instead.
  const needsKey = !store.demo && store.keyStatus === 'missing';
  const { t } = useTranslation();
  const copyable = useCopyable();
  const headingId = `store-${store.id}-name`;

  return (
    <Card
      size="small"
      className={active ? 'store-item store-item-active' : 'store-item'}
      data-testid="store-item"
      data-store-id={store.id}
      aria-labelledby={headingId}
      title={
        <Flex align="center" gap="small" wrap>
          <h3 id={headingId} className="card-title">
            {store.storeName}
          </h3>
          {active && (
            <Tag color="blue" icon={<CheckCircleFilled />} data-testid="store-active">
              {t('stores.list.active')}
            </Tag>
          )}
          {store.demo && <Tag icon={<ExperimentOutlined />}>{t('stores.list.demo')}</Tag>}
        </Flex>
      }
      extra={
        <Flex gap="small" wrap justify="flex-end">
          {!store.demo && (
            <Button
              icon={<EditOutlined />}
              disabled={disabled}
              onClick={onEdit}
              aria-label={t('stores.list.editLabel', { name: store.storeName })}
            >
              {t('stores.list.edit')}
            </Button>
          )}
          {!store.demo && (
            <Button
              icon={<KeyOutlined />}
              type={needsKey ? 'primary' : 'default'}
              disabled={disabled}
              onClick={onReplaceKey}
              aria-label={t('stores.list.replaceKeyLabel', { name: store.storeName })}
              data-testid="store-replace-key"
            >
              {t('stores.list.replaceKey')}
            </Button>
          )}
          {!active && !needsKey && (
            <Button
              onClick={onSetActive}
              loading={busy}
              disabled={disabled && !busy}
              aria-label={t('stores.list.setActiveLabel', { name: store.storeName })}
            >
              {t('stores.list.setActive')}
            </Button>
          )}
          {/* The demo store comes with the app: main refuses to remove it, so it offers no button. */}
          {!store.demo && (
            <Button
              danger
              icon={<DeleteOutlined aria-hidden />}
              disabled={disabled}
              onClick={onRemove}
              aria-haspopup="dialog"
              aria-label={t('stores.list.removeLabel', { name: store.storeName })}
            >
              {t('stores.list.remove')}
            </Button>
          )}
        </Flex>
      }
    >
      <Descriptions
        column={1}
        size="small"
        styles={{ label: { width: 160 } }}
        items={[
          {
            key: 'merchantNo',
            label: t('stores.list.merchantNo'),
            children: (
              <Typography.Text copyable={copyable(t('stores.list.merchantNo'))}>
                {store.merchantNo}
              </Typography.Text>
            ),
          },
          { key: 'appId', label: t('stores.list.appId'), children: store.appId },
          {
            key: 'environment',
            label: t('stores.list.environment'),
            children: (
              <Tag color={store.environment === 'production' ? 'volcano' : 'green'}>
                {t(`home.store.environments.${store.environment}`)}
              </Tag>
            ),
          },
          {
            key: 'profile',
            label: t('stores.list.profile'),
            children: <ProfileName name={store.profileName} />,
          },
          {
            key: 'key',
            label: t('stores.list.key'),
            children: (
              <Flex vertical gap={2}>
                <KeyStatus store={store} />
                {needsKey && (
                  <Typography.Text type="danger" data-testid="store-needs-key">
                    {t('stores.list.needsKey')}
                  </Typography.Text>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Card>
  );
}
