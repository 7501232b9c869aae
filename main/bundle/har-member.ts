import type { Har } from '../probe/har';
import type { RedactionEngine } from '../redaction';
import type { StagedFileWriter } from './staged-file';

/** Chunks handed to the file are about this big: few writes, small memory. */
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
  let pending = '';
  const push = async (text: string) => {
    pending += text;
    if (pending.length >= FLUSH_AT) {
      await out.write(pending);
      pending = '';
    }
  };
  const { log } = har;
  const head: Record<string, unknown> = { version: '1.2', creator: engine.json(log.creator) };
  if (log.comment) head.comment = engine.text(log.comment);
  await push(`{"log":${JSON.stringify(head).slice(0, -1)},"pages":[`);
  for (let i = 0; i < log.pages.length; i++) {
    await push(`${i ? ',' : ''}\n${JSON.stringify(engine.json(log.pages[i]))}`);
  }
  await push('\n],"entries":[');
  for (let i = 0; i < log.entries.length; i++) {
    await push(`${i ? ',' : ''}\n${JSON.stringify(engine.json(log.entries[i]))}`);
  }
  await push('\n]}}\n');
  await out.write(pending);
}
