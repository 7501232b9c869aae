/**
 * A synthetic HAR the size of a long capture (a series of simulated redirects and probes): realistic
 * entries with URLs, cookies, headers and page text, a few secrets sprinkled in, deterministic (seeded)
 * so every run measures the same bytes.
 */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';
const WORDS = [
  '白条',
  '分期',
  '支付',
  '订单',
  '商品',
  '收银台',
  '确认',
  '优惠',
  '免息',
  '账单',
  'cart',
  'item',
  'price',
  'total',
];

export interface GeneratedHar {
  har: {
    log: { version: '1.2'; creator: { name: string; version: string }; pages: unknown[]; entries: unknown[] };
  };
  /** Serialized size (compact JSON), the HAR's "MB". */
  bytes: number;
}

export function generateHar(targetBytes: number, seed = 20261126): GeneratedHar {
  const random = prng(seed);
  const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const entries: unknown[] = [];
  const pages: unknown[] = [];
  let bytes = 0;
  for (let i = 0; bytes < targetBytes; i++) {
    if (i % 20 === 0) {
      const page = {
        id: `page_${i / 20}`,
        title: `cashier run ${i / 20}`,
        startedDateTime: new Date(1764115200000 + i * 50).toISOString(),
        pageTimings: { onContentLoad: -1, onLoad: -1 },
      };
      pages.push(page);
      bytes += JSON.stringify(page).length;
    }
    const token = hex(32);
    const text = Array.from(
      { length: 40 },
      () => `${pick(WORDS)} ${Math.floor(random() * 100000) / 100}`,
    ).join(' ');
    const entry = {
      pageref: `page_${Math.floor(i / 20)}`,
      startedDateTime: new Date(1764115200000 + i * 50).toISOString(),
      time: Math.round(random() * 50000) / 100,
      request: {
        method: 'GET',
        url: `https://cashier.example.cn/baitiao/cashier?token=${token}&order=${hex(12)}&installments=${pick([3, 6, 12, 24])}`,
        httpVersion: 'HTTP/1.1',
        cookies: [{ name: 'sid', value: hex(24) }],
        headers: [
          { name: 'Host', value: 'cashier.example.cn' },
          { name: 'User-Agent', value: UA },
          { name: 'Accept', value: 'text/html,application/xhtml+xml' },
          { name: 'Cookie', value: `sid=${hex(24)}; cart=${hex(8)}` },
          { name: 'Referer', value: `https://shop.example.cn/order/${hex(10)}` },
        ],
        queryString: [
          { name: 'token', value: token },
          { name: 'order', value: hex(12) },
        ],
        headersSize: -1,
        bodySize: 0,
      },
      response: {
        status: pick([200, 200, 200, 302, 503]),
        statusText: 'OK',
        httpVersion: 'HTTP/1.1',
        cookies: [],
        headers: [
          { name: 'Content-Type', value: 'text/html; charset=utf-8' },
          { name: 'Set-Cookie', value: `sid=${hex(24)}; Path=/; HttpOnly` },
          { name: 'X-Request-Id', value: hex(32) },
          { name: 'Server', value: 'cashier' },
        ],
        content: {
          size: 4096,
          mimeType: 'text/html',
          // Now and then a buyer's phone in the page, as a real capture would have.
          text: `<div class="plans">${text}${i % 50 === 0 ? ` 客服 139${String(10000000 + i).slice(-8)}` : ''}</div>`,
        },
        redirectURL: '',
        headersSize: -1,
        bodySize: 4096,
      },
      cache: {},
      timings: {
        blocked: -1,
        dns: Math.round(random() * 500) / 100,
        connect: 3.1,
        ssl: 2.2,
        send: 0.2,
        wait: Math.round(random() * 30000) / 100,
        receive: 1.3,
      },
    };
    entries.push(entry);
    bytes += JSON.stringify(entry).length;
  }
  const har = { log: { version: '1.2', creator: { name: 'bench', version: '1' }, pages, entries } };
  // Through JSON and back, as a HAR the app holds came to it (DevTools' messages, a file): its strings are then
  // flat, as they are there. Built with template literals, each would be a tree of pieces that the first
  // regex to read it copies into one string, and that copy, made during the preview, is work the app never does.
  return { har: JSON.parse(JSON.stringify(har)) as GeneratedHar['har'], bytes };
}
