import {
  CheckCircleFilled,
  CloseCircleFilled,
  DesktopOutlined,
  SafetyOutlined,
  ShopOutlined,
  CloudServerOutlined,
} from '@ant-design/icons';
import { Card, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutcomeCode } from '../../../../shared/protocol/outcome-codes';
import {
  OUTCOME_EXPLANATIONS,
  type ResponsibleSide,
} from '../../../../shared/simulation/outcome-explanations';
import type { SimulationResult } from '../../../../shared/simulation/simulation-result';
import { SupportDetails } from '../../ui/SupportDetails';
import { useLocalized } from '../../i18n/use-localized';
import { useMilliseconds } from './format';

const SIDE_ICONS: Record<ResponsibleSide, ReactNode> = {
  store: <ShopOutlined />,
  platform: <CloudServerOutlined />,
  'merchant-machine': <DesktopOutlined />,
  none: <SafetyOutlined />,
};

/** Success or failure as an icon and a word, never colour alone. */
export function OutcomeTag({ code }: { code: OutcomeCode }) {
  const { t } = useTranslation();
  const ok = code === 'REDIRECT_OK';
  return (
    <Tag
      color={ok ? 'success' : 'error'}
      icon={ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
      className="status-tag"
      data-outcome={code}
    >
      {ok ? t('simulation.outcome.ok') : t('simulation.outcome.failed')}
    </Tag>
  );
}

/**
 * The verdict of one run, for a shop owner: the outcome in plain words, what a buyer saw, what it
 * means, what to do, and whose side the problem is on (each with an icon and words); the technical
 * reason underneath for support staff.
 */
export function OutcomeCard({ result, runNumber }: { result: SimulationResult; runNumber: number | null }) {
  const { t, i18n } = useTranslation();
  const localized = useLocalized();
  const ms = useMilliseconds();
  const code = result.outcome;
  const explanation = OUTCOME_EXPLANATIONS[code];
  const ok = code === 'REDIRECT_OK';
  const time = new Intl.DateTimeFormat(i18n.resolvedLanguage, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  }).format(new Date(result.finishedAt));

  return (
    <Card
      className={`sim-outcome ${ok ? 'sim-outcome-ok' : 'sim-outcome-failed'}`}
      data-testid="simulation-outcome"
      data-outcome={code}
    >
      <Flex vertical gap="middle">
        <Flex gap="middle" align="flex-start">
          <span className={`sim-outcome-icon ${ok ? 'icon-ok' : 'icon-bad'}`} aria-hidden>
            {ok ? <CheckCircleFilled /> : <CloseCircleFilled />}
          </span>
          <Flex vertical gap={4} className="sim-outcome-head">
            <Typography.Text type="secondary">
              {runNumber === null
                ? t('simulation.outcome.title')
                : t('simulation.outcome.titleOfRun', { n: runNumber })}
            </Typography.Text>
            <Flex align="center" gap="small" wrap>
              <OutcomeTag code={code} />
              <h2 className="sim-outcome-title" data-testid="simulation-outcome-title">
                {t(`simulation.outcomes.${code}`)}
              </h2>
            </Flex>
            <Typography.Text type="secondary">{t('simulation.lastRun', { time })}</Typography.Text>
          </Flex>
        </Flex>

        <dl className="sim-explanation">
          <div>
            <dt>{t('simulation.outcome.buyerSaw')}</dt>
            <dd data-testid="simulation-buyer-saw">{localized(explanation.buyerSaw)}</dd>
          </div>
          <div>
            <dt>{t('simulation.outcome.meaning')}</dt>
            <dd data-testid="simulation-meaning">{localized(explanation.meaning)}</dd>
          </div>
          <div>
            <dt>{t('simulation.outcome.whatToDo')}</dt>
            <dd data-testid="simulation-what-to-do">{localized(explanation.whatToDo)}</dd>
          </div>
          <div>
            <dt>{t('simulation.outcome.side')}</dt>
            <dd data-testid="simulation-side" data-side={explanation.side}>
              <Flex gap="small" align="baseline">
                <span className={`sim-side-icon sim-side-${explanation.side}`} aria-hidden>
                  {SIDE_ICONS[explanation.side]}
                </span>
                <span>
                  <strong>{t(`simulation.sides.${explanation.side}.name`)}</strong>
                  {' · '}
                  {localized(explanation.sideNote)}
                </span>
              </Flex>
            </dd>
          </div>
        </dl>

        <Flex gap="large" wrap className="text-secondary">
          <span data-testid="simulation-time-to-ready">
            {result.timeToReadyMs === null
              ? t('simulation.outcome.neverReady')
              : t('simulation.outcome.timeToReady', { duration: ms(result.timeToReadyMs) })}
          </span>
          <span>{t('simulation.outcome.total', { duration: ms(result.totalMs) })}</span>
        </Flex>
        {/* Codes, the engine's own words and the browser's name are for support staff. */}
        <SupportDetails
          testId="simulation-support-details"
          rows={[
            {
              label: t('supportDetails.outcomeCode'),
              value: <span data-testid="simulation-outcome-code">{code}</span>,
            },
            {
              label: t('supportDetails.rawMessage'),
              value: <span data-testid="simulation-reason">{result.outcomeDetail.reason}</span>,
            },
            {
              // The cashier's own error code: support asks the platform with it.
              label: t('supportDetails.cashierErrorCode'),
              value: result.cashier.errorCode && (
                <span data-testid="simulation-cashier-error-code">{result.cashier.errorCode}</span>
              ),
            },
            { label: t('supportDetails.browser'), value: result.browser.product },
          ]}
        />
      </Flex>
    </Card>
  );
}
