import { existsSync, renameSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { LocalizedText } from '../../shared/i18n/localized-text';
import { text } from '../../shared/i18n/text';

/**
 * The one way a file we keep is put out of the way when it cannot be used: renamed, unchanged, to
 * `<name>.damaged-<time>` beside it. Never deleted: whatever the user had stays on their disk for them (or
 * support) to recover, and the app goes on with a fresh file under the old name.
 */

/** A file name allows 255 bytes; a long name is shortened so that the suffix still fits. */
const MAX_NAME_BYTES = 255;

/** 2026-12-04T07:12:30.123Z → 20261204T071230123Z: sortable, and legal in a Windows file name. */
export const timeStamp = (now: number): string => new Date(now).toISOString().replace(/[-:.]/g, '');

/** A free name for a damaged file, beside it; never one that is already taken. */
export function damagedName(path: string, now: number = Date.now()): string {
  const suffix = `.damaged-${timeStamp(now)}`;
  let name = basename(path);
  while (Buffer.byteLength(name + suffix + '-99') > MAX_NAME_BYTES) name = name.slice(0, -1);
  const base = join(dirname(path), name + suffix);
  let candidate = base;
  for (let n = 2; existsSync(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

/** Moves a damaged file (or folder) aside; returns where it went. */
export function keepAsideSync(path: string, now?: number): string {
  const keptAs = damagedName(path, now);
  renameSync(path, keptAs);
  return keptAs;
}

export async function keepAside(path: string, now?: number): Promise<string> {
  const keptAs = damagedName(path, now);
  await rename(path, keptAs);
  return keptAs;
}

export interface KeptAside {
  /** The file as the app knows it (what was damaged). */
  file: string;
  /** Where the damaged file is now. */
  keptAs: string;
}

/**
 * What the user is told, once: which file, where it is now, and what that means for them. `thing` names
 * the file in plain words ("保存的店铺列表" / "the saved list of stores"); `meaning` says what changes.
 */
export function keptAsideText(kept: KeptAside, thing: LocalizedText, meaning: LocalizedText): LocalizedText {
  return text(
    `${thing['zh-CN']}（${kept.file}）损坏了，读不出来。原文件没有删除，已原样另存为：${kept.keptAs}。${meaning['zh-CN']}`,
    `${thing['en-US']} (${kept.file}) was damaged and could not be read. Nothing was deleted: the file was kept, unchanged, as ${kept.keptAs}. ${meaning['en-US']}`,
  );
}

/** Errors that mean "the disk or folder will not take this", not a bug: the user can act on them. */
export const DISK_ERROR_CODES = new Set([
  'ENOSPC',
  'EDQUOT',
  'EROFS',
  'EACCES',
  'EPERM',
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'ENAMETOOLONG',
  'EEXIST',
  'EIO',
  'EMFILE',
  'EBUSY',
  'EXDEV',
]);

export const errnoCode = (error: unknown): string | undefined =>
  typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;

export const isDiskError = (error: unknown): boolean => DISK_ERROR_CODES.has(errnoCode(error) ?? '');

/** Why a write failed, in plain words: what the user can do about it follows from it. */
export function diskErrorReason(error: unknown): LocalizedText {
  switch (errnoCode(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return text('磁盘已满', 'the disk is full');
    case 'EROFS':
      return text('这个位置是只读的', 'that place is read-only');
    case 'EACCES':
    case 'EPERM':
      return text('没有写入权限', 'there is no permission to write there');
    case 'ENOENT':
      return text('文件夹不存在', 'the folder does not exist');
    case 'ENOTDIR':
      return text('路径中有一段不是文件夹', 'part of the path is not a folder');
    case 'EISDIR':
      return text('这是一个文件夹，不是文件', 'it is a folder, not a file');
    case 'ENAMETOOLONG':
      return text('文件名太长', 'the file name is too long');
    case 'EEXIST':
      return text('已经有同名文件', 'a file with that name already exists');
    case 'EIO':
      return text('磁盘读写出错', 'the disk reported a read/write error');
    default:
      return text(
        `无法写入（${errnoCode(error) ?? String(error)}）`,
        `it could not be written (${errnoCode(error) ?? String(error)})`,
      );
  }
}
