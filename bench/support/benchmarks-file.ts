import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const FILE = new URL('../../BENCHMARKS.md', import.meta.url).pathname;

/** Replaces one benchmark's section of BENCHMARKS.md (or appends it), leaving the others alone. */
export function writeBenchmarkSection(heading: string, section: string): void {
  const current = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(heading);
  if (start === -1) {
    writeFileSync(FILE, `${current.trimEnd()}\n\n${section.trimEnd()}\n`);
    return;
  }
  const next = current.indexOf('\n## ', start + heading.length);
  const rest = next === -1 ? '' : current.slice(next + 1);
  writeFileSync(FILE, `${current.slice(0, start)}${section.trimEnd()}\n${rest ? `\n${rest}` : ''}`);
}

/** The machine line every section carries: figures mean little without it. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `Machine: ${cpus().length} cores, ${cpu}, Node ${process.versions.node}, ${process.platform}; date ${new Date().toISOString().slice(0, 10)}.`;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
