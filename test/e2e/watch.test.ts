import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { syntheticYear } from '../../bench/watch/synthetic-year';
import { DEMO_STORE_ID } from '../../main/core/store-workspace';
import { IncidentTracker, WatchHistory } from '../../main/watch';
import type { WatchDeadlines } from '../../main/watch/watch-service';
import type { WatchStatus } from '../../shared/watch/watch-api';
import { MAX_CHART_FAILURES } from '../../shared/watch/watch-chart';
import { MIN_PROBE_INTERVAL_SECONDS } from '../../shared/watch/watch-settings';
import { chromiumMissingReason, makeDataDir, type AppSession } from './harness';
import { countOf, useAppSuite, visible } from './suite';

if (chromiumMissingReason) console.warn(chromiumMissingReason);

/**
 * What the watch really does, and what this journey can therefore see within a minute: the app's floor
 * is one sample a minute (MIN_PROBE_INTERVAL_SECONDS; only the CLI may go lower, against a loopback
 * sandbox), so the test never waits for a scheduled sample. It relies on two facts of the core instead
 * (main/watch/watcher.ts, watch-service.ts): the watcher takes its first sample the moment it starts,
 * and every settings change restarts it. Turning watching off and on again is therefore a second
 * sample at once.
 *
 * A first round against the loopback sandbox (a probe of the gateway and the cashier, then the first
 * simulated redirect, which starts the browser) takes a few seconds. With the gateway not answering, the
 * probe gives up after its first-byte deadline and the redirect after its prepay deadline (10 s each in
 * the app): the core is handed 1 s deadlines for that round only (AppCoreOptions.watchDeadlines, read
 * at each start of the watch), so the journey waits 2 s, not 20, and the healthy rounds keep the real
 * deadlines and cannot time out on a busy machine. The sandbox never answers in that scenario, so the
 * shorter deadline changes how long the test waits, not what it sees.
 */
const FIRST_ROUND_TIMEOUT = 45_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const TIMEOUT_SAMPLE = 30_000;

async function status(session: AppSession): Promise<WatchStatus> {
  return session.invoke('watch.status', undefined);
}

/**
 * Polls main until a round that began at or after `since` is over (the next sample is scheduled):
 * nothing changes after that until the next slot, a minute later.
 */
async function roundDone(session: AppSession, since: number, timeout: number): Promise<WatchStatus> {
  let finished: WatchStatus | null = null;
  await expect
    .poll(
      async () => {
        const now = await status(session);
        if (now.running && now.nextSampleAt !== null && (now.lastSample?.at ?? -1) >= since) finished = now;
        return finished !== null;
      },
      { timeout, interval: 250, message: `no finished watch round after ${timeout} ms` },
    )
    .toBe(true);
  return finished!;
}

/** The samples the chart's buckets hold, summed from their data attributes (e.g. data-probe-samples). */
const bucketSum = (page: Page, attribute: string) =>
  page
    .getByTestId('watch-bucket')
    .evaluateAll(
      (buckets, name) => buckets.reduce((sum, bucket) => sum + Number(bucket.getAttribute(name) ?? 0), 0),
      attribute,
    );

/**
 * Records, in the page, every toast text antd's message shows from now on, however briefly: a toast lives
 * 3 s, and on a loaded machine the test process (which also runs the core) can miss it between two polls.
 */
async function recordToasts(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(`(() => {
    window.__toastsSeen = [];
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('.ant-message-notice')) {
        const text = (element.textContent ?? '').trim();
        if (text && !window.__toastsSeen.includes(text)) window.__toastsSeen.push(text);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  })()`);
  return () => page.evaluate('window.__toastsSeen') as Promise<string[]>;
}

async function switchScenario(page: Page, label: string) {
  await page.getByRole('combobox', { name: '演示场景' }).click();
  await page.keyboard.type(label);
  await page.keyboard.press('Enter');
  await visible(page.getByText(`已切换到演示场景：${label}`));
}

describe.skipIf(chromiumMissingReason !== null)('watch screen (Chromium)', () => {
  const suite = useAppSuite();

  test('on at the shortest interval: the first sample on the chart; a gateway that stops answering is marked with its code', async () => {
    let deadlines: WatchDeadlines | null = null;
    const session = await suite.open({ core: { watchDeadlines: () => deadlines } });
    await session.open('#/watch');
    const { page } = session;
    await visible(page.getByRole('heading', { name: '持续监测', level: 1 }));
    await visible(page.getByRole('menuitem', { name: '持续监测' }));

    // Off until the merchant turns it on: nothing watched, nothing recorded yet.
    const before = await status(session);
    expect(before.running).toBe(false);
    expect(before.settings.enabled).toBe(false);
    await visible(page.locator('[data-testid="watch-state"][data-state="off"]').getByText('没有在监测'));
    await visible(page.getByTestId('watch-last-sample').getByText('还没有检查过'));
    await visible(page.getByTestId('watch-chart-empty'));
    await visible(page.getByTestId('watch-incidents').getByText('这段时间没有故障。'));

    // The floor, in plain words, under the interval choice; the shortest choice is that floor.
    expect(MIN_PROBE_INTERVAL_SECONDS).toBe(60);
    expect(await page.getByTestId('watch-interval-floor').innerText()).toBe(
      '为了不给平台添负担，最短每 60 秒一次。',
    );
    const toastsSeen = await recordToasts(page);
    await page.getByRole('combobox', { name: '多久检查一次' }).click();
    await page.locator('.ant-select-item-option[title="每 1 分钟"]').click();
    await expect
      .poll(async () => (await status(session)).settings.intervalSeconds, { timeout: 15_000 })
      .toBe(MIN_PROBE_INTERVAL_SECONDS);
    await expect.poll(toastsSeen, { timeout: 15_000 }).toContain('监测设置已保存。');
    // Still off: saving a setting does not start watching.
    expect((await status(session)).running).toBe(false);
    await session.screenshot('watch-off', { whole: true });

    // The switch turns watching on; the watcher samples at once.
    const onOff = page.getByRole('switch', { name: '持续监测' });
    expect(await onOff.getAttribute('aria-checked')).toBe('false');
    const firstStart = Date.now();
    await onOff.click();
    await visible(page.getByText('持续监测已打开，马上检查第一次。'));
    expect(await onOff.getAttribute('aria-checked')).toBe('true');
    const first = await roundDone(session, firstStart, FIRST_ROUND_TIMEOUT);
    expect(first.settings).toMatchObject({ enabled: true, intervalSeconds: 60 });
    expect(first.storeName).not.toBeNull();

    // The first round as main recorded it, then as the screen shows it.
    const chartNow = await session.invoke('watch.chart', {
      from: Date.now() - 3_600_000,
      to: Date.now() + 3_600_000,
      granularity: 'hour',
      utcOffsetMinutes: -new Date().getTimezoneOffset(),
    });
    const probeSamples = chartNow.buckets.reduce((sum, b) => sum + (b.probe?.samples ?? 0), 0);
    const probeOk = chartNow.buckets.reduce((sum, b) => sum + (b.probe?.ok ?? 0), 0);
    expect(probeSamples).toBe(1);
    expect(probeOk).toBe(1);
    // The first round also runs the first simulated redirect (every Nth round, starting with the first).
    const simulationSamples = chartNow.buckets.reduce((sum, b) => sum + (b.simulation?.samples ?? 0), 0);
    const simulationOk = chartNow.buckets.reduce((sum, b) => sum + (b.simulation?.ok ?? 0), 0);
    expect(first.simulation).toBe('available');
    expect([simulationSamples, simulationOk]).toEqual([1, 1]);

    await visible(page.locator('[data-testid="watch-state"][data-state="watching"]').getByText('正在监测'));
    const next = page.getByTestId('watch-next-sample');
    await visible(next.locator('time'));
    // The next sample is one interval (the 60 s floor) after the round began: fixed rate from the start.
    expect(first.nextSampleAt!).toBeGreaterThanOrEqual(firstStart + 60_000);
    expect(first.nextSampleAt!).toBeLessThanOrEqual(Date.now() + 60_000);

    // This hour's bucket holds both samples (two buckets if the round straddled the hour), both passed.
    await expect.poll(() => bucketSum(page, 'data-simulation-samples')).toBe(1);
    expect(await bucketSum(page, 'data-probe-samples')).toBe(1);
    await countOf(page.getByTestId('watch-bucket')).toBe(chartNow.buckets.length);
    expect(
      await page
        .locator('[data-testid="watch-bucket"][data-probe-samples="1"]')
        .getAttribute('data-probe-rate'),
    ).toBe('1');
    expect(
      await page
        .locator('[data-testid="watch-bucket"][data-simulation-samples="1"]')
        .getAttribute('data-simulation-rate'),
    ).toBe('1');
    await visible(
      page
        .getByTestId('watch-chart-summary')
        .getByText('网址检查 1 次，成功率 100%；模拟付款 1 次，成功率 100%；没有失败。', { exact: true }),
    );
    await countOf(page.getByTestId('watch-failure-marker')).toBe(0);
    await visible(page.getByTestId('watch-open-incident').getByText('没有正在发生的故障'));
    await session.screenshot('watch-first-sample', { whole: true });

    // The platform's gateway stops answering. Off and on again: a new round at once. Its probe hangs on
    // the gateway until the first-byte deadline; the simulated redirect then waits for the prepay answer
    // until its own deadline. Both are recorded as failures with their codes.
    await switchScenario(page, '网关无响应');
    deadlines = { probe: { firstByteMs: 1_000 }, gatewayCallMs: 1_000 };
    await onOff.click();
    await visible(page.getByText('持续监测已关闭。'));
    expect((await status(session)).running).toBe(false);
    await visible(page.locator('[data-testid="watch-state"][data-state="off"]'));
    const secondStart = Date.now();
    await onOff.click();
    await visible(page.getByText('持续监测已打开，马上检查第一次。'));

    // The probe's failure is marked as soon as it is recorded (a 'watch' event refreshes the screen).
    const marker = page.locator(
      '[data-testid="watch-failure-marker"][data-kind="probe"][data-outcomes~="first-byte-timeout"]',
    );
    await visible(marker, TIMEOUT_SAMPLE);
    const failing = await roundDone(session, secondStart, TIMEOUT_SAMPLE);
    const failures = await session.invoke('watch.chart', {
      from: secondStart - 1000,
      to: Date.now() + 1000,
      granularity: 'hour',
      utcOffsetMinutes: -new Date().getTimezoneOffset(),
    });
    const probeFailure = failures.failures.find((failure) => failure.kind === 'probe');
    expect(probeFailure).toMatchObject({ outcome: 'first-byte-timeout', target: 'gateway' });
    const simulationFailure = failures.failures.find((failure) => failure.kind === 'simulation');
    expect(simulationFailure).toMatchObject({ outcome: 'GATEWAY_TIMEOUT', target: 'redirect' });
    // The round's last sample is the redirect's; the incident opened on the probe's failure.
    expect(failing.lastSample).toMatchObject({ kind: 'simulation', ok: false, outcome: 'GATEWAY_TIMEOUT' });
    expect(failing.openIncident).toMatchObject({
      firstOutcome: 'first-byte-timeout',
      lastOutcome: 'GATEWAY_TIMEOUT',
      failedSamples: 2,
      closedAt: null,
    });

    // The status says so, with the code and since when.
    const incidentNow = page.locator('[data-testid="watch-open-incident"][data-open="true"]');
    await visible(incidentNow);
    await visible(incidentNow.getByText('GATEWAY_TIMEOUT', { exact: true }));
    await visible(incidentNow.getByText('first-byte-timeout', { exact: true }));
    expect(await incidentNow.getByTestId('watch-incident-since').innerText()).toMatch(
      /^从 .+ 开始，已经 .+。$/,
    );
    const last = page.locator('[data-testid="watch-last-sample"][data-outcome="GATEWAY_TIMEOUT"]');
    await visible(last);
    await visible(last.getByText('模拟付款：失败'));

    // The failure on the chart: a ▼ probe marker, named in words; keyboard focus shows code and time.
    expect(await marker.getAttribute('data-count')).toBe('1');
    const label = (await marker.getAttribute('aria-label')) ?? '';
    expect(label).toContain('网址检查失败 1 次');
    expect(label).toContain('first-byte-timeout');
    // Reached by Tab from the last control before the chart (the timing picker).
    await page.getByTestId('watch-measure').locator('input:checked').focus();
    await page.keyboard.press('Tab');
    expect(await marker.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    const tooltip = page.getByRole('tooltip');
    await visible(tooltip);
    const tip = await tooltip.innerText();
    expect(tip).toContain('first-byte-timeout');
    expect(tip).toContain('服务器迟迟没有回答（支付网关）');
    expect(tip).toMatch(/\d{2}:\d{2}:\d{2}/);
    expect(await tooltip.locator('time').first().getAttribute('datetime')).toBe(
      new Date(probeFailure!.at).toISOString(),
    );
    await session.screenshot('watch-failure-marked', { whole: true });
    await page.keyboard.press('Escape');
    await page.getByTestId('watch-tooltip').waitFor({ state: 'detached' });

    // The range's failure codes and the incident list name it too.
    await visible(
      page.locator(
        '[data-testid="watch-failure-codes"] [data-outcome="first-byte-timeout"][data-kind="probe"]',
      ),
    );
    const incident = page.locator('[data-testid="watch-incident"][data-open="true"]');
    await visible(incident);
    expect(await incident.getAttribute('data-first-outcome')).toBe('first-byte-timeout');
    await visible(incident.getByTestId('watch-incident-state').getByText('还没恢复'));
    await visible(incident.getByTestId('watch-incident-duration').getByText(/^到现在 /));
    await visible(page.locator('[data-testid="watch-incident-band"][data-open="true"]'));
    // The redirect's failure is a ◆ marker of its own, with its §7 code.
    await visible(
      page.locator(
        '[data-testid="watch-failure-marker"][data-kind="simulation"][data-outcomes~="GATEWAY_TIMEOUT"]',
      ),
    );
    await visible(
      page.locator(
        '[data-testid="watch-failure-codes"] [data-outcome="GATEWAY_TIMEOUT"][data-kind="simulation"]',
      ),
    );

    // By day: both rounds in today's bucket, the markers still there.
    await page.getByTestId('watch-granularity').getByText('按天', { exact: true }).click();
    await visible(page.getByTestId('watch-range').getByText('最近 30 天', { exact: true }));
    await visible(page.locator('[data-testid="watch-chart"][data-granularity="day"]'));
    expect(await bucketSum(page, 'data-probe-samples')).toBe(2);
    expect(await bucketSum(page, 'data-simulation-samples')).toBe(2);
    await visible(marker);
    await session.screenshot('watch-by-day', { whole: true });
  });

  test('a year of one-minute history: by day over the year and by hour over the week render at once, markers walk by keyboard, English', async () => {
    // What a watcher at the 60 s floor records in a year (bench/watch/synthetic-year.ts: 560,640 samples,
    // scattered failures and an outage every ten days), ending now, with the incidents its tracker opens.
    const dataDir = await makeDataDir();
    suite.removeLater(dataDir);
    const end = Math.floor(Date.now() / MINUTE) * MINUTE;
    const seeded = WatchHistory.open(join(dataDir, 'watch-history.sqlite'));
    const tracker = new IncidentTracker({
      storeId: DEMO_STORE_ID,
      storeName: 'demo',
      incidents: seeded.incidents,
    });
    for (const batch of syntheticYear(end - 365 * DAY, 365)) {
      seeded.appendBatch(DEMO_STORE_ID, batch);
      for (const sample of batch) tracker.observe(sample);
    }
    seeded.sealRollups(DEMO_STORE_ID, -new Date().getTimezoneOffset(), end);
    seeded.close();

    const session = await suite.open({ dataDir });
    await session.open('#/watch');
    const { page } = session;
    const buckets = page.getByTestId('watch-bucket');
    // Not watching (the settings were never turned on): nothing changes under the test.
    expect((await status(session)).running).toBe(false);

    /**
     * Waits until the chart shows `count` buckets of `granularity` (the window it drew is on its
     * element), then checks it drew every bucket main has for that window: one per hour or day, since
     * the year has a sample every minute. Returns the milliseconds from `since`.
     */
    const drawn = async (granularity: 'hour' | 'day', count: number, since: number) => {
      const chart = page.locator(`[data-testid="watch-chart"][data-granularity="${granularity}"]`);
      const size = granularity === 'hour' ? HOUR : DAY;
      await expect
        .poll(
          async () =>
            (await chart.count()) === 1 &&
            Number(await chart.getAttribute('data-to')) - Number(await chart.getAttribute('data-from')),
          { timeout: 15_000, interval: 20 },
        )
        .toBe(count * size);
      const elapsed = Date.now() - since;
      const core = await session.invoke('watch.chart', {
        from: Number(await chart.getAttribute('data-from')),
        to: Number(await chart.getAttribute('data-to')),
        granularity,
        utcOffsetMinutes: -new Date().getTimezoneOffset(),
      });
      // The current bucket is empty only in the first minute of an hour (the year ends a minute ago).
      expect(core.buckets.length).toBeGreaterThanOrEqual(count - 1);
      await countOf(buckets).toBe(core.buckets.length);
      return elapsed;
    };

    // The last 24 hours by hour first.
    await drawn('hour', 24, Date.now());

    // How long the main thread is blocked (JSON, React, layout) while the views switch: the user's
    // "quickly". The time from click to drawn is logged only: here most of it is the test harness
    // carrying the ~1 MB answer through Playwright, which the app's IPC does not do.
    await page.evaluate(() => {
      type Observer = new (callback: (list: { getEntries(): { duration: number }[] }) => void) => {
        observe(options: { type: string }): void;
      };
      const g = globalThis as unknown as { __longTasks: number[]; PerformanceObserver: Observer };
      g.__longTasks = [];
      new g.PerformanceObserver((list) => {
        for (const entry of list.getEntries()) g.__longTasks.push(entry.duration);
      }).observe({ type: 'longtask' });
    });
    let started = Date.now();
    await page.getByTestId('watch-range').getByText('最近 7 天', { exact: true }).click();
    const week = await drawn('hour', 7 * 24, started);
    await page.getByTestId('watch-granularity').getByText('按天', { exact: true }).click();
    await drawn('day', 30, Date.now());
    started = Date.now();
    await page.getByTestId('watch-range').getByText('最近一年', { exact: true }).click();
    const year = await drawn('day', 365, started);
    const longTasks = await page.evaluate(
      () => (globalThis as unknown as { __longTasks: number[] }).__longTasks,
    );
    const longest = Math.round(Math.max(0, ...longTasks));
    console.info(
      `watch chart: a week by hour drawn ${week} ms after the click, a year by day ${year} ms; ` +
        `longest main-thread task ${longest} ms (${longTasks.length} over 50 ms)`,
    );
    // Logged, not asserted: timings belong to `npm run bench`, and a loaded CI box must not fail here.
    // A chart that froze the window would fail above, where each view must be drawn within 15 s.

    // More failures than one answer carries: the newest are marked, and the screen says so.
    await visible(page.getByText(`失败太多，图上只标出了最近的 5,000 次。`));
    expect(MAX_CHART_FAILURES).toBe(5_000);
    const markers = page.getByTestId('watch-failure-marker');
    const markerCount = await markers.count();
    // Grouped where they would overlap, each with a count: a handful per column, not thousands.
    expect(markerCount).toBeGreaterThan(10);
    expect(markerCount).toBeLessThan(200);
    await visible(page.locator('[data-testid="watch-failure-marker"][data-kind="simulation"]').first());

    // One Tab stop, then the arrow keys, Home and End walk the markers; each shows its codes and times.
    await page.getByTestId('watch-measure').locator('input:checked').focus();
    await page.keyboard.press('Tab');
    /** The position of the focused marker among all markers, or -1 when focus is elsewhere. */
    const focused = () =>
      page.evaluate(() => {
        type Focused = { getAttribute(name: string): string | null } | null;
        const element = (globalThis as unknown as { document: { activeElement: Focused } }).document
          .activeElement;
        return element?.getAttribute('data-testid') === 'watch-failure-marker'
          ? Number(element.getAttribute('data-index'))
          : -1;
      });
    expect(await focused()).toBe(0);
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe(1);
    await page.keyboard.press('End');
    expect(await focused()).toBe(markerCount - 1);
    const tooltip = page.getByRole('tooltip');
    await visible(tooltip);
    expect(await tooltip.innerText()).toMatch(/失败 [\d,]+ 次/);
    expect(await tooltip.locator('code').count()).toBeGreaterThan(0);
    await page.keyboard.press('Home');
    expect(await focused()).toBe(0);
    // Tab leaves the chart rather than walking every marker.
    await page.keyboard.press('Tab');
    expect(await focused()).toBe(-1);

    await page.getByTestId('watch-chart').scrollIntoViewIfNeeded();
    await session.screenshot('watch-year');

    // The incidents: the newest twenty, then more on request.
    const incidents = page.getByTestId('watch-incident');
    await countOf(incidents).toBe(20);
    const more = page.getByTestId('watch-incidents-more');
    expect(await more.innerText()).toMatch(/^再显示 20 条（共 [\d,]+ 条）$/);
    await more.click();
    await countOf(incidents).toBe(40);

    // The table holds every bucket's figures; it is built only when opened.
    await countOf(page.getByTestId('watch-table')).toBe(0);
    await page.getByText('用表格查看每个时段的数字').click();
    await countOf(page.getByTestId('watch-table').locator('tbody tr')).toBe(await buckets.count());
    await session.screenshot('watch-year-table');

    // In English, words and numbers follow: grouped digits, English dates.
    await page.getByRole('combobox', { name: '界面语言' }).click();
    await page.locator('.ant-select-item-option[title="English"]').click();
    await visible(page.getByRole('heading', { name: 'Watch mode', level: 1 }));
    expect(await page.getByTestId('watch-interval-floor').innerText()).toBe(
      'To keep the load on the platform light, at most once every 60 seconds.',
    );
    expect(await page.getByTestId('watch-chart-summary').innerText()).toMatch(
      /^Address check: \d{3},\d{3} times, [\d.]+% succeeded; Simulated payment: \d{2},\d{3} times, [\d.]+% succeeded; [\d,]+ failures\.$/,
    );
    await visible(page.getByText('Too many failures: the chart marks only the latest 5,000.'));
    await page.getByTestId('watch-chart').scrollIntoViewIfNeeded();
    await session.screenshot('watch-year-en');
  });
});
