import type { TFunction } from 'i18next';
import type { Diagnosis } from '../../../../shared/diagnosis/diagnosis';
import type { LocalizedText } from '../../../../shared/i18n/localized-text';
import { OUTCOME_EXPLANATIONS } from '../../../../shared/simulation/outcome-explanations';

/**
 * 复制诊断摘要: a few plain lines for a chat window (WeChat, a support chat), in the UI language —
 * what happened, whose side, what to do first, what the buyer saw, how many checks found something.
 * No codes, no IDs, no addresses: the diagnosis bundle carries those for support.
 */
export function diagnosisSummary(
  diagnosis: Diagnosis,
  t: TFunction,
  localized: (text: LocalizedText) => string,
  dateTime: (at: string) => string,
): string {
  const { verdict } = diagnosis;
  const problems = diagnosis.checklist.results.filter((r) => r.status === 'fail' || r.status === 'warn');
  const lines = [
    t('report.summary.title'),
    t('report.summary.store', { store: diagnosis.storeName, time: dateTime(diagnosis.finishedAt) }),
    t('report.summary.verdict', { headline: localized(verdict.headline) }),
  ];
  if (verdict.side !== 'none') {
    lines.push(t('report.summary.side', { side: t(`diagnosis.sides.${verdict.side}.label`) }));
  }
  lines.push(t('report.summary.firstAction', { action: localized(verdict.firstAction) }));
  if (diagnosis.outcome && diagnosis.outcome !== 'REDIRECT_OK') {
    lines.push(
      t('report.summary.buyerSaw', { saw: localized(OUTCOME_EXPLANATIONS[diagnosis.outcome].buyerSaw) }),
    );
  }
  lines.push(
    problems.length > 0
      ? t('report.summary.checks', { count: problems.length, total: diagnosis.checklist.results.length })
      : t('report.summary.checksOk', { total: diagnosis.checklist.results.length }),
  );
  lines.push(t('report.summary.footer'));
  return lines.join('\n');
}
