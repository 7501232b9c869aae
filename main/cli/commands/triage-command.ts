import { join, relative } from 'node:path';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ResponsibleSide } from '../../../shared/simulation/outcome-explanations';
import { text } from '../../../shared/i18n/localized-text';
import { DEFAULT_INCIDENT_RULE, type TriageSummary } from '../../../shared/triage/triage-view';
import { exportJsonLines, runTriage, TriageIndex } from '../../triage';
import { parseDuration } from '../../watch/duration';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';
import { defaultDataDir } from './submit-command';

const SIDE = {
  store: text('店铺这边', 'the store'),
  platform: text('平台那边', 'the platform'),
  'merchant-machine': text('这台电脑或网络', 'the computer or network'),
  none: text('没有问题', 'nobody'),
} satisfies Record<ResponsibleSide, ReturnType<typeof text>>;

function sinceOption(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(raw) ? Date.parse(raw) : NaN;
  if (!Number.isFinite(ms)) {
    throw new CliInputError(
      text(
        `--since：「${raw}」不是 ISO 时间。例如 2026-12-04 或 2026-12-04T08:00:00+08:00。`,
        `--since: "${raw}" is not an ISO date or time. For example 2026-12-04 or 2026-12-04T08:00:00+08:00.`,
      ),
    );
  }
  return ms;
}

function ruleOption(merchants: string | undefined, window: string | undefined) {
  const minMerchants = merchants === undefined ? DEFAULT_INCIDENT_RULE.minMerchants : Number(merchants);
  if (!Number.isInteger(minMerchants) || minMerchants < 2 || minMerchants > 100_000) {
    throw new CliInputError(
      text(
        `--merchants：「${merchants}」不是 2 以上的整数（几家商户同时出现同一结果才算一次故障）。`,
        `--merchants: "${merchants}" is not a whole number of at least 2 (how many merchants make an incident).`,
      ),
    );
  }
  const windowMs =
    window === undefined ? DEFAULT_INCIDENT_RULE.windowMinutes * 60_000 : parseDuration(window);
  if (windowMs === null || windowMs > 7 * 86_400_000) {
    throw new CliInputError(
      text(
        `--window：「${window}」不是时长。例如 30m、2h；最长 7 天。`,
        `--window: "${window}" is not a duration. For example 30m or 2h; at most 7 days.`,
      ),
    );
  }
  return { minMerchants, windowMinutes: windowMs / 60_000 };
}

/**
 * `triage DIR`: every bundle under DIR verified (worker threads), indexed (only new or changed files),
 * grouped by outcome and side, incidents found. Exit 0 when the batch ran, whatever it found: refused
 * bundles are findings, not failures. 2 when DIR or an option is wrong.
 */
export async function triageCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      since: { type: 'string' },
      index: { type: 'string' },
      export: { type: 'string' },
      merchants: { type: 'string' },
      window: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length) {
    throw new CliInputError(text('用法：triage <文件夹> [--json]', 'Usage: triage <folder> [--json]'));
  }
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new CliInputError(
      text(
        `${dir}：找不到这个文件夹。请给出放诊断包（.zip）的文件夹。`,
        `${dir}: no such folder. Give the folder that holds the bundles (.zip).`,
      ),
    );
  }
  const sinceMs = sinceOption(values.since);
  const rule = ruleOption(values.merchants, values.window);
  const indexFile = values.index ?? join(defaultDataDir(process.env), 'triage-index.sqlite');
  let index: TriageIndex;
  try {
    index = TriageIndex.open(indexFile);
  } catch (error) {
    throw new CliInputError(
      text(
        `${indexFile}：无法打开索引文件（${(error as Error).message}）。用 --index 换一个位置。`,
        `${indexFile}: the index cannot be opened (${(error as Error).message}). Choose another with --index.`,
      ),
    );
  }
  try {
    const run = await runTriage(dir, {
      index,
      sinceMs,
      rule,
      signal: io.stopSignal,
      onSkip: (path, reason) =>
        io.err(
          say(io, text(`跳过无法读取的 ${path}（${reason}）`, `Skipped unreadable ${path} (${reason})`)),
        ),
    });
    // Refused files are named as the user would type them: the folder as given, then the path inside.
    const summary: TriageSummary = {
      ...run.summary,
      refused: run.summary.refused.map((r) => ({ ...r, file: join(dir, relative(run.root, r.file)) })),
    };
    const exported = values.export
      ? await exportJsonLines(index.db, run.scope, run.root, values.export)
      : null;
    if (values.json) io.out(JSON.stringify(summary));
    else printSummary(io, summary, run, rule);
    if (exported && !values.json) {
      for (const [table, { file, rows }] of Object.entries(exported)) {
        io.out(
          say(io, text(`已导出 ${table}：${rows} 行 → ${file}`, `Exported ${table}: ${rows} rows → ${file}`)),
        );
      }
    }
    return EXIT.ok;
  } finally {
    index.close();
  }
}

function printSummary(
  io: CliIo,
  summary: TriageSummary,
  run: { found: number; verifiedNow: number },
  rule: { minMerchants: number; windowMinutes: number },
): void {
  io.out(
    say(
      io,
      text(
        `找到 ${run.found} 个文件（本次校验 ${run.verifiedNow} 个，其余未变）：${summary.bundles} 个诊断包有效，${summary.refused.length} 个被拒绝。`,
        `Found ${run.found} files (${run.verifiedNow} verified now, the rest unchanged): ${summary.bundles} valid bundles, ${summary.refused.length} refused.`,
      ),
    ),
  );
  io.out('');
  io.out(
    say(
      io,
      text(
        `疑似平台故障（${rule.windowMinutes} 分钟内至少 ${rule.minMerchants} 家商户出现同一结果）：`,
        `Incidents (at least ${rule.minMerchants} merchants with the same outcome within ${rule.windowMinutes} minutes):`,
      ),
    ),
  );
  if (summary.incidents.length === 0) io.out(say(io, text('  没有', '  none')));
  for (const i of summary.incidents) {
    io.out(
      `  !! ${i.outcome}  ${say(io, SIDE[i.side])}  ${say(io, text(`${i.merchants} 家商户`, `${i.merchants} merchants`))}  ${i.from} → ${i.to}`,
    );
  }
  io.out('');
  io.out(say(io, text('按结果分组：', 'By outcome:')));
  if (summary.groups.length === 0) io.out(say(io, text('  没有有效的诊断包', '  no valid bundles')));
  for (const g of summary.groups) {
    io.out(
      `  ${(g.outcome ?? '—').padEnd(30)} ${say(io, SIDE[g.side]).padEnd(12)} ${String(g.count).padStart(6)} ${say(io, text('个', 'bundles'))} ${String(g.merchants).padStart(6)} ${say(io, text('家商户', 'merchants'))}  ${g.first_seen} → ${g.last_seen}`,
    );
  }
  if (summary.refused.length) {
    io.out('');
    io.out(say(io, text('被拒绝的文件（用 bundle verify 查看原因）：', 'Refused (bundle verify says why):')));
    for (const r of summary.refused) io.out(`  [${r.code}] ${r.file}`);
  }
}
