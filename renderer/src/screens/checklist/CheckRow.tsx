import {
  DownOutlined,
  PlayCircleOutlined,
  QuestionCircleOutlined,
  RedoOutlined,
  RightOutlined,
} from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../../../shared/checklist/check-result';
import { skippedForWantOfSimulation } from '../../../../shared/checklist/skip-reasons';
import type { LocalizedText } from '../../../../shared/i18n/localized-text';
import { SupportDetails } from '../../ui/SupportDetails';
import { useLocalized } from '../../i18n/use-localized';
import { useReadableText } from '../../i18n/use-readable-text';
import { openExplanation } from '../explain/explain-target';
import { StatusTag, type ShownStatus } from './status';
import { useDuration } from './use-duration';

export interface CheckRowProps {
  id: string;
  title: LocalizedText;
  status: ShownStatus;
  /** Absent while the check runs for the first time. */
  result: CheckResult | null;
  expanded: boolean;
  onToggle(): void;
  /** Null while a run is going on: one run at a time. */
  onRerun: (() => void) | null;
  /**
   * Runs the simulated payment that page checks need; null while something runs, or when one has run
   * since (the row's re-run then reads it).
   */
  onSimulate?: (() => void) | null;
}

/**
 * One check: status, title and what was found always visible; remediation and the evidence behind the
 * verdict in the details, open by default for anything that failed or needs attention.
 */
export function CheckRow({
  id,
  title,
  status,
  result,
  expanded,
  onToggle,
  onRerun,
  onSimulate = null,
}: CheckRowProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  // Summaries quote addresses whose secrets were hidden: said in words, not as REDACTED.
  const readable = useReadableText();
  const duration = useDuration();
  const detailsId = useId();
  const titleText = localized(title);
  const hasDetails = result !== null;

  return (
    <li
      className={`check-row check-row-${status}`}
      data-testid="check-row"
      data-check-id={id}
      data-status={status}
    >
      <Flex align="center" gap="small" className="check-row-head">
        <Flex align="center" gap="small" wrap className="check-row-name">
          <StatusTag status={status} />
          <h3 className="check-title">{titleText}</h3>
        </Flex>
        {result && status !== 'running' && (
          <Typography.Text type="secondary" className="check-duration">
            {t('checklist.row.duration', { duration: duration(result.durationMs) })}
          </Typography.Text>
        )}
        {hasDetails && (
          <Button
            type="text"
            size="small"
            icon={expanded ? <DownOutlined /> : <RightOutlined />}
            aria-expanded={expanded}
            aria-controls={detailsId}
            aria-label={
              expanded
                ? t('checklist.row.hideDetailsLabel', { title: titleText })
                : t('checklist.row.showDetailsLabel', { title: titleText })
            }
            onClick={onToggle}
          >
            {expanded ? t('checklist.row.hideDetails') : t('checklist.row.showDetails')}
          </Button>
        )}
        <Button
          size="small"
          icon={<RedoOutlined />}
          disabled={onRerun === null}
          onClick={onRerun ?? undefined}
          aria-label={t('checklist.row.rerunLabel', { title: titleText })}
        >
          {t('checklist.row.rerun')}
        </Button>
      </Flex>
      {result && (
        <p className="check-summary" data-testid="check-summary">
          {readable(result.summary)}
        </p>
      )}
      {/* Skipped for want of a simulated payment: the fix is offered right here, not a screen away. */}
      {result && skippedForWantOfSimulation(result) && onSimulate && (
        <Button
          size="small"
          icon={<PlayCircleOutlined />}
          onClick={onSimulate}
          data-testid="check-run-simulation"
          className="check-run-simulation"
        >
          {t('checklist.row.runSimulation')}
        </Button>
      )}
      {result && expanded && (
        <div
          id={detailsId}
          role="region"
          aria-label={t('checklist.row.detailsLabel', { title: titleText })}
          className="check-details"
        >
          {result.status === 'error' && <p className="check-error-note">{t('checklist.row.errorNote')}</p>}
          {result.remediation && (
            <div className="check-remediation" data-testid="check-remediation">
              <h4 className="check-details-title">
                {result.status === 'skip' ? t('checklist.row.skipped') : t('checklist.row.remediation')}
              </h4>
              <p>{readable(result.remediation)}</p>
            </div>
          )}
          {(result.status === 'fail' || result.status === 'warn' || result.status === 'error') && (
            <Button
              type="link"
              className="check-explain"
              icon={<QuestionCircleOutlined />}
              onClick={() => openExplanation({ kind: 'check', result })}
              aria-label={t('explain.openLabel', { title: titleText })}
            >
              {t('diagnosis.verdict.explain')}
            </Button>
          )}
          {/* The check's ID and the evidence behind it are for support: one disclosure per row. */}
          <SupportDetails
            testId="check-support-details"
            rows={[
              { label: t('supportDetails.checkId'), value: id },
              { label: t('checklist.row.evidence'), value: <Evidence evidence={result.evidence} /> },
            ]}
          />
        </div>
      )}
    </li>
  );
}

function Evidence({ evidence }: { evidence: Record<string, unknown> }) {
  const { t } = useTranslation();
  if (Object.keys(evidence).length === 0) {
    return <span className="text-secondary">{t('checklist.row.noEvidence')}</span>;
  }
  const json = JSON.stringify(evidence, null, 2);
  return (
    <Typography.Paragraph copyable={{ text: json }} className="evidence-copy" data-testid="check-evidence">
      <pre className="evidence-json" tabIndex={0}>
        {json}
      </pre>
    </Typography.Paragraph>
  );
}
