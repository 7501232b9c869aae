import {
  appendFileSync,
  closeSync,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
} from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../fs/atomic-write';
import {
  DiagnosisSummarySchema,
  type Diagnosis,
  type DiagnosisComparison,
  type DiagnosisSummary,
} from '../../shared/diagnosis/diagnosis';

const MAX_PER_STORE = 500;

export function summarize(diagnosis: Diagnosis): DiagnosisSummary {
  return {
    id: diagnosis.id,
    storeId: diagnosis.storeId,
    at: diagnosis.finishedAt,
    status: diagnosis.verdict.status,
    side: diagnosis.verdict.side,
    headline: diagnosis.verdict.headline,
    outcome: diagnosis.outcome,
    checks: diagnosis.checklist.results.map((r) => ({ id: r.id, status: r.status })),
  };
}

/** The file's last byte is not a newline: a write was cut short (power cut, full disk). */
function endsTorn(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A run that passed: the redirect worked and no check failed (warnings allowed). */
const passed = (s: DiagnosisSummary) => s.status !== 'problem';

/**
 * Past diagnoses of each store, one JSON line each, newest last. Appending a line is the whole write, so
 * a crash loses at most the run in progress; a torn last line is skipped on reading, and ended before the
 * next line is appended (else the two would merge into one unreadable line). Capped per store.
 */
export class DiagnosisHistory {
  constructor(private readonly dir: string) {}

  private file(storeId: string) {
    return join(this.dir, `${storeId.replace(/[^A-Za-z0-9_-]/g, '_')}.jsonl`);
  }

  list(storeId: string): DiagnosisSummary[] {
    const file = this.file(storeId);
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line) => {
        if (!line.trim()) return [];
        try {
          const parsed = DiagnosisSummarySchema.safeParse(JSON.parse(line));
          return parsed.success ? [parsed.data] : [];
        } catch {
          return [];
        }
      });
  }

  add(diagnosis: Diagnosis): DiagnosisSummary {
    mkdirSync(this.dir, { recursive: true });
    const summary = summarize(diagnosis);
    const file = this.file(diagnosis.storeId);
    const line = `${JSON.stringify(summary)}\n`;
    appendFileSync(file, endsTorn(file) ? `\n${line}` : line, { mode: 0o600 });
    const all = this.list(diagnosis.storeId);
    if (all.length > MAX_PER_STORE) {
      const kept = all.slice(-MAX_PER_STORE).map((s) => JSON.stringify(s));
      try {
        // Whole or not at all (main/fs/atomic-write): a crash while trimming never loses the history.
        writeFileAtomicSync(file, `${kept.join('\n')}\n`, { mode: 0o600 });
      } catch {
        // A full disk: the new run is appended already; trimming waits for the next one. No leftover.
      }
    }
    return summary;
  }

  /** The newest run beside the last one before it that passed: the checks whose status changed since. */
  compareLatest(storeId: string): DiagnosisComparison | null {
    const all = this.list(storeId);
    const current = all.at(-1);
    if (!current) return null;
    const lastPassing = [...all.slice(0, -1)].reverse().find(passed) ?? null;
    if (!lastPassing) return { current, lastPassing: null, changes: [] };
    const before = new Map(lastPassing.checks.map((c) => [c.id, c.status]));
    const now = new Map(current.checks.map((c) => [c.id, c.status]));
    const ids = [...new Set([...before.keys(), ...now.keys()])];
    const changes = ids
      .filter((id) => before.get(id) !== now.get(id))
      .map((id) => ({ id, before: before.get(id) ?? null, now: now.get(id) ?? null }));
    if (lastPassing.outcome !== current.outcome) {
      changes.unshift({ id: 'outcome', before: lastPassing.outcome, now: current.outcome });
    }
    return { current, lastPassing, changes };
  }
}
