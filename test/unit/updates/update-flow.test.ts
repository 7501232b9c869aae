import { describe, expect, it } from 'vitest';
import { createUpdateFlow, type UpdateFlowDeps } from '../../../main/updates/update-flow';
import type { BusyState } from '../../../main/updates/update-policy';

function harness(answers: boolean[], busy: BusyState = { tasks: 0, submitting: false, watchRound: false }) {
  const calls: string[] = [];
  const state = { busy };
  const deps: UpdateFlowDeps = {
    check: async () => ({
      kind: 'newer',
      version: '0.2.0',
      installerUrl: 'https://127.0.0.1/x.exe',
      installer: { url: 'x.exe', sha512: 'x' },
    }),
    busy: async () => state.busy,
    ask: async (step) => (calls.push(`ask ${step}`), answers.shift() ?? false),
    download: async () => void calls.push('download'),
    install: () => void calls.push('install'),
    log: () => {},
  };
  return { flow: createUpdateFlow(deps), calls, state };
}

describe('update flow: ask before download and before restart, never while busy', () => {
  it('yes, yes: downloads, then installs', async () => {
    const { flow, calls } = harness([true, true]);
    expect(await flow.pass()).toBe('installing');
    expect(calls).toEqual(['ask ask-download', 'download', 'ask ask-restart', 'install']);
  });

  it('busy: no question at all; asked on a later pass once idle', async () => {
    const { flow, calls, state } = harness([true, false], { tasks: 1, submitting: false, watchRound: false });
    expect(await flow.pass()).toBe('waiting');
    expect(calls).toEqual([]);
    state.busy = { tasks: 0, submitting: false, watchRound: false };
    expect(await flow.pass()).toBe('asked-restart');
    expect(calls).toEqual(['ask ask-download', 'download', 'ask ask-restart']);
  });

  it('downloaded while a watch round starts: the restart question waits for it', async () => {
    const { flow, calls, state } = harness([true, true]);
    const idle = state.busy;
    const round = { ...idle, watchRound: true };
    // Idle for the download question; a watch round is due by the restart question.
    const sequence = [idle, round];
    Object.defineProperty(state, 'busy', { get: () => sequence.shift() ?? idle });
    expect(await flow.pass()).toBe('downloaded');
    expect(calls).toEqual(['ask ask-download', 'download']);
    expect(await flow.pass()).toBe('installing');
    expect(calls).toEqual(['ask ask-download', 'download', 'ask ask-restart', 'install']);
  });

  it('no to the download: not asked about that version again', async () => {
    const { flow, calls } = harness([false]);
    expect(await flow.pass()).toBe('declined');
    expect(await flow.pass()).toBe('waiting');
    expect(calls).toEqual(['ask ask-download']);
  });
});
