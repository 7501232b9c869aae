import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// electron-builder packs the production dependency closure (dependencies and what they need, never
// devDependencies) into the app. Renderer libraries are bundled by Vite into out/renderer, so packing them
// again is dead weight; test- and CLI-only libraries have no business on a shop PC.
const RENDERER_ONLY = ['antd', '@ant-design/icons', 'react', 'react-dom', 'i18next', 'react-i18next'];
const TEST_OR_CLI_ONLY = [
  'playwright-core',
  'playwright',
  'vitest',
  'fast-check',
  'har-validator',
  'electron',
];

interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
interface Lockfile {
  packages: Record<string, LockPackage>;
}

/** Node's lookup: the nearest node_modules/<name> from the requiring package up to the root. */
function resolveIn(lock: Lockfile, from: string, name: string): string | null {
  let dir = from;
  for (;;) {
    const candidate = `${dir ? `${dir}/` : ''}node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (!dir) return null;
    const up = dir.lastIndexOf('/node_modules/');
    dir = up === -1 ? '' : dir.slice(0, up);
  }
}

/** Package names the app carries: the closure of package.json's dependencies, walked in package-lock.json. */
function productionClosure(lock: Lockfile): Set<string> {
  const seen = new Set<string>();
  const queue = [''];
  while (queue.length > 0) {
    const at = queue.pop()!;
    if (seen.has(at)) continue;
    seen.add(at);
    const pkg = lock.packages[at]!;
    const requiredPeers = Object.keys(pkg.peerDependencies ?? {}).filter(
      (name) => !pkg.peerDependenciesMeta?.[name]?.optional,
    );
    for (const name of [
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.optionalDependencies ?? {}),
      ...requiredPeers,
    ]) {
      const found = resolveIn(lock, at, name);
      if (found) queue.push(found);
    }
  }
  seen.delete('');
  return new Set(
    [...seen].map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)),
  );
}

/** Bare package names a folder's TypeScript imports (static and dynamic). */
function importedPackages(dir: string): Set<string> {
  const names = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name)) continue;
    const source = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*'([^'.][^']*)'/g)) {
      const spec = m[1]!;
      if (spec.startsWith('node:')) continue;
      names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  }
  return names;
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lockfile;

describe('what the packaged app carries', () => {
  const closure = productionClosure(lock);

  it('the production closure holds no renderer-only or test-only package', () => {
    const offenders = [...RENDERER_ONLY, ...TEST_OR_CLI_ONLY].filter((name) => closure.has(name));
    expect(offenders).toEqual([]);
  });

  it('no package only the renderer imports is in the closure (Vite bundles those)', () => {
    const mainSide = new Set([...importedPackages('main'), ...importedPackages('shared')]);
    const rendererOnly = [...importedPackages('renderer/src')].filter((name) => !mainSide.has(name));
    expect(rendererOnly).toEqual(expect.arrayContaining(['react', 'antd']));
    expect(rendererOnly.filter((name) => closure.has(name))).toEqual([]);
  });

  it('still carries what the main process loads at run time', () => {
    for (const name of ['zod', 'electron-log', 'electron-store', 'electron-updater', 'yazl', 'yauzl']) {
      expect(closure.has(name), name).toBe(true);
    }
  });

  it('the check can fail: react in dependencies, or reached through one, is found', () => {
    const withReact: Lockfile = {
      packages: {
        '': { dependencies: { wrapper: '1' } },
        'node_modules/wrapper': { dependencies: { react: '19' } },
        'node_modules/react': {},
        'node_modules/vitest': {},
      },
    };
    expect([...productionClosure(withReact)].sort()).toEqual(['react', 'wrapper']);
  });

  it('follows nested node_modules the way Node resolves them', () => {
    const nested: Lockfile = {
      packages: {
        '': { dependencies: { a: '1' } },
        'node_modules/a': { dependencies: { b: '2' } },
        'node_modules/a/node_modules/b': { dependencies: { c: '1' } },
        'node_modules/b': { dependencies: { antd: '6' } },
        'node_modules/c': {},
        'node_modules/antd': {},
      },
    };
    expect([...productionClosure(nested)].sort()).toEqual(['a', 'b', 'c']);
  });
});
