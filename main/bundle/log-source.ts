import { open } from 'node:fs/promises';

import type { LogSource } from '../report';

export type { LogSource };

/** A run's log is small; a runaway one keeps its most recent part. */
export const MAX_LOG_BYTES = 16 * 1024 * 1024;
const OMITTED = '[… earlier lines omitted: the log was larger than the bundle keeps …]\n';

export async function readLogText(source: LogSource, maxBytes = MAX_LOG_BYTES): Promise<string> {
  if ('text' in source) {
    if (Buffer.byteLength(source.text, 'utf8') <= maxBytes) return source.text;
    const tail = Buffer.from(source.text, 'utf8').subarray(-maxBytes).toString('utf8');
    return OMITTED + tail.slice(tail.indexOf('\n') + 1);
  }
  const handle = await open(source.file, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    // Cut at a line start so the first line is whole (and no UTF-8 sequence is split).
    return size > maxBytes ? OMITTED + text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await handle.close();
  }
}
