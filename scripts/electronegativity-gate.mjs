#!/usr/bin/env node
// The electronegativity gate of `npm test`: electronegativity exits 0 whatever it finds, so its CSV is
// parsed here. Every finding of medium severity or above must be fixed or explained in the reviewed
// allowlist (security/electronegativity-allowlist.json); anything else fails the gate.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// Its global checks (CSP, navigation limits) judge the whole app, so main and renderer are scanned together.
const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'));
for (const dir of ['main', 'renderer', 'shared'])
  cpSync(join(root, dir), join(stage, dir), { recursive: true });
const csv = join(stage, 'findings.csv');
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
).version;
const run = spawnSync(
  'npx',
  [
    'electronegativity',
    '-i',
    stage,
    '-r',
    '-e',
    electronVersion,
    '-x',
    'AvailableSecurityFixesGlobalCheck',
    '-o',
    csv,
    '-v',
    'false',
  ],
  {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: `--require ${join(root, 'scripts/electronegativity-offline.cjs')}` },
    timeout: 300_000,
  },
);
if (run.status !== 0 || !existsSync(csv)) {
  console.error(run.stdout, run.stderr);
  console.error('electronegativity did not run; the gate fails rather than pass silently.');
  process.exit(1);
}

/** The CSV's fields are quoted where they hold commas; a tiny parser is enough for its shape. */
function parseLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"' && line[i + 1] === '"' && quoted) {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

const findings = readFileSync(csv, 'utf8')
  .split(/\r?\n/)
  .slice(1)
  .filter(Boolean)
  .map(parseLine)
  .map(([issue, severity, confidence, file, location, sample]) => ({
    issue,
    severity,
    confidence,
    file,
    location,
    sample,
  }));
rmSync(stage, { recursive: true, force: true });

const allowlist = JSON.parse(readFileSync(join(root, 'security/electronegativity-allowlist.json'), 'utf8'));
const SERIOUS = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);
const allowed = (f) =>
  allowlist.some((a) => a.issue === f.issue && (a.file === '*' || a.file === f.file) && a.reason);
const blocking = findings.filter((f) => SERIOUS.has(f.severity) && !allowed(f));

for (const f of findings) {
  const mark = !SERIOUS.has(f.severity) ? 'low' : allowed(f) ? 'allowlisted' : 'BLOCKING';
  console.log(
    `${mark.padEnd(11)} ${f.severity.padEnd(8)} ${f.issue} ${f.file}:${f.location} ${f.sample === 'N/A' ? '' : f.sample}`,
  );
}
console.log(
  `electronegativity: ${findings.length} findings, ${blocking.length} blocking (medium or above, not allowlisted)`,
);
process.exit(blocking.length === 0 ? 0 : 1);
