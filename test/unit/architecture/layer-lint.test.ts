import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { MAIN_LAYERS } from '../../../eslint-rules/main-layers.js';

const ROOT = new URL('../../..', import.meta.url).pathname;
const RULE = 'layers/main-layers';

/** Lints a snippet as if it were a file at `path` (the file need not exist), with the repo's own config. */
async function lintAs(path: string, code: string) {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
  return result!.messages.filter((m) => m.ruleId === RULE);
}

describe('the layer table of main/ is enforced by lint', () => {
  it('an upward import fails: report/ may not import diagnosis/', async () => {
    const messages = await lintAs(
      'main/report/upward-example.ts',
      "import { runDiagnosis } from '../diagnosis/run-diagnosis';\nexport const run = runDiagnosis;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]!.severity).toBe(2);
    expect(messages[0]!.message).toMatch(/main\/report .* may not import main\/diagnosis/);
  });

  it('type-only, re-export and dynamic upward imports fail too, and so does a same-layer import', async () => {
    const messages = await lintAs(
      'main/checklist/upward-example.ts',
      [
        "import type { ActiveStore } from '../core/store-workspace';",
        "export { runSimulation } from '../simulation/run-simulation';",
        "export const later = () => import('../bundle');",
        'export type Store = ActiveStore;',
      ].join('\n'),
    );
    expect(messages.map((m) => m.line)).toEqual([1, 2, 3]);
  });

  it('downward imports, shared/ and imports inside a folder pass', async () => {
    const messages = await lintAs(
      'main/diagnosis/downward-example.ts',
      [
        "import { APP_IDENTITY } from '../model/app-identity';",
        "import { machineFacts } from '../checklist/run-store-checklist';",
        "import type { Diagnosis } from '../../shared/diagnosis/diagnosis';",
        "import { diagnosisVerdict } from './verdict';",
        'export const parts = [APP_IDENTITY, machineFacts, diagnosisVerdict] as const;',
        'export type D = Diagnosis;',
      ].join('\n'),
    );
    expect(messages).toEqual([]);
  });

  it('main/ never imports renderer/, and the preload imports shared/ only', async () => {
    const renderer = await lintAs(
      'main/core/example.ts',
      "export { routes } from '../../renderer/src/app/routes';\n",
    );
    expect(renderer[0]?.message).toMatch(/never imports renderer/);
    const preload = await lintAs(
      'main/preload/example.ts',
      "export { APP_IDENTITY } from '../model/app-identity';\n",
    );
    expect(preload[0]?.message).toMatch(/shared\/ only/);
  });

  it('every folder of main/ has a place in the table', () => {
    const placed = new Set(MAIN_LAYERS.flat());
    const folders = readdirSync(join(ROOT, 'main'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'preload')
      .map((entry) => entry.name);
    expect(folders.length).toBeGreaterThan(20);
    expect(folders.filter((folder) => !placed.has(folder))).toEqual([]);
  });
});
