import type { CheckId } from '../../../shared/checklist/catalog';
import { text } from '../../../shared/i18n/localized-text';
import type { SimulationHop, SimulationResult } from '../../../shared/simulation/simulation-result';
import type { CheckContext } from '../check-context';
import type { CheckDefinition } from '../engine';
import { mobileCheck } from './mobile-check';
import { explanationOf, judgeRuns, notReached } from './page-runs';

/**
 * page.* and tls.mixed-content: verdicts on the simulated redirect (main/simulation) the app or CLI ran
 * before the checklist and put in ctx.simulation. One run, or a series (the worst run decides, and the
 * summary says in how many runs). No simulation, or none possible, and every one of these skips saying why.
 * They declare no dependsOn: each looks at its own part of each run and, when a run ended before that
 * part, skips naming the outcome that stopped it (in a series one broken run must not silence the others).
 */

/** Above this many hops a chain works but is fragile and slow (catalog: warn). */
const MANY_HOPS = 5;
const MAX_HOPS = 10;
/** Ready in the last quarter of the budget: it works today, barely (catalog: warn). */
const LATE_READY_SHARE = 0.75;
const SLOW_RETURN_MS = 3000;

const CASHIER = text('收银台', 'the cashier');
const cashierReached = (run: SimulationResult): boolean => run.hops.some((hop) => hop.leg === 'cashier');
const cashierRendered = (run: SimulationResult): boolean => run.cashier.visible !== null;

function hopEvidence(hops: readonly SimulationHop[]) {
  return hops.map((hop) => ({
    leg: hop.leg,
    url: hop.url,
    status: hop.status,
    location: hop.location,
    error: hop.error,
    blockedBy: hop.blockedBy,
    durationMs: hop.durationMs,
  }));
}

const redirectChain: CheckDefinition<CheckContext> = {
  id: 'page.redirect-chain',
  async run(ctx) {
    return judgeRuns(ctx, (run) => {
      if (!cashierReached(run)) return notReached(run, text('收银台跳转', 'the cashier redirect'));
      const legs = run.hops.filter((hop) => hop.leg === 'cashier' || hop.leg === 'return');
      const evidence = { hops: hopEvidence(legs), outcome: run.outcome };
      const cashierHops = legs.filter((hop) => hop.leg === 'cashier');
      const insecure = legs.find(
        (hop) => hop.blockedBy === 'insecure-redirect' || !hop.url.startsWith('https://'),
      );
      if (insecure) {
        return {
          status: 'fail',
          summary: text(
            `跳转的第 ${insecure.position + 1} 步离开了 HTTPS：${insecure.url}`,
            `Hop ${insecure.position + 1} of the redirect leaves HTTPS: ${insecure.url}`,
          ),
          remediation: explanationOf('INSECURE_REDIRECT'),
          evidence,
        };
      }
      const loop = legs.find((hop) => hop.blockedBy === 'redirect-loop' || hop.blockedBy === 'too-many-hops');
      if (loop || run.outcome === 'REDIRECT_LOOP') {
        return {
          status: 'fail',
          summary:
            loop?.blockedBy === 'too-many-hops'
              ? text(
                  `跳转超过了 ${MAX_HOPS} 次还没有到达页面。`,
                  `The redirect took more than ${MAX_HOPS} hops without reaching a page.`,
                )
              : text(
                  `跳转绕回了已经走过的地址：${loop?.url ?? ''}`,
                  `The redirect came back to an address it had already visited: ${loop?.url ?? ''}`,
                ),
          remediation: explanationOf('REDIRECT_LOOP'),
          evidence,
        };
      }
      if (run.outcomeDetail.stage === 'cashier' && run.outcomeDetail.hopIndex !== null) {
        const broken = run.hops[run.outcomeDetail.hopIndex];
        return {
          status: 'fail',
          // The browser's error name (net::ERR_…) is in the evidence's hops, for support.
          summary: text(
            `跳转在第 ${(broken?.position ?? 0) + 1} 步断了（${broken?.error ? '浏览器没能打开这一步' : `服务器回答 ${broken?.status ?? '?'}`}），没有到达收银台。`,
            `The redirect broke at hop ${(broken?.position ?? 0) + 1} (${broken?.error ? 'the browser could not open it' : `the server answered ${broken?.status ?? '?'}`}) and never reached the cashier.`,
          ),
          remediation: explanationOf(run.outcome),
          evidence,
        };
      }
      if (cashierHops.length > MANY_HOPS) {
        return {
          status: 'warn',
          summary: text(
            `到达收银台用了 ${cashierHops.length} 次跳转，偏多：每多一步都更慢、更容易出错。`,
            `Reaching the cashier took ${cashierHops.length} hops, which is many: every hop adds time and a chance to fail.`,
          ),
          remediation: text(
            '这通常由平台决定；如果买家反映打开很慢，请把诊断包发给平台客服。',
            'This is usually up to the platform; if buyers find it slow, send the diagnostic bundle to platform support.',
          ),
          evidence,
        };
      }
      return {
        status: 'pass',
        summary: text(
          `到达收银台用了 ${cashierHops.length} 次跳转，全部是 HTTPS，没有绕圈。`,
          `Reached the cashier in ${cashierHops.length} hops, all HTTPS, no loop.`,
        ),
        evidence,
      };
    });
  },
};

const cashierReady: CheckDefinition<CheckContext> = {
  id: 'page.cashier-ready',
  async run(ctx) {
    return judgeRuns(ctx, (run) => {
      if (!cashierRendered(run)) return notReached(run, CASHIER);
      const { state, errorCode, readyAfterMs, budgetMs } = run.cashier;
      const evidence = { state, errorCode, readyAfterMs, budgetMs, timeToReadyMs: run.timeToReadyMs };
      if (state === 'error') {
        return {
          status: 'fail',
          // The cashier's error code is in the evidence (the row's 给客服看), not the sentence.
          summary: text(
            '收银台显示了错误页面，买家看到「支付失败，请稍后再试」。',
            'The cashier showed its error page; the buyer sees 支付失败，请稍后再试.',
          ),
          remediation: explanationOf(
            run.outcome === 'RISK_REJECTED' ? 'RISK_REJECTED' : 'CASHIER_ERROR_PAGE',
          ),
          evidence,
        };
      }
      if (readyAfterMs === null) {
        return {
          status: 'fail',
          summary: text(
            `收银台在 ${budgetMs / 1000} 秒内没有准备好：${state === 'loading' ? '一直停在“加载中”' : '页面上一直没有出现可以付款的收银台'}。`,
            `The cashier was not ready within ${budgetMs / 1000} s: ${state === 'loading' ? 'it stayed on “loading”' : 'no cashier ready to pay ever showed on the page'}.`,
          ),
          remediation: explanationOf(run.outcome === 'BLANK_PAGE' ? 'BLANK_PAGE' : 'CASHIER_TIMEOUT'),
          evidence,
        };
      }
      if (readyAfterMs > budgetMs * LATE_READY_SHARE) {
        return {
          status: 'warn',
          summary: text(
            `收银台 ${Math.round(readyAfterMs)} 毫秒后才准备好，接近 ${budgetMs} 毫秒的上限。`,
            `The cashier was ready only after ${Math.round(readyAfterMs)} ms, close to its ${budgetMs} ms limit.`,
          ),
          remediation: explanationOf('CASHIER_TIMEOUT'),
          evidence,
        };
      }
      return {
        status: 'pass',
        summary: text(
          `收银台 ${Math.round(readyAfterMs)} 毫秒后准备好（上限 ${budgetMs} 毫秒）。`,
          `The cashier was ready after ${Math.round(readyAfterMs)} ms (limit ${budgetMs} ms).`,
        ),
        evidence,
      };
    });
  },
};

const visibleContent: CheckDefinition<CheckContext> = {
  id: 'page.visible-content',
  async run(ctx) {
    return judgeRuns(ctx, (run) => {
      const visible = run.cashier.visible;
      if (!visible) return notReached(run, CASHIER);
      const evidence = {
        ...visible,
        screenshots: run.screenshots.map((s) => ({ moment: s.moment, path: s.path })),
      };
      if (run.outcome === 'BLANK_PAGE' || (visible.textLength === 0 && visible.images === 0)) {
        return {
          status: 'fail',
          summary: text(
            '收银台页面加载完了，却没有任何文字或图片：买家看到一片空白。',
            'The cashier page finished loading but shows no text or image: the buyer sees a blank page.',
          ),
          remediation: explanationOf('BLANK_PAGE'),
          evidence,
        };
      }
      return {
        status: 'pass',
        summary: text(
          `收银台页面有内容（${visible.textLength} 个字符、${visible.images} 张图片）。`,
          `The cashier page shows content (${visible.textLength} characters, ${visible.images} images).`,
        ),
        evidence,
      };
    });
  },
};

const charset: CheckDefinition<CheckContext> = {
  id: 'page.charset',
  async run(ctx) {
    return judgeRuns(ctx, (run) => {
      const finding = run.charset;
      if (!finding) return notReached(run, CASHIER);
      const evidence = { ...finding };
      if (finding.mojibake) {
        const bytes = finding.detected ? `，实际内容是 ${finding.detected}` : '';
        const bytesEn = finding.detected ? `, but the bytes are ${finding.detected}` : '';
        return {
          status: 'fail',
          summary: text(
            `收银台页面乱码：页面声明的编码是 ${finding.declared ?? '（未声明）'}${bytes}。`,
            `The cashier page is garbled: it declares ${finding.declared ?? 'no charset'}${bytesEn}.`,
          ),
          remediation: explanationOf('GARBLED_PAGE'),
          evidence,
        };
      }
      return {
        status: 'pass',
        summary: text(
          '收银台页面的编码和内容一致，没有乱码。',
          `The cashier page\u2019s declared charset (${finding.declared ?? finding.detected ?? 'none'}) matches its bytes; no garbled text.`,
        ),
        evidence,
      };
    });
  },
};

const consoleErrors: CheckDefinition<CheckContext> = {
  id: 'page.console-errors',
  async run(ctx) {
    return judgeRuns(ctx, (run) => {
      if (!cashierRendered(run)) return notReached(run, CASHIER);
      const onPages = (leg: string) => leg === 'cashier' || leg === 'return';
      const exceptions = run.exceptions.filter((e) => onPages(e.leg));
      const errors = run.console.filter((m) => onPages(m.leg) && m.level === 'error');
      const evidence = { exceptions: exceptions.slice(0, 20), consoleErrors: errors.slice(0, 20) };
      if (exceptions.length > 0) {
        return {
          status: 'fail',
          summary: text(
            `收银台或返回页面的脚本出错了 ${exceptions.length} 次（未捕获的错误），页面可能不能正常使用。`,
            `Scripts on the cashier or return page threw ${exceptions.length} uncaught error(s); the page may not work.`,
          ),
          remediation: text(
            '把诊断包发给出错页面所属的一方（收银台是平台，返回页面是店铺的技术人员），里面有错误详情。',
            'Send the diagnostic bundle to whoever owns the failing page (the cashier: the platform; the return page: your shop\u2019s technician); it has the details.',
          ),
          evidence,
        };
      }
      if (errors.length > 0) {
        return {
          status: 'warn',
          summary: text(
            `收银台或返回页面在控制台记录了 ${errors.length} 条错误信息。`,
            `The cashier or return page logged ${errors.length} error message(s) to the console.`,
          ),
          remediation: text(
            '页面目前能用；如果买家反映异常，把诊断包发给平台客服或店铺技术人员。',
            'The page works for now; if buyers report oddities, send the diagnostic bundle to platform support or your shop\u2019s technician.',
          ),
          evidence,
        };
      }
      return {
        status: 'pass',
        summary: text(
          '收银台和返回页面没有脚本错误。',
          'No script errors on the cashier or the return page.',
        ),
        evidence,
      };
    });
  },
};

const returnLeg: CheckDefinition<CheckContext> = {
  id: 'page.return-leg',
  async run(ctx) {
    return judgeRuns(ctx, (run) => {
      const leg = run.returnLeg;
      if (!leg.attempted) return notReached(run, text('返回店铺这一步', 'the way back to the store'));
      const evidence = { ...leg };
      if (run.outcomeDetail.stage === 'return' && run.outcome !== 'REDIRECT_OK') {
        return {
          status: 'fail',
          summary: text(
            `从收银台返回店铺失败（${leg.status !== null ? `HTTP ${leg.status}` : (leg.error ?? '没有打开')}）：买家付款后回不到店铺。`,
            `The way back from the cashier to the store failed (${leg.status !== null ? `HTTP ${leg.status}` : (leg.error ?? 'nothing loaded')}): buyers cannot get back to the shop after paying.`,
          ),
          remediation: explanationOf(run.outcome),
          evidence: { ...evidence, reason: run.outcomeDetail.reason },
        };
      }
      if (leg.durationMs !== null && leg.durationMs > SLOW_RETURN_MS) {
        return {
          status: 'warn',
          summary: text(
            `返回店铺的页面用了 ${(leg.durationMs / 1000).toFixed(1)} 秒才打开，偏慢。`,
            `The store\u2019s return page took ${(leg.durationMs / 1000).toFixed(1)} s to open, which is slow.`,
          ),
          remediation: text(
            '请店铺的技术人员检查支付返回页面为什么慢（服务器、数据库或第三方脚本）。',
            'Ask the shop\u2019s technician why the payment return page is slow (server, database or third-party scripts).',
          ),
          evidence,
        };
      }
      return {
        status: 'pass',
        summary: text(
          `付款后能回到店铺的返回页面（HTTP ${leg.status ?? '?'}，${Math.round(leg.durationMs ?? 0)} 毫秒）。`,
          `The way back reaches the store\u2019s return page (HTTP ${leg.status ?? '?'}, ${Math.round(leg.durationMs ?? 0)} ms).`,
        ),
        evidence,
      };
    });
  },
};

const mixedContent: CheckDefinition<CheckContext> = {
  id: 'tls.mixed-content',
  async run(ctx) {
    return judgeRuns(ctx, (run) => {
      const { pagesChecked, findings } = run.mixedContent;
      if (pagesChecked.length === 0) {
        return {
          status: 'skip',
          summary: text(
            '返回页面和店铺页面都没有打开，无法检查不安全内容。',
            'Neither the return page nor the store page loaded, so insecure content could not be checked.',
          ),
          evidence: { outcome: run.outcome },
        };
      }
      const evidence = { pagesChecked, findings: findings.slice(0, 50) };
      if (findings.length > 0) {
        const first = findings[0]!;
        return {
          status: 'fail',
          summary: text(
            `店铺页面引用了 ${findings.length} 个 http:// 的内容（例如 ${first.kind}：${first.url}），浏览器会拦截或提示不安全。`,
            `The store\u2019s pages reference ${findings.length} http:// item(s) (for example ${first.kind}: ${first.url}); browsers block them or warn.`,
          ),
          remediation: text(
            '请店铺的技术人员把这些脚本、框架、表单提交地址和图片全部改成 https:// 地址。',
            'Ask the shop\u2019s technician to change these scripts, frames, form targets and images to https:// addresses.',
          ),
          evidence,
        };
      }
      return {
        status: 'pass',
        summary: text(
          '返回页面和店铺页面没有 http:// 的脚本、框架或表单。',
          'The return and store pages load no http:// scripts, frames or forms.',
        ),
        evidence,
      };
    });
  },
};

/** In catalog order. */
export const pageChecks: readonly CheckDefinition<CheckContext>[] = [
  mixedContent,
  redirectChain,
  cashierReady,
  visibleContent,
  charset,
  consoleErrors,
  returnLeg,
  mobileCheck,
];

export const PAGE_CHECK_IDS: readonly CheckId[] = pageChecks.map((check) => check.id);
