import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { PlatformProfile } from '../../shared/config/platform-profile';
import type {
  CertificateError,
  CharsetFinding,
  MixedContentFinding,
  OutcomeDetail,
  PrepayObservation,
  ReturnLeg,
  Screenshot,
  SimulationLeg,
  SimulationProgress,
  SimulationResult,
  SimulationBuyer,
  SimulationStage,
  StageTiming,
} from '../../shared/simulation/simulation-result';
import type { OutcomeCode } from '../../shared/protocol/outcome-codes';
import {
  DESKTOP_BUYER,
  DEVICE_PROFILES,
  isThrottled,
  type BuyerProfile,
} from '../../shared/simulation/device-profiles';
import { createCaptureSanitizer } from './capture-sanitizer';
import { openSession, settleWithin, type SessionSource } from './cdp-transport';
import { analyzeCharset } from './charset-analysis';
import {
  cashierFailure,
  chainFailure,
  matchesReturnUrl,
  returnPageFailure,
  type LegFailure,
} from './leg-verdicts';
import { mergeInsecureSubresources } from './mixed-content';
import { captureScreenshot, evaluate, sendBounded, type ScreenshotMode } from './page-actions';
import { deviceProfileOf, deviceSeen, emulateBuyer } from './device-emulation';
import { PageRecorder } from './page-recorder';
import {
  CLICK_RETURN_LINK,
  INSECURE_REFERENCES,
  VISIBLE_CONTENT_PROBE,
  type InsecureReference,
  type VisibleContentProbe,
} from './page-scripts';
import { callPrepay } from './prepay-call';
import type { SimulationStore } from './simulation-store';
import { nodeTlsVerdict } from './tls-second-opinion';

/** The desktop buyer's viewport (device profile `pc`); phones bring their own. */
export const BUYER_VIEWPORT = DEVICE_PROFILES.pc.viewport;
export const DEFAULT_RETURN_LEG_TIMEOUT_MS = 10_000;
export const DEFAULT_STORE_PAGE_TIMEOUT_MS = 8_000;
/** The way back is "slow" past this (page.return-leg warns). */
export const SLOW_RETURN_LEG_MS = 3000;
/** A click or navigation that has not even sent its request by then goes nowhere. */
const NAVIGATION_START_MS = 3000;
/** After a document arrived, how long its load event is waited for before looking at the page. */
const LOAD_GRACE_MS = 3000;
/** Node's second opinion on a refused certificate may take this long before the result goes without it. */
const SECOND_OPINION_WAIT_MS = 3500;

export interface RunSimulationOptions {
  profile: PlatformProfile;
  store: SimulationStore;
  privateKeyPem: string;
  browser: SessionSource;
  signal?: AbortSignal;
  onProgress?: (event: SimulationProgress) => void;
  /** Deadline of the prepay call (default 10 s, the gateway client's). */
  gatewayTimeoutMs?: number;
  returnLegTimeoutMs?: number;
  /** Also load the store's own page to look for insecure content (tls.mixed-content). Default true. */
  inspectStorePage?: boolean;
  storePageTimeoutMs?: number;
  screenshots?: ScreenshotMode;
  /** The device and network the buyer has (default: Chrome on a computer, broadband). */
  buyer?: BuyerProfile;
  /** Which run of a series this is, for progress events. */
  runIndex?: number;
  /** Clock for the prepay envelope (tests). */
  now?: () => Date;
}

const elapsed = (since: number): number => Math.round((performance.now() - since) * 10) / 10;

/**
 * One simulated Baitiao payment, as a buyer's browser lives it: the store's signed prepay, the cashier_url
 * in a real Chromium through the redirect chain to the cashier's ready state, then the cashier's return
 * link back to the store's return URL. Ends with exactly one §7 outcome code, the first failure on the way.
 * Throws SimulationUnavailableError when no browser session can be had (the page checks then skip, saying
 * why), and the signal's reason when cancelled; every other failure is an outcome, not an exception.
 */
export async function runSimulation(options: RunSimulationOptions): Promise<SimulationResult> {
  const { profile, store, signal } = options;
  const run = options.runIndex ?? 0;
  const emit = (event: SimulationProgress) => options.onProgress?.(event);
  const screenshotMode = options.screenshots ?? { mode: 'inline' };
  const runId = randomUUID();
  const startedAt = new Date();
  signal?.throwIfAborted();

  const buyer = options.buyer ?? DESKTOP_BUYER;
  const device = deviceProfileOf(buyer);
  const session = await openSession(options.browser, {
    extraCaCertificates: profile.extraCaCertificates ?? [],
    viewport: device.viewport,
    device,
  });
  const t0 = performance.now();
  const sanitizer = createCaptureSanitizer();
  const transport = session.transport;
  const stages: StageTiming[] = [];
  const certificateErrors: CertificateError[] = [];
  const secondOpinions: Promise<void>[] = [];
  const screenshots: Screenshot[] = [];
  const mixedFindings: MixedContentFinding[] = [];
  const pagesChecked = new Set<SimulationLeg>();

  const recorder = new PageRecorder(transport, sanitizer, t0, {
    onHop: (hop) => emit({ type: 'hop', run, hop }),
    onCashierState: (report) =>
      emit({
        type: 'cashier-state',
        run,
        state: report.state,
        errorCode: report.errorCode,
        atMs: elapsed(t0),
      }),
    onCertificateError: (leg, origin, browserError) => {
      if (certificateErrors.some((e) => e.origin === origin && e.browserError === browserError)) return;
      const entry: CertificateError = { leg, origin, browserError, nodeCode: null };
      certificateErrors.push(entry);
      secondOpinions.push(
        nodeTlsVerdict(origin, profile.extraCaCertificates ?? []).then((code) => {
          entry.nodeCode = code;
        }),
      );
    },
  });

  let stageStart = 0;
  let stageStartedAt = '';
  const beginStage = (stage: SimulationStage) => {
    stageStart = performance.now();
    stageStartedAt = new Date().toISOString();
    emit({ type: 'stage-started', run, stage });
  };
  const endStage = (stage: SimulationStage, status: StageTiming['status']) => {
    const durationMs = elapsed(stageStart);
    stages.push({ stage, startedAt: stageStartedAt, durationMs, status });
    emit({ type: 'stage-finished', run, stage, status, durationMs });
  };
  const skipStage = (stage: SimulationStage) =>
    stages.push({ stage, startedAt: new Date().toISOString(), durationMs: 0, status: 'skipped' });
  const shoot = async (moment: Screenshot['moment'], url: string | null) => {
    const shot = await captureScreenshot(transport, moment, url, screenshotMode, runId, {
      ...device.viewport,
      deviceScaleFactor: device.deviceScaleFactor,
    });
    if (shot) screenshots.push(shot);
  };

  let failure: { failure: LegFailure; stage: SimulationStage } | null = null;
  // Assigned by the prepay stage, which always runs first; if anything throws before it, nothing is returned.
  let prepay!: PrepayObservation;
  let charset: CharsetFinding | null = null;
  let cashier: SimulationResult['cashier'] = {
    state: null,
    errorCode: null,
    readyAfterMs: null,
    budgetMs: profile.cashierReadyBudgetMs,
    finalUrl: null,
    visible: null,
  };
  let returnLeg: ReturnLeg = {
    attempted: false,
    href: null,
    finalUrl: null,
    status: null,
    matchesReturnUrl: null,
    durationMs: null,
    error: null,
  };
  let timeToReadyMs: number | null = null;
  let seen: SimulationBuyer['seen'] = null;

  try {
    await recorder.start();
    await emulateBuyer(transport, buyer);

    // 1. The store's server creates the diagnostic payment.
    beginStage('prepay');
    const prepayStart = performance.now();
    const call = await callPrepay({
      profile,
      store,
      privateKeyPem: options.privateKeyPem,
      sanitizer,
      ...(options.gatewayTimeoutMs !== undefined ? { timeoutMs: options.gatewayTimeoutMs } : {}),
      ...(options.now ? { now: options.now } : {}),
      ...(signal ? { signal } : {}),
    });
    prepay = call.observation;
    endStage('prepay', call.verdict.ok ? 'ok' : 'failed');
    signal?.throwIfAborted();
    if (!call.verdict.ok) {
      failure = {
        stage: 'prepay',
        failure: { code: call.verdict.code, reason: call.verdict.reason, hopIndex: null },
      };
    }

    // 2. The buyer's browser follows cashier_url to the cashier's ready state (§4, budget from step 1).
    if (call.verdict.ok) {
      beginStage('cashier');
      recorder.beginLeg('cashier');
      const navStart = performance.now();
      const budget = profile.cashierReadyBudgetMs;
      // A navigation Chromium refuses outright (not a URL at all) leaves no hop: its error is kept here.
      let refused: string | null = null;
      void sendBounded<{ errorText?: string }>(
        transport,
        'Page.navigate',
        { url: call.verdict.data.cashier_url },
        budget + 1000,
      ).then((answer) => {
        if (answer?.errorText && recorder.legHops('cashier').length === 0) refused = answer.errorText;
      });
      await recorder.waitFor(
        () => {
          const state = recorder.cashierState?.state;
          return (
            state === 'ready' ||
            state === 'error' ||
            refused !== null ||
            chainFailure(recorder.hops, 'cashier') !== null
          );
        },
        navStart + budget,
        signal,
      );
      signal?.throwIfAborted();
      const chain: LegFailure | null =
        chainFailure(recorder.hops, 'cashier') ??
        (refused !== null && recorder.legHops('cashier').length === 0
          ? { code: 'CASHIER_UNREACHABLE', reason: `cashier_url not opened — ${refused}`, hopIndex: null }
          : null);
      const cashierHops = recorder.legHops('cashier');
      const finalHop = cashierHops.at(-1) ?? null;
      cashier.finalUrl = finalHop?.url ?? null;
      if (chain) {
        failure = { stage: 'cashier', failure: chain };
      } else {
        const reported = recorder.cashierState;
        const ready = reported?.state === 'ready';
        if (ready) timeToReadyMs = Math.round((reported.at - prepayStart) * 10) / 10;
        // Judged only once the chain delivered a document: before that the page is still the blank tab.
        const documentArrived = recorder.legEnded('cashier');
        const probe = documentArrived
          ? await evaluate<VisibleContentProbe>(transport, VISIBLE_CONTENT_PROBE)
          : null;
        const body = finalHop && documentArrived ? recorder.bodyOf(finalHop) : null;
        if (body)
          charset = analyzeCharset({
            bytes: body.bytes,
            contentType: body.contentType,
            renderedText: probe?.renderedText ?? null,
            sanitize: sanitizer.text,
          });
        cashier = {
          state: probe?.state ?? reported?.state ?? null,
          errorCode: probe?.errorCode ?? reported?.errorCode ?? null,
          readyAfterMs: ready ? Math.round((reported.at - navStart) * 10) / 10 : null,
          budgetMs: budget,
          finalUrl: cashier.finalUrl,
          visible: probe
            ? {
                textLength: probe.textLength,
                images: probe.images,
                loaded: probe.loaded,
                textSample: sanitizer.text(probe.textSample),
              }
            : null,
        };
        const verdict = cashierFailure({
          state: cashier.state,
          errorCode: cashier.errorCode,
          loaded: probe?.loaded ?? false,
          ready,
          nothingVisible: probe !== null && probe.textLength === 0 && probe.images === 0,
          charset,
          budgetMs: budget,
        });
        if (verdict) failure = { stage: 'cashier', failure: verdict };
        // A page still loading at the budget is stopped, as a buyer giving up would.
        if (!documentArrived) await sendBounded(transport, 'Page.stopLoading');
      }
      endStage('cashier', failure ? 'failed' : 'ok');
      seen = await deviceSeen(transport);
      // After a network failure the browser shows its own error page; let it paint before the picture.
      if (chain) await recorder.waitFor(() => recorder.loaded, performance.now() + 1000, signal);
      await shoot(failure ? 'failure' : 'cashier', cashier.finalUrl);
    } else {
      skipStage('cashier');
    }

    // 3. The way back: the cashier's return link to the store's return_url.
    if (!failure) {
      beginStage('return');
      recorder.beginLeg('return');
      const clickStart = performance.now();
      const href = await evaluate<string>(transport, CLICK_RETURN_LINK, { userGesture: true });
      returnLeg = { ...returnLeg, attempted: true, href: href ? sanitizer.text(href) : null };
      let legFailure: LegFailure | null = null;
      if (!href) {
        legFailure = {
          code: 'RETURN_URL_BROKEN',
          reason: 'the cashier has no [data-cashier-return] link',
          hopIndex: null,
        };
      } else {
        const followed = await followLeg(
          'return',
          clickStart,
          options.returnLegTimeoutMs ?? DEFAULT_RETURN_LEG_TIMEOUT_MS,
        );
        const last = followed.last;
        returnLeg = {
          ...returnLeg,
          finalUrl: last?.url ?? null,
          status: last?.status ?? null,
          error: last?.error ?? null,
          durationMs: followed.documentMs,
          matchesReturnUrl: last ? matchesReturnUrl(last.url, store.returnUrl, prepay.outTradeNo) : false,
        };
        legFailure =
          chainFailure(recorder.hops, 'return') ??
          returnPageFailure(last, followed.documentMs, returnLeg.matchesReturnUrl === true);
        if (followed.documentMs !== null && !legFailure) await collectInsecureReferences('return');
      }
      if (legFailure) failure = { stage: 'return', failure: legFailure };
      endStage('return', legFailure ? 'failed' : 'ok');
      await shoot(legFailure ? 'failure' : 'return', returnLeg.finalUrl);
    } else {
      skipStage('return');
    }

    // 4. The store's own page, only for insecure content; it never changes the outcome.
    if (options.inspectStorePage ?? true) {
      beginStage('store-page');
      recorder.beginLeg('store-page');
      const start = performance.now();
      void sendBounded(transport, 'Page.navigate', { url: store.storeUrl });
      const followed = await followLeg(
        'store-page',
        start,
        options.storePageTimeoutMs ?? DEFAULT_STORE_PAGE_TIMEOUT_MS,
      );
      const ok = followed.documentMs !== null && chainFailure(recorder.hops, 'store-page') === null;
      if (ok) await collectInsecureReferences('store-page');
      endStage('store-page', ok ? 'ok' : 'failed');
    } else {
      skipStage('store-page');
    }
  } finally {
    await recorder.stop();
    await session.close();
  }
  await settleWithin(Promise.allSettled(secondOpinions), SECOND_OPINION_WAIT_MS);

  /**
   * Waits for a leg started at `since`: its first request (a link that goes nowhere is given up on soon),
   * then its final document in full or a failure, then briefly the load event (for the insecure-content
   * scan and the picture; a slow analytics script makes a page slow, not broken).
   */
  async function followLeg(leg: SimulationLeg, since: number, timeoutMs: number) {
    const deadline = since + timeoutMs;
    const started = await recorder.waitFor(
      () => recorder.legHops(leg).length > 0,
      Math.min(deadline, since + NAVIGATION_START_MS),
      signal,
    );
    const arrived =
      started &&
      (await recorder.waitFor(
        () => chainFailure(recorder.hops, leg) !== null || recorder.legEnded(leg),
        deadline,
        signal,
      ));
    signal?.throwIfAborted();
    const documentMs = arrived && chainFailure(recorder.hops, leg) === null ? elapsed(since) : null;
    if (arrived) await recorder.waitFor(() => recorder.loaded, performance.now() + LOAD_GRACE_MS, signal);
    signal?.throwIfAborted();
    return { last: recorder.legHops(leg).at(-1) ?? null, documentMs };
  }

  async function collectInsecureReferences(leg: SimulationLeg): Promise<void> {
    pagesChecked.add(leg);
    const found = (await evaluate<InsecureReference[]>(transport, INSECURE_REFERENCES)) ?? [];
    for (const reference of found) {
      mixedFindings.push({ leg, kind: reference.kind, url: sanitizer.text(reference.url), blocked: false });
    }
  }

  mergeInsecureSubresources(mixedFindings, recorder.subresources, pagesChecked);

  const outcome: OutcomeCode = failure?.failure.code ?? 'REDIRECT_OK';
  const outcomeDetail: OutcomeDetail = failure
    ? {
        stage: failure.stage,
        reason: sanitizer.text(failure.failure.reason),
        hopIndex: failure.failure.hopIndex,
      }
    : {
        stage: 'return',
        reason: 'the chain reached the cashier ready state and the way back loaded the return URL',
        hopIndex: null,
      };
  emit({ type: 'run-finished', run, outcome, timeToReadyMs });

  return {
    kind: 'simulation',
    schemaVersion: 1,
    runId,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    outcome,
    outcomeDetail,
    profileName: profile.name,
    buyer: { ...buyer, emulatedNetwork: isThrottled(buyer.network), seen },
    browser: session.info,
    prepay,
    hops: recorder.hops,
    subresources: recorder.subresources,
    console: recorder.console,
    exceptions: recorder.exceptions,
    certificateErrors,
    cashier,
    charset,
    returnLeg,
    mixedContent: { pagesChecked: [...pagesChecked], findings: mixedFindings },
    screenshots,
    stages,
    timeToReadyMs,
    totalMs: elapsed(t0),
    network: { events: recorder.events, truncated: recorder.eventsTruncated },
  };
}
