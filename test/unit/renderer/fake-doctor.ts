import type { DoctorApi } from '../../../shared/ipc/contract';

type Listener = (payload: unknown) => void;

/**
 * window.doctor for renderer logic tested in Node: every invoke is recorded and waits until the test
 * answers it (answer/fail), so a test decides the order things happen in without any timer.
 */
export function fakeDoctor() {
  const calls: {
    channel: string;
    input: unknown;
    resolve: (v: unknown) => void;
    reject: (e: Error) => void;
  }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const api = {
    invoke: (channel: string, input: unknown) =>
      new Promise((resolve, reject) => calls.push({ channel, input, resolve, reject })),
    on: (event: string, listener: Listener) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
    grantDroppedFile: async () => null,
  };
  const pending = (channel: string) => {
    const call = calls.find((c) => c.channel === channel);
    if (!call)
      throw new Error(`no call to ${channel} yet (calls: ${calls.map((c) => c.channel).join(', ')})`);
    calls.splice(calls.indexOf(call), 1);
    return call;
  };
  return {
    api: api as unknown as DoctorApi,
    calls,
    listenerCount: (event: string) => listeners.get(event)?.size ?? 0,
    emit: (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload)),
    answer: (channel: string, output: unknown) => {
      const call = pending(channel);
      call.resolve(output);
      return call.input;
    },
    fail: (channel: string, message: string) => pending(channel).reject(new Error(message)),
  };
}

/** Lets the promise chains that an answer starts run to their end (no timer involved). */
export const settle = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};
