import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { errnoCode, keepAside, keepAsideSync } from './keep-aside';

/**
 * What reading one JSON file we keep gave. Every file we keep is read through here: parsed, checked against
 * its schema, and when it cannot be used, moved aside (keep-aside.ts) so that the next write does not
 * destroy it, and the caller can tell the user once and go on with defaults.
 */
export type CheckedJson<T> =
  | { kind: 'missing' }
  | { kind: 'ok'; value: T }
  /** Unreadable, not JSON, or not what the schema says: moved to keptAs. */
  | { kind: 'damaged'; keptAs: string; problem: string }
  /**
   * Written by a newer version of this app (its `version` is higher than any we know): left where it is,
   * unchanged, and the caller must not write over it.
   */
  | { kind: 'newer'; version: number };

export interface CheckedJsonOptions {
  /** The highest `version` this build writes; a higher one is a newer build's file, not damage. */
  knownVersion?: number;
  now?: number;
}

type Decoded<T> =
  { kind: 'ok'; value: T } | { kind: 'newer'; version: number } | { kind: 'bad'; problem: string };

function decode<T>(bytes: Buffer, schema: z.ZodType<T>, options: CheckedJsonOptions): Decoded<T> {
  if (bytes.length === 0) return { kind: 'bad', problem: 'the file is empty' };
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return { kind: 'bad', problem: `not valid JSON: ${(error as Error).message}` };
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (options.knownVersion !== undefined && typeof version === 'number' && version > options.knownVersion) {
    return { kind: 'newer', version };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      kind: 'bad',
      problem: `does not match what this version expects: ${first ? `${first.path.join('.') || '(top)'}: ${first.message}` : 'invalid'}`,
    };
  }
  return { kind: 'ok', value: parsed.data };
}

/** A read that failed because of what the path is (a folder), not because the disk refused us. */
const unusable = (error: unknown) => errnoCode(error) === 'EISDIR';

export function readCheckedJsonSync<T>(
  path: string,
  schema: z.ZodType<T>,
  options: CheckedJsonOptions = {},
): CheckedJson<T> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { kind: 'missing' };
    if (!unusable(error)) throw error;
    return {
      kind: 'damaged',
      keptAs: keepAsideSync(path, options.now),
      problem: 'it is a folder, not a file',
    };
  }
  const decoded = decode(bytes, schema, options);
  if (decoded.kind !== 'bad') return decoded;
  return { kind: 'damaged', keptAs: keepAsideSync(path, options.now), problem: decoded.problem };
}

export async function readCheckedJson<T>(
  path: string,
  schema: z.ZodType<T>,
  options: CheckedJsonOptions = {},
): Promise<CheckedJson<T>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { kind: 'missing' };
    if (!unusable(error)) throw error;
    return {
      kind: 'damaged',
      keptAs: await keepAside(path, options.now),
      problem: 'it is a folder, not a file',
    };
  }
  const decoded = decode(bytes, schema, options);
  if (decoded.kind !== 'bad') return decoded;
  return { kind: 'damaged', keptAs: await keepAside(path, options.now), problem: decoded.problem };
}
