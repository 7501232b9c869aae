import type { Har } from '../probe/har';
import type { RedactionEngine } from '../redaction';
import type { StagedFileWriter } from './staged-file';

/** Chunks handed to the file are about this many characters: few writes, small memory. */
const FLUSH_AT = 256 * 1024;

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
  const full = (): Promise<void> | null => (chars >= FLUSH_AT ? flush() : null);
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
    const flushing = push(JSON.stringify(engine.json(log.entries[i])));
    if (flushing) await flushing;
  }
  await push('\n]}}\n');
  await flush();
}
