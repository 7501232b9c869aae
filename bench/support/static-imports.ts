import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The source tree's own .ts files reachable from `entry` through static imports and re-exports, and the
 * packages they import: what a process loads before it runs anything. `import type` and all-`type`
 * braces are erased by the build and skipped; `import()` loads later and is not followed. Used by the
 * start-up bench (what it measures) and by the test that keeps the app's start path lean.
 */
export function staticImports(root: string, entry: string): { files: string[]; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(join(root, file), 'utf8');
    for (const m of source.matchAll(
      /^(?:(?:import|export) (?!type )([^;'"]*?)from |import )'([^']+)';?$/gms,
    )) {
      const names = m[1]?.trim().match(/^\{([^}]*)\}$/)?.[1];
      if (
        names !== undefined &&
        names.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))
      )
        continue;
      const specifier = m[2]!;
      if (!specifier.startsWith('.')) {
        if (!specifier.startsWith('node:'))
          packages.add(
            specifier
              .split('/')
              .slice(0, specifier.startsWith('@') ? 2 : 1)
              .join('/'),
          );
        continue;
      }
      const target = join(dirname(file), specifier);
      const found = [`${target}.ts`, join(target, 'index.ts')].find((f) => existsSync(join(root, f)));
      if (found) visit(found);
    }
  };
  visit(entry);
  return { files: [...files], packages };
}
