import { describe, expect, it } from 'vitest';
import { sanitizeRawHeaders, sanitizeText, sanitizeUrl } from '../../../main/probe/sanitize';

describe('sanitizing what probes capture', () => {
  it('redacts token, trade_token and sign in URLs, keeping everything else byte for byte', () => {
    expect(sanitizeUrl('https://c.example/pay?token=abc&x=a+b%20c&trade_token=t1&SIGN=s#frag')).toBe(
      'https://c.example/pay?token=REDACTED&x=a+b%20c&trade_token=REDACTED&SIGN=REDACTED#frag',
    );
    expect(sanitizeUrl('https://c.example/pay?tokenish=1&sign')).toBe(
      'https://c.example/pay?tokenish=1&sign=REDACTED',
    );
    expect(sanitizeUrl('https://user:pw@proxy.example:8080/')).toBe(
      'https://REDACTED:REDACTED@proxy.example:8080/',
    );
    expect(sanitizeUrl('not a url?token=x')).toBe('not a url');
  });

  it('redacts cookies and credentials in headers, and tokens inside Location', () => {
    const headers = sanitizeRawHeaders([
      'Set-Cookie',
      'sid=1',
      'Cookie',
      'a=b',
      'Authorization',
      'Bearer x',
      'Proxy-Authorization',
      'Basic y',
      'Location',
      'https://c.example/next?token=abc&ok=1',
      'location',
      '/relative?trade_token=zzz',
      'Content-Type',
      'text/html',
    ]);
    expect(headers).toEqual([
      { name: 'Set-Cookie', value: '[REDACTED]' },
      { name: 'Cookie', value: '[REDACTED]' },
      { name: 'Authorization', value: '[REDACTED]' },
      { name: 'Proxy-Authorization', value: '[REDACTED]' },
      { name: 'Location', value: 'https://c.example/next?token=REDACTED&ok=1' },
      { name: 'location', value: '/relative?trade_token=REDACTED' },
      { name: 'Content-Type', value: 'text/html' },
    ]);
  });

  it('caps header count and value length so a hostile server cannot grow a report', () => {
    const raw = Array.from({ length: 300 }, (_, i) => [`X-${i}`, 'v'.repeat(5000)]).flat();
    const headers = sanitizeRawHeaders(raw);
    expect(headers).toHaveLength(100);
    expect(headers[0]!.value.length).toBeLessThan(2100);
  });

  it('scrubs free text', () => {
    expect(sanitizeText('GET https://a.example/p?x=1&token=abc failed; see http://u:p@h/')).toBe(
      'GET https://a.example/p?x=1&token=REDACTED failed; see http://REDACTED:REDACTED@h/',
    );
  });
});
