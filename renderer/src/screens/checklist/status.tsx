import {
  BugOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  LoadingOutlined,
  MinusCircleOutlined,
} from '@ant-design/icons';
import { Tag } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckStatus } from '../../../../shared/checklist/check-result';

export type ShownStatus = CheckStatus | 'running';

const LOOK: Record<ShownStatus, { icon: ReactNode; color: string }> = {
  fail: { icon: <CloseCircleFilled />, color: 'error' },
  error: { icon: <BugOutlined />, color: 'purple' },
  warn: { icon: <ExclamationCircleFilled />, color: 'warning' },
  running: { icon: <LoadingOutlined />, color: 'processing' },
  skip: { icon: <MinusCircleOutlined />, color: 'default' },
  pass: { icon: <CheckCircleFilled />, color: 'success' },
};

/** Most urgent first: the order rows and sections are sorted in once a run has finished. */
export const STATUS_ORDER: readonly ShownStatus[] = ['fail', 'error', 'warn', 'running', 'skip', 'pass'];
export const statusRank = (status: ShownStatus) => STATUS_ORDER.indexOf(status);

/** A status as an icon and a word, so it never rests on colour alone. */
export function StatusTag({ status, count }: { status: ShownStatus; count?: number }) {
  const { t } = useTranslation();
  const { icon, color } = LOOK[status];
  return (
    <Tag color={color} icon={icon} className="status-tag" data-status={status}>
      {t(`checklist.status.${status}`)}
      {count !== undefined && <span className="status-count"> {count}</span>}
    </Tag>
  );
}
