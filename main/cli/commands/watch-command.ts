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
import { deviceOption, networkOption } from '../device-options';
import { parseDuration } from '../../watch/duration';
import { WatchHistory } from '../../watch/history';
import { createProbeSampler } from '../../watch/probe-sample';
import { alertJson, alertLine, sampleJson, sampleLine } from '../../watch/sample-lines';
import type { Simulate } from '../../watch/simulation-sample';
import { createWatcher } from '../../watch/watcher';
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

/** Resolves when the user stops the CLI or --for has passed. */
function stopWhen(signal: AbortSignal, forMs: number | null): Promise<void> {
  return new Promise((resolve) => {
    const timer = forMs === null ? null : setTimeout(done, forMs);
    function done() {
      if (timer) clearTimeout(timer);
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
  try {
    history = WatchHistory.open(values.history ?? ':memory:');
  } catch (error) {
    await closeBrowser();
    throw new CliInputError(
      text(
        `--history：打不开监测记录文件 ${values.history}（${error instanceof Error ? error.message : String(error)}）。`,
        `--history: cannot open the watch history ${values.history} (${error instanceof Error ? error.message : String(error)}).`,
      ),
    );
  }
  const storeId = `${store.value.merchantNo}/${store.value.appId}@${profile.name}`;
  const language = io.language;
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
      const reason = (error as { reason?: Record<typeof language, string> }).reason?.[language];
      io.err(`watch: ${during}: ${reason ?? (error instanceof Error ? error.message : String(error))}`);
    },
  });

  try {
    watcher.start();
    await stopWhen(io.stopSignal, forMs);
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
  return stillOpen ? EXIT.problemFound : EXIT.ok;
}
