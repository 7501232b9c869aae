import { FileTextOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Typography } from 'antd';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnosis } from '../../../../shared/diagnosis/diagnosis';
import { OUTCOME_EXPLANATIONS } from '../../../../shared/simulation/outcome-explanations';
import { SupportDetails } from '../../ui/SupportDetails';
import { useScreenRoute } from '../../app/use-screen-route';
import { useLocalized } from '../../i18n/use-localized';
import { useDuration } from '../checklist/use-duration';
import { CooldownNote } from '../diagnosis/CooldownNote';
import { riskCooldownEnd, useDateTime } from '../diagnosis/format';
import { OutcomeLabel, SideBadge, VerdictStatusTag } from '../diagnosis/looks';
import { openExplanation, type ExplainTarget } from '../explain/explain-target';
import { NewKeyAction } from '../keys/NewKeyAction';

/** What "这是什么意思？" opens: the outcome or the check the verdict rests on, or the all-clear outcome. */
export function verdictTarget(diagnosis: Diagnosis): ExplainTarget | null {
  const { cause } = diagnosis.verdict;
  if (cause?.kind === 'outcome') return { kind: 'outcome', code: cause.code };
  if (cause?.kind === 'check') {
    const result = diagnosis.checklist.results.find((r) => r.id === cause.id);
    if (result) return { kind: 'check', result };
  }
  return diagnosis.outcome ? { kind: 'outcome', code: diagnosis.outcome } : null;
}

/**
 * The one thing a shop owner reads after a diagnosis: the verdict as an icon and words, the headline,
 * the first thing to do, whose side it is on, what a buyer would have seen; then the way to the details.
 */
export function VerdictCard({
  diagnosis,
  headingRef,
  stale = false,
}: {
  diagnosis: Diagnosis;
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** Another demo scenario plays since: the card is greyed and says 「已过时」 (see DiagnosisPanel). */
  stale?: boolean;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const dateTime = useDateTime();
  const duration = useDuration();
  const [, navigate] = useScreenRoute();
  const { verdict, outcome, simulation } = diagnosis;
  const cooldown = riskCooldownEnd(diagnosis);
  const target = verdictTarget(diagnosis);
  const tookMs = Math.max(0, Date.parse(diagnosis.finishedAt) - Date.parse(diagnosis.startedAt));

  return (
    <Card
      className={`verdict-card verdict-card-${verdict.status}${stale ? ' verdict-card-stale' : ''}`}
      data-testid="verdict-card"
      data-status={verdict.status}
      data-stale={stale}
      data-side={verdict.side}
      data-outcome={outcome ?? 'none'}
      role="region"
      aria-labelledby="verdict-heading"
    >
      <Flex vertical gap="middle">
        <Flex align="center" justify="space-between" gap="small" wrap>
          <h2 id="verdict-heading" ref={headingRef} tabIndex={-1} className="card-title verdict-heading">
            {stale ? t('diagnosis.verdict.staleTitle') : t('diagnosis.verdict.title')}
            {/* Focus lands here when a run ends: the heading then says the verdict itself, not only
                「诊断结论」. Shown right below, so hidden here. */}
            <span className="visually-hidden">
              {t('diagnosis.verdict.spoken', {
                status: t(`diagnosis.verdict.status.${verdict.status}`),
                headline: localized(verdict.headline),
              })}
            </span>
          </h2>
          <VerdictStatusTag status={verdict.status} />
        </Flex>
        <p className="verdict-headline" data-testid="verdict-headline">
          {localized(verdict.headline)}
        </p>
        <div className="verdict-first-action" data-testid="verdict-first-action">
          <h3 className="verdict-first-action-title">{t('diagnosis.verdict.firstAction')}</h3>
          <p>{localized(verdict.firstAction)}</p>
          {cooldown && <CooldownNote until={cooldown} />}
        </div>
        <div className="verdict-facts">
          <section className="verdict-fact" aria-labelledby="verdict-side-title" data-testid="verdict-side">
            <h3 id="verdict-side-title" className="verdict-fact-title">
              {t('diagnosis.verdict.side')}
            </h3>
            <SideBadge side={verdict.side} note={localized(verdict.sideNote)} />
          </section>
          <section
            className="verdict-fact"
            aria-labelledby="verdict-outcome-title"
            data-testid="verdict-outcome"
          >
            <h3 id="verdict-outcome-title" className="verdict-fact-title">
              {t('diagnosis.verdict.outcome')}
            </h3>
            <OutcomeLabel outcome={outcome} code={false} />
            {outcome ? (
              <Typography.Text type="secondary">
                {t('diagnosis.verdict.buyerSaw', { text: localized(OUTCOME_EXPLANATIONS[outcome].buyerSaw) })}
              </Typography.Text>
            ) : (
              simulation.kind === 'simulation-unavailable' && (
                <Typography.Text type="secondary">{localized(simulation.reason)}</Typography.Text>
              )
            )}
          </section>
        </div>
        <Flex gap="small" wrap>
          <NewKeyAction diagnosis={diagnosis} />
          <Button
            icon={<QuestionCircleOutlined />}
            onClick={() => openExplanation(target)}
            data-testid="verdict-explain"
          >
            {t('diagnosis.verdict.explain')}
          </Button>
          <Button icon={<FileTextOutlined />} onClick={() => navigate('report')} data-testid="verdict-report">
            {t('diagnosis.verdict.toReport')}
          </Button>
        </Flex>
        <Flex className="verdict-links" align="center" gap="small" wrap>
          <span className="text-secondary">{t('diagnosis.verdict.details')}</span>
          <Button type="link" onClick={() => navigate('checklist')}>
            {t('diagnosis.verdict.toChecklist')}
          </Button>
          <Button type="link" onClick={() => navigate('simulation')}>
            {t('diagnosis.verdict.toSimulation')}
          </Button>
          <Button type="link" onClick={() => navigate('timings')}>
            {t('diagnosis.verdict.toTimings')}
          </Button>
          <Button type="link" onClick={() => navigate('history')}>
            {t('diagnosis.verdict.toHistory')}
          </Button>
        </Flex>
        <Typography.Text type="secondary" data-testid="verdict-time">
          {t('diagnosis.verdict.finishedAt', {
            time: dateTime(diagnosis.finishedAt),
            duration: duration(tookMs),
          })}
        </Typography.Text>
        <SupportDetails
          rows={[
            { label: t('supportDetails.outcomeCode'), value: outcome },
            {
              label: t('supportDetails.checkId'),
              value: verdict.cause?.kind === 'check' ? verdict.cause.id : verdict.supportingCheck,
            },
            { label: t('supportDetails.diagnosisId'), value: diagnosis.id },
          ]}
        />
      </Flex>
    </Card>
  );
}
