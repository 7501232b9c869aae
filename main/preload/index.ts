import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import {
  CHANNEL_NAMES,
  EVENT_NAMES,
  IPC_EVENT_PREFIX,
  IPC_GRANT_DROPPED_FILE,
  IPC_INVOKE,
  type DoctorApi,
  type FileGrant,
  type IpcEnvelope,
} from '../../shared/ipc/contract';

/**
 * window.doctor, built from the contract's table: the only thing that crosses into the page.
 * Unknown channels are refused here already; main validates everything again.
 */
const api: DoctorApi = {
  async invoke(channel, input) {
    if (!CHANNEL_NAMES.includes(channel)) throw new Error(`Unknown channel: ${String(channel)}`);
    const envelope = (await ipcRenderer.invoke(IPC_INVOKE, channel, input)) as IpcEnvelope<never>;
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.data;
  },
  on(event, listener) {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(`${IPC_EVENT_PREFIX}${event}`, wrapped);
    return () => ipcRenderer.removeListener(`${IPC_EVENT_PREFIX}${event}`, wrapped);
  },
  // Dropped files: the page never sees paths. The preload asks Electron for the path of the file the user
  // dropped ('' for a File the page made itself, which is no file on disk) and trades it with main for a
  // token over a channel window.doctor.invoke cannot reach.
  async grantDroppedFile(file) {
    const path = webUtils.getPathForFile(file);
    if (!path) return null;
    const envelope = (await ipcRenderer.invoke(IPC_GRANT_DROPPED_FILE, path)) as IpcEnvelope<FileGrant>;
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.data;
  },
};

contextBridge.exposeInMainWorld('doctor', api);
