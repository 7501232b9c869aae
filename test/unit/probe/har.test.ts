import { har as validateHar } from 'har-validator';
import { describe, expect, it } from 'vitest';
import { harFromProbes, harTime, harTimings } from '../../../main/probe/har';
import { failure, hop, result } from './probe-fixtures';

describe('HAR timings from probe phases', () => {
  it('puts ssl inside connect, as HAR 1.2 defines it, and sums time without ssl', () => {
    const t = harTimings(hop({ blocked: 0.5, dns: 2, connect: 3, tls: 10, send: 1, wait: 50, receive: 4 }));
    expect(t).toEqual({ blocked: 0.5, dns: 2, connect: 13, ssl: 10, send: 1, wait: 50, receive: 4 });
    expect(harTime(t)).toBe(70.5);
  });

  it('counts a proxy tunnel as part of connecting', () => {
    expect(harTimings(hop({ connect: 1, proxyTunnel: 2, tls: 10 })).connect).toBe(13);
  });

  it('uses -1 for phases that did not happen and 0 for required ones not reached', () => {
    const t = harTimings(
      hop(
        { dns: null, tls: null, send: null, wait: null, receive: null, connect: 2 },
        failure('connect', 'connection-refused'),
      ),
    );
    expect(t).toMatchObject({ dns: -1, ssl: -1, connect: 2, send: 0, wait: 0, receive: 0 });
  });

  it('makes one page per request and one entry per hop, valid HAR 1.2', async () => {
    const chain = result([hop({}, null, 0), hop({}, null, 1)]);
    const refused = result([
      hop({ tls: null, send: null, wait: null, receive: null }, failure('connect', 'connection-refused')),
    ]);
    const har = harFromProbes([chain, refused], { name: 'Baitiao Doctor', version: '0.1.0' });
    expect(har.log.version).toBe('1.2');
    expect(har.log.pages).toHaveLength(2);
    expect(har.log.entries.map((e) => e.pageref)).toEqual([chain.id, chain.id, refused.id]);
    expect(har.log.entries[2]!.response).toMatchObject({
      status: 0,
      _error: 'connection-refused',
      bodySize: -1,
    });
    await expect(validateHar(har)).resolves.toBeTruthy();
  });

  it('the validator is live: it rejects a broken log', async () => {
    const har = harFromProbes([result([hop()])], { name: 'x', version: '1' });
    const broken = structuredClone(har) as unknown as {
      log: { entries: { response: Record<string, unknown> }[] };
    };
    delete broken.log.entries[0]!.response.headers;
    await expect(validateHar(broken)).rejects.toThrow();
  });
});
