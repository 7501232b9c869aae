import { tmpdir } from 'node:os';
import { it } from 'vitest';
import type { CheckId } from '../../shared/checklist/catalog';
import { ALL_CHECKS } from '../../main/checklist/checks';
import {
  machineFacts,
  runStoreChecklist,
  type StoreChecklistInput,
} from '../../main/checklist/run-store-checklist';
import { startSandbox } from '../../main/sandbox';
import { machineLine, median, writeBenchmarkSection } from '../support/benchmarks-file';

const HEADING = '## Checklist concurrency (issue 2)';
const ROUNDS = 5;

/**
 * The whole checklist against the healthy sandbox beside each check run alone (with what it depends on):
 * with working concurrency the whole run costs little more than its slowest single check.
 */
it('full checklist vs its slowest single check', async () => {
  const sandbox = await startSandbox({ scenario: 'healthy' });
  try {
    const { merchantPrivateKey: _pem, ...store } = sandbox.store;
    const input: StoreChecklistInput = {
      store,
      profile: sandbox.profile,
      key: { pem: sandbox.merchantPrivateKeyPem, path: null, problem: null },
      importNotes: null,
      machine: machineFacts(tmpdir(), 'bench', `node ${process.versions.node}`),
      resolveProxy: async () => 'DIRECT',
    };
    const timed = async (only?: CheckId[]) => {
      const t0 = performance.now();
      await runStoreChecklist(input, { only });
      return performance.now() - t0;
    };
    await timed(); // warm-up: first TLS handshakes, JIT
    const full: number[] = [];
    for (let i = 0; i < ROUNDS; i++) full.push(await timed());
    const singles: { id: CheckId; ms: number }[] = [];
    for (const { id } of ALL_CHECKS) {
      const samples: number[] = [];
      for (let i = 0; i < ROUNDS; i++) samples.push(await timed([id]));
      singles.push({ id, ms: median(samples) });
    }
    singles.sort((a, b) => b.ms - a.ms);
    const slowest = singles[0]!;
    const fullMedian = median(full);
    const ratio = fullMedian / slowest.ms;
    const section = [
      HEADING,
      '',
      machineLine(),
      '',
      `The full checklist (${ALL_CHECKS.length} checks; the page checks skip without a simulation) against the healthy sandbox, median of ${ROUNDS} runs, beside each check run alone with its dependencies (median of ${ROUNDS}).`,
      '',
      '| measure | ms |',
      '|---|---|',
      `| full checklist | ${fullMedian.toFixed(1)} |`,
      ...singles.slice(0, 5).map((s) => `| alone: ${s.id} | ${s.ms.toFixed(1)} |`),
      '',
      `Ratio full / slowest single check (${slowest.id}): **${ratio.toFixed(2)}** (goal: at most 1.2).`,
    ].join('\n');
    console.log(section);
    writeBenchmarkSection(HEADING, section);
  } finally {
    await sandbox.close();
  }
});
