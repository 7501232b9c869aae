import { it } from 'vitest';
import { runProbeBench } from './probe-bench';
import { writeBenchmarkSection } from '../support/benchmarks-file';

const HEADING = '## Probe (issue 3)';

it('probe vs injected delays vs curl -w', async () => {
  const section = await runProbeBench();
  console.log(section);
  writeBenchmarkSection(HEADING, section);
});
