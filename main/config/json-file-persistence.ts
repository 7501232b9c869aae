import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import { writeFileAtomicSync } from '../fs/atomic-write';
import { readCheckedJsonSync, timeStamp } from '../kept-files';
import type { RegistryPersistence } from './store-registry';

/** What became of a file that could not be used as it was; the app tells the user once. */
export type KeptFileEvent =
  /** Unreadable, not JSON, or not the expected shape: moved aside; the app goes on with defaults. */
  | { kind: 'damaged'; file: string; keptAs: string }
  /** Some entries could not be read: a copy of the whole file was kept before it is next written. */
  | { kind: 'partly-damaged'; file: string; keptAs: string }
  /** A newer version's file: left as it is and never written by this version; a copy kept too. */
  | { kind: 'newer'; file: string; keptAs: string; version: number };

/** Thrown by write() over a newer version's file: this version must not replace what it cannot read. */
export class NewerFileError extends Error {
  constructor(
    readonly file: string,
    readonly version: number,
    readonly text: LocalizedText = newerFileText(file, version),
  ) {
    super(text['en-US']);
    this.name = 'NewerFileError';
  }
}

export const newerFileText = (file: string, version: number): LocalizedText =>
  text(
    `${file} 是较新版本的白条支付诊断助手保存的（格式 ${version}），这个版本读不懂它，所以不会改动它：里面的内容原样保留，这里暂时看不到，也不能保存修改。请更新到最新版本。`,
    `${file} was saved by a newer version of Baitiao Doctor (format ${version}). This version cannot read it, so it will not change it: everything in it is kept as it is, but it is not shown here and changes cannot be saved. Please update to the latest version.`,
  );

export interface JsonFileOptions {
  /** The shape the file must have; a file that breaks it is kept aside like one that is not JSON. */
  schema?: z.ZodType;
  /** The highest `version` this build writes: a higher one makes the file read-only here. */
  knownVersion?: number;
}

/**
 * A JSON document on disk (the store list, imported profiles, settings outside Electron). Reads go through
 * main/kept-files: a file that cannot be used is kept aside as `<name>.damaged-<time>` (never overwritten),
 * a newer version's file is left alone and read-only. A write goes to a temporary file in the same folder,
 * is flushed to disk, then renamed over the old file: a crash or power cut leaves either the old list or
 * the new one, never half of one.
 */
export class JsonFilePersistence implements RegistryPersistence {
  private newerVersion: number | null = null;

  constructor(
    readonly path: string,
    /** Told what became of a file that could not be used as it was, so the app can tell the user. */
    private readonly onKept?: (event: KeptFileEvent) => void,
    private readonly options: JsonFileOptions = {},
  ) {}

  read(): unknown {
    if (this.newerVersion !== null) return undefined;
    const read = readCheckedJsonSync(this.path, this.options.schema ?? z.unknown(), {
      ...(this.options.knownVersion !== undefined ? { knownVersion: this.options.knownVersion } : {}),
    });
    switch (read.kind) {
      case 'ok':
        return read.value;
      case 'missing':
        return undefined;
      case 'damaged':
        this.onKept?.({ kind: 'damaged', file: this.path, keptAs: read.keptAs });
        return undefined;
      case 'newer':
        this.newerVersion = read.version;
        this.onKept?.({
          kind: 'newer',
          file: this.path,
          keptAs: this.copyAside('newer'),
          version: read.version,
        });
        return undefined;
    }
  }

  /**
   * Some of what was read could not be used (entries that no longer validate): a copy of the file as it is
   * now is kept before the next write leaves them out.
   */
  keepCopy(): void {
    this.onKept?.({ kind: 'partly-damaged', file: this.path, keptAs: this.copyAside('damaged') });
  }

  /** A copy beside the file, unless an identical one was kept before (each start would add another). */
  private copyAside(label: 'newer' | 'damaged'): string {
    const folder = dirname(this.path);
    const bytes = readFileSync(this.path);
    const prefix = `${basename(this.path)}.${label}-`;
    for (const name of readdirSync(folder)) {
      if (name.startsWith(prefix) && readFileSync(join(folder, name)).equals(bytes))
        return join(folder, name);
    }
    const keptAs = `${this.path}.${label}-${timeStamp(Date.now())}`;
    copyFileSync(this.path, keptAs);
    return keptAs;
  }

  write(value: unknown): void {
    if (this.newerVersion !== null) throw new NewerFileError(this.path, this.newerVersion);
    mkdirSync(dirname(this.path), { recursive: true });
    // main/fs/atomic-write: temp file, flushed, renamed over the old one (retried while Windows holds it),
    // folder flushed. 0o600: the list names the merchant's stores.
    writeFileAtomicSync(this.path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  }
}
