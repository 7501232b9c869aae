import type { Channel, DoctorApi, FileGrant } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    /** Put there by the preload (contextBridge). The only way this renderer reaches main. */
    readonly doctor: DoctorApi;
  }
}

/** Is the preload's bridge there? Only false if the page was opened outside the app. */
export const hasDoctorBridge = (): boolean => typeof window.doctor === 'object' && window.doctor !== null;

/**
 * Start-up reads: what the shell and the first screen need, asked of main as soon as the app's code
 * runs, all at once. Otherwise they go one after another (settings before the shell, the store before
 * the home screen, the last diagnosis when home mounts), each waiting for the one before.
 *
 * The first caller of each gets the answer already on its way. An answer nobody took is dropped as soon
 * as start-up is over, that is at the first other call (it may change what they would say) or the
 * first move to another screen, so a screen opened later always asks main afresh.
 */
const earlyReads = new Map<Channel, Promise<unknown>>();
const earlyChannels = new Set<Channel>();

/** Asks main now for reads (channels without input) that a caller will make in a moment. */
export function readEarly(channels: readonly Channel[]): void {
  if (!hasDoctorBridge()) return;
  for (const channel of channels) {
    const read = window.doctor.invoke(channel, undefined as never);
    // One never taken must not become an unhandled rejection; its caller, if any, still sees the error.
    read.catch(() => undefined);
    earlyReads.set(channel, read);
    earlyChannels.add(channel);
  }
}

let started = false;

/**
 * What every screen needs: the settings (language), the store in use, and the notices of this start.
 * Asked by main.tsx as the app starts, before the first render (nothing is asked when this module is
 * imported); once.
 */
export function startStartupReads(): void {
  if (started || !hasDoctorBridge()) return;
  started = true;
  readEarly(['settings.get', 'workspace.get', 'app.notices']);
  window.addEventListener('hashchange', () => earlyReads.clear(), { once: true });
}

/**
 * The bridge as the screens use it: an early read's answer goes to its first caller. It looks the preload's
 * window.doctor up at each call, so importing this module touches nothing.
 */
export const doctor: DoctorApi = {
  invoke: ((channel: Channel, input: unknown) => {
    const early = input === undefined ? earlyReads.get(channel) : undefined;
    if (early) {
      earlyReads.delete(channel);
      return early;
    }
    if (!earlyChannels.has(channel)) earlyReads.clear();
    return window.doctor.invoke(channel as never, input as never);
  }) as DoctorApi['invoke'],
  on: (event, listener) => window.doctor.on(event, listener),
  grantDroppedFile: (file) => window.doctor.grantDroppedFile(file),
};

/**
 * Main's token for a file dropped on the window (the page never sees its path); null when the file is not
 * on disk (e.g. dragged out of an archive viewer) or main would not take it.
 */
export async function grantForDroppedFile(file: File): Promise<FileGrant | null> {
  const api = window.doctor as DoctorApi & { grantDroppedFile?: DoctorApi['grantDroppedFile'] };
  if (typeof api.grantDroppedFile !== 'function') return null;
  try {
    return await api.grantDroppedFile(file);
  } catch {
    return null;
  }
}
