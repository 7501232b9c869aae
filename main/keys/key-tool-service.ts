import { basename } from 'node:path';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import type { KeyConvertResult, KeyMatchResult } from '../../shared/keys/key-tool-api';
import { MAX_KEY_FILE_BYTES } from '../config';
import { readBoundedFile } from '../config/read-bounded-file';
import type { ActiveStore } from '../model/active-store';
import { KeyFileExistsError, writeNewFile } from './key-files';
import { exportKey, fingerprintOf, isKeyPair, readKeyText, type ReadKey } from './key-formats';
import { generateMerchantKeyPair } from './key-generation';

type KeyChannel =
  'keys.generate' | 'keys.openBackOffice' | 'keys.savePrivateKey' | 'keys.convert' | 'keys.match';
export type KeyToolHandlers = {
  [C in KeyChannel]: (input: ChannelInput<C>) => Promise<ChannelOutput<C>>;
};

export interface KeyToolDeps {
  active(): Promise<ActiveStore | null>;
  replaceActiveKey(pem: string): Promise<'keychain' | 'memory' | 'missing'>;
  /** The demo store's 沙箱商家后台, or null when demo mode is off. */
  /** The sandbox back office's address, or null while no sandbox runs (it starts on first use). */
  backOfficeUrl: () => string | null;
  /** Main's open dialog; the path stays in main. */
  pickFile?: (kind: 'key') => Promise<string | null>;
  /** Main's save dialog, with a suggested file name. */
  saveFile?: (suggestedName: string) => Promise<string | null>;
  /** Opens the back office in a window trusting only these extra CAs (the Electron adapter). */
  openBackOffice?: (url: string, extraCaCertificates: readonly string[]) => Promise<void>;
}

/**
 * 「密钥工具」 in the app: the CLI's keys commands behind IPC, with the dialogs in main. The private key
 * only ever goes to the vault, or to a file the merchant chose in the save dialog.
 */
export function createKeyToolHandlers(deps: KeyToolDeps): KeyToolHandlers {
  const requireActive = async () => {
    const active = await deps.active();
    if (!active) throw new Error('No store is set up yet: import a store.json first');
    return active;
  };

  async function pickKey(): Promise<
    { fileName: string; read: ReadKey } | { problem: KeyMatchResult & KeyConvertResult }
  > {
    const path = deps.pickFile ? await deps.pickFile('key') : null;
    if (!path) return { problem: { ok: false, cancelled: true } };
    const fileName = basename(path);
    const bytes = await readBoundedFile(path, MAX_KEY_FILE_BYTES);
    if (!bytes.ok) return { problem: { ok: false, fileName, message: UNREADABLE } };
    const read = readKeyText(bytes.bytes.toString('utf8'));
    if (!read.ok) {
      return {
        problem: {
          ok: false,
          fileName,
          message: read.problem === 'encrypted' ? ENCRYPTED_IN_APP : read.message,
        },
      };
    }
    return { fileName, read: read.value };
  }

  /** Writes a private key where the merchant chose; null when they cancelled. */
  async function saveSecret(suggested: string, content: string): Promise<string | null> {
    const path = deps.saveFile ? await deps.saveFile(suggested) : null;
    if (!path) return null;
    await writeNewFile(path, content.endsWith('\n') ? content : `${content}\n`, true);
    return basename(path);
  }

  return {
    async 'keys.generate'({ bits }) {
      const active = await requireActive();
      const pair = await generateMerchantKeyPair(bits ?? 2048);
      const keyStatus = await deps.replaceActiveKey(pair.privateKeyPem);
      return {
        publicKeyPem: pair.publicKeyPem,
        publicKeyOneLine: pair.publicKeyOneLine,
        fingerprint: pair.fingerprint,
        bits: pair.bits,
        storeName: active.summary.storeName,
        keyStatus,
        backOfficeUrl: active.summary.demo ? deps.backOfficeUrl() : null,
      };
    },
    async 'keys.openBackOffice'() {
      const active = await requireActive();
      const backOfficeUrl = deps.backOfficeUrl();
      if (!active.summary.demo || !backOfficeUrl || !deps.openBackOffice) return { opened: false };
      await deps.openBackOffice(backOfficeUrl, active.profile.extraCaCertificates);
      return { opened: true };
    },
    async 'keys.savePrivateKey'() {
      const pem = (await requireActive()).key.pem;
      if (!pem) return { savedAs: null };
      try {
        return { savedAs: await saveSecret('merchant_private.pem', pem) };
      } catch (error) {
        if (error instanceof KeyFileExistsError)
          throw new Error('A file of that name exists; it was not overwritten', { cause: error });
        throw error;
      }
    },
    async 'keys.convert'({ to }) {
      const picked = await pickKey();
      if ('problem' in picked) return picked.problem;
      const { fileName, read } = picked;
      const converted = exportKey(read, to);
      const base = { ok: true as const, fileName, kind: read.kind, from: read.format, to, bits: read.bits };
      if (read.kind === 'public') return { ...base, publicText: converted.trimEnd(), savedAs: null };
      const suggested = `merchant_private_${to === 'one-line' ? 'one_line.txt' : `${to}.pem`}`;
      try {
        const savedAs = await saveSecret(suggested, converted);
        return savedAs ? { ...base, publicText: null, savedAs } : { ok: false, cancelled: true };
      } catch (error) {
        if (!(error instanceof KeyFileExistsError)) throw error;
        return { ok: false, fileName, message: EXISTS };
      }
    },
    async 'keys.match'() {
      const first = await pickKey();
      if ('problem' in first) return first.problem;
      const second = await pickKey();
      if ('problem' in second) return second.problem;
      const privateOne = [first, second].find((p) => p.read.kind === 'private');
      const publicOne = [first, second].find((p) => p.read.kind === 'public');
      if (!privateOne || !publicOne) {
        return { ok: false, fileName: `${first.fileName}, ${second.fileName}`, message: NEED_ONE_OF_EACH };
      }
      return {
        ok: true,
        pair: isKeyPair(privateOne.read.key, publicOne.read.key),
        privateFileName: privateOne.fileName,
        publicFileName: publicOne.fileName,
        privateFingerprint: fingerprintOf(privateOne.read.key),
        publicFingerprint: fingerprintOf(publicOne.read.key),
      };
    },
  };
}

const UNREADABLE: LocalizedText = text(
  '这个文件读不出来（不存在、没有权限，或太大不会是密钥）。',
  'This file cannot be read (missing, not permitted, or too large to be a key).',
);
const ENCRYPTED_IN_APP: LocalizedText = text(
  '这把私钥设置了密码（加密私钥），助手不会询问或保存密码。请先去掉密码：openssl pkey -in 加密私钥.pem -out 私钥.pem；或用命令行 baitiao-doctor keys convert … --passphrase-file 密码文件。',
  'This private key is protected by a password; the app never asks for or keeps passwords. Remove the password first: openssl pkey -in encrypted.pem -out key.pem; or use the CLI: baitiao-doctor keys convert … --passphrase-file FILE.',
);
const EXISTS: LocalizedText = text(
  '已经有同名文件，没有覆盖它（旧密钥可能是唯一的一份）。请换一个文件名。',
  'A file of that name already exists and was not overwritten (the old key may be the only copy). Choose another name.',
);
const NEED_ONE_OF_EACH: LocalizedText = text(
  '需要一把私钥和一把公钥：请先选私钥文件，再选公钥文件。',
  'One private key and one public key are needed: pick the private key file, then the public key file.',
);
