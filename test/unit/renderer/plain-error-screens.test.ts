import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const SCREENS = join(__dirname, '../../../renderer/src/screens');
/** A raw reason put into a translated sentence: 「详细原因：connect ECONNREFUSED …」 on a Chinese screen. */
const RAW_IN_SENTENCE = /\bt\(['`][^'`]+['`], \{ reason(?::\s*(?!t\()[^}]*)? \}\)/;

describe('Watch and Support map library errors to a plain sentence, as the other screens do', () => {
  test.each(['watch', 'support'])(
    '%s: no raw reason inside a sentence; error alerts use ErrorDetails',
    (folder) => {
      const files = readdirSync(join(SCREENS, folder)).filter((name) => name.endsWith('.tsx'));
      let alertsWithDetails = 0;
      for (const name of files) {
        const source = readFileSync(join(SCREENS, folder, name), 'utf8');
        expect(source, `${folder}/${name}`).not.toMatch(RAW_IN_SENTENCE);
        alertsWithDetails += source.match(/description=\{<ErrorDetails reason=/g)?.length ?? 0;
      }
      expect(alertsWithDetails).toBeGreaterThan(0);
    },
  );
});
