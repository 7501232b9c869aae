import type { CheckStatus } from '../../../shared/checklist/check-result';
import { text, type LocalizedText } from '../../../shared/i18n/localized-text';
import type { OutcomeCode } from '../../../shared/protocol/outcome-codes';
import { OUTCOME_EXPLANATIONS } from '../../../shared/simulation/outcome-explanations';
import { buyerName, buyerOf, sameBuyer } from '../../../shared/simulation/buyer-words';
import type { SimulationFacts, SimulationResult } from '../../../shared/simulation/simulation-result';
import { NOT_SIMULATED } from '../../../shared/checklist/skip-reasons';
import type { CheckContext } from '../check-context';
import type { CheckOutcome } from '../engine';

/**
 * What the page checks share: reading ctx.simulation (one run, a series, or why there is none), judging
 * every run and keeping the worst, and saying which runs (or which devices) a verdict is about.
 */

/** ctx.simulation → the runs to judge, or the skip that says why there are none. */
export function simulationRuns(
  facts: SimulationFacts | null | undefined,
): { runs: SimulationResult[] } | { skip: CheckOutcome } {
  if (facts === null || facts === undefined) {
    return {
      skip: {
        status: 'skip',
        summary: text(
          '没有运行模拟支付，这一项无法判断。',
          'No payment simulation was run, so this cannot be judged.',
        ),
        // Said in the evidence too: the checklist offers to run one only for this skip.
        evidence: { ...NOT_SIMULATED },
      },
    };
  }
  if (facts.kind === 'simulation-unavailable') {
    return { skip: { status: 'skip', summary: facts.reason, evidence: { detail: facts.detail } } };
  }
  if (facts.kind === 'simulation-series') {
    return facts.runs.length > 0
      ? { runs: facts.runs }
      : {
          skip: {
            status: 'skip',
            summary: text(
              '模拟支付被取消了，没有完成的结果。',
              'The simulation was cancelled before any run finished.',
            ),
          },
        };
  }
  return { runs: [facts] };
}

const SEVERITY: Record<CheckStatus, number> = { fail: 4, error: 3, warn: 2, pass: 1, skip: 0 };

/**
 * One verdict per run; the worst decides, and with several runs the summary says how many were affected,
 * or, when the runs were different buyers (a diagnosis runs a phone and a computer), on which devices.
 */
export function judgeRuns(ctx: CheckContext, judge: (run: SimulationResult) => CheckOutcome): CheckOutcome {
  const source = simulationRuns(ctx.simulation);
  if ('skip' in source) return source.skip;
  const verdicts = source.runs.map(judge);
  const worst = verdicts.reduce((a, b) => (SEVERITY[b.status] > SEVERITY[a.status] ? b : a));
  if (verdicts.length === 1) return worst;
  const affected = verdicts.filter((v) => v.status === worst.status).length;
  const counts: Partial<Record<CheckStatus, number>> = {};
  for (const v of verdicts) counts[v.status] = (counts[v.status] ?? 0) + 1;
  const prefix = manyBuyers(source.runs)
    ? devicePrefix(source.runs, verdicts, worst.status)
    : worst.status === 'pass' || affected === verdicts.length
      ? text(`${verdicts.length} 次模拟都是这样：`, `All ${verdicts.length} runs: `)
      : text(`${verdicts.length} 次模拟中有 ${affected} 次：`, `${affected} of ${verdicts.length} runs: `);
  return {
    ...worst,
    summary: text(
      `${prefix['zh-CN']}${worst.summary['zh-CN']}`,
      `${prefix['en-US']}${worst.summary['en-US']}`,
    ),
    evidence: { ...(worst.evidence ?? {}), runs: verdicts.length, statusCounts: counts },
  };
}

export const explanationOf = (code: OutcomeCode): LocalizedText => OUTCOME_EXPLANATIONS[code].whatToDo;

/** Why a page check has nothing to look at: the run ended before that page, naming where. */
export function notReached(run: SimulationResult, what: LocalizedText): CheckOutcome {
  const meaning = OUTCOME_EXPLANATIONS[run.outcome].meaning;
  return {
    status: 'skip',
    summary: text(
      `模拟在到达${what['zh-CN']}之前就结束了：${meaning['zh-CN']}`,
      `The simulation ended before reaching ${what['en-US']}: ${meaning['en-US']}`,
    ),
    // The outcome code is for support: in the evidence (the row's 给客服看), not the sentence.
    evidence: { outcome: run.outcome, outcomeDetail: run.outcomeDetail },
  };
}

/** The runs were not all the same buyer (device and network). */
function manyBuyers(runs: readonly SimulationResult[]): boolean {
  const first = buyerOf(runs[0]!);
  return runs.some((run) => !sameBuyer(buyerOf(run), first));
}

/** 「iPhone 微信内置浏览器上：」 — the devices whose runs got the worst verdict. */
function devicePrefix(
  runs: readonly SimulationResult[],
  verdicts: readonly CheckOutcome[],
  worst: CheckStatus,
): LocalizedText {
  const names = runs.filter((_, i) => verdicts[i]!.status === worst).map((run) => buyerName(buyerOf(run)));
  if (names.length === runs.length)
    return text(`${runs.length} 种设备都是这样：`, `All ${runs.length} devices: `);
  return text(
    `${names.map((n) => n['zh-CN']).join('、')}上：`,
    `On ${names.map((n) => n['en-US']).join(', ')}: `,
  );
}
