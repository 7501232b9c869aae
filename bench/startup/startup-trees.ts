import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { staticImports } from '../support/static-imports';

export const REPO = join(import.meta.dirname, '../..');
const WORK = join(REPO, 'test-results/bench/startup');

/**
 * Builds the two start-up entries of one source tree the same way (Vite's Node build, dependencies left to
 * node_modules as electron-vite does): the CLI, and what the main process runs before its window can open
 * (see startEntry).
 * `ref` null is the working tree; a git ref is exported with `git archive` so "before" and "after" are
 * built and measured side by side in one run.
 */
export async function buildStartupTree(
  label: string,
  ref: string | null,
): Promise<{ cli: string; start: string }> {
  const root = join(WORK, label);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  if (ref) {
    execFileSync('sh', ['-c', `git archive ${ref} main shared package.json | tar -x -C "${root}"`], {
      cwd: REPO,
    });
  } else {
    for (const part of ['main', 'shared', 'package.json'])
      cpSync(join(REPO, part), join(root, part), { recursive: true });
  }
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  writeFileSync(join(root, 'start-entry.ts'), startEntry(root));
  const out = join(root, 'out');
  for (const [name, entry] of [
    ['cli', 'main/cli/index.ts'],
    ['start', 'start-entry.ts'],
  ] as const) {
    await build({
      root,
      configFile: false,
      logLevel: 'silent',
      build: {
        ssr: join(root, entry),
        outDir: join(out, name),
        emptyOutDir: true,
        target: 'node22',
        rollupOptions: { output: { format: 'es', entryFileNames: `${name}.mjs` } },
      },
    });
  }
  return { cli: join(out, 'cli', 'cli.mjs'), start: join(out, 'start', 'start.mjs') };
}

/**
 * The main process's work before its window can open, in Node: every module main/index.ts loads before
 * its window opens (its static imports, followed through every file, the adapters' included), except the
 * files that import Electron or a package that loads it (they cannot run in Node; so electron, electron-log,
 * electron-store and electron-updater, where a file imports them statically, are not counted), then createAppCore on the data folder given,
 * with the app's options (demo on: the sandbox starts only if the demo store is in use, never for a real
 * store; "demo-off" passes demo: false). It exits as soon as createAppCore resolves, where main/index.ts
 * opens its window; with "first-call" it first waits for the answer to the window's first call
 * (workspace.get), to show where the work that was moved went. Derived from each tree's own files, so
 * "before" and "after" each measure their own start path.
 */
/** Packages that load Electron itself, so cannot run in Node: a file importing one is left out. */
const NEEDS_ELECTRON = /from '(electron|electron-store|electron-log(\/[^']*)?|electron-updater)'/;

export function startEntry(root: string): string {
  const modules = staticImports(root, 'main/index.ts').files.filter(
    (file) => file !== 'main/index.ts' && !NEEDS_ELECTRON.test(readFileSync(join(root, file), 'utf8')),
  );
  return [
    ...modules.map((file, i) => `import * as m${i} from './${file.replace(/\.ts$/, '')}';`),
    // Referenced, so the bundler keeps every module whole, as main/index.ts's own build does.
    `(globalThis as Record<string, unknown>).startModules = [${modules.map((_, i) => `m${i}`).join(', ')}];`,
    "import { createAppCore } from './main/core/app-core';",
    'const core = await createAppCore({ dataDir: process.argv[2]!, demo: process.argv[3] !== "demo-off" });',
    'if (process.argv.includes("first-call")) {',
    '  const answer = await core.dispatch("workspace.get", undefined);',
    '  if (!answer.ok) throw new Error(JSON.stringify(answer));',
    '}',
    'process.exit(0);',
  ].join('\n');
}

/** Wall-clock milliseconds from spawn to exit of one Node process; fails loudly on a non-zero exit. */
export function timeNode(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LANG: 'C' },
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
