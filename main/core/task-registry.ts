/** Long-running work the renderer can cancel by the id it chose when starting it. */
export class TaskRegistry {
  private readonly running = new Map<string, AbortController>();

  start(taskId: string): AbortSignal {
    if (this.running.has(taskId)) throw new Error(`Task ${taskId} is already running`);
    const controller = new AbortController();
    this.running.set(taskId, controller);
    return controller.signal;
  }

  /** Runs work under taskId, cancellable by it until it ends, however it ends. */
  async run<T>(taskId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const signal = this.start(taskId);
    try {
      return await work(signal);
    } finally {
      this.finish(taskId);
    }
  }

  /** How many tasks run now (the updater waits for none). */
  get size(): number {
    return this.running.size;
  }

  finish(taskId: string): void {
    this.running.delete(taskId);
  }

  cancel(taskId: string): boolean {
    const controller = this.running.get(taskId);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
