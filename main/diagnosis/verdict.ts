import type { CheckResult } from '../../shared/checklist/check-result';
import type { DiagnosisVerdict } from '../../shared/diagnosis/verdict';
import { text } from '../../shared/i18n/localized-text';
import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import { buyerOf, deviceSplitHeadline, isPhone } from '../../shared/simulation/buyer-words';
import { OUTCOME_EXPLANATIONS } from '../../shared/simulation/outcome-explanations';
import type { SimulationResult } from '../../shared/simulation/simulation-result';
import { checkVerdict } from '../../shared/diagnosis/check-verdicts';
import { CHECK_PRIORITY, CHECKS_EXPLAINING } from './check-sides';

const rank = (id: string) => {
  const i = CHECK_PRIORITY.findIndex((prefix) => id === prefix || id.startsWith(prefix));
  return i === -1 ? CHECK_PRIORITY.length : i;
};
const byPriority = (a: CheckResult, b: CheckResult) => rank(a.id) - rank(b.id);

/** One kind of device failed and the other passed: the first failing run of the failing kind. */
function deviceSplit(
  runs: readonly SimulationResult[],
): { kind: 'phone' | 'computer'; run: SimulationResult } | null {
  const failed = (run: SimulationResult) => run.outcome !== 'REDIRECT_OK';
  const phones = runs.filter((run) => isPhone(buyerOf(run)));
  const computers = runs.filter((run) => !isPhone(buyerOf(run)));
  if (phones.length === 0 || computers.length === 0) return null;
  const phoneFailure = phones.find(failed);
  const computerFailure = computers.find(failed);
  if (phoneFailure && !computerFailure) return { kind: 'phone', run: phoneFailure };
  if (computerFailure && !phoneFailure) return { kind: 'computer', run: computerFailure };
  return null;
}

/**
 * One verdict from a whole diagnosis. The simulated redirect is what a buyer experiences, so its outcome
 * leads when it failed; a failing check that explains that outcome names the cause more precisely, and
 * then the check's row speaks. Without a failed redirect, the likeliest root cause among failing checks
 * leads, then warnings. Side, side note and first action come from one row of one table (the outcome's
 * in OUTCOME_EXPLANATIONS, or the check's in CHECK_VERDICTS), so they cannot contradict.
 */
export function diagnosisVerdict(
  checks: readonly CheckResult[],
  outcome: OutcomeCode | null,
  runs: readonly SimulationResult[] = [],
): DiagnosisVerdict {
  const failing = checks.filter((c) => c.status === 'fail' || c.status === 'error').sort(byPriority);
  const split = outcome && outcome !== 'REDIRECT_OK' ? deviceSplit(runs) : null;
  if (split) {
    // Phones fail where the computer works (or the reverse): say which, in the buyer's words (page.mobile).
    const code = split.run.outcome;
    const mobile = checks.find((c) => c.id === 'page.mobile' && (c.status === 'fail' || c.status === 'warn'));
    const explanation = OUTCOME_EXPLANATIONS[code];
    const action = split.kind === 'phone' ? mobile?.remediation : undefined;
    // page.mobile's own words for phones; its side and note then come from its row of the table.
    const row = action ? checkVerdict('page.mobile') : explanation;
    return {
      status: 'problem',
      side: row.side,
      sideNote: row.sideNote,
      headline: deviceSplitHeadline(split.kind, buyerOf(split.run).network, code),
      firstAction: action ?? explanation.whatToDo,
      cause: { kind: 'outcome', code },
      supportingCheck: action ? 'page.mobile' : null,
    };
  }
  if (outcome && outcome !== 'REDIRECT_OK') {
    const explanation = OUTCOME_EXPLANATIONS[outcome];
    const explaining = (CHECKS_EXPLAINING[outcome] ?? [])
      .map((id) => failing.find((c) => c.id === id && c.status === 'fail'))
      .find(Boolean);
    const row = explaining ? checkVerdict(explaining.id) : explanation;
    return {
      status: 'problem',
      side: row.side,
      sideNote: row.sideNote,
      headline: explanation.meaning,
      firstAction: explaining ? checkVerdict(explaining.id).firstAction : explanation.whatToDo,
      cause: { kind: 'outcome', code: outcome },
      supportingCheck: explaining?.id ?? null,
    };
  }
  const first = failing[0];
  if (first) {
    const row = checkVerdict(first.id);
    return {
      status: 'problem',
      side: row.side,
      sideNote: row.sideNote,
      headline: first.summary,
      firstAction: row.firstAction,
      cause: { kind: 'check', id: first.id },
      supportingCheck: first.id,
    };
  }
  const warning = checks.filter((c) => c.status === 'warn').sort(byPriority)[0];
  if (warning) {
    const row = checkVerdict(warning.id);
    return {
      status: 'warning',
      side: row.side,
      sideNote: row.sideNote,
      headline: text(
        `白条支付能用，但有一项需要注意：${warning.summary['zh-CN']}`,
        `Baitiao payment works, but one thing needs attention: ${warning.summary['en-US']}`,
      ),
      firstAction: row.firstAction,
      cause: { kind: 'check', id: warning.id },
      supportingCheck: warning.id,
    };
  }
  const ok = OUTCOME_EXPLANATIONS.REDIRECT_OK;
  return {
    status: 'ok',
    side: 'none',
    sideNote: ok.sideNote,
    headline: text(
      '白条支付一切正常：买家能打开收银台，付款后能回到店铺。',
      'Baitiao payment works: buyers reach the cashier and get back to the shop.',
    ),
    firstAction: ok.whatToDo,
    cause: null,
    supportingCheck: null,
  };
}
