export const IPC_INVOKE = 'doctor:invoke';
/** The preload's own channel for dropped files; not in `channels`, so window.doctor.invoke cannot reach it. */
export const IPC_GRANT_DROPPED_FILE = 'doctor:grant-dropped-file';
export const IPC_EVENT_PREFIX = 'doctor:event:';
