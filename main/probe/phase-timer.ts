/**
 * Monotonic timestamps for one hop. performance.now() is the same high-resolution monotonic clock as
 * process.hrtime (sub-microsecond here), immune to wall-clock jumps, and cheap enough to take at every
 * socket event. Phases are differences between marks, so they add up exactly to the hop's total.
 */
export const now = (): number => performance.now();

/** Milliseconds rounded to the microsecond: finer is noise, coarser would hide loopback phases. */
export const ms = (value: number): number => Math.round(value * 1000) / 1000;

export const since = (start: number, end: number = now()): number => ms(Math.max(0, end - start));

/** Wall-clock ISO time for a monotonic mark, so every start time in a run is on one consistent clock. */
export const isoAt = (mark: number): string => new Date(performance.timeOrigin + mark).toISOString();
