import { describe, expect, it } from 'vitest';
import { findIncidents, type IncidentEvent } from '../../../main/triage';
import { DEFAULT_INCIDENT_RULE } from '../../../shared/triage/triage-view';

const T0 = Date.parse('2026-12-04T08:00:00Z');
const MIN = 60_000;

/** n merchants (M1…Mn) with one GATEWAY_TIMEOUT each, the first at T0 and the last `spreadMin` later. */
function spread(n: number, spreadMin: number, outcome: IncidentEvent['outcome'] = 'GATEWAY_TIMEOUT') {
  return Array.from({ length: n }, (_, i) => ({
    outcome,
    merchantNo: `2088000000000${String(i + 1).padStart(3, '0')}`,
    at: T0 + (n === 1 ? 0 : Math.round((i * spreadMin * MIN) / (n - 1))),
  }));
}

describe('incident rule: ≥ N distinct merchants, same outcome, within the window', () => {
  it('five merchants within exactly 30 minutes are one incident, with its first and last diagnosis', () => {
    const incidents = findIncidents(spread(5, 30), DEFAULT_INCIDENT_RULE);
    expect(incidents).toEqual([
      {
        outcome: 'GATEWAY_TIMEOUT',
        side: 'platform',
        merchants: 5,
        from: '2026-12-04T08:00:00.000Z',
        to: '2026-12-04T08:30:00.000Z',
      },
    ]);
  });

  it('N−1 merchants are no incident, however close together', () => {
    expect(findIncidents(spread(4, 1), DEFAULT_INCIDENT_RULE)).toEqual([]);
  });

  it('a window one minute too wide is no incident', () => {
    expect(findIncidents(spread(5, 31), DEFAULT_INCIDENT_RULE)).toEqual([]);
  });

  it('one merchant sending many bundles counts once', () => {
    const same = spread(4, 10).concat(
      Array.from({ length: 6 }, (_, i) => ({
        outcome: 'GATEWAY_TIMEOUT' as const,
        merchantNo: '2088000000000001',
        at: T0 + i * MIN,
      })),
    );
    expect(findIncidents(same, DEFAULT_INCIDENT_RULE)).toEqual([]);
  });

  it('different outcomes never add up, and REDIRECT_OK is never an incident', () => {
    const mixed = [
      ...spread(3, 5, 'GATEWAY_TIMEOUT'),
      ...spread(3, 5, 'GATEWAY_ERROR').map((e) => ({ ...e, merchantNo: `x${e.merchantNo}` })),
    ];
    expect(findIncidents(mixed, DEFAULT_INCIDENT_RULE)).toEqual([]);
    expect(findIncidents(spread(20, 5, 'REDIRECT_OK'), DEFAULT_INCIDENT_RULE)).toEqual([]);
  });

  it('overlapping windows are one incident; a gap longer than the window starts another', () => {
    const first = spread(8, 50); // one every ~7 min: every 30-minute stretch holds ≥ 5
    const later = spread(5, 10).map((e) => ({ ...e, at: e.at + 5 * 60 * MIN }));
    const incidents = findIncidents([...later, ...first], DEFAULT_INCIDENT_RULE);
    expect(incidents.map((i) => [i.merchants, i.from, i.to])).toEqual([
      [8, '2026-12-04T08:00:00.000Z', '2026-12-04T08:50:00.000Z'],
      [5, '2026-12-04T13:00:00.000Z', '2026-12-04T13:10:00.000Z'],
    ]);
  });

  it('the rule takes its numbers: 3 merchants in 10 minutes', () => {
    const rule = { minMerchants: 3, windowMinutes: 10 };
    expect(findIncidents(spread(3, 10, 'BLANK_PAGE'), rule)).toHaveLength(1);
    expect(findIncidents(spread(3, 11, 'BLANK_PAGE'), rule)).toHaveLength(0);
    expect(findIncidents(spread(2, 1, 'BLANK_PAGE'), rule)).toHaveLength(0);
    expect(findIncidents(spread(3, 10, 'BLANK_PAGE'), rule)[0]!.side).toBe('platform');
  });
});
