#!/usr/bin/env node
// The electronegativity gate of `npm test`. Every finding of medium severity or above must be fixed or
// explained in the reviewed allowlist (security/electronegativity-allowlist.json); anything else fails.
//
// Why in-process rather than its CLI: the CLI exits 0 whatever it finds, and its CSV writer races two
// unawaited fs.writeFile calls (header, then rows), so the file may hold only the header (the gate
// would see no findings and pass) or a header written over the rows (CI once failed on a torn line).
// The runner, called as a library, returns the findings themselves.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// `--root DIR` scans another tree with this repo's allowlist: the gate's own test proves it can fail.
const scanRoot = process.argv[2] === '--root' && process.argv[3] ? resolve(process.argv[3]) : root;
const require = createRequire(import.meta.url);
// Offline first: its translation download must fail at once rather than time out (see the shim).
require('./electronegativity-offline.cjs');
const runElectronegativity = require('@doyensec/electronegativity');

// Its global checks (CSP, navigation limits) judge the whole app, so main and renderer are scanned together.
const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'));
let result;
try {
  for (const dir of ['main', 'renderer', 'shared'])
    if (existsSync(join(scanRoot, dir))) cpSync(join(scanRoot, dir), join(stage, dir), { recursive: true });
  const electronVersion = JSON.parse(
    readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
  ).version;
  result = await runElectronegativity(
    {
      input: stage,
      output: undefined,
      isSarif: false,
      customScan: [],
      // It asks the network which Electron releases exist; offline it cannot, and the version is pinned.
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: true,
      isVerbose: false,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    },
    false,
  );
} catch (error) {
  console.error(error);
  console.error('electronegativity did not run; the gate fails rather than pass silently.');
  process.exit(1);
} finally {
  rmSync(stage, { recursive: true, force: true });
}

// A file it could not parse was not scanned: that fails the gate too.
const unparsed = result.errors.filter((e) => !e.tolerable);
for (const e of unparsed) console.log(`NOT SCANNED ${e.file}: ${e.message}`);
if (result.atomicChecks + result.globalChecks === 0) {
  console.error('electronegativity loaded no checks; the gate fails rather than pass silently.');
  process.exit(1);
}

const findings = result.issues.map((issue) => ({
  issue: issue.id,
  severity: issue.severity.name,
  confidence: issue.confidence.name,
  file: issue.file,
  location: `${issue.location.line}:${issue.location.column}`,
  sample: issue.sample ?? '',
}));

const allowlist = JSON.parse(readFileSync(join(root, 'security/electronegativity-allowlist.json'), 'utf8'));
const SERIOUS = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const allowed = (f) =>
  allowlist.some((a) => a.issue === f.issue && (a.file === '*' || a.file === f.file) && a.reason);
const blocking = findings.filter((f) => SERIOUS.has(f.severity) && !allowed(f));

for (const f of findings) {
  const mark = !SERIOUS.has(f.severity) ? 'low' : allowed(f) ? 'allowlisted' : 'BLOCKING';
  console.log(`${mark.padEnd(11)} ${f.severity.padEnd(8)} ${f.issue} ${f.file}:${f.location} ${f.sample}`);
}
console.log(
  `electronegativity: ${result.atomicChecks + result.globalChecks} checks, ${findings.length} findings, ` +
    `${blocking.length} blocking (medium or above, not allowlisted), ${unparsed.length} files not scanned`,
);
process.exit(blocking.length === 0 && unparsed.length === 0 ? 0 : 1);
