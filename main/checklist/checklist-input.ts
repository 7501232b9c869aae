import type { ConfigIssue } from '../../shared/config/import-result';
import type { StoreImportSuccess } from '../config';
import type { ImportNotes, KeyFacts } from './check-context';

/** What the importer learned about the key, as the key.* checks need it (the PEM stays in memory). */
export function keyFactsFromImport(imported: StoreImportSuccess, pemOverride?: string | null): KeyFacts {
  const ref = imported.value.merchantPrivateKey;
  return {
    pem: pemOverride ?? imported.keyPem ?? null,
    path: ref.source === 'file' ? ref.resolvedPath : null,
    problem: imported.key.loaded ? null : (imported.key.errors[0]?.message ?? null),
  };
}

/** The unknown-field warnings of an import, for cfg.schema. */
export function importNotesFrom(fileName: string, warnings: readonly ConfigIssue[]): ImportNotes {
  return {
    fileName,
    unknownFields: warnings
      .filter((w) => w.code === 'FIELD_UNKNOWN')
      .map((w) => ({ path: w.field, line: w.line, column: w.column })),
  };
}
