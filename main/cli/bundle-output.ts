import { accessSync, constants, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import { diskErrorReason, errnoCode } from '../kept-files';
import { CliInputError } from './cli-io';

/** A file name allows 255 bytes (the bundle writer's temp name no longer depends on it). */
const MAX_NAME_BYTES = 255;

const writableFolder = (folder: string): boolean => {
  try {
    accessSync(folder, constants.W_OK);
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
};

/** Another place the bundle could go: the home folder, else the temp folder; never the one that failed. */
export function alternativeOut(out: string): string | null {
  const here = dirname(out);
  for (const folder of [homedir(), tmpdir()]) {
    if (folder && folder !== here && writableFolder(folder)) return join(folder, basename(out));
  }
  return null;
}

/**
 * Checks --out before the work starts, so that a long diagnosis is not run for nothing: an existing file
 * is never replaced unless --force says so, a folder is not a file name, and the folder must exist.
 */
export function checkOutPath(out: string, force: boolean): void {
  if (Buffer.byteLength(basename(out)) > MAX_NAME_BYTES) {
    throw new CliInputError(
      text(
        `--out：文件名「${basename(out)}」超过 255 字节，系统不接受。请换一个短一些的名字。`,
        `--out: the file name "${basename(out)}" is longer than 255 bytes, which the system does not accept. Choose a shorter name.`,
      ),
    );
  }
  let existing: ReturnType<typeof statSync> | null = null;
  try {
    existing = statSync(out);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') throw outError(out, error);
  }
  if (existing?.isDirectory()) {
    throw new CliInputError(
      text(
        `--out：${out} 是一个文件夹。请给出诊断包的文件名，例如 ${join(out, 'baitiao-diagnosis.zip')}。`,
        `--out: ${out} is a folder. Give the bundle a file name, such as ${join(out, 'baitiao-diagnosis.zip')}.`,
      ),
    );
  }
  if (existing && !force) {
    throw new CliInputError(
      text(
        `--out：${out} 已经存在，没有覆盖它。换一个文件名，或加上 --force 替换它。`,
        `--out: ${out} already exists and was not replaced. Choose another name, or add --force to replace it.`,
      ),
    );
  }
  let folderIsDirectory: boolean;
  try {
    folderIsDirectory = statSync(dirname(out)).isDirectory();
  } catch (error) {
    throw outError(out, error);
  }
  if (!folderIsDirectory) {
    throw new CliInputError(
      text(
        `--out：${dirname(out)} 不是文件夹，诊断包无法保存到 ${out}。`,
        `--out: ${dirname(out)} is not a folder, so the bundle cannot be saved as ${out}.`,
      ),
    );
  }
}

function outError(out: string, error: unknown): CliInputError {
  const reason = diskErrorReason(error);
  return new CliInputError(
    text(
      `--out：无法保存到 ${out}：${reason['zh-CN']}。`,
      `--out: cannot save to ${out}: ${reason['en-US']}.`,
    ),
  );
}

/**
 * After the verdict was printed: why the bundle could not be written (naming the user's path, never the
 * hidden temp file), that nothing half-written was left, and where it could go instead.
 */
export function bundleWriteFailure(out: string, error: unknown): LocalizedText {
  const reason = diskErrorReason(error);
  const instead = alternativeOut(out);
  return text(
    `诊断结果见上。诊断包没能保存到 ${out}：${reason['zh-CN']}。没有留下写了一半的文件。${
      instead
        ? `可以保存到别处，例如再运行一次并加上 --out ${instead}。`
        : '请腾出空间或换一个可写的位置（--out）后再运行一次。'
    }`,
    `The diagnosis is above. The bundle could not be saved as ${out}: ${reason['en-US']}. Nothing half-written was left behind. ${
      instead
        ? `It could go elsewhere: run again with --out ${instead}.`
        : 'Free some space or choose a writable place (--out), then run again.'
    }`,
  );
}
