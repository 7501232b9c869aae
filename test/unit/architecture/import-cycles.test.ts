import { describe, expect, it } from 'vitest';
import { importCycles, importGraph, runtimeSpecifiers } from './import-graph';

const ROOT = new URL('../../..', import.meta.url).pathname;

describe('import cycles', () => {
  it('finds a cycle when there is one, and ignores type-only imports', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
    const specs = runtimeSpecifiers(
      'x.ts',
      [
        "import type { A } from './types';",
        "import { type B } from './only-types';",
        "import { type C, d } from './mixed';",
        "export type { E } from './type-export';",
        "export { f } from './value-export';",
        "const lazy = () => import('./lazy');",
      ].join('\n'),
    );
    expect(specs).toEqual(['./mixed', './value-export', './lazy']);
  });

  it('main/, shared/ and renderer/ have none', () => {
    const graph = importGraph(ROOT, ['main', 'shared', 'renderer/src']);
    expect(graph.size).toBeGreaterThan(300);
    expect(importCycles(graph)).toEqual([]);
  });
});
