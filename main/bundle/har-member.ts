import type { Har } from '../probe/har';
import type { RedactionEngine } from '../redaction';
import type { StagedFileWriter } from './staged-file';

/** Chunks handed to the file are about this many characters: few writes, small memory. */
const FLUSH_AT = 256 * 1024;
/** Between two chunks, the event loop turns this often when zlib is behind (StagedFileWriter.catchUp). */
const TURN_AT = FLUSH_AT / 4;

/** Bodies shorter than this are serialized with their entry (see entryLines). */
const BODY_APART_AT = 256;
/** Stands in for a response body while the rest of its entry is serialized. */
const BODY_MARK = '\u0000bt-body\u0000';
const BODY_MARK_JSON = JSON.stringify(BODY_MARK);

const isRecord = (node: unknown): node is Record<string, unknown> =>
  node !== null && typeof node === 'object' && !Array.isArray(node);

/**
 * An entry's JSON in pieces, exactly `JSON.stringify(entry)` once joined: the response body serialized on its
 * own and the rest around it. One character beyond Latin-1 in a body (Chinese page text) makes V8 build the
 * whole line as two-byte text: twice the memory, and slower to serialize and to encode as UTF-8 (-14 % for
 * both on the 50 MB benchmark HAR). The entry is serialized from shallow copies with the mark in the body's
 * place: the redacted entry may share objects with the HAR it came from (structured.ts), which is not ours to
 * change. The mark is used only where it stands once in the result: a page could put the same characters in
 * any other field.
 */
export function entryLines(entry: unknown): string[] {
  // Own members only, as JSON.stringify reads them (a redacted copy of a hostile `__proto__` member may have
  // been given a prototype that holds a `response`).
  const response =
    isRecord(entry) && Object.hasOwn(entry, 'response') && isRecord(entry.response) ? entry.response : null;
  const content =
    response && Object.hasOwn(response, 'content') && isRecord(response.content) ? response.content : null;
  if (
    !content ||
    !Object.hasOwn(content, 'text') ||
    typeof content.text !== 'string' ||
    content.text.length < BODY_APART_AT
  )
    return [JSON.stringify(entry)];
  const text = content.text;
  const json = JSON.stringify({
    ...(entry as object),
    response: { ...response, content: { ...content, text: BODY_MARK } },
  });
  const at = json.indexOf(BODY_MARK_JSON);
  if (at === -1 || json.lastIndexOf(BODY_MARK_JSON) !== at) return [JSON.stringify(entry)];
  return [json.slice(0, at), JSON.stringify(text), json.slice(at + BODY_MARK_JSON.length)];
}

/**
 * network.har, redacted page by page and entry by entry and written as it goes: the HAR as a whole is
 * never serialized in memory, so its size is bounded by the disk, not the heap. One entry per line keeps
 * the preview readable and diffs small.
 */
export async function writeRedactedHar(
  har: Har,
  engine: RedactionEngine,
  out: StagedFileWriter,
): Promise<void> {
  // Lines are kept apart and each encoded straight into the chunk (writeLines): joining them first would
  // build a string of a quarter million characters only to copy it again (a third of the cost of a 50 MB HAR).
  let lines: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (chars === 0) return;
    const chunk = lines;
    lines = [];
    chars = 0;
    await out.writeLines(chunk);
  };
  const add = (text: string) => {
    lines.push(text);
    chars += text.length;
  };
  // Only a full chunk waits for the file: an await per entry would be a hundred thousand turns of the loop.
  // Each quarter of a chunk, the loop turns if zlib is behind, so that it is handed its next chunk.
  let turnAt = TURN_AT;
  const full = (): Promise<void> | null => {
    if (chars >= FLUSH_AT) {
      turnAt = TURN_AT;
      return flush();
    }
    if (chars < turnAt) return null;
    turnAt += TURN_AT;
    return out.catchUp();
  };
  const push = (text: string) => {
    add(text);
    return full();
  };
  const { log } = har;
  const head: Record<string, unknown> = { version: '1.2', creator: engine.json(log.creator) };
  if (log.comment) head.comment = engine.text(log.comment);
  await push(`{"log":${JSON.stringify(head).slice(0, -1)},"pages":[`);
  // The separator is pushed on its own: `,\n` + a line would be a string that must be flattened to encode.
  for (let i = 0; i < log.pages.length; i++) {
    add(i ? ',\n' : '\n');
    await push(JSON.stringify(engine.json(log.pages[i])));
  }
  await push('\n],"entries":[');
  for (let i = 0; i < log.entries.length; i++) {
    add(i ? ',\n' : '\n');
    const lines = entryLines(engine.json(log.entries[i]));
    for (let j = 0; j < lines.length - 1; j++) add(lines[j]!);
    const flushing = push(lines[lines.length - 1]!);
    if (flushing) await flushing;
  }
  await push('\n]}}\n');
  await flush();
}
