import { parentPort } from 'node:worker_threads';
import { verifyOne } from './verify-one';

/**
 * The worker thread's entry (built as out/main/triage-worker.js): verifies the bundles it is sent, one
 * at a time, and answers with small facts, so the inflating and hashing never run on the caller's thread.
 */
const port = parentPort;
if (port) {
  port.on('message', (message: { id: number; path: string }) => {
    verifyOne(message.path).then(
      (outcome) => port.postMessage({ id: message.id, outcome }),
      (error: unknown) =>
        port.postMessage({
          id: message.id,
          outcome: { ok: false, code: 'READER_FAILED', codes: ['READER_FAILED'] },
          error: error instanceof Error ? error.message : String(error),
        }),
    );
  });
}
