import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { runBundleBench } from './bundle-bench';

const HEADING = '## Bundle (issue';

/** Replaces this benchmark's section of BENCHMARKS.md (or appends it), leaving other sections alone. */
function writeSection(file: string, section: string): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(HEADING);
  if (start === -1) {
    writeFileSync(file, `${current.trimEnd()}\n\n${section.trimEnd()}\n`);
    return;
  }
  const next = current.indexOf('\n## ', start + HEADING.length);
  const rest = next === -1 ? '' : current.slice(next + 1);
  writeFileSync(file, `${current.slice(0, start)}${section.trimEnd()}\n${rest ? `\n${rest}` : ''}`);
}

it('bundle throughput and memory for a 50 MB HAR, beside zip -6', async () => {
  const section = await runBundleBench();
  console.log(section);
  writeSection(new URL('../../BENCHMARKS.md', import.meta.url).pathname, section);
});
