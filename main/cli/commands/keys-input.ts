import { text } from '../../../shared/i18n/localized-text';
import { readBoundedFile } from '../../config/read-bounded-file';
import { MAX_KEY_FILE_BYTES } from '../../config';
import { readKeyText, type ReadKey } from '../../keys';
import { CliInputError } from '../cli-io';

/** A file named on the command line, read with the same bounds as a key file; exit 2 naming it if not. */
export async function readInputFile(path: string, option: string): Promise<string> {
  const read = await readBoundedFile(path, MAX_KEY_FILE_BYTES);
  if (read.ok) return read.bytes.toString('utf8');
  const why = {
    'invalid-path': ['路径无效', 'the path is not valid'],
    'not-found': ['文件不存在', 'the file does not exist'],
    unreadable: ['没有权限读取', 'it cannot be read'],
    directory: ['这是一个文件夹', 'it is a folder'],
    'not-regular': ['不是普通文件', 'it is not a regular file'],
    'too-large': ['文件太大，不会是密钥', 'it is too large to be a key'],
  }[read.problem.kind];
  throw new CliInputError(text(`${option} ${path}：${why[0]}。`, `${option} ${path}: ${why[1]}.`));
}

/** A key file (private or public, any form); exit 2 naming the file and what to do when it is not one. */
export async function readKeyFile(path: string, option: string, passphraseFile?: string): Promise<ReadKey> {
  const content = await readInputFile(path, option);
  const passphrase =
    passphraseFile === undefined
      ? undefined
      : (await readInputFile(passphraseFile, '--passphrase-file')).replace(/\r?\n$/, '');
  const read = readKeyText(content, passphrase);
  if (!read.ok) {
    throw new CliInputError(
      text(`${option} ${path}：${read.message['zh-CN']}`, `${option} ${path}: ${read.message['en-US']}`),
    );
  }
  return read.value;
}

/** `option` must name a key of `kind`; exit 2 saying which one was given instead. */
export function expectKind(key: ReadKey, kind: 'private' | 'public', path: string, option: string): void {
  if (key.kind === kind) return;
  throw new CliInputError(
    kind === 'private'
      ? text(
          `${option} ${path}：这是公钥，这里需要私钥（-----BEGIN PRIVATE KEY----- 或 -----BEGIN RSA PRIVATE KEY-----）。`,
          `${option} ${path}: this is a public key; a private key is needed here (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----).`,
        )
      : text(
          `${option} ${path}：这是私钥，这里需要公钥（-----BEGIN PUBLIC KEY-----，或商家后台里的一行公钥）。`,
          `${option} ${path}: this is a private key; a public key is needed here (-----BEGIN PUBLIC KEY-----, or the one-line key from the back office).`,
        ),
  );
}
