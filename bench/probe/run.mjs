#!/usr/bin/env node
// Standalone entry for the probe benchmark, no build step: Node strips the TypeScript types itself, and
// this hook lets the repo's extensionless imports ('../../main/probe/hop') find their .ts files, as the
// bundler-style resolution of tsconfig does. Prints the BENCHMARKS.md section.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.')) throw error;
      return nextResolve(`${specifier}.ts`, context);
    }
  },
});

const { runProbeBench } = await import('./probe-bench.ts');
const samples = Number(process.argv[2] ?? 15);
process.stdout.write(`${await runProbeBench({ samples })}\n`);
