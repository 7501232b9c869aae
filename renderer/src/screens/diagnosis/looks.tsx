import {
  CheckCircleFilled,
  CheckCircleOutlined,
  CloseCircleFilled,
  CloudServerOutlined,
  DesktopOutlined,
  ExclamationCircleFilled,
  MinusCircleOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiagnosisVerdict } from '../../../../shared/diagnosis/verdict';
import type { OutcomeCode } from '../../../../shared/protocol/outcome-codes';
import './diagnosis.css';

/**
 * A verdict, a side and an outcome always read as an icon AND words (never colour alone), the same on
 * Home, History and the explanation pages.
 */

type Status = DiagnosisVerdict['status'];
type Side = DiagnosisVerdict['side'];

const STATUS_LOOK: Record<Status, { icon: ReactNode; color: string }> = {
  ok: { icon: <CheckCircleFilled />, color: 'success' },
  warning: { icon: <ExclamationCircleFilled />, color: 'warning' },
  problem: { icon: <CloseCircleFilled />, color: 'error' },
};

export function VerdictStatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  const { icon, color } = STATUS_LOOK[status];
  return (
    <Tag color={color} icon={icon} className="status-tag verdict-status" data-verdict-status={status}>
      {t(`diagnosis.verdict.status.${status}`)}
    </Tag>
  );
}

const SIDE_ICONS: Record<Side, ReactNode> = {
  store: <ShopOutlined />,
  platform: <CloudServerOutlined />,
  'merchant-machine': <DesktopOutlined />,
  none: <CheckCircleOutlined />,
};

/**
 * Whose side it is on: an icon, the side in words, and (unless `short`) what that means for whom to call:
 * `note` when the verdict gives its own (from the same table row as its first action), else the stock line.
 */
export function SideBadge({ side, short = false, note }: { side: Side; short?: boolean; note?: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2} data-testid="side-badge" data-side={side}>
      <Flex align="center" gap="small">
        <span aria-hidden className={`side-icon side-icon-${side}`}>
          {SIDE_ICONS[side]}
        </span>
        <Typography.Text strong>{t(`diagnosis.sides.${side}.label`)}</Typography.Text>
      </Flex>
      {!short && (
        <Typography.Text type="secondary" data-testid="side-note">
          {note ?? t(`diagnosis.sides.${side}.hint`)}
        </Typography.Text>
      )}
    </Flex>
  );
}

/**
 * A simulated payment's outcome: icon, a short name in plain words, and the code support staff use.
 * Spans only, so it can sit inside a button or a table cell.
 */
export function OutcomeLabel({ outcome, code = true }: { outcome: OutcomeCode | null; code?: boolean }) {
  const { t } = useTranslation();
  if (outcome === null) {
    return (
      <span className="outcome-label" data-testid="outcome-label" data-outcome="none">
        <MinusCircleOutlined aria-hidden className="text-secondary" />
        <span>{t('diagnosis.verdict.noSimulation')}</span>
      </span>
    );
  }
  const ok = outcome === 'REDIRECT_OK';
  return (
    <span className="outcome-label" data-testid="outcome-label" data-outcome={outcome}>
      {ok ? (
        <CheckCircleFilled aria-hidden className="icon-ok" />
      ) : (
        <CloseCircleFilled aria-hidden className="icon-bad" />
      )}
      <span>{t(`explain.outcomes.${outcome}.title`)}</span>
      {code && <span className="outcome-code text-secondary">{outcome}</span>}
    </span>
  );
}
