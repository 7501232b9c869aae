import { lstat, opendir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** A candidate bundle found under the folder: where, and what its stat says (for change detection). */
export interface FoundFile {
  path: string;
  /** Relative to the folder, forward slashes (what support staff see and the index keys on). */
  rel: string;
  size: number;
  mtimeMs: number;
}

/**
 * Every `.zip` under `root`, depth first, streamed so a folder of 100,000 files is never listed in memory
 * at once. Symbolic links are not followed (a link may point anywhere, or loop); unreadable sub-folders
 * are skipped and named through `onSkip`.
 */
export async function* walkBundles(
  root: string,
  onSkip: (path: string, reason: string) => void = () => {},
): AsyncGenerator<FoundFile> {
  const pending = [root];
  while (pending.length) {
    const dir = pending.pop()!;
    let handle;
    try {
      handle = await opendir(dir);
    } catch (error) {
      onSkip(dir, (error as NodeJS.ErrnoException).code ?? String(error));
      continue;
    }
    for await (const entry of handle) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile() && /\.zip$/i.test(entry.name)) {
        try {
          const info = await lstat(path);
          yield {
            path,
            rel: relative(root, path).split('\\').join('/'),
            size: info.size,
            mtimeMs: info.mtimeMs,
          };
        } catch (error) {
          onSkip(path, (error as NodeJS.ErrnoException).code ?? String(error));
        }
      }
    }
  }
}
