import type { DoctorApi } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    /** Put there by the preload (contextBridge). The only way this renderer reaches main. */
    readonly doctor: DoctorApi;
  }
}

/** Is the preload's bridge there? Only false if the page was opened outside the app. */
export const hasDoctorBridge = (): boolean => typeof window.doctor === 'object' && window.doctor !== null;

export const doctor: DoctorApi = window.doctor;

/**
 * The path of a file dropped on the window, from the preload (Electron's webUtils.getPathForFile);
 * null when it has none (a file that is not on disk, e.g. dragged out of an archive viewer).
 */
export function pathForDroppedFile(file: File): string | null {
  const api = window.doctor as DoctorApi & { pathForFile?: (file: File) => string };
  const path = typeof api.pathForFile === 'function' ? api.pathForFile(file) : '';
  return path ? path : null;
}
