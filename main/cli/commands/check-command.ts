import { parseArgs } from 'node:util';
import { tmpdir } from 'node:os';
import { text } from '../../../shared/i18n/localized-text';
import type { CheckResult, CheckStatus } from '../../../shared/checklist/check-result';
import { CHECK_IDS, type CheckId } from '../../../shared/checklist/catalog';
import { importNotesFrom, keyFactsFromImport } from '../../checklist/checklist-input';
import { machineFacts, runStoreChecklist } from '../../checklist/run-store-checklist';
import { APP_IDENTITY } from '../../model/app-identity';
import { proxyFromEnvironment } from '../../probe/proxy';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';
import { loadStoreAndProfile } from '../config-input';

const STATUS_MARK: Record<CheckStatus, { zh: string; en: string }> = {
  pass: { zh: '通过', en: 'PASS' },
  warn: { zh: '注意', en: 'WARN' },
  fail: { zh: '失败', en: 'FAIL' },
  skip: { zh: '跳过', en: 'SKIP' },
  error: { zh: '出错', en: 'ERROR' },
};

/** Failures first, then warnings, so the line a shop owner needs is at the top. */
const ORDER: CheckStatus[] = ['fail', 'error', 'warn', 'pass', 'skip'];

function printTable(io: CliIo, results: CheckResult[]): void {
  const sorted = [...results].sort((a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status));
  const idWidth = Math.max(...results.map((r) => r.id.length));
  for (const r of sorted) {
    const mark = io.language === 'zh-CN' ? STATUS_MARK[r.status].zh : STATUS_MARK[r.status].en;
    io.out(`${mark.padEnd(6)} ${r.id.padEnd(idWidth)}  ${say(io, r.title)}: ${say(io, r.summary)}`);
    if (r.remediation && (r.status === 'fail' || r.status === 'warn' || r.status === 'error')) {
      io.out(`${' '.repeat(idWidth + 9)}→ ${say(io, r.remediation)}`);
    }
  }
}

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      store: { type: 'string' },
      platform: { type: 'string' },
      only: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const only = values.only
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only?.filter((id) => !CHECK_IDS.includes(id as CheckId)) ?? [];
  if (unknown.length) {
    throw new CliInputError(
      text(`--only：没有这些检查：${unknown.join(', ')}。`, `--only: no such checks: ${unknown.join(', ')}.`),
    );
  }
  const { store, profile } = await loadStoreAndProfile(io, values.store, values.platform);
  const run = await runStoreChecklist(
    {
      store: store.value,
      profile,
      key: keyFactsFromImport(store),
      importNotes: importNotesFrom(values.store!, store.warnings),
      machine: machineFacts(tmpdir(), APP_IDENTITY.version, `node ${process.versions.node}`),
      resolveProxy: proxyFromEnvironment(process.env),
    },
    {
      signal: io.stopSignal,
      only: only as CheckId[] | undefined,
      onProgress: (e) => {
        if (io.interactive && !values.json && e.type === 'finished') io.err(`… ${e.done}/${e.total} ${e.id}`);
      },
    },
  );
  if (values.json) {
    io.out(JSON.stringify({ ...run, checks: run.results.map((r) => ({ id: r.id, status: r.status })) }));
  } else {
    printTable(io, run.results);
    const c = run.counts;
    io.out(
      say(
        io,
        text(
          `通过 ${c.pass}，注意 ${c.warn}，失败 ${c.fail}，出错 ${c.error}，跳过 ${c.skip}（用时 ${(run.durationMs / 1000).toFixed(1)} 秒）`,
          `${c.pass} passed, ${c.warn} warnings, ${c.fail} failed, ${c.error} errors, ${c.skip} skipped (${(run.durationMs / 1000).toFixed(1)} s)`,
        ),
      ),
    );
  }
  return run.counts.fail + run.counts.error > 0 ? EXIT.problemFound : EXIT.ok;
}
