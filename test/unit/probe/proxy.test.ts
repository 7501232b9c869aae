import { describe, expect, it } from 'vitest';
import { bypassesProxy, parseProxyRule, proxyFromEnvironment } from '../../../main/probe/proxy';
import { ProbeError } from '../../../main/probe/probe-error';

describe('PAC-style proxy rules', () => {
  it('reads DIRECT and PROXY, taking the first entry only', () => {
    expect(parseProxyRule('DIRECT')).toMatchObject({ mode: 'direct', rule: 'DIRECT' });
    expect(parseProxyRule('')).toMatchObject({ mode: 'direct' });
    expect(parseProxyRule('PROXY proxy.corp:3128; DIRECT')).toMatchObject({
      mode: 'http-proxy',
      rule: 'PROXY proxy.corp:3128',
      host: 'proxy.corp',
      port: 3128,
      authorization: null,
    });
    expect(parseProxyRule('PROXY [::1]:8080')).toMatchObject({ host: '::1', port: 8080 });
    expect(parseProxyRule('PROXY proxy.corp')).toMatchObject({ port: 80 });
  });

  it('keeps credentials out of the reported rule', () => {
    const choice = parseProxyRule('PROXY al%40ice:s3cret@proxy.corp:3128');
    expect(choice.rule).toBe('PROXY proxy.corp:3128');
    expect(choice.authorization).toBe(`Basic ${Buffer.from('al@ice:s3cret').toString('base64')}`);
  });

  it('refuses kinds it cannot test rather than silently going direct', () => {
    for (const rule of ['SOCKS5 127.0.0.1:1080', 'HTTPS secure-proxy:443; DIRECT', 'SOCKS h:1']) {
      expect(() => parseProxyRule(rule)).toThrow(ProbeError);
      try {
        parseProxyRule(rule);
      } catch (error) {
        expect((error as ProbeError).kind).toBe('proxy-unsupported');
      }
    }
  });
});

describe('HTTPS_PROXY / NO_PROXY (the CLI)', () => {
  const resolve = (env: NodeJS.ProcessEnv, url: string) => proxyFromEnvironment(env)(url);

  it('uses HTTPS_PROXY for https and HTTP_PROXY for http, lowercase first', async () => {
    const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: 'plain:3' };
    expect(await resolve(env, 'https://gw.example/')).toBe('PROXY lower:2');
    expect(await resolve(env, 'http://shop.example/')).toBe('PROXY plain:3');
    expect(await resolve({}, 'https://gw.example/')).toBe('DIRECT');
    expect(await resolve({ ALL_PROXY: 'http://all:9' }, 'https://gw.example/')).toBe('PROXY all:9');
  });

  it('carries credentials to the rule parser and reports other schemes as such', async () => {
    expect(await resolve({ HTTPS_PROXY: 'http://u:p@corp:8080' }, 'https://gw.example/')).toBe(
      'PROXY u:p@corp:8080',
    );
    expect(await resolve({ HTTPS_PROXY: 'http://corp' }, 'https://gw.example/')).toBe('PROXY corp:80');
    expect(await resolve({ HTTPS_PROXY: 'socks5://corp:1080' }, 'https://gw.example/')).toBe(
      'SOCKS5 corp:1080',
    );
  });

  it('bypasses per NO_PROXY: names and subdomains, ports, IPs, CIDR, *', async () => {
    const env = {
      HTTPS_PROXY: 'http://corp:8080',
      NO_PROXY: 'example.cn, .internal.example,10.0.0.0/8, pay.example:8443',
    };
    expect(await resolve(env, 'https://example.cn/')).toBe('DIRECT');
    expect(await resolve(env, 'https://shop.example.cn/')).toBe('DIRECT');
    expect(await resolve(env, 'https://notexample.cn/')).toBe('PROXY corp:8080');
    expect(await resolve(env, 'https://a.internal.example/')).toBe('DIRECT');
    expect(await resolve(env, 'https://10.1.2.3/')).toBe('DIRECT');
    expect(await resolve(env, 'https://11.1.2.3/')).toBe('PROXY corp:8080');
    expect(await resolve(env, 'https://pay.example:8443/')).toBe('DIRECT');
    expect(await resolve(env, 'https://pay.example/')).toBe('PROXY corp:8080');
    expect(await resolve({ ...env, NO_PROXY: '*' }, 'https://anything.example/')).toBe('DIRECT');
  });

  it('never sends loopback through a proxy, as Chromium does not', () => {
    for (const url of [
      'https://localhost:8443/',
      'https://127.0.0.1:8443/',
      'https://[::1]:8443/',
      'http://app.localhost/',
    ]) {
      expect(bypassesProxy(new URL(url), '')).toBe(true);
    }
    expect(bypassesProxy(new URL('https://gw.example/'), '')).toBe(false);
  });
});
