import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second for /proc/<pid>/stat (USER_HZ is 100 on every Linux Node runs on). */
const TICK_MS = 10;

/**
 * CPU time (ms) used so far by this process and every process under it (the browser, its renderers),
 * counting children that already exited and were reaped (cutime/cstime). Wall time on a shared machine
 * says how busy the others were; CPU time says what the work cost. null off Linux.
 */
export function treeCpuMs(): number | null {
  if (process.platform !== 'linux') return null;
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      // utime, stime, cutime, cstime
      cpu.set(
        Number(entry),
        (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS,
      );
    } catch {
      // exited meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p))
      if (p === process.pid) return true;
    return false;
  };
  let total = 0;
  for (const [pid, ms] of cpu) if (pid !== process.pid && mine(pid)) total += ms;
  const own = process.cpuUsage();
  return total + (own.user + own.system) / 1000;
}
