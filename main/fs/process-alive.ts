/**
 * Whether the process that owns a file (a lock, a temp file named for its pid) still runs on this machine.
 * Lives in main/fs so the temp-file sweep (kept-files) and the outbox's locks share it without one
 * folder reaching into the other.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
