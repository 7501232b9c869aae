import { chmod, mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { GeneratedKeyPair } from './key-generation';

/** The file names the platforms' key tools write, so a merchant's instructions read the same. */
export const KEY_FILE_NAMES = {
  private: 'merchant_private.pem',
  public: 'merchant_public.pem',
  oneLine: 'merchant_public.txt',
} as const;

/** A file that is already there: a key is never overwritten (the old one may be the only copy). */
export class KeyFileExistsError extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists`);
  }
}

/**
 * Creates `path` with `content`, failing if anything is already there (O_EXCL, so no race either).
 * `secret` files are mode 0600 where the file system has modes; chmod again because umask may narrow
 * but never widens, and a FAT/NTFS volume ignores both.
 */
export async function writeNewFile(path: string, content: string, secret: boolean): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', secret ? 0o600 : 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new KeyFileExistsError(path);
    throw error;
  }
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
  if (secret && process.platform !== 'win32') await chmod(path, 0o600);
}

/**
 * The three files of `keys generate` in `dir`: all or none. A name already taken stops before anything
 * is written; a failure half-way removes what this call wrote.
 */
export async function writeKeyPairFiles(
  dir: string,
  pair: Pick<GeneratedKeyPair, 'privateKeyPem' | 'publicKeyPem' | 'publicKeyOneLine'>,
): Promise<{ privatePath: string; publicPath: string; oneLinePath: string }> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const paths = {
    privatePath: join(dir, KEY_FILE_NAMES.private),
    publicPath: join(dir, KEY_FILE_NAMES.public),
    oneLinePath: join(dir, KEY_FILE_NAMES.oneLine),
  };
  const plan: Array<[string, string, boolean]> = [
    [paths.privatePath, pair.privateKeyPem, true],
    [paths.publicPath, pair.publicKeyPem, false],
    [paths.oneLinePath, `${pair.publicKeyOneLine}\n`, false],
  ];
  const written: string[] = [];
  try {
    for (const [path, content, secret] of plan) {
      await writeNewFile(path, content, secret);
      written.push(path);
    }
  } catch (error) {
    await Promise.all(written.map((path) => rm(path, { force: true })));
    throw error;
  }
  return paths;
}
