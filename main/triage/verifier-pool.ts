import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { verifyOne, type VerifyOutcome } from './verify-one';

/** Verifies bundles; `threads` says whether that happens off the calling thread. */
export interface Verifier {
  readonly threads: number;
  verify(path: string): Promise<VerifyOutcome>;
  close(): Promise<void>;
}

/** The reader itself broke on a file (a bug, or a bundle hostile enough to crash a worker). */
const crashed = (): VerifyOutcome => ({ ok: false, code: 'READER_FAILED', codes: ['READER_FAILED'] });

/** On the calling thread: for tests and for runtimes where the worker script was not built. */
export function inlineVerifier(): Verifier {
  return {
    threads: 0,
    verify: (path) => verifyOne(path).catch(crashed),
    close: async () => {},
  };
}

interface Job {
  id: number;
  path: string;
  resolve(outcome: VerifyOutcome): void;
}

/**
 * `size` worker threads, each given one file at a time. A worker that dies (a hostile bundle exhausting
 * its heap cap, say) fails only its current file, as READER_FAILED, and is replaced: the batch goes on.
 */
export function threadVerifier(script: string, size: number): Verifier {
  const queue: Job[] = [];
  const busy = new Map<Worker, Job>();
  const idle: Worker[] = [];
  let nextId = 0;
  let closed = false;

  const spawn = (): void => {
    // A heap cap per worker: one bundle can never take the whole machine's memory.
    const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: 256 } });
    worker.on('message', (message: { id: number; outcome: VerifyOutcome }) => {
      const job = busy.get(worker);
      busy.delete(worker);
      if (job && job.id === message.id) job.resolve(message.outcome);
      idle.push(worker);
      pump();
    });
    const lost = () => {
      const job = busy.get(worker);
      busy.delete(worker);
      const at = idle.indexOf(worker);
      if (at !== -1) idle.splice(at, 1);
      job?.resolve(crashed());
      if (!closed) {
        spawn();
        pump();
      }
    };
    worker.once('error', lost);
    worker.once('exit', () => {
      if (busy.has(worker) || idle.includes(worker)) lost();
    });
    idle.push(worker);
  };

  const pump = (): void => {
    while (idle.length && queue.length) {
      const worker = idle.pop()!;
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.postMessage({ id: job.id, path: job.path });
    }
  };

  for (let i = 0; i < size; i++) spawn();
  return {
    threads: size,
    verify: (path) =>
      new Promise<VerifyOutcome>((resolve) => {
        queue.push({ id: nextId++, path, resolve });
        pump();
      }),
    close: async () => {
      closed = true;
      const all = [...idle, ...busy.keys()];
      idle.length = 0;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

/**
 * The built worker script (electron-vite's main build emits out/main/triage-worker.js beside the entry;
 * shared code may sit one folder down, in chunks/). Null when running from the TypeScript sources.
 */
export function builtWorkerScript(): string | null {
  for (const candidate of ['./triage-worker.js', '../triage-worker.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  return null;
}

/** Worker threads when the worker was built (the app, the CLI), one per core (at most 4); else inline. */
export function defaultVerifier(): Verifier {
  const script = builtWorkerScript();
  if (!script) return inlineVerifier();
  return threadVerifier(script, Math.max(1, Math.min(4, availableParallelism())));
}
