/**
 * Time as the watcher sees it: the wall clock for sample times, a monotonic clock and timers for the
 * schedule. The wall clock can jump (an NTP correction, a user fixing the date); the schedule must not
 * stall or race when it does, so it never reads the wall clock. Injected so tests can run an hour of
 * watching in milliseconds, move the wall clock, and assert exact sample times.
 */
export interface WatchClock {
  /** Wall time (epoch ms): what a sample is stamped with. */
  now(): number;
  /** Monotonic ms from an arbitrary origin: what the schedule counts in. Never goes back. */
  monotonic(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: WatchClock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  // Not unref'd: between samples the pending timer is what keeps a CLI watch alive; stop() clears it.
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * A clock that moves only when told: advance() fires the timers that fall due, in order; jumpWall() moves
 * the wall clock alone, as a clock correction does.
 */
export class ManualClock implements WatchClock {
  private current: number;
  private wallOffset = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { due: number; fn: () => void }>();

  constructor(start: number) {
    this.current = start;
  }

  now(): number {
    return this.current + this.wallOffset;
  }

  monotonic(): number {
    return this.current;
  }

  /** The wall clock jumps by ms (negative: backward); timers and the monotonic clock do not move. */
  jumpWall(ms: number): void {
    this.wallOffset += ms;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { due: this.current + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  /** Moves time forward by ms, firing every timer due on the way at its own time. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      let nextId: number | null = null;
      let next: { due: number; fn: () => void } | null = null;
      for (const [id, timer] of this.timers) {
        if (timer.due <= end && (!next || timer.due < next.due)) {
          nextId = id;
          next = timer;
        }
      }
      if (nextId === null || !next) break;
      this.timers.delete(nextId);
      this.current = next.due;
      next.fn();
    }
    this.current = end;
  }

  get pendingTimers(): number {
    return this.timers.size;
  }
}
