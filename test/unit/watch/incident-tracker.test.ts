import { afterEach, describe, expect, it } from 'vitest';
import type { WatchAlert } from '../../../shared/watch/watch-incident';
import { WatchHistory } from '../../../main/watch/history';
import { IncidentTracker } from '../../../main/watch/incident-tracker';
import { MIN, T0, probeSample, simulationSample } from './fixtures';

const STORE = 'store-1';
let history: WatchHistory;

function tracker(h = history) {
  return new IncidentTracker({ storeId: STORE, storeName: '测试小店', incidents: h.incidents });
}

/** Feeds samples the way the watcher does (stored, then observed) and collects the alerts. */
function feed(t: IncidentTracker, samples: ReturnType<typeof probeSample>[], h = history): WatchAlert[] {
  const alerts: WatchAlert[] = [];
  for (const s of samples) {
    h.append(STORE, s);
    const alert = t.observe(s);
    if (alert) alerts.push(alert);
  }
  return alerts;
}

afterEach(() => history?.close());

describe('incident tracker', () => {
  it('opens on the first failure and closes after two ok samples: one alert each, with the real times', () => {
    history = WatchHistory.open(':memory:');
    const t = tracker();
    const alerts = feed(t, [
      probeSample(T0),
      probeSample(T0 + MIN, 'first-byte-timeout'),
      probeSample(T0 + 2 * MIN, 'first-byte-timeout'),
      probeSample(T0 + 3 * MIN),
      probeSample(T0 + 4 * MIN),
      probeSample(T0 + 5 * MIN),
    ]);
    expect(alerts.map((a) => [a.type, a.at, a.outcome])).toEqual([
      ['failing', T0 + MIN, 'first-byte-timeout'],
      ['recovered', T0 + 4 * MIN, 'first-byte-timeout'],
    ]);
    const incident = alerts[1]!.incident;
    expect(incident).toMatchObject({ openedAt: T0 + MIN, closedAt: T0 + 3 * MIN, failedSamples: 2 });
    expect(incident.outcomes).toEqual({ 'first-byte-timeout': 2 });
    expect(alerts[0]!.title['zh-CN']).toBe('白条支付出现故障');
    expect(alerts[0]!.body['en-US']).toContain('first-byte-timeout');
    expect(t.openIncident).toBeNull();
  });

  it('does not re-alert while the path flaps within an incident', () => {
    history = WatchHistory.open(':memory:');
    const t = tracker();
    const pattern = [
      'ok',
      'server-error',
      'ok',
      'server-error',
      'ok',
      'connection-refused',
      'ok',
      'ok',
    ] as const;
    const alerts = feed(
      t,
      pattern.map((o, i) => probeSample(T0 + i * MIN, o)),
    );
    expect(alerts.map((a) => a.type)).toEqual(['failing', 'recovered']);
    expect(alerts[1]!.incident).toMatchObject({
      openedAt: T0 + MIN,
      closedAt: T0 + 6 * MIN,
      failedSamples: 3,
      firstOutcome: 'server-error',
      lastOutcome: 'connection-refused',
      outcomes: { 'server-error': 2, 'connection-refused': 1 },
    });
  });

  it('keeps the incident open until the failing redirect itself passes again', () => {
    history = WatchHistory.open(':memory:');
    const t = tracker();
    const alerts = feed(t, [
      simulationSample(T0, 'CASHIER_ERROR_PAGE'),
      probeSample(T0 + MIN),
      probeSample(T0 + 2 * MIN),
      probeSample(T0 + 3 * MIN),
    ]);
    expect(alerts.map((a) => a.type)).toEqual(['failing']);
    const more = feed(t, [simulationSample(T0 + 4 * MIN), probeSample(T0 + 5 * MIN)]);
    expect(more.map((a) => [a.type, a.incident.closedAt])).toEqual([['recovered', T0 + 4 * MIN]]);
  });

  it('resumes an open incident after a restart without alerting again', () => {
    history = WatchHistory.open(':memory:');
    const first = feed(tracker(), [probeSample(T0, 'dns-failed'), probeSample(T0 + MIN, 'dns-failed')]);
    expect(first.map((a) => a.type)).toEqual(['failing']);
    const restarted = new IncidentTracker({
      storeId: STORE,
      storeName: '测试小店',
      incidents: history.incidents,
      failingKinds: ['probe'],
    });
    expect(restarted.openIncident?.openedAt).toBe(T0);
    const later = feed(restarted, [
      probeSample(T0 + 2 * MIN, 'dns-failed'),
      probeSample(T0 + 3 * MIN),
      probeSample(T0 + 4 * MIN),
    ]);
    expect(later.map((a) => a.type)).toEqual(['recovered']);
    expect(later[0]!.incident).toMatchObject({ id: first[0]!.incidentId, failedSamples: 3 });
  });
});
