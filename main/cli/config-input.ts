import { text } from '../../shared/i18n/localized-text';
import type { ConfigIssue } from '../../shared/config/import-result';
import { loadPlatformProfileFile, loadStoreConfigFile } from '../config';
import { CliInputError, type CliIo } from './cli-io';

/** One line per problem: file:line:column field — message. */
function issueLine(language: CliIo['language'], issue: ConfigIssue): string {
  const where = [issue.file, issue.line, issue.column].filter((p) => p !== undefined).join(':');
  return `${where} ${issue.field} — ${issue.message[language]}`;
}

export const formatIssue = (io: CliIo, issue: ConfigIssue): string => issueLine(io.language, issue);

/** Import errors as the CLI's bad-input error (exit 2), every problem on its own line. */
export function issuesError(errors: readonly ConfigIssue[]): CliInputError {
  const lines = (language: CliIo['language']) => errors.map((e) => issueLine(language, e)).join('\n');
  return new CliInputError(text(lines('zh-CN'), lines('en-US')));
}

/**
 * --store and --platform for every command that diagnoses a store. Errors become exit code 2 with each
 * problem named (file, field, line and column); warnings are printed and the run goes on.
 */
export async function loadStoreAndProfile(
  io: CliIo,
  storePath: string | undefined,
  platformPath: string | undefined,
) {
  if (!storePath || !platformPath) {
    throw new CliInputError(
      text(
        `缺少参数：${!storePath ? '--store <store.json>' : '--platform <platform.json>'}。`,
        `Missing option: ${!storePath ? '--store <store.json>' : '--platform <platform.json>'}.`,
      ),
    );
  }
  const [store, platform] = await Promise.all([
    loadStoreConfigFile(storePath),
    loadPlatformProfileFile(platformPath),
  ]);
  const errors = [...(store.ok ? [] : store.errors), ...(platform.ok ? [] : platform.errors)];
  if (!store.ok || !platform.ok) {
    throw issuesError(errors);
  }
  for (const w of [...store.warnings, ...platform.warnings]) io.err(formatIssue(io, w));
  if (!store.key.loaded) for (const e of store.key.errors) io.err(formatIssue(io, e));
  return { store, profile: platform.value };
}
