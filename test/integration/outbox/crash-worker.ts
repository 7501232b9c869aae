/**
 * The submitting process of the crash-safety test: delivers an outbox the way the app does, and may be
 * told to SIGKILL itself the moment a given step happens (after the intake accepted the report but before
 * that was written down, mid-upload, …). Bundled by crash-safety.test.ts and run with plain node.
 */
import { readFileSync } from 'node:fs';
import { createOutbox, type IntakeTarget } from '../../../main/outbox';
import type { OutboxEvent } from '../../../shared/report';

interface WorkerConfig {
  dir: string;
  intake: IntakeTarget;
  /** `step:report-accepted`, `item:uploading-bundle`, `upload-progress`…; null: run to the end. */
  killAt: string | null;
}

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as WorkerConfig;
const outbox = createOutbox({ dir: config.dir, intake: config.intake, backoff: { baseMs: 10, capMs: 80 } });

const name = (e: OutboxEvent): string =>
  e.type === 'item' ? `item:${e.item.state}` : e.type === 'step' ? `step:${e.step}` : 'upload-progress';
outbox.on((event) => {
  if (config.killAt && name(event) === config.killAt) process.kill(process.pid, 'SIGKILL');
});

const items = await outbox.runUntilIdle();
outbox.close();
process.stdout.write(
  `${JSON.stringify(items.map((i) => ({ reportId: i.reportId, state: i.state, ticketId: i.ticketId })))}\n`,
);
