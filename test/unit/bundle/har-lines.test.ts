import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entryLines, writeRedactedHar } from '../../../main/bundle/har-member';
import type { StagedFileWriter } from '../../../main/bundle/staged-file';
import { RedactionEngine } from '../../../main/redaction';

/**
 * network.har serializes each entry's response body apart from the rest (har-member.ts): joined, the pieces
 * must be exactly JSON.stringify of the entry, whatever the page put in the body or in any other field
 * (the mark that stands in for the body included), and the entry must be left as it was.
 */
const MARK = '\u0000bt-body\u0000';
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({
    unit: fc.constantFrom('白', '条', 'a', '"', '\\', '\n', '\u0000', '\ud800', 'é'),
    maxLength: 600,
  }),
  fc.constantFrom(MARK, `x${MARK}y`, JSON.stringify(MARK), '"\\u0000bt-body\\u0000"'),
  fc.string({ minLength: 256, maxLength: 700 }).map((s) => `${s}${MARK}`),
);

describe('network.har lines', () => {
  it('are JSON.stringify of the entry once joined, and leave the entry as it was', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(text, { maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom('string', 'number', 'missing'),
        (body, others, bodyFirst, kind) => {
          const content: Record<string, unknown> = bodyFirst ? {} : { size: 1, mimeType: 'text/html' };
          if (kind === 'string') content.text = body.repeat(body.length < 256 ? 3 : 1);
          else if (kind === 'number') content.text = 42;
          content.comment = others[0] ?? 'none';
          const entry = {
            request: {
              url: others[1] ?? 'https://a.example/',
              headers: others.map((v) => ({ name: 'X', value: v })),
            },
            response: { status: 200, content, redirectURL: others[2] ?? '' },
            comment: others[3] ?? MARK,
          };
          const before = JSON.stringify(entry);
          const lines = entryLines(entry);
          expect(lines.join('')).toBe(before);
          expect(JSON.stringify(entry)).toBe(before);
        },
      ),
      { numRuns: 600 },
    );
  });

  it('serializes a long body apart, and whole when its mark would be ambiguous', () => {
    const body = '白条分期 '.repeat(100);
    const entry = { response: { content: { mimeType: 'text/html', text: body } } };
    expect(entryLines(entry)).toEqual([
      '{"response":{"content":{"mimeType":"text/html","text":',
      JSON.stringify(body),
      '}}}',
    ]);
    const echoed = { ...entry, comment: MARK };
    expect(entryLines(echoed)).toEqual([JSON.stringify(echoed)]);
  });

  it('never writes into the entry: a redacted entry may share its parts with the HAR it came from', () => {
    const deepFreeze = <T>(node: T): T => {
      if (node !== null && typeof node === 'object') {
        Object.values(node).forEach(deepFreeze);
        Object.freeze(node);
      }
      return node;
    };
    const entry = deepFreeze({
      request: { url: 'https://a.example/' },
      response: { status: 200, content: { mimeType: 'text/html', text: '白条分期 '.repeat(100) } },
    });
    expect(entryLines(entry).join('')).toBe(JSON.stringify(entry));
  });

  it('reads only the entry’s own members, as JSON.stringify does', () => {
    const inherited = { response: { content: { mimeType: 'text/html', text: '白条分期 '.repeat(100) } } };
    const entry = Object.assign(Object.create(inherited) as object, { time: 1 });
    expect(entryLines(entry).join('')).toBe(JSON.stringify(entry));
    const content = Object.create({ text: '白条分期 '.repeat(100) }) as object;
    const shallow = { response: { content: Object.assign(content, { mimeType: 'text/html' }) } };
    expect(entryLines(shallow).join('')).toBe(JSON.stringify(shallow));
  });
});

describe('network.har written in chunks', () => {
  it('lets zlib catch up between chunks: a few turns of the loop each, and every line written once', async () => {
    // zlib is handed its next chunk only on a turn of the loop (staged-file.ts, QUEUED_BYTES): one turn a
    // chunk would let it fall behind for good.
    const entries = Array.from({ length: 3000 }, (_, i) => ({
      startedDateTime: '2026-12-05T00:00:00.000Z',
      request: { method: 'GET', url: `https://shop.example.cn/item/${i}`, headers: [], cookies: [] },
      response: {
        status: 200,
        headers: [],
        cookies: [],
        content: { size: 0, mimeType: 'text/plain', text: '价格 '.repeat(50) },
      },
    }));
    const events: string[] = [];
    const written: string[] = [];
    const out = {
      writeLines: async (lines: readonly string[]) => {
        events.push('chunk');
        written.push(...lines);
      },
      catchUp: async () => {
        events.push('turn');
      },
    } as unknown as StagedFileWriter;
    const har = { log: { version: '1.2', creator: { name: 't', version: '1' }, pages: [], entries } };
    await writeRedactedHar(har as never, new RedactionEngine(), out);
    const parsed = JSON.parse(written.join('')) as { log: { entries: unknown[] } };
    expect(parsed.log.entries).toHaveLength(entries.length);
    // Between two chunks (the last may be short), three turns: at each quarter of a chunk.
    const runs = events
      .join(' ')
      .split('chunk')
      .slice(1, -2)
      .map((run) => run.split('turn').length - 1);
    expect(runs.length).toBeGreaterThan(2);
    for (const turns of runs) expect(turns).toBe(3);
  });
});
