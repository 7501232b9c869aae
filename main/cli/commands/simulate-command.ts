import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { text } from '../../../shared/i18n/localized-text';
import { OUTCOME_EXPLANATIONS, type ResponsibleSide } from '../../../shared/simulation/outcome-explanations';
import type {
  SimulationHop,
  SimulationProgress,
  SimulationResult,
  SimulationSeries,
} from '../../../shared/simulation/simulation-result';
import { APP_IDENTITY } from '../../model/app-identity';
import {
  findBrowser,
  runSimulation,
  runSimulationSeries,
  simulationHar,
  SimulationUnavailableError,
  type ScreenshotMode,
} from '../../simulation';
import { createPlaywrightLauncher } from '../../simulation/playwright-launcher';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';
import { issuesError, loadStoreAndProfile } from '../config-input';
import { buyersFor, phonesFirst, summarizeSeries } from '../../simulation';
import { deviceOption, devicesJson, networkOption } from '../device-options';
import { buyerName, buyerOf } from '../../../shared/simulation/buyer-words';
import { isThrottled, type BuyerProfile } from '../../../shared/simulation/device-profiles';

const MAX_RUNS = 100;

const SIDE: Record<ResponsibleSide, ReturnType<typeof text>> = {
  store: text('店铺这边（配置或网站）', 'the store (its settings or website)'),
  platform: text('平台那边', 'the platform'),
  'merchant-machine': text('这台电脑或它的网络', 'this computer or its network'),
  none: text('没有问题', 'nobody: all good'),
};

function runsOption(raw: string | undefined): number {
  if (raw === undefined) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_RUNS) {
    throw new CliInputError(
      text(
        `--runs：「${raw}」不是 1 到 ${MAX_RUNS} 之间的整数。`,
        `--runs: "${raw}" is not a whole number from 1 to ${MAX_RUNS}.`,
      ),
    );
  }
  return n;
}

function hopLine(hop: SimulationHop): string {
  const answer = hop.blockedBy
    ? `BLOCKED(${hop.blockedBy})`
    : hop.error
      ? hop.error
      : hop.status !== null
        ? String(hop.status)
        : '…';
  const time = hop.durationMs !== null ? ` ${Math.round(hop.durationMs)} ms` : '';
  const to = hop.location ? ` → ${hop.location}` : '';
  return `  [${hop.leg}] ${answer} ${hop.method} ${hop.url}${to}${time}`;
}

function progressLine(io: CliIo, event: SimulationProgress): string | null {
  switch (event.type) {
    case 'stage-started':
      return `… ${event.stage}`;
    case 'hop':
      return hopLine(event.hop);
    case 'cashier-state':
      return event.state
        ? `  cashier: ${event.state}${event.errorCode ? ` (${event.errorCode})` : ''} @ ${Math.round(event.atMs)} ms`
        : null;
    case 'run-finished':
      return say(
        io,
        text(`第 ${event.run + 1} 次：${event.outcome}`, `run ${event.run + 1}: ${event.outcome}`),
      );
    default:
      return null;
  }
}

function printResult(io: CliIo, result: SimulationResult): void {
  const explanation = OUTCOME_EXPLANATIONS[result.outcome];
  io.out(`${result.outcome}`);
  io.out(
    say(
      io,
      text(`买家看到：${explanation.buyerSaw['zh-CN']}`, `The buyer sees: ${explanation.buyerSaw['en-US']}`),
    ),
  );
  io.out(
    say(io, text(`说明：${explanation.meaning['zh-CN']}`, `What it means: ${explanation.meaning['en-US']}`)),
  );
  io.out(
    say(
      io,
      text(`问题在：${SIDE[explanation.side]['zh-CN']}`, `Whose side: ${SIDE[explanation.side]['en-US']}`),
    ),
  );
  io.out(
    say(io, text(`怎么办：${explanation.whatToDo['zh-CN']}`, `What to do: ${explanation.whatToDo['en-US']}`)),
  );
  io.out(say(io, text(`细节：${result.outcomeDetail.reason}`, `Detail: ${result.outcomeDetail.reason}`)));
  if (result.hops.length) {
    io.out(say(io, text('跳转：', 'Hops:')));
    for (const hop of result.hops) io.out(hopLine(hop));
  }
  for (const error of result.certificateErrors) {
    io.out(`  TLS ${error.origin}: ${error.browserError}${error.nodeCode ? ` (${error.nodeCode})` : ''}`);
  }
  if (result.charset?.mojibake) {
    io.out(
      `  charset: declared ${result.charset.declared ?? '-'}, bytes ${result.charset.detected ?? '?'} (${result.charset.signals.join(', ')})`,
    );
  }
  const stages = result.stages
    .filter((s) => s.status !== 'skipped')
    .map((s) => `${s.stage} ${Math.round(s.durationMs)} ms`)
    .join(', ');
  io.out(
    say(
      io,
      text(
        `用时：${stages}；从下单到收银台就绪 ${result.timeToReadyMs === null ? '—' : `${Math.round(result.timeToReadyMs)} ms`}（${result.browser.product}）`,
        `Timings: ${stages}; prepay to cashier ready ${result.timeToReadyMs === null ? '—' : `${Math.round(result.timeToReadyMs)} ms`} (${result.browser.product})`,
      ),
    ),
  );
}

function printSeries(io: CliIo, series: SimulationSeries): void {
  const pct = Math.round(series.successRate * 1000) / 10;
  const counts = Object.entries(series.outcomes)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([code, n]) => `${code} ×${n}`)
    .join(', ');
  const { p50, p95 } = series.timeToReady;
  const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`);
  io.out(
    say(
      io,
      text(
        `${series.runs.length} 次模拟${series.cancelled ? '（已取消）' : ''}：成功率 ${pct}%；结果：${counts}；从下单到收银台就绪 p50 ${ms(p50)}，p95 ${ms(p95)}`,
        `${series.runs.length} runs${series.cancelled ? ' (cancelled)' : ''}: success rate ${pct}%; outcomes: ${counts}; prepay to cashier ready p50 ${ms(p50)}, p95 ${ms(p95)}`,
      ),
    ),
  );
  const firstFailure = series.runs.find((run) => run.outcome !== 'REDIRECT_OK');
  if (firstFailure) {
    io.out('');
    printResult(io, firstFailure);
  }
}

/** 「── iPhone 微信内置浏览器（弱 4G）· 网络是模拟的」: which buyer the lines below are about. */
function deviceHeading(io: CliIo, buyer: BuyerProfile): string {
  const name = say(io, buyerName(buyer));
  const note = isThrottled(buyer.network)
    ? say(io, text('（网络是模拟的，时间仅供参考）', ' (emulated network: timings are indicative)'))
    : '';
  return `── ${name}${note}`;
}

/** A series for --json: the first failure's outcome and hops up front, each device, every run. */
function seriesJson(series: SimulationSeries) {
  const headline = leadingRun(series.runs);
  return {
    ...series,
    outcome: headline?.outcome ?? null,
    hops: headline?.hops ?? [],
    devices: devicesJson(series.runs),
    runs: series.runs.map(jsonResult),
  };
}

/** The first failing run, phones first; else the first run. */
function leadingRun(runs: readonly SimulationResult[]): SimulationResult | undefined {
  const ordered = phonesFirst(runs, buyerOf);
  return ordered.find((run) => run.outcome !== 'REDIRECT_OK') ?? ordered[0];
}

/** The result for --json: everything but the raw CDP events (those are what --har is for). */
function jsonResult(result: SimulationResult) {
  const { network, ...rest } = result;
  return { ...rest, networkEvents: network.events.length };
}

/**
 * `simulate`: a signed diagnostic prepay, then the cashier_url in a real Chromium (found on this machine,
 * or --browser) through the chain to the cashier and back to the store. Exit 0 when every run ended
 * REDIRECT_OK, 1 otherwise (or when no browser could run it), 2 for bad input.
 */
export async function simulateCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      store: { type: 'string' },
      platform: { type: 'string' },
      browser: { type: 'string' },
      runs: { type: 'string' },
      device: { type: 'string' },
      network: { type: 'string' },
      har: { type: 'string' },
      screenshots: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const runs = runsOption(values.runs);
  const buyers = buyersFor(deviceOption(values.device, 'pc'), networkOption(values.network));
  const { store, profile } = await loadStoreAndProfile(io, values.store, values.platform);
  if (!store.key.loaded || !store.keyPem) {
    throw store.key.loaded
      ? new CliInputError(text('商户私钥没有读到。', 'The merchant private key could not be read.'))
      : issuesError(store.key.errors);
  }
  const browser = findBrowser({ explicitPath: values.browser ?? null });
  if (!browser.found) {
    if (browser.givenPathBroken) throw new CliInputError(browser.reason);
    return unavailable(
      io,
      values.json,
      browser.reason,
      `no browser found; searched ${browser.searched.join(', ')}`,
    );
  }
  let screenshots: ScreenshotMode = { mode: 'none' };
  if (values.screenshots) {
    const dir = resolve(values.screenshots);
    await mkdir(dir, { recursive: true });
    screenshots = { mode: 'files', dir };
  }

  const launcher = createPlaywrightLauncher({ executablePath: browser.path });
  const options = {
    profile,
    store: store.value,
    privateKeyPem: store.keyPem,
    browser: launcher,
    signal: io.stopSignal,
    screenshots,
    onProgress: (event: SimulationProgress) => {
      if (!io.interactive || values.json) return;
      const line = progressLine(io, event);
      if (line) io.err(line);
    },
  };
  let results: SimulationResult[];
  try {
    if (buyers.length === 1 && runs === 1) {
      const result = await runSimulation({ ...options, buyer: buyers[0]! });
      results = [result];
      if (values.json) io.out(JSON.stringify({ ...jsonResult(result), devices: devicesJson([result]) }));
      else printResult(io, result);
    } else if (buyers.length === 1) {
      const series = await runSimulationSeries(runs, { ...options, buyer: buyers[0]! });
      results = series.runs;
      if (values.json) io.out(JSON.stringify(seriesJson(series)));
      else printSeries(io, series);
    } else {
      // --device all: every device at once, each its own series; phones first, as in the verdict.
      const perDevice = await Promise.all(
        buyers.map((buyer, index) =>
          runSimulationSeries(runs, {
            ...options,
            buyer,
            inspectStorePage: index === buyers.length - 1,
            onProgress: undefined,
          }),
        ),
      );
      results = perDevice.flatMap((series) => series.runs);
      if (values.json) {
        const all = summarizeSeries(
          runs * buyers.length,
          results,
          perDevice.some((p) => p.cancelled),
        );
        io.out(JSON.stringify(seriesJson(all)));
      } else {
        perDevice.forEach((series, index) => {
          io.out('');
          io.out(deviceHeading(io, buyers[index]!));
          if (series.runs.length === 1) printResult(io, series.runs[0]!);
          else printSeries(io, series);
        });
      }
    }
  } catch (error) {
    if (error instanceof SimulationUnavailableError)
      return unavailable(io, values.json, error.reason, error.message);
    if (io.stopSignal.aborted) {
      io.err(say(io, text('模拟已取消。', 'Simulation cancelled.')));
      return EXIT.problemFound;
    }
    throw error;
  } finally {
    await launcher.close();
  }
  if (values.har && results.length > 0) {
    const harPath = resolve(values.har);
    await writeFile(
      harPath,
      JSON.stringify(simulationHar(results, { name: 'Baitiao Doctor', version: APP_IDENTITY.version })),
    );
    if (!values.json) io.out(`HAR: ${harPath}`);
  }
  const allOk =
    results.length === runs * buyers.length && results.every((result) => result.outcome === 'REDIRECT_OK');
  return allOk ? EXIT.ok : EXIT.problemFound;
}

function unavailable(io: CliIo, json: boolean, reason: ReturnType<typeof text>, detail: string): number {
  if (json)
    io.out(JSON.stringify({ kind: 'simulation-unavailable', outcome: null, hops: [], reason, detail }));
  else io.err(say(io, reason));
  return EXIT.problemFound;
}
