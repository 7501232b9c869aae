import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import {
  type ImportFailure,
  type ImportedStoreConfig,
  type KeyStatus,
  StoreImportSuccessSchema,
} from '../../shared/config/import-result';
import { StoreConfigSchema } from '../../shared/config/store-config';
import { STORE_DOCUMENT } from './config-issue';
import {
  displayFileName,
  finishWarnings,
  importDocumentBytes,
  internalIssue,
  readDocumentFile,
  type DocumentSpec,
} from './config-document';
import { STORE_FIELDS } from './field-catalog';
import { loadMerchantKey } from './merchant-key-loader';
import { locate } from './schema-issues';

/**
 * store.json → a validated config without its key, the key's status, and (main process only) the key
 * PEM. Never throws: every failure is a ConfigIssue.
 */

/** What the importer returns in main. Validating it with StoreImportSuccessSchema drops keyPem. */
export type StoreImportSuccess = z.infer<typeof StoreImportSuccessSchema> & {
  /** The private key, normalized PEM. Main process only: never log it, never send it over IPC. */
  keyPem?: string;
};
export type StoreImportResult = StoreImportSuccess | ImportFailure;

export interface ParseStoreOptions {
  /**
   * Folder of store.json, for a key given as a relative `{ file }`. Without it only inline keys and
   * absolute key paths load; a relative one is reported as KEY_FILE_BASE_UNKNOWN.
   */
  baseDir?: string | null;
}

const STORE_SPEC: DocumentSpec<typeof StoreConfigSchema> = {
  doc: STORE_DOCUMENT,
  catalog: STORE_FIELDS,
  schema: StoreConfigSchema,
  privateKeyAt: ['merchantPrivateKey'],
};

export async function loadStoreConfigFile(path: string): Promise<StoreImportResult> {
  try {
    const read = await readDocumentFile(path, STORE_DOCUMENT);
    if (!read.ok) return read;
    return await parseStoreConfig(read.bytes, read.file, { baseDir: dirname(resolve(path)) });
  } catch {
    return { ok: false, errors: [internalIssue(displayFileName(String(path), STORE_DOCUMENT))] };
  }
}

export async function parseStoreConfig(
  bytes: Uint8Array,
  fileName: string,
  options: ParseStoreOptions = {},
): Promise<StoreImportResult> {
  const file = displayFileName(fileName, STORE_DOCUMENT);
  try {
    const doc = importDocumentBytes(bytes, file, STORE_SPEC);
    if (!doc.ok) return doc;
    const { merchantPrivateKey: ref, ...rest } = doc.value;
    const keyField = typeof ref === 'string' ? ['merchantPrivateKey'] : ['merchantPrivateKey', 'file'];
    const key = await loadMerchantKey(ref, options.baseDir ?? null, {
      file,
      position: locate(doc.context, keyField),
    });
    const value: ImportedStoreConfig = { ...rest, merchantPrivateKey: key.source };
    const keyStatus: KeyStatus = key.ok
      ? { loaded: true, summary: key.summary, warnings: key.warnings }
      : { loaded: false, errors: key.errors };
    return {
      ok: true,
      value,
      warnings: finishWarnings(doc.warnings, file),
      key: keyStatus,
      ...(key.ok ? { keyPem: key.pem } : {}),
    };
  } catch {
    return { ok: false, errors: [internalIssue(file)] };
  }
}
