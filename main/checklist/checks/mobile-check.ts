import { text } from '../../../shared/i18n/localized-text';
import { buyerName, buyerOf, isPhone, sameBuyer } from '../../../shared/simulation/buyer-words';
import { isThrottled } from '../../../shared/simulation/device-profiles';
import type { SimulationResult } from '../../../shared/simulation/simulation-result';
import type { CheckContext } from '../check-context';
import type { CheckDefinition, CheckOutcome } from '../engine';
import { notReached, simulationRuns } from './page-runs';

/**
 * page.mobile (catalog): the phone profile's chain — the H5 cashier of protocol §4 — reaches ready within
 * the budget, like the desktop one. Fail: a phone fails where the desktop passes. Warn: a phone passes on
 * broadband but misses the budget on slow 4G. Evidence: one entry per device run.
 */

/** The run got a cashier leg going: the prepay worked, so the cashier (not the gateway) decides. */
const cashierLegRan = (run: SimulationResult): boolean =>
  run.stages.some((stage) => stage.stage === 'cashier' && stage.status !== 'skipped');
const readyInTime = (run: SimulationResult): boolean =>
  run.cashier.readyAfterMs !== null && run.cashier.readyAfterMs <= run.cashier.budgetMs;

function evidenceOf(run: SimulationResult) {
  const buyer = buyerOf(run);
  const last = run.hops.filter((hop) => hop.leg === 'cashier').at(-1);
  return {
    device: buyer.device,
    network: buyer.network,
    emulatedNetwork: isThrottled(buyer.network),
    outcome: run.outcome,
    readyAfterMs: run.cashier.readyAfterMs,
    budgetMs: run.cashier.budgetMs,
    cashierPage: last ? { url: last.url, status: last.status, error: last.error } : null,
    seen: run.buyer?.seen ?? null,
  };
}

const names = (runs: readonly SimulationResult[]) => {
  const list = runs.map((run) => buyerName(buyerOf(run)));
  return text(list.map((n) => n['zh-CN']).join('、'), list.map((n) => n['en-US']).join(', '));
};

/** Why this phone run missed the cashier, in a few words. */
function failureWords(run: SimulationResult) {
  const last = run.hops.filter((hop) => hop.leg === 'cashier').at(-1);
  if (run.outcomeDetail.stage === 'cashier' && last && (last.error || (last.status ?? 0) >= 400)) {
    const what = last.error ?? `HTTP ${last.status}`;
    return text(`手机版收银台打不开（${what}）`, `the phone cashier does not open (${what})`);
  }
  if (run.cashier.state === 'error') return text('收银台显示了错误页面', 'the cashier shows its error page');
  return text(
    `收银台在 ${run.cashier.budgetMs / 1000} 秒内没有准备好`,
    `the cashier was not ready within ${run.cashier.budgetMs / 1000} s`,
  );
}

function judgeMobile(runs: readonly SimulationResult[]): CheckOutcome {
  const phones = runs.filter((run) => isPhone(buyerOf(run)));
  const computers = runs.filter((run) => !isPhone(buyerOf(run)));
  const evidence = { devices: runs.map(evidenceOf) };
  if (phones.length === 0) {
    return {
      status: 'skip',
      summary: text(
        '这次只模拟了电脑上的买家，没有模拟手机。',
        'Only a buyer on a computer was simulated this time, no phone.',
      ),
      evidence,
    };
  }
  const judged = phones.filter(cashierLegRan);
  if (judged.length === 0) return { ...notReached(phones[0]!, text('收银台', 'the cashier')), evidence };
  const failing = judged.filter((run) => !readyInTime(run));
  const computersReady = computers.filter(cashierLegRan).some(readyInTime);
  // A phone that misses the budget only on an emulated slow network, while the same phone on broadband made it.
  const slowOnly = failing.filter(
    (run) =>
      isThrottled(buyerOf(run).network) &&
      judged.some(
        (other) =>
          readyInTime(other) &&
          other.buyer?.device === run.buyer?.device &&
          !isThrottled(buyerOf(other).network),
      ),
  );
  const hardFailing = failing.filter((run) => !slowOnly.includes(run));
  const first = hardFailing[0];
  if (first && computers.length > 0 && !computersReady) {
    return {
      status: 'skip',
      summary: text(
        '电脑上也没有打开收银台：问题不只在手机上，请看上面其他检查。',
        'The cashier did not open on the computer either: the problem is not phone-only; see the other checks.',
      ),
      evidence,
    };
  }
  if (first) {
    const why = failureWords(first);
    const desktop = computersReady
      ? text('，电脑上正常。', '; on the computer it works.')
      : text('（这次没有模拟电脑）。', ' (no computer was simulated this time).');
    return {
      status: 'fail',
      summary: text(
        `${names(hardFailing)['zh-CN']}上${why['zh-CN']}${desktop['zh-CN']}`,
        `On ${names(hardFailing)['en-US']}, ${why['en-US']}${desktop['en-US']}`,
      ),
      remediation: text(
        '手机买家走的是平台的手机版收银台，它和电脑版是两个页面。请把诊断包发给平台客服，说明「手机上打不开收银台，电脑上正常」，诊断包里有手机上每一步的记录和截图。',
        'Phone buyers get the platform’s phone cashier, a different page from the desktop one. Send the diagnostic bundle to platform support and tell them “the cashier does not open on phones; computers are fine”: the bundle has every step and a screenshot from the phone.',
      ),
      evidence,
    };
  }
  if (slowOnly.length > 0) {
    return {
      status: 'warn',
      summary: text(
        `${names(slowOnly)['zh-CN']}：宽带下正常，但在这种较慢的网络下收银台 ${slowOnly[0]!.cashier.budgetMs / 1000} 秒内没有准备好（网络是模拟的）。`,
        `On ${names(slowOnly)['en-US']}: fine on broadband, but on this slower network the cashier was not ready within ${slowOnly[0]!.cashier.budgetMs / 1000} s (the network was emulated).`,
      ),
      remediation: text(
        '网络差的手机买家会等不到收银台。手机版收银台是平台的页面：请把诊断包发给平台客服，请他们减小手机版收银台的大小。',
        'Phone buyers on a poor network will give up waiting for the cashier. The phone cashier is the platform’s page: send the diagnostic bundle to platform support and ask them to make it lighter.',
      ),
      evidence,
    };
  }
  const slowest = Math.max(...judged.map((run) => run.cashier.readyAfterMs ?? 0));
  return {
    status: 'pass',
    summary: text(
      `${names(judged)['zh-CN']}上收银台按时打开（最慢 ${Math.round(slowest)} 毫秒，上限 ${judged[0]!.cashier.budgetMs} 毫秒）${computers.length > 0 ? '，和电脑上一样' : ''}。`,
      `On ${names(judged)['en-US']} the cashier opened in time (slowest ${Math.round(slowest)} ms, limit ${judged[0]!.cashier.budgetMs} ms)${computers.length > 0 ? ', as on the computer' : ''}.`,
    ),
    evidence,
  };
}

export const mobileCheck: CheckDefinition<CheckContext> = {
  id: 'page.mobile',
  async run(ctx) {
    const source = simulationRuns(ctx.simulation);
    if ('skip' in source) return source.skip;
    // Several runs of one buyer (intermittency mode) count once per buyer: its worst run decides.
    const perBuyer: SimulationResult[] = [];
    for (const run of source.runs) {
      const index = perBuyer.findIndex((seen) => sameBuyer(buyerOf(seen), buyerOf(run)));
      if (index === -1) perBuyer.push(run);
      else if (readyInTime(perBuyer[index]!) && !readyInTime(run)) perBuyer[index] = run;
    }
    return judgeMobile(perBuyer);
  },
};
