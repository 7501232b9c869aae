import type { EventName, EventPayload } from '../../shared/ipc/contract';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Progress and other pushes from the engine; the Electron adapter forwards them to the window. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
