import {
  CheckCircleFilled,
  ClockCircleOutlined,
  CloseCircleFilled,
  CloudUploadOutlined,
  FileAddOutlined,
  LoadingOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCopyable } from '../../ui/copy-labels';
import {
  isUntrustedAnswerCode,
  TICKET_STATUSES,
  type OutboxItemView,
} from '../../../../shared/report/outbox-view';
import { EmptyNote, LoadingCard, ScreenHeader } from '../../ui/screen-parts';
import { useScreenRoute } from '../../app/use-screen-route';
import { doctor } from '../../ipc/doctor';
import { useDateTime } from '../diagnosis/format';
import { useBytes } from '../report/use-bytes';
import { useNow, useOutbox } from './use-outbox';
import './outbox.css';
import { ErrorDetails } from '../../ui/ErrorDetails';
import { SupportDetails } from '../../ui/SupportDetails';

/** What the merchant reads for an item: the five states, and waiting between tries as its own. */
type Shown = OutboxItemView['state'] | 'waiting';

const LOOK: Record<Shown, { icon: ReactNode; color: string }> = {
  queued: { icon: <ClockCircleOutlined />, color: 'default' },
  waiting: { icon: <SyncOutlined />, color: 'warning' },
  'sending-report': { icon: <LoadingOutlined />, color: 'processing' },
  'uploading-bundle': { icon: <CloudUploadOutlined />, color: 'processing' },
  delivered: { icon: <CheckCircleFilled />, color: 'success' },
  'failed-permanently': { icon: <CloseCircleFilled />, color: 'error' },
};

/** A try failed (or found no way to send) and the next is later: the item waits, whichever step it is at. */
const shownState = (item: OutboxItemView, now: number): Shown =>
  item.state !== 'delivered' &&
  item.state !== 'failed-permanently' &&
  (item.attempts > 0 || item.lastError !== null) &&
  item.nextAttemptAt !== null &&
  Date.parse(item.nextAttemptAt) > now
    ? 'waiting'
    : item.state;

const isTicketStatus = (status: string): status is (typeof TICKET_STATUSES)[number] =>
  (TICKET_STATUSES as readonly string[]).includes(status);

/**
 * 发送记录: every report submitted from this computer and where its delivery stands. A report is kept on
 * disk from the moment it is submitted and sent again until the platform has it, offline or not.
 */
export default function OutboxScreen() {
  const { t } = useTranslation();
  const [, navigate] = useScreenRoute();
  const { list, reload, replace } = useOutbox();
  const now = useNow();
  const items = list.items ? [...list.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) : null;

  return (
    <Flex vertical gap="large" className="screen outbox-screen">
      <ScreenHeader title={t('outbox.title')} intro={t('outbox.intro')} />
      <Alert
        // A standing note, not news: antd would make it role="alert", read out over whatever is said.
        role="note"
        type="info"
        showIcon
        icon={<SafetyCertificateOutlined />}
        title={t('outbox.neverLost.title')}
        description={t('outbox.neverLost.body')}
        data-testid="outbox-never-lost"
      />
      <Flex gap="middle" wrap>
        <Button icon={<ReloadOutlined />} onClick={reload}>
          {t('outbox.reload')}
        </Button>
        <Button icon={<FileAddOutlined />} onClick={() => navigate('report')}>
          {t('outbox.toReport')}
        </Button>
      </Flex>
      {list.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('outbox.failedList')}
          description={<ErrorDetails reason={list.reason} />}
        />
      )}
      {list.status === 'loading' && <LoadingCard label={t('outbox.loading')} />}
      {items && items.length === 0 && <EmptyNote title={t('outbox.empty')} hint={t('outbox.emptyHint')} />}
      {items && items.length > 0 && (
        <ul className="outbox-items" aria-label={t('outbox.listLabel')}>
          {items.map((item) => (
            <OutboxItem key={item.reportId} item={item} now={now} onChanged={replace} />
          ))}
        </ul>
      )}
    </Flex>
  );
}

function OutboxItem({
  item,
  now,
  onChanged,
}: {
  item: OutboxItemView;
  now: number;
  onChanged: (item: OutboxItemView) => void;
}) {
  const { t } = useTranslation();
  const copyable = useCopyable();
  const dateTime = useDateTime();
  const bytes = useBytes();
  const [busy, setBusy] = useState<'retry' | 'poll' | null>(null);
  const [problem, setProblem] = useState<{ kind: 'retry' | 'poll'; reason: string } | null>(null);
  const shown = shownState(item, now);
  const { icon, color } = LOOK[shown];
  const finished = item.state === 'delivered' || item.state === 'failed-permanently';

  const act = async (kind: 'retry' | 'poll') => {
    setBusy(kind);
    setProblem(null);
    try {
      const next =
        kind === 'retry'
          ? await doctor.invoke('outbox.retryNow', { reportId: item.reportId })
          : await doctor.invoke('outbox.pollTicket', { reportId: item.reportId });
      if (next) onChanged(next);
    } catch (error) {
      setProblem({ kind, reason: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  };

  const stateWords =
    shown === 'waiting' && item.nextAttemptAt
      ? t('outbox.states.waiting', { time: dateTime(item.nextAttemptAt) })
      : t(`outbox.states.${item.state}`);

  return (
    <li>
      <Card
        className="outbox-item"
        data-testid="outbox-item"
        data-report-id={item.reportId}
        data-state={item.state}
        title={<h2 className="card-title">{t('outbox.item.title', { time: dateTime(item.createdAt) })}</h2>}
        extra={
          <Tag color={color} icon={icon} className="status-tag" data-testid="outbox-state" data-shown={shown}>
            {stateWords}
          </Tag>
        }
      >
        <Flex vertical gap="middle">
          <Typography.Text>{t(`outbox.explain.${shown}`)}</Typography.Text>
          <Descriptions
            column={1}
            size="small"
            bordered
            styles={{ label: { width: 180 } }}
            items={[
              {
                key: 'ticket',
                label: t('outbox.item.ticket'),
                children: item.ticketId ? (
                  <Typography.Text
                    copyable={copyable(t('outbox.item.ticket'))}
                    strong
                    data-testid="outbox-ticket-id"
                  >
                    {item.ticketId}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('outbox.item.noTicket')}</Typography.Text>
                ),
              },
              ...(item.ticket
                ? [
                    {
                      key: 'ticketStatus',
                      label: t('outbox.item.ticketStatus'),
                      children: (
                        <Flex vertical gap={2}>
                          <Typography.Text
                            strong
                            data-testid="outbox-ticket-status"
                            data-status={item.ticket.status}
                          >
                            {isTicketStatus(item.ticket.status)
                              ? t(`outbox.ticket.${item.ticket.status}`)
                              : item.ticket.status}
                          </Typography.Text>
                          <Typography.Text type="secondary" data-testid="outbox-polled-at">
                            {t('outbox.item.polledAt', { time: dateTime(item.ticket.polledAt) })}
                          </Typography.Text>
                        </Flex>
                      ),
                    },
                  ]
                : []),
              ...(item.deliveredAt
                ? [
                    {
                      key: 'delivered',
                      label: t('outbox.item.deliveredAt'),
                      children: dateTime(item.deliveredAt),
                    },
                  ]
                : []),
              {
                key: 'report',
                label: t('outbox.item.reportId'),
                children: (
                  <Typography.Text copyable={copyable(t('outbox.item.reportId'))} className="outbox-mono">
                    {item.reportId}
                  </Typography.Text>
                ),
              },
              { key: 'size', label: t('outbox.item.size'), children: bytes(item.bundle.bytes) },
            ]}
          />

          {item.ticket && item.ticket.messages.length > 0 && (
            <section aria-label={t('outbox.item.messages')}>
              <h3 className="outbox-subtitle">{t('outbox.item.messages')}</h3>
              <ol className="outbox-messages" data-testid="outbox-messages">
                {item.ticket.messages.map((message, index) => (
                  <li key={`${message.at}-${index}`}>
                    <Typography.Text type="secondary">
                      {t('outbox.item.messageFrom', {
                        time: dateTime(message.at),
                        from:
                          message.from === 'system' ||
                          message.from === 'support' ||
                          message.from === 'merchant'
                            ? t(`outbox.from.${message.from}`)
                            : message.from,
                      })}
                    </Typography.Text>
                    <p className="no-margin">{message.text}</p>
                  </li>
                ))}
              </ol>
            </section>
          )}

          {item.state === 'failed-permanently' && item.failure && (
            <Alert
              type="error"
              showIcon
              title={t('outbox.item.failedTitle')}
              description={
                <Flex vertical gap={2}>
                  <span>{t('outbox.item.failedHint')}</span>
                  <Technical code={item.failure.code ?? item.failure.status} message={item.failure.message} />
                </Flex>
              }
              data-testid="outbox-failure"
            />
          )}
          {!finished && item.lastError && isUntrustedAnswerCode(item.lastError.code) && (
            <Alert
              type="error"
              showIcon
              title={t('outbox.item.untrusted.title')}
              description={
                <Flex vertical gap={2}>
                  <span>{t(`outbox.item.untrusted.${item.lastError.code}`)}</span>
                  <span>{t('outbox.item.untrusted.hint')}</span>
                  <Technical code={item.lastError.code} message={item.lastError.message} />
                </Flex>
              }
              data-testid="outbox-untrusted"
            />
          )}
          {!finished && item.lastError && !isUntrustedAnswerCode(item.lastError.code) && (
            <Alert
              type="warning"
              showIcon
              title={t('outbox.item.lastError', { time: dateTime(item.lastError.at) })}
              description={
                <ErrorDetails
                  reason={item.lastError.message}
                  code={item.lastError.code ?? item.lastError.status}
                />
              }
              data-testid="outbox-last-error"
            />
          )}

          <Flex gap="middle" wrap>
            {item.state === 'delivered' && item.ticketId && (
              <Button
                icon={<ReloadOutlined />}
                loading={busy === 'poll'}
                disabled={busy !== null}
                onClick={() => void act('poll')}
              >
                {t('outbox.item.poll')}
              </Button>
            )}
            {!finished && (
              <Button
                icon={<SendOutlined />}
                loading={busy === 'retry'}
                disabled={busy !== null}
                onClick={() => void act('retry')}
              >
                {t('outbox.item.retryNow')}
              </Button>
            )}
          </Flex>
          {problem && (
            <Alert
              type="error"
              showIcon
              title={problem.kind === 'poll' ? t('outbox.item.pollFailed') : t('outbox.item.retryFailed')}
              description={<ErrorDetails reason={problem.reason} />}
              data-testid="outbox-action-error"
            />
          )}
        </Flex>
      </Card>
    </li>
  );
}

/** The intake's or the transport's code and message: for support staff, folded in 给客服看. */
function Technical({ code, message }: { code: string | number | null | undefined; message: string | null }) {
  const { t } = useTranslation();
  return (
    <SupportDetails
      rows={[
        { label: t('supportDetails.errorCode'), value: code ?? null },
        { label: t('supportDetails.rawMessage'), value: message },
      ]}
    />
  );
}
