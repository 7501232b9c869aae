import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';

export const REPO = join(import.meta.dirname, '../..');
const WORK = join(REPO, 'test-results/bench/startup');

/**
 * Builds the two start-up entries of one source tree the same way (Vite's Node build, dependencies left to
 * node_modules as electron-vite does): the CLI, and what the main process runs before its window can open
 * (the imports and createAppCore; Electron's own adapters aside, as they cannot run in Node).
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
  // Demo on only when asked: the before-tree's app always passed demo: true, the measure is the real store.
  writeFileSync(
    join(root, 'start-entry.ts'),
    [
      "import { createAppCore } from './main/core/app-core';",
      'await createAppCore({ dataDir: process.argv[2]!, demo: process.argv[3] === "demo" });',
      'process.exit(0);',
    ].join('\n'),
  );
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
