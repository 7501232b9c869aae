import { ScenarioSchema, type Scenario } from '../../shared/sandbox/scenarios';

/**
 * The fault the sandbox platform is playing right now. Every server reads it per request, so a switch
 * takes effect on the next request; listeners let a server react at once (the cashier swaps its
 * certificate). `since` dates facts that must not slide, such as a risk cooldown's end.
 */
export interface ScenarioState {
  readonly current: Scenario;
  readonly since: Date;
  set(next: Scenario): void;
  onChange(listener: (next: Scenario, previous: Scenario) => void): () => void;
}

export function createScenarioState(initial: Scenario): ScenarioState {
  let current = ScenarioSchema.parse(initial);
  let since = new Date();
  const listeners = new Set<(next: Scenario, previous: Scenario) => void>();
  return {
    get current() {
      return current;
    },
    get since() {
      return since;
    },
    set(next) {
      const parsed = ScenarioSchema.parse(next);
      const previous = current;
      current = parsed;
      since = new Date();
      for (const listener of listeners) listener(parsed, previous);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
