import { parseArgs } from 'node:util';
import { isIP } from 'node:net';
import type { PlatformProfile } from '../../../shared/config/platform-profile';
import { text } from '../../../shared/i18n/localized-text';
import {
  MIN_PROBE_INTERVAL_SECONDS,
  MIN_SIMULATION_INTERVAL_SECONDS,
} from '../../../shared/watch/watch-settings';
import { proxyFromEnvironment } from '../../probe/proxy';
import { createBrowserSimulate } from '../../watch/browser-simulate';
import { systemClock, type WatchClock } from '../../watch/clock';
import { deviceOption, networkOption } from '../device-options';
import { parseDuration } from '../../watch/duration';
import { WatchHistory } from '../../watch/history';
import { createProbeSampler } from '../../watch/probe-sample';
import { alertJson, alertLine, sampleJson, sampleLine } from '../../watch/sample-lines';
import type { Simulate } from '../../watch/simulation-sample';
import { createWatcher } from '../../watch/watcher';
import { diskErrorReason, isDiskError, keptAsideText } from '../../kept-files';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';
import { loadStoreAndProfile } from '../config-input';

/** Below the app's floors only against a platform on this machine (the sandbox): never load a real one. */
const SHORT_INTERVAL_FLOOR_SECONDS = 1;
const MAX_INTERVAL_SECONDS = 24 * 3600;
const MAX_FOR_MS = 31 * 86_400_000;
const DEFAULT_SIMULATE_EVERY = 5;

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

export const profileOnLoopback = (profile: Pick<PlatformProfile, 'gatewayUrl' | 'cashierOrigin'>): boolean =>
  [profile.gatewayUrl, profile.cashierOrigin].every((url) => isLoopbackHost(new URL(url).hostname));

function intervalOption(raw: string | undefined, allowShort: boolean): number {
  if (raw === undefined) {
    throw new CliInputError(text('缺少参数：--interval <秒>。', 'Missing option: --interval <seconds>.'));
  }
  const seconds = Number(raw);
  const floor = allowShort ? SHORT_INTERVAL_FLOOR_SECONDS : MIN_PROBE_INTERVAL_SECONDS;
  if (!Number.isInteger(seconds) || seconds < floor || seconds > MAX_INTERVAL_SECONDS) {
    throw new CliInputError(
      text(
        `--interval：「${raw}」不是 ${floor} 到 ${MAX_INTERVAL_SECONDS} 之间的整秒数。为了不给支付平台增加负担，最短 ${MIN_PROBE_INTERVAL_SECONDS} 秒（只有平台在本机时，例如沙箱，才可用 --allow-short-interval 更短）。`,
        `--interval: "${raw}" is not a whole number of seconds from ${floor} to ${MAX_INTERVAL_SECONDS}. To keep the load on the payment platform negligible the floor is ${MIN_PROBE_INTERVAL_SECONDS} s (shorter only with --allow-short-interval, and only for a platform on this machine such as the sandbox).`,
      ),
    );
  }
  return seconds;
}

function simulateEveryOption(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_SIMULATE_EVERY;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 1000) {
    throw new CliInputError(
      text(
        `--simulate-every：「${raw}」不是 0 到 1000 之间的整数（0 表示不模拟跳转）。`,
        `--simulate-every: "${raw}" is not a whole number from 0 to 1000 (0: no redirect simulation).`,
      ),
    );
  }
  return n;
}

function forOption(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const ms = parseDuration(raw);
  if (ms === null || ms > MAX_FOR_MS) {
    throw new CliInputError(
      text(
        `--for：「${raw}」不是有效时长（例如 90s、10m、2h；最长 31 天）。`,
        `--for: "${raw}" is not a duration (such as 90s, 10m, 2h; at most 31 days).`,
      ),
    );
  }
  return ms;
}

/** The wall clock moved by jumpMs between two samples; the watch kept its pace. */
function clockJumpText(jumpMs: number) {
  const minutes = Math.round(Math.abs(jumpMs) / 60_000);
  const amount = minutes >= 1 ? `${minutes} min` : `${Math.round(Math.abs(jumpMs) / 1000)} s`;
  return jumpMs < 0
    ? text(
        `注意：这台电脑的时钟往回调了约 ${amount}。监测照常按间隔进行，记录用的是调整后的时间。`,
        `Note: this computer's clock was set back by about ${amount}. The watch goes on at its interval; samples carry the adjusted time.`,
      )
    : text(
        `注意：这台电脑的时钟往前调了约 ${amount}。监测照常按间隔进行，记录用的是调整后的时间。`,
        `Note: this computer's clock was set forward by about ${amount}. The watch goes on at its interval; samples carry the adjusted time.`,
      );
}

/** Resolves when the user stops the CLI or --for has passed (on the watch's clock). */
function stopWhen(signal: AbortSignal, forMs: number | null, clock: WatchClock): Promise<void> {
  return new Promise((resolve) => {
    const timer = forMs === null ? null : clock.setTimeout(done, forMs);
    function done() {
      if (timer !== null) clock.clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    if (signal.aborted) return done();
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Watch mode in a terminal: a probe sample every --interval seconds, the simulated redirect every
 * --simulate-every samples (if a browser is found), one line per sample, alerts printed as they happen.
 * Exit 0 when stopped with the path healthy, 1 when an incident is still open at the end, 2 on bad input.
 */
export async function watchCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      store: { type: 'string' },
      platform: { type: 'string' },
      interval: { type: 'string' },
      for: { type: 'string' },
      history: { type: 'string' },
      'simulate-every': { type: 'string' },
      device: { type: 'string' },
      network: { type: 'string' },
      browser: { type: 'string' },
      'allow-short-interval': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const allowShort = values['allow-short-interval'];
  const intervalSeconds = intervalOption(values.interval, allowShort);
  const forMs = forOption(values.for);
  const simulateEvery = simulateEveryOption(values['simulate-every']);
  const device = deviceOption(values.device, 'pc');
  if (device === 'all') {
    throw new CliInputError(
      text(
        '--device：监测一次只模拟一种设备，请选一种。',
        '--device: the watch simulates one device; pick one.',
      ),
    );
  }
  const buyer = { device, network: networkOption(values.network) };
  const { store, profile } = await loadStoreAndProfile(io, values.store, values.platform);
  if (allowShort && !profileOnLoopback(profile)) {
    throw new CliInputError(
      text(
        '--allow-short-interval 只能用于在本机运行的平台（例如沙箱）；真实平台最短间隔 60 秒。',
        '--allow-short-interval is only for a platform running on this machine (such as the sandbox); against a real platform the floor is 60 s.',
      ),
    );
  }

  let simulate: Simulate | null = null;
  let closeBrowser: () => Promise<void> = async () => {};
  if (simulateEvery > 0 && !store.keyPem) {
    // The key's problems were printed above; the probes need no key, so the watch goes on without the redirect.
    io.err(
      say(
        io,
        text(
          '没有读到商户私钥，无法模拟支付跳转；只做网络探测。',
          'The merchant private key was not read, so the redirect cannot be simulated; watching with network probes only.',
        ),
      ),
    );
  } else if (simulateEvery > 0 && store.keyPem) {
    const browser = createBrowserSimulate({
      profile,
      store: store.value,
      privateKeyPem: store.keyPem,
      browserPath: values.browser ?? null,
      buyer,
    });
    if (browser.available) {
      simulate = browser.simulate;
      closeBrowser = browser.close;
    } else if (browser.givenPathBroken) {
      throw new CliInputError(browser.reason);
    } else {
      io.err(say(io, browser.reason));
      io.err(
        say(
          io,
          text(
            '只做网络探测，不模拟支付跳转。',
            'Watching with network probes only, no redirect simulation.',
          ),
        ),
      );
    }
  }

  let history: WatchHistory;
  const historyPath = values.history ?? ':memory:';
  try {
    // A damaged history file is kept aside and a fresh one started; the user is told where it went.
    history = WatchHistory.open(historyPath, {
      onKeptAside: (kept) =>
        io.err(
          say(
            io,
            keptAsideText(
              kept,
              text('监测记录文件', 'The watch history file'),
              text(
                '这次监测写入一个新的空白记录文件；以前的记录在另存的文件里，没有删除。',
                'This watch writes to a fresh, empty history; the earlier history is in the kept file, not deleted.',
              ),
            ),
          ),
        ),
    });
  } catch (error) {
    await closeBrowser();
    const reason = isDiskError(error)
      ? diskErrorReason(error)
      : text(
          error instanceof Error ? error.message : String(error),
          error instanceof Error ? error.message : String(error),
        );
    throw new CliInputError(
      text(
        `--history：打不开监测记录文件 ${values.history}（${reason['zh-CN']}）。文件没有改动。`,
        `--history: cannot open the watch history ${values.history} (${reason['en-US']}). The file was not changed.`,
      ),
    );
  }
  let lostSamples = 0;
  const storeId = `${store.value.merchantNo}/${store.value.appId}@${profile.name}`;
  const language = io.language;
  const clock = io.clock ?? systemClock;
  const watcher = createWatcher({
    storeId,
    storeName: store.value.storeName,
    history,
    probe: createProbeSampler({ profile, resolveProxy: proxyFromEnvironment(process.env) }),
    simulate,
    schedule: {
      intervalMs: intervalSeconds * 1000,
      simulationEverySamples: simulateEvery,
      minSimulationGapMs: allowShort ? 0 : MIN_SIMULATION_INTERVAL_SECONDS * 1000,
      retentionDays: null,
    },
    onSample: (sample) => io.out(values.json ? sampleJson(sample) : sampleLine(sample, language)),
    notify: (alert) => io.out(values.json ? alertJson(alert, language) : alertLine(alert, language)),
    onError: (error, during) => {
      if ((during === 'record' || during === 'retention') && values.history) {
        // Samples that could not be saved (a full disk): say which file, and end with exit 2.
        lostSamples += 1;
        const why = isDiskError(error)
          ? diskErrorReason(error)[language]
          : error instanceof Error
            ? error.message
            : String(error);
        io.err(
          say(
            io,
            text(
              `监测：这次检测的结果没能保存到 ${values.history}（${why}），但已在上面打印。`,
              `watch: this sample could not be saved to ${values.history} (${why}); it is printed above.`,
            ),
          ),
        );
        return;
      }
      const reason = (error as { reason?: Record<typeof language, string> }).reason?.[language];
      io.err(`watch: ${during}: ${reason ?? (error instanceof Error ? error.message : String(error))}`);
    },
    onClockJump: ({ jumpMs }) => io.err(say(io, clockJumpText(jumpMs))),
    clock,
  });

  try {
    watcher.start();
    await stopWhen(io.stopSignal, forMs, clock);
    await watcher.stop();
  } finally {
    // Also on an unexpected error: no browser process or open database is left behind.
    await watcher.stop();
    history.close();
    await closeBrowser();
  }
  const stillOpen = watcher.openIncident !== null;
  if (stillOpen) {
    io.err(say(io, text('结束时故障仍未恢复。', 'The fault had not recovered when the watch ended.')));
  }
  if (lostSamples > 0) {
    io.err(
      say(
        io,
        text(
          `有 ${lostSamples} 次检测没能保存到 ${values.history}（结果已打印在上面）。腾出磁盘空间，或用 --history 换一个可写的位置。`,
          `${lostSamples} sample(s) could not be saved to ${values.history} (they are printed above). Free some disk space, or choose a writable place with --history.`,
        ),
      ),
    );
    return EXIT.badInput;
  }
  return stillOpen ? EXIT.problemFound : EXIT.ok;
}
