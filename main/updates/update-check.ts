import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { get } from 'node:https';
import type { IncomingMessage } from 'node:http';
import {
  compareVersions,
  FeedFormatError,
  installerOf,
  parseUpdateFeed,
  type UpdateFile,
} from './update-feed';

export interface FeedAccess {
  /** The generic provider's URL (electron-builder.yml → publish.url): latest.yml is fetched from here. */
  feedUrl: string;
  /** Extra CAs to trust on top of the system's (tests' loopback CA); verification is never switched off. */
  ca?: string[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

export type FeedCheck =
  | { kind: 'newer'; version: string; installer: UpdateFile; installerUrl: string }
  | { kind: 'same'; version: string }
  | { kind: 'older'; version: string }
  | { kind: 'unreachable'; reason: string }
  | { kind: 'bad-feed'; reason: string };

const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_FEED_BYTES = 64 * 1024;

function request(url: string, access: FeedAccess): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (!url.startsWith('https://')) return reject(new Error(`not an https URL: ${url}`));
    const req = get(url, {
      ...(access.ca ? { ca: access.ca } : {}),
      timeout: access.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      signal: access.signal,
    });
    req.on('timeout', () =>
      req.destroy(new Error(`no answer within ${access.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`)),
    );
    req.on('error', reject);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return reject(new Error(`HTTP ${res.statusCode}`));
      }
      resolve(res);
    });
  });
}

/** Asks the feed whether there is a version newer than ours. Never throws: every outcome is a kind. */
export async function checkFeed(access: FeedAccess, currentVersion: string): Promise<FeedCheck> {
  const base = access.feedUrl.endsWith('/') ? access.feedUrl : `${access.feedUrl}/`;
  let text: string;
  try {
    const res = await request(new URL('latest.yml', base).href, access);
    const chunks: Buffer[] = [];
    let bytes = 0;
    for await (const chunk of res as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > MAX_FEED_BYTES)
        throw new FeedFormatError(`latest.yml is larger than ${MAX_FEED_BYTES} bytes`);
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8');
  } catch (error) {
    if (error instanceof FeedFormatError) return { kind: 'bad-feed', reason: error.message };
    return { kind: 'unreachable', reason: error instanceof Error ? error.message : String(error) };
  }
  try {
    const feed = parseUpdateFeed(text);
    const order = compareVersions(feed.version, currentVersion);
    if (order < 0) return { kind: 'older', version: feed.version };
    if (order === 0) return { kind: 'same', version: feed.version };
    const installer = installerOf(feed);
    return {
      kind: 'newer',
      version: feed.version,
      installer,
      installerUrl: new URL(installer.url, base).href,
    };
  } catch (error) {
    return { kind: 'bad-feed', reason: error instanceof Error ? error.message : String(error) };
  }
}

export type DownloadOutcome =
  { ok: true; path: string } | { ok: false; reason: 'sha512-mismatch' | 'failed'; detail: string };

/**
 * Downloads the installer to `dest` while hashing it; a file whose SHA-512 differs from the feed's is
 * deleted and never offered for install.
 */
export async function downloadVerified(
  url: string,
  file: UpdateFile,
  dest: string,
  access: Omit<FeedAccess, 'feedUrl'>,
): Promise<DownloadOutcome> {
  const hash = createHash('sha512');
  try {
    const res = await request(url, { ...access, feedUrl: url });
    const out = createWriteStream(dest);
    for await (const chunk of res as AsyncIterable<Buffer>) {
      hash.update(chunk);
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  } catch (error) {
    await rm(dest, { force: true });
    return { ok: false, reason: 'failed', detail: error instanceof Error ? error.message : String(error) };
  }
  const got = hash.digest('base64');
  if (got !== file.sha512) {
    await rm(dest, { force: true });
    return { ok: false, reason: 'sha512-mismatch', detail: `expected ${file.sha512}, got ${got}` };
  }
  return { ok: true, path: dest };
}
