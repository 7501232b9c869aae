#!/usr/bin/env node
// `npm test`: every gate in one run (types, lint, format, build, unit + integration, browser journeys),
// each stage reported, and one closing line `N passed, N failed` over all of them for CI.
import { spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

/** Copies a child's output line by line with a prefix, so two side-by-side runs stay readable. */
function prefixLines(from, to, prefix) {
  let rest = '';
  from.setEncoding('utf8');
  from.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) to.write(`${prefix}${line}\n`);
  });
  from.on('end', () => {
    if (rest) to.write(`${prefix}${rest}\n`);
  });
}

/**
 * One gate in a child process; its output is kept and printed as one block when it ends, so two gates
 * running at once stay readable. Resolves with whether it passed.
 */
function run(label, command, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const ok = code === 0;
      process.stdout.write(`\n=== ${label}: ${command} ${args.join(' ')}\n`);
      process.stdout.write(Buffer.concat(output));
      process.stdout.write(`=== ${label}: ${ok ? 'ok' : `FAILED (exit ${code ?? signal})`} in ${seconds}s\n`);
      resolve(ok);
    });
  });
}

async function gate(label, command, args) {
  if (await run(label, command, args)) results.passed += 1;
  else {
    results.failed += 1;
    failures.push(label);
  }
}

/** Gates one after another (one lane). */
async function lane(gates) {
  for (const [label, command, args] of gates) await gate(label, command, args);
}

// Each checker is one single-threaded process: two lanes side by side keep both cores busy (about 75 s
// one after another, about 40 s in two lanes). The build comes after, as the journeys need it.
const gatesStarted = Date.now();
await Promise.all([
  lane([
    ['typecheck (main, shared, tests)', 'npx', ['tsc', '-p', 'tsconfig.node.json', '--noEmit']],
    ['typecheck (renderer)', 'npx', ['tsc', '-p', 'tsconfig.web.json', '--noEmit']],
    ['typecheck (renderer logic tests)', 'npx', ['tsc', '-p', 'tsconfig.renderer-tests.json', '--noEmit']],
  ]),
  lane([
    ['lint', 'npx', ['eslint', '.', '--max-warnings', '0']],
    ['format', 'npx', ['prettier', '--check', '.']],
    ['security: electronegativity', 'node', ['scripts/electronegativity-gate.mjs']],
  ]),
]);
await gate('build', 'npx', ['electron-vite', 'build']);
process.stdout.write(`=== gates done in ${((Date.now() - gatesStarted) / 1000).toFixed(1)}s\n`);

mkdirSync('test-results', { recursive: true });
// The browser journeys run one file at a time and mostly wait (on Chromium, on the sandbox's timeouts), while
// the Node tests are CPU work: run the two projects side by side in two vitest processes, so the second core
// is not idle for the journeys' whole length. Each line is prefixed with its project.
const projects = ['e2e', 'unit'];
const started = Date.now();
process.stdout.write(`\n=== vitest (unit + integration | e2e, side by side)\n`);
const exits = await Promise.all(
  projects.map((project) => {
    const report = `test-results/vitest-${project}.json`;
    rmSync(report, { force: true });
    const args = ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json'];
    args.push(`--outputFile.json=${report}`);
    const child = spawn('npx', args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
    });
    prefixLines(child.stdout, process.stdout, `[${project}] `);
    prefixLines(child.stderr, process.stderr, `[${project}] `);
    return new Promise((resolve) =>
      child.on('close', (code, signal) => resolve({ project, report, code, signal })),
    );
  }),
);
process.stdout.write(`=== vitest: both projects done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
for (const { project, report, code, signal } of exits) {
  process.stdout.write(`=== vitest ${project}: exit ${code ?? signal}\n`);
  if (!existsSync(report)) {
    results.failed += 1;
    failures.push(`vitest ${project} wrote no report`);
    continue;
  }
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
  if (summary.numFailedTests > 0) failures.push(`${summary.numFailedTests} vitest ${project} test(s)`);
  if (code !== 0 && summary.numFailedTests === 0 && brokenSuites.length === 0) {
    results.failed += 1;
    failures.push(`vitest ${project} exited ${code ?? signal}`);
  }
}

process.stdout.write('\n');
if (failures.length) process.stdout.write(`Failed: ${failures.join('; ')}\n`);
if (results.skipped) process.stdout.write(`(${results.skipped} skipped; each prints its reason above)\n`);
process.stdout.write(`${results.passed} passed, ${results.failed} failed\n`);
process.exit(results.failed === 0 ? 0 : 1);
