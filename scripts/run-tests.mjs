#!/usr/bin/env node
// `npm test`: every gate in one run (types, lint, format, build, unit + integration, browser journeys),
// each stage reported, and one closing line `N passed, N failed` over all of them for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args) {
  const started = Date.now();
  process.stdout.write(`\n=== ${label}: ${command} ${args.join(' ')}\n`);
  const child = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = child.status === 0;
  process.stdout.write(
    `=== ${label}: ${ok ? 'ok' : `FAILED (exit ${child.status ?? child.signal})`} in ${seconds}s\n`,
  );
  return ok;
}

function gate(label, command, args) {
  if (run(label, command, args)) results.passed += 1;
  else {
    results.failed += 1;
    failures.push(label);
  }
}

gate('typecheck (main, shared, tests)', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']);
gate('typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']);
gate('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
gate('format', 'npx', ['prettier', '--check', '.']);
gate('security: electronegativity', 'node', ['scripts/electronegativity-gate.mjs']);
gate('build', 'npx', ['electron-vite', 'build']);

mkdirSync('test-results', { recursive: true });
const report = 'test-results/vitest.json';
rmSync(report, { force: true });
const vitestOk = run('vitest (unit, integration, e2e)', 'npx', [
  'vitest',
  'run',
  '--project',
  'unit',
  '--project',
  'e2e',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
]);
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  results.passed += summary.numPassedTests;
  results.failed += summary.numFailedTests;
  results.skipped += summary.numPendingTests + summary.numTodoTests;
  // A suite that fails to load counts no test; count it so a broken file cannot pass silently.
  const brokenSuites = summary.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.length === 0,
  );
  results.failed += brokenSuites.length;
  for (const file of brokenSuites) failures.push(`suite failed to load: ${file.name}`);
  if (summary.numFailedTests > 0) failures.push(`${summary.numFailedTests} vitest test(s)`);
} else {
  results.failed += 1;
  failures.push('vitest wrote no report');
}
if (!vitestOk && results.failed === 0) {
  results.failed += 1;
  failures.push('vitest exited non-zero');
}

process.stdout.write('\n');
if (failures.length) process.stdout.write(`Failed: ${failures.join('; ')}\n`);
if (results.skipped) process.stdout.write(`(${results.skipped} skipped; each prints its reason above)\n`);
process.stdout.write(`${results.passed} passed, ${results.failed} failed\n`);
process.exit(results.failed === 0 ? 0 : 1);
