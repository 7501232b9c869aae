import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRunSession, IDLE_RUN, type RunState } from '../../../renderer/src/app/run-session';
import { fakeDoctor, settle } from './fake-doctor';

interface ChecklistState extends RunState {
  done: number;
  result: string | null;
}

let doctor: ReturnType<typeof fakeDoctor>;
beforeEach(() => {
  doctor = fakeDoctor();
  vi.stubGlobal('window', { doctor: doctor.api });
});
afterEach(() => vi.unstubAllGlobals());

const session = () =>
  createRunSession<'checklist', ChecklistState>({
    kind: 'checklist',
    initial: { ...IDLE_RUN, done: 0, result: null },
    fromLast: (last) => ({ result: last ? 'last run' : null }),
    onProgress: (_previous, event) => ({ done: event.done }),
    onEnd: () => ({ done: 0 }),
  });

describe('run sessions (renderer logic, no browser)', () => {
  it('asks main for its last result once per renderer session', async () => {
    const s = session();
    const loading = s.loadLast();
    expect(s.get().phase).toBe('loading-last');
    doctor.answer('checklist.last', { results: [] });
    await loading;
    expect(s.get()).toMatchObject({ phase: 'idle', result: 'last run', lastLoaded: true });
    await s.loadLast();
    expect(doctor.calls).toHaveLength(0);
  });

  it('a run: progress of its own task only, the result, then idle with the listener gone', async () => {
    const s = session();
    const running = s.run({
      input: {},
      start: () => ({ result: null }),
      finish: () => ({ result: 'new run' }),
    });
    expect(s.get().phase).toBe('running');
    const taskId = s.get().taskId!;
    expect(taskId).toMatch(/^checklist-/);
    expect(doctor.calls[0]).toMatchObject({ channel: 'checklist.run', input: { taskId } });
    expect(doctor.listenerCount('progress')).toBe(1);

    doctor.emit('progress', { kind: 'checklist', taskId, done: 3, total: 9, step: 'x' });
    doctor.emit('progress', { kind: 'checklist', taskId: 'someone-else', done: 8, total: 9, step: 'x' });
    doctor.emit('progress', { kind: 'probe', taskId, done: 7, total: 9, step: 'x' });
    expect(s.get().done).toBe(3);

    // A second start while one runs is ignored.
    await s.run({ input: {}, start: () => ({}), finish: () => ({}) });
    expect(doctor.calls).toHaveLength(1);

    doctor.answer('checklist.run', { results: [] });
    await running;
    expect(s.get()).toMatchObject({ phase: 'idle', taskId: null, result: 'new run', done: 0, error: null });
    expect(doctor.listenerCount('progress')).toBe(0);
  });

  it('a failed run says why; cancel asks main with the taskId and marks it cancelling', async () => {
    const s = session();
    const running = s.run({ input: {}, start: () => ({}), finish: () => ({}) });
    const taskId = s.get().taskId;
    const cancelling = s.cancel();
    expect(s.get().cancelling).toBe(true);
    expect(doctor.answer('checklist.cancel', { cancelled: true })).toEqual({ taskId });
    await cancelling;
    doctor.fail('checklist.run', 'The checklist was cancelled');
    await running;
    expect(s.get()).toMatchObject({
      phase: 'idle',
      cancelling: false,
      error: { kind: 'run', reason: 'The checklist was cancelled' },
    });
  });

  it('a run started while the last result loads wins over that result', async () => {
    const s = session();
    const loading = s.loadLast();
    const running = s.run({ input: {}, start: () => ({}), finish: () => ({ result: 'new run' }) });
    doctor.answer('checklist.last', { results: [] });
    await loading;
    await settle();
    expect(s.get()).toMatchObject({ phase: 'running', result: null });
    doctor.answer('checklist.run', { results: [] });
    await running;
    expect(s.get().result).toBe('new run');
  });
});
