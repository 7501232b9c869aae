import {
  AppstoreOutlined,
  ArrowLeftOutlined,
  CustomerServiceOutlined,
  EyeOutlined,
  FileSearchOutlined,
  QuestionCircleOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckGroup, CheckResult } from '../../../../shared/checklist/check-result';
import type { Diagnosis } from '../../../../shared/diagnosis/diagnosis';
import { OUTCOME_CODES, type OutcomeCode } from '../../../../shared/protocol/outcome-codes';
import { OUTCOME_EXPLANATIONS } from '../../../../shared/simulation/outcome-explanations';
import { ScreenHeader } from '../../ui/screen-parts';
import { useScreenRoute } from '../../app/use-screen-route';
import type { Messages } from '../../i18n/resources';
import { useLocalized } from '../../i18n/use-localized';
import { StatusTag } from '../checklist/status';
import { CooldownNote } from '../diagnosis/CooldownNote';
import { loadLastDiagnosis, useDiagnosisSession } from '../diagnosis/diagnosis-session';
import { parsePlatformTime, riskCooldownEnd, useDateTime } from '../diagnosis/format';
import { OutcomeLabel, SideBadge } from '../diagnosis/looks';
import { openExplanation, useExplainTarget } from './explain-target';

type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Every outcome code needs a name and a "when to contact the platform" line, and every check group one too.
const everyOutcomeExplained: Exactly<keyof Messages['explain']['outcomes'], OutcomeCode> = true;
const everyGroupExplained: Exactly<keyof Messages['explain']['groups'], CheckGroup> = true;
void everyOutcomeExplained;
void everyGroupExplained;

/** Checks worth a page of their own: anything that did not simply pass or get skipped. */
const NEEDS_A_LOOK: ReadonlySet<string> = new Set(['fail', 'error', 'warn']);

/**
 * Plain-word explanations: one page per outcome code of a simulated payment and per check a run found
 * wanting (what the buyer saw, what it means, what to do now, when to contact the platform instead),
 * and, without one chosen, the list of them all.
 */
export default function ExplainScreen() {
  const target = useExplainTarget();
  const session = useDiagnosisSession();

  useEffect(() => {
    void loadLastDiagnosis();
  }, []);

  const diagnosis = session.diagnosis && !session.diagnosis.cancelled ? session.diagnosis : null;

  return (
    <Flex vertical gap="large" className="screen explain-screen">
      {target === null && <ExplainIndex diagnosis={diagnosis} />}
      {target?.kind === 'outcome' && <OutcomePage code={target.code} diagnosis={diagnosis} />}
      {target?.kind === 'check' && <CheckPage result={target.result} diagnosis={diagnosis} />}
    </Flex>
  );
}

function PageNav() {
  const { t } = useTranslation();
  const [, navigate] = useScreenRoute();
  return (
    <Flex gap="small" wrap>
      <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('home')}>
        {t('explain.home')}
      </Button>
      <Button icon={<AppstoreOutlined />} onClick={() => openExplanation(null)}>
        {t('explain.all')}
      </Button>
    </Flex>
  );
}

function Section({
  id,
  icon,
  title,
  children,
}: {
  id: string;
  icon: ReactNode;
  title: string;
  children: ReactNode;
}) {
  return (
    <section className="explain-section" aria-labelledby={`explain-${id}`} data-testid={`explain-${id}`}>
      <h2 id={`explain-${id}`} className="explain-section-title">
        <span aria-hidden>{icon}</span>
        {title}
      </h2>
      {children}
    </section>
  );
}

function OutcomePage({ code, diagnosis }: { code: OutcomeCode; diagnosis: Diagnosis | null }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const explanation = OUTCOME_EXPLANATIONS[code];
  // What the last diagnosis adds, when it ran into this very outcome.
  const ofThisRun = diagnosis?.outcome === code ? diagnosis : null;
  const supporting = ofThisRun?.verdict.supportingCheck
    ? ofThisRun.checklist.results.find((r) => r.id === ofThisRun.verdict.supportingCheck)
    : undefined;
  const cooldown = code === 'RISK_REJECTED' ? riskCooldownEnd(diagnosis) : null;

  return (
    <>
      <PageNav />
      <div>
        <Typography.Title level={1} className="screen-title" data-testid="explain-title">
          {t(`explain.outcomes.${code}.title`)}
        </Typography.Title>
        <Flex align="center" gap="small" wrap>
          <OutcomeLabel outcome={code} code={false} />
          <Tag className="outcome-code" data-testid="explain-code">
            {t('explain.codeLabel')} {code}
          </Tag>
        </Flex>
      </div>
      <Card data-testid="explain-page" data-outcome={code}>
        <div className="explain-sections">
          <Section id="buyer-saw" icon={<EyeOutlined />} title={t('explain.sections.buyerSaw')}>
            <p>{localized(explanation.buyerSaw)}</p>
          </Section>
          <Section id="meaning" icon={<QuestionCircleOutlined />} title={t('explain.sections.meaning')}>
            <p>{localized(explanation.meaning)}</p>
          </Section>
          <Section id="what-to-do" icon={<ToolOutlined />} title={t('explain.sections.whatToDo')}>
            <p>{localized(explanation.whatToDo)}</p>
            {cooldown && <CooldownNote until={cooldown} />}
          </Section>
          <Section id="side" icon={<TeamOutlined />} title={t('explain.sections.side')}>
            <SideBadge side={explanation.side} />
          </Section>
          <Section id="contact" icon={<CustomerServiceOutlined />} title={t('explain.sections.contact')}>
            <p>{t(`explain.outcomes.${code}.contact`)}</p>
          </Section>
          {supporting && (
            <Section id="this-run" icon={<FileSearchOutlined />} title={t('explain.sections.thisRun')}>
              <Flex vertical gap="small" align="flex-start">
                <Typography.Text type="secondary">{t('explain.thisRunIntro')}</Typography.Text>
                <Flex align="center" gap="small" wrap>
                  <StatusTag status={supporting.status} />
                  <Typography.Text strong>{localized(supporting.title)}</Typography.Text>
                </Flex>
                <p>{localized(supporting.summary)}</p>
                {supporting.remediation && <p>{localized(supporting.remediation)}</p>}
                <Button
                  type="link"
                  className="no-margin"
                  onClick={() => openExplanation({ kind: 'check', result: supporting })}
                  aria-label={t('explain.openLabel', { title: localized(supporting.title) })}
                >
                  {t('diagnosis.verdict.explain')}
                </Button>
              </Flex>
            </Section>
          )}
        </div>
      </Card>
    </>
  );
}

function CheckPage({ result, diagnosis }: { result: CheckResult; diagnosis: Diagnosis | null }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const group = result.group;
  // Whose side a check is on is known when the verdict rests on it.
  const verdict = diagnosis?.verdict;
  const side =
    verdict &&
    (verdict.supportingCheck === result.id ||
      (verdict.cause?.kind === 'check' && verdict.cause.id === result.id))
      ? verdict.side
      : null;
  const until = result.id === 'risk.status' ? result.evidence.cooldown_until : undefined;
  const cooldown = typeof until === 'string' ? parsePlatformTime(until) : null;
  const whatToDo =
    result.status === 'error'
      ? t('explain.checkError')
      : result.remediation
        ? localized(result.remediation)
        : result.status === 'skip'
          ? t('explain.checkSkipped')
          : t('explain.checkPassed');

  return (
    <>
      <PageNav />
      <div>
        <Typography.Title level={1} className="screen-title" data-testid="explain-title">
          {localized(result.title)}
        </Typography.Title>
        <Flex align="center" gap="small" wrap>
          <StatusTag status={result.status} />
          <Typography.Text type="secondary">
            {t('explain.groupLabel', { group: t(`explain.groups.${group}.name`) })}
          </Typography.Text>
          <Tag className="outcome-code" data-testid="explain-code">
            {result.id}
          </Tag>
        </Flex>
      </div>
      <Card data-testid="explain-page" data-check-id={result.id}>
        <div className="explain-sections">
          <Section id="found" icon={<FileSearchOutlined />} title={t('explain.sections.found')}>
            <p>{localized(result.summary)}</p>
          </Section>
          <Section id="buyer-impact" icon={<UserOutlined />} title={t('explain.sections.buyerImpact')}>
            <p>{t(`explain.groups.${group}.buyer`)}</p>
          </Section>
          <Section id="what-to-do" icon={<ToolOutlined />} title={t('explain.sections.whatToDo')}>
            <p>{whatToDo}</p>
            {cooldown && <CooldownNote until={cooldown} />}
          </Section>
          {side && (
            <Section id="side" icon={<TeamOutlined />} title={t('explain.sections.side')}>
              <SideBadge side={side} />
            </Section>
          )}
          <Section id="contact" icon={<CustomerServiceOutlined />} title={t('explain.sections.contact')}>
            <p>{t(`explain.groups.${group}.contact`)}</p>
          </Section>
        </div>
      </Card>
    </>
  );
}

function ExplainIndex({ diagnosis }: { diagnosis: Diagnosis | null }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const dateTime = useDateTime();
  const checks = diagnosis?.checklist.results.filter((r) => NEEDS_A_LOOK.has(r.status)) ?? [];

  return (
    <>
      <ScreenHeader title={t('explain.title')} intro={t('explain.intro')} />
      {diagnosis && checks.length > 0 && (
        <Card
          title={<h2 className="card-title">{t('explain.lastRunChecks')}</h2>}
          extra={
            <Typography.Text type="secondary">
              {t('explain.lastRunChecksHint', { time: dateTime(diagnosis.finishedAt) })}
            </Typography.Text>
          }
          data-testid="explain-index-checks"
        >
          <ul className="explain-index-list">
            {checks.map((result) => (
              <li key={result.id} className="explain-index-item">
                <Flex align="center" gap="small">
                  <StatusTag status={result.status} />
                  <Button type="link" onClick={() => openExplanation({ kind: 'check', result })}>
                    {localized(result.title)}
                  </Button>
                </Flex>
                <Typography.Text type="secondary">{localized(result.summary)}</Typography.Text>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card
        title={<h2 className="card-title">{t('explain.outcomesTitle')}</h2>}
        data-testid="explain-index-outcomes"
      >
        <ul className="explain-index-list">
          {OUTCOME_CODES.map((code) => (
            <li key={code} className="explain-index-item" data-outcome={code}>
              <Button type="link" onClick={() => openExplanation({ kind: 'outcome', code })}>
                <OutcomeLabel outcome={code} />
              </Button>
              <Typography.Text type="secondary">
                {localized(OUTCOME_EXPLANATIONS[code].buyerSaw)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
