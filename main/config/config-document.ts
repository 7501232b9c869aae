import { basename } from 'node:path';
import type { z } from 'zod';
import type { ConfigIssue } from '../../shared/config/import-result';
import { makeIssue, orderAndCap, type DocumentKind } from './config-issue';
import type { FieldCatalog } from './field-catalog';
import { decodeIssue, encodingWarning, fileReadIssue } from './file-problem-messages';
import { parseJsonWithPositions } from './json-source-parser';
import { readBoundedFile } from './read-bounded-file';
import { replaceControlChars } from './safe-display';
import {
  duplicateFieldWarnings,
  findMisplacedPrivateKeys,
  schemaIssues,
  unknownFieldWarnings,
  type MisplacedKeyText,
  type SchemaContext,
} from './schema-issues';
import { LineIndex } from './source-position';
import { syntaxIssue } from './syntax-messages';
import { decodeConfigText } from './text-decoding';

/**
 * The shared pipeline of both importers: bytes → text → JSON with positions → schema, each stage
 * turning its failures into ConfigIssues. Store- and platform-specific checks run after it.
 */

/** No store.json or platform.json comes near this; anything bigger is the wrong file. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface DocumentSpec<S extends z.ZodType> {
  doc: DocumentKind;
  catalog: FieldCatalog;
  schema: S;
  /** The one field allowed to hold a private key (store.json's merchantPrivateKey), if any. */
  privateKeyAt: readonly PropertyKey[] | null;
  misplacedKeyText?: MisplacedKeyText;
}

export type DocumentOutcome<T> =
  | { ok: true; value: T; warnings: ConfigIssue[]; context: SchemaContext }
  | { ok: false; errors: ConfigIssue[] };

/** The name shown in messages: the base name, printable and short, whatever the caller passed. */
export function displayFileName(name: string, doc: DocumentKind): string {
  const base = replaceControlChars(basename(String(name ?? '').replace(/\\/g, '/')), () => '').trim();
  if (base === '') return doc.typicalName;
  const chars = Array.from(base);
  return chars.length > 80 ? `${chars.slice(0, 77).join('')}…` : base;
}

export function importDocumentBytes<S extends z.ZodType>(
  bytes: Uint8Array,
  file: string,
  spec: DocumentSpec<S>,
): DocumentOutcome<z.output<S>> {
  const { doc } = spec;
  if (bytes.length > MAX_CONFIG_BYTES) {
    return fail([
      fileReadIssue({ kind: 'too-large', bytes: bytes.length }, file, file, doc, MAX_CONFIG_BYTES),
    ]);
  }
  const decoded = decodeConfigText(bytes);
  if (!decoded.ok) return fail([decodeIssue(decoded.problem, file, doc)]);

  const lines = new LineIndex(decoded.text);
  const parsed = parseJsonWithPositions(decoded.text);
  if (!parsed.ok) return fail([syntaxIssue(parsed.error, lines, file, doc)]);

  const context: SchemaContext = { file, doc, catalog: spec.catalog, lines, json: parsed.json };
  const misplaced = findMisplacedPrivateKeys(
    context,
    spec.schema,
    parsed.json.value,
    spec.privateKeyAt,
    spec.misplacedKeyText ?? null,
  );
  const result = spec.schema.safeParse(misplaced.data);
  const reported = new Set(misplaced.errors.map((e) => e.field));
  const errors = [
    ...misplaced.errors,
    ...(result.success ? [] : schemaIssues(context, result.error.issues, misplaced.data)).filter(
      (issue) => !reported.has(issue.field),
    ),
  ];
  if (errors.length > 0 || !result.success) return fail(errors.length > 0 ? errors : [internalIssue(file)]);

  const encoding = encodingWarning(decoded.encoding, file);
  const warnings = [
    ...(encoding ? [encoding] : []),
    ...misplaced.warnings,
    ...duplicateFieldWarnings(context),
    ...unknownFieldWarnings(context, spec.schema, misplaced.data),
  ];
  return { ok: true, value: result.data, warnings, context };
}

export type FileBytes = { ok: true; bytes: Buffer; file: string } | { ok: false; errors: ConfigIssue[] };

export async function readDocumentFile(path: string, doc: DocumentKind): Promise<FileBytes> {
  const file = displayFileName(typeof path === 'string' ? path : '', doc);
  const read = await readBoundedFile(path, MAX_CONFIG_BYTES);
  if (!read.ok) {
    return { ok: false, errors: [fileReadIssue(read.problem, String(path), file, doc, MAX_CONFIG_BYTES)] };
  }
  return { ok: true, bytes: read.bytes, file };
}

function fail(errors: ConfigIssue[]): { ok: false; errors: ConfigIssue[] } {
  const file = errors[0]?.file ?? '';
  return { ok: false, errors: orderAndCap(errors, file, 'error') };
}

/** The importer itself broke: say so plainly, with nothing from the file in the message. */
export function internalIssue(file: string): ConfigIssue {
  return makeIssue({
    file,
    code: 'INTERNAL_ERROR',
    zh: '读取这个文件时程序内部出错了，这不是你的问题。请重试一次；如果还不行，请联系客服并说明是在导入哪个文件时出错。',
    en: 'The app hit an internal error while reading this file; this is not your fault. Please try again; if it keeps failing, contact support and say which file you were importing.',
  });
}

export function finishWarnings(warnings: ConfigIssue[], file: string): ConfigIssue[] {
  return orderAndCap(warnings, file, 'warning');
}
