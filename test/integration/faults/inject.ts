import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

/**
 * Where no tmpfs can be mounted: the disk error injected instead, for writes under `under` only. Patches
 * node:fs and node:fs/promises and re-syncs their ES module bindings, so code that imported `open` or
 * `createWriteStream` by name sees the patch too. Returns the undo.
 */
export function injectDiskError(code: 'ENOSPC' | 'EROFS', under: string): () => void {
  const fail = (path: unknown) => {
    const error = new Error(
      `${code}: injected by the fault suite, '${String(path)}'`,
    ) as NodeJS.ErrnoException;
    error.code = code;
    error.path = String(path);
    return error;
  };
  const hits = (path: unknown) => String(path).startsWith(under);
  const p = fs.promises as unknown as Record<string, (...args: unknown[]) => unknown>;
  const f = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
  const saved = {
    open: p.open!,
    mkdir: p.mkdir!,
    writeFile: p.writeFile!,
    createWriteStream: f.createWriteStream!,
    openSync: f.openSync!,
    mkdirSync: f.mkdirSync!,
  };
  const writing = (flags: unknown) => typeof flags === 'string' && /[wa+]/.test(flags);
  p.open = (path, flags, ...rest) =>
    hits(path) && writing(flags) ? Promise.reject(fail(path)) : saved.open(path, flags, ...rest);
  p.mkdir = (path, ...rest) => (hits(path) ? Promise.reject(fail(path)) : saved.mkdir(path, ...rest));
  p.writeFile = (path, ...rest) => (hits(path) ? Promise.reject(fail(path)) : saved.writeFile(path, ...rest));
  f.createWriteStream = (path, ...rest) => {
    if (!hits(path)) return saved.createWriteStream(path, ...rest);
    throw fail(path);
  };
  f.openSync = (path, flags, ...rest) => {
    if (hits(path) && writing(flags)) throw fail(path);
    return saved.openSync(path, flags, ...rest);
  };
  f.mkdirSync = (path, ...rest) => {
    if (hits(path)) throw fail(path);
    return saved.mkdirSync(path, ...rest);
  };
  syncBuiltinESMExports();
  return () => {
    Object.assign(p, { open: saved.open, mkdir: saved.mkdir, writeFile: saved.writeFile });
    Object.assign(f, {
      createWriteStream: saved.createWriteStream,
      openSync: saved.openSync,
      mkdirSync: saved.mkdirSync,
    });
    syncBuiltinESMExports();
  };
}
