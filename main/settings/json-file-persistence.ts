import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyValuePersistence } from './settings-repository';

/**
 * A JSON file written atomically (temp file, then rename) so a crash never leaves half a file.
 * Used by the CLI and tests; the app uses electron-store.
 */
export function jsonFilePersistence(path: string): KeyValuePersistence {
  return {
    read() {
      try {
        return JSON.parse(readFileSync(path, 'utf8'));
      } catch {
        return undefined;
      }
    },
    write(value) {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(value, null, 2), { mode: 0o600 });
      renameSync(tmp, path);
    },
  };
}
