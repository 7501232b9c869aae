import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { it } from 'vitest';
import { runProbeBench } from './probe-bench';

const HEADING = '## Probe (issue 3)';

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

it('probe vs injected delays vs curl -w', async () => {
  const section = await runProbeBench();
  console.log(section);
  writeSection(new URL('../../BENCHMARKS.md', import.meta.url).pathname, section);
});
