#!/usr/bin/env node
// `npm test`: every gate in one run (types, lint, format, build, unit + integration, browser journeys),
// each stage reported, and one closing line `N passed, N failed` over all of them for CI.
import { spawn } from 'node:child_process';
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';

const results = { passed: 0, failed: 0, skipped: 0 };
/** Every failed test's title and failure messages, from the vitest JSON reports. */
const failedTests = [];
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
for (const name of readdirSync('test-results')) {
  if (/^vitest-.*\.json$/.test(name)) rmSync(`test-results/${name}`, { force: true });
}

// The tests run as jobs pulled by two lanes from one queue: the Node tests (unit + integration) in
// shards, the browser journeys one file per job, longest first. The machine is CPU-bound during the run
// (both cores ~90 % busy by /proc/stat; `time` sees about half of it, as Chromium's zygote-forked
// processes are not counted there), so a third lane only makes every job slower; the queue keeps both
// lanes busy to the end instead of leaving the journeys alone for the last minutes, as two projects side
// by side did.
const LANES = Math.max(1, Number(process.env.TEST_LANES ?? 2));
const UNIT_SHARDS = Math.max(1, Number(process.env.TEST_UNIT_SHARDS ?? 3));
const e2eFiles = readdirSync('test/e2e')
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => `test/e2e/${name}`);

/**
 * Seconds each job took: the last local run's (test-results/timings.json), else the estimates kept in the
 * repo (test/lane-estimates.json, a quiet run's), else a guess. Only the order of the queue depends on it.
 */
const TIMINGS = 'test-results/timings.json';
const readTimings = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {});
const previous = { ...readTimings('test/lane-estimates.json'), ...readTimings(TIMINGS) };
const jobs = [
  ...Array.from({ length: UNIT_SHARDS }, (_, index) => ({
    key: `unit ${index + 1}/${UNIT_SHARDS}`,
    project: 'unit',
    args: [`--shard=${index + 1}/${UNIT_SHARDS}`],
    // Without a previous run: the Node tests take about 9 minutes in all on two cores.
    estimate: previous[`unit ${index + 1}/${UNIT_SHARDS}`] ?? 540 / UNIT_SHARDS,
  })),
  ...e2eFiles.map((file) => ({
    key: file,
    project: 'e2e',
    args: [file],
    // A new journey without a figure yet: its size says roughly how long it is (about 4 s per kB here).
    estimate: previous[file] ?? statSync(file).size / 250,
  })),
].sort((a, b) => b.estimate - a.estimate);

const started = Date.now();
process.stdout.write(`\n=== vitest: ${jobs.length} jobs in ${LANES} lanes, longest first\n`);
const finished = [];
let next = 0;
/** Runs one job's vitest with its JSON report at `report`; resolves with how it ended and how long it took. */
async function runJob(job, report, label) {
  const args = [
    'vitest',
    'run',
    '--project',
    job.project,
    ...job.args,
    '--reporter=default',
    '--reporter=json',
  ];
  args.push(`--outputFile.json=${report}`);
  const jobStarted = Date.now();
  const child = spawn('npx', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    shell: process.platform === 'win32',
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
  });
  prefixLines(child.stdout, process.stdout, `[${label}] `);
  prefixLines(child.stderr, process.stderr, `[${label}] `);
  const { code, signal } = await new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { code, signal, seconds: (Date.now() - jobStarted) / 1000 };
}

const labelOf = (job) => (job.project === 'e2e' ? job.key.replace(/^test\/e2e\/|\.test\.ts$/g, '') : job.key);
const reportOf = (job, suffix = '') =>
  `test-results/vitest-${job.key.replace(/[^a-z0-9]+/gi, '-')}${suffix}.json`;

async function testLane() {
  while (next < jobs.length) {
    const job = jobs[next];
    next += 1;
    const report = reportOf(job);
    finished.push({ ...job, report, ...(await runJob(job, report, labelOf(job))) });
  }
}
await Promise.all(Array.from({ length: LANES }, () => testLane()));
process.stdout.write(`=== vitest: every job done in ${((Date.now() - started) / 1000).toFixed(1)}s\n`);

/** The failed tests of a JSON report, with their messages. */
const failedIn = (report, key) =>
  existsSync(report)
    ? JSON.parse(readFileSync(report, 'utf8')).testResults.flatMap((file) =>
        file.assertionResults
          .filter((test) => test.status === 'failed')
          .map((test) => ({ key, title: test.fullName, messages: test.failureMessages })),
      )
    : [];

// A browser journey that failed runs once more, alone, as Playwright's own `retries` would on CI: on this
// shared two-core host a journey has now and then failed on a wait or a page error that did not come
// back when it ran again (each time in a busy minute). It counts as passed only when it passes then;
// what failed the first time is printed at the end as FLAKY, with its messages. Node tests are not run
// again, and neither is any journey when more than RUN_AGAIN_AT_MOST failed: that is a fault, not a busy
// minute, and running them all again would take the run past CI's time.
const RUN_AGAIN_AT_MOST = 2;
const flaky = [];
const failedJourneys = finished.filter((job) => job.project === 'e2e' && job.code !== 0).length;
for (const [index, job] of finished.entries()) {
  if (job.project !== 'e2e' || job.code === 0 || failedJourneys > RUN_AGAIN_AT_MOST) continue;
  const failed = failedIn(job.report, job.key);
  // A file that failed with no test failing (it did not load, it crashed) is named by how it ended.
  const first = failed.length ? failed : [{ title: `exit ${job.code ?? job.signal}`, messages: [] }];
  const report = reportOf(job, '-again');
  process.stdout.write(`=== vitest ${job.key}: failed (exit ${job.code ?? job.signal}); once more, alone\n`);
  const again = await runJob(job, report, `${labelOf(job)} again`);
  finished[index] = { ...job, report, ...again, seconds: job.seconds + again.seconds };
  // Failed twice: the second run's own failures are printed below, like any other job's.
  if (again.code === 0)
    flaky.push(...first.map((test) => ({ ...test, key: `${job.key} (passed when run again)` })));
}
writeFileSync(
  TIMINGS,
  JSON.stringify(Object.fromEntries(finished.map((job) => [job.key, Math.round(job.seconds)])), null, 1),
);
for (const { key, report, code, signal, seconds } of finished) {
  process.stdout.write(`=== vitest ${key}: exit ${code ?? signal} in ${seconds.toFixed(1)}s\n`);
  if (!existsSync(report)) {
    results.failed += 1;
    failures.push(`vitest ${key} wrote no report`);
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
  if (summary.numFailedTests > 0) failures.push(`${summary.numFailedTests} test(s) in vitest ${key}`);
  failedTests.push(...failedIn(report, key));
  if (code !== 0 && summary.numFailedTests === 0 && brokenSuites.length === 0) {
    results.failed += 1;
    failures.push(`vitest ${key} exited ${code ?? signal}`);
  }
}

// Each failed test's own message again at the very end: CI keeps only the tail of the output, and a
// flaky failure (a page error seen once under load) must be readable from that tail alone.
const printFailure = (word, { key, title, messages }) => {
  // The test's own lines of each stack, not vitest's.
  const text = stripVTControlCharacters(messages.join('\n'))
    .split('\n')
    .filter((line) => !/^\s+at (.*node_modules|new Promise \(<anonymous>\))/.test(line))
    .join('\n');
  const head = text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
  process.stdout.write(`\n--- ${word} in ${key}: ${title}\n${head}\n`);
};
for (const test of flaky) printFailure('FLAKY', test);
for (const test of failedTests) printFailure('failed', test);
process.stdout.write('\n');
if (failures.length) process.stdout.write(`Failed: ${failures.join('; ')}\n`);
if (flaky.length)
  process.stdout.write(`(${flaky.length} FLAKY: failed once, passed when run again; see above)\n`);
if (results.skipped) process.stdout.write(`(${results.skipped} skipped; each prints its reason above)\n`);
process.stdout.write(`${results.passed} passed, ${results.failed} failed\n`);
process.exit(results.failed === 0 ? 0 : 1);
