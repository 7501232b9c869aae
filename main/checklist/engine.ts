import { randomUUID } from 'node:crypto';
import { catalogEntry, type CheckId } from '../../shared/checklist/catalog';
import type { CheckResult, CheckStatus, ChecklistRun } from '../../shared/checklist/check-result';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';

export interface CheckOutcome {
  status: CheckStatus;
  summary: LocalizedText;
  remediation?: LocalizedText | null;
  evidence?: Record<string, unknown>;
}

export interface CheckDefinition<Ctx> {
  id: CheckId;
  /** Checks whose failure makes this one pointless: it is skipped, naming them, rather than run. */
  dependsOn?: readonly CheckId[];
  /** Checks this one must run after, whatever their result (to see what they saw), without being skipped. */
  after?: readonly CheckId[];
  /** A backstop; each network step inside a check has its own, shorter timeout. */
  timeoutMs?: number;
  run(ctx: Ctx, signal: AbortSignal): Promise<CheckOutcome>;
}

export type ChecklistProgress =
  | { type: 'started'; id: CheckId; done: number; total: number }
  | { type: 'finished'; id: CheckId; result: CheckResult; done: number; total: number };

export interface RunChecklistOptions {
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (event: ChecklistProgress) => void;
  /** Re-run just these checks (and what they depend on). */
  only?: readonly CheckId[];
  defaultTimeoutMs?: number;
}

const PASSABLE: ReadonlySet<CheckStatus> = new Set(['pass', 'warn']);

class CheckTimeout extends Error {}

/** The dependency closure of `only`, so a re-run of one check has the facts it needs. */
function selectDefinitions<Ctx>(all: readonly CheckDefinition<Ctx>[], only?: readonly CheckId[]) {
  if (!only) return [...all];
  const byId = new Map(all.map((d) => [d.id, d]));
  const wanted = new Set<CheckId>();
  const visit = (id: CheckId) => {
    if (wanted.has(id)) return;
    const definition = byId.get(id);
    if (!definition) throw new Error(`Unknown check: ${id}`);
    wanted.add(id);
    definition.dependsOn?.forEach(visit);
  };
  only.forEach(visit);
  return all.filter((d) => wanted.has(d.id));
}

/**
 * Runs checks concurrently as far as their dependencies allow, at most `concurrency` at a time, each
 * with a timeout, all cancellable. A check that throws is an `error` (a bug, shown as such), never a
 * crash of the whole run.
 */
export async function runChecklist<Ctx>(
  definitions: readonly CheckDefinition<Ctx>[],
  ctx: Ctx,
  options: RunChecklistOptions = {},
): Promise<ChecklistRun> {
  const selected = selectDefinitions(definitions, options.only);
  const ids = new Set(selected.map((d) => d.id));
  for (const d of selected) {
    for (const dep of d.dependsOn ?? []) {
      if (!ids.has(dep)) throw new Error(`Check ${d.id} depends on ${dep}, which is not defined`);
    }
  }
  const concurrency = Math.max(1, options.concurrency ?? 6);
  const started = new Date();
  const results = new Map<CheckId, CheckResult>();
  const pending = [...selected];
  const running = new Set<Promise<void>>();
  const total = selected.length;

  const record = (result: CheckResult) => {
    results.set(result.id as CheckId, result);
    options.onProgress?.({ type: 'finished', id: result.id as CheckId, result, done: results.size, total });
  };

  const skipped = (definition: CheckDefinition<Ctx>, why: LocalizedText, evidence = {}): CheckResult => ({
    id: definition.id,
    group: catalogEntry(definition.id).group,
    status: 'skip',
    title: catalogEntry(definition.id).title,
    summary: why,
    remediation: null,
    evidence,
    durationMs: 0,
    startedAt: new Date().toISOString(),
  });

  const execute = async (definition: CheckDefinition<Ctx>): Promise<void> => {
    const entry = catalogEntry(definition.id);
    const startedAt = new Date();
    const t0 = performance.now();
    const controller = new AbortController();
    const signals = options.signal ? [controller.signal, options.signal] : [controller.signal];
    const timeoutMs = definition.timeoutMs ?? options.defaultTimeoutMs ?? 20_000;
    let timer: NodeJS.Timeout | undefined;
    options.onProgress?.({ type: 'started', id: definition.id, done: results.size, total });
    let outcome: CheckOutcome;
    try {
      outcome = await Promise.race([
        definition.run(ctx, AbortSignal.any(signals)),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new CheckTimeout()), timeoutMs);
        }),
      ]);
    } catch (error) {
      const cancelled = options.signal?.aborted;
      outcome = cancelled
        ? { status: 'skip', summary: text('检查已取消。', 'The check was cancelled.') }
        : error instanceof CheckTimeout
          ? {
              status: 'error',
              summary: text(
                `这项检查在 ${timeoutMs / 1000} 秒内没有完成。`,
                `This check did not finish within ${timeoutMs / 1000} s.`,
              ),
              remediation: text(
                '请检查网络后重试这一项；如果仍然如此，请导出诊断包发给平台客服。',
                'Check the network and run this check again; if it keeps happening, export a diagnostic bundle for platform support.',
              ),
              evidence: { timeoutMs },
            }
          : {
              status: 'error',
              summary: text(
                '这项检查本身出错了（这是本工具的问题）。',
                'This check itself broke (a fault in this tool).',
              ),
              remediation: text(
                '请重试；如果仍然出错，请导出诊断包发给平台客服，里面有错误详情。',
                'Try again; if it still breaks, export a diagnostic bundle for platform support: it holds the details.',
              ),
              evidence: { error: error instanceof Error ? error.message : String(error) },
            };
    } finally {
      clearTimeout(timer);
      controller.abort();
    }
    record({
      id: definition.id,
      group: entry.group,
      status: outcome.status,
      title: entry.title,
      summary: outcome.summary,
      remediation: outcome.remediation ?? null,
      evidence: outcome.evidence ?? {},
      durationMs: Math.round((performance.now() - t0) * 10) / 10,
      startedAt: startedAt.toISOString(),
    });
  };

  // Scheduling loop: start every check whose dependencies are settled, skip those whose dependency
  // did not pass, and wait for any running one to finish before looking again.
  while (pending.length > 0 || running.size > 0) {
    for (let i = 0; i < pending.length && running.size < concurrency;) {
      const definition = pending[i]!;
      if (options.signal?.aborted) {
        pending.splice(i, 1);
        record(skipped(definition, text('检查已取消。', 'The check was cancelled.')));
        continue;
      }
      const deps = definition.dependsOn ?? [];
      const failedDep = deps.find((dep) => results.has(dep) && !PASSABLE.has(results.get(dep)!.status));
      if (failedDep) {
        pending.splice(i, 1);
        const depTitle = catalogEntry(failedDep).title;
        record(
          skipped(
            definition,
            text(
              `前面的检查「${depTitle['zh-CN']}」没有通过，这一项先不做。`,
              `Skipped: the earlier check "${depTitle['en-US']}" did not pass.`,
            ),
            { blockedBy: failedDep },
          ),
        );
        continue;
      }
      const waitsFor = [...deps, ...(definition.after ?? []).filter((id) => ids.has(id))];
      if (waitsFor.every((dep) => results.has(dep))) {
        pending.splice(i, 1);
        const task: Promise<void> = execute(definition).finally(() => running.delete(task));
        running.add(task);
        continue;
      }
      i += 1;
    }
    if (running.size > 0) await Promise.race(running);
    else if (pending.length > 0 && !options.signal?.aborted) {
      throw new Error(`Dependency cycle among: ${pending.map((d) => d.id).join(', ')}`);
    }
  }

  const finished = new Date();
  const ordered = selected.map((d) => results.get(d.id)!);
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0, error: 0 };
  for (const r of ordered) counts[r.status] += 1;
  return {
    runId: randomUUID(),
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    cancelled: options.signal?.aborted ?? false,
    results: ordered,
    counts,
  };
}
