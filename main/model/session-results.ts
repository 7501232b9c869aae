import type {
  SimulationFacts,
  SimulationSeries,
  SimulationUnavailable,
} from '../../shared/simulation/simulation-result';
import type { ActiveStore } from './active-store';

/**
 * The results a diagnostics session passes between layers, declared once. The shapes themselves are zod
 * schemas in shared/ (they cross IPC and go into reports); these names say what each layer hands on.
 */

/** A simulated redirect as the app and a diagnosis run it: a series (perhaps of one run), or why none could run. */
export type SessionSimulation = SimulationSeries | SimulationUnavailable;

/** What the checklist judges page.* and tls.mixed-content on: one run, a series, or why there is none. */
export type { SimulationFacts };

/** The parts of the active store a checklist or a diagnosis reads (the summary is for screens only). */
export type StoreFacts = Pick<ActiveStore, 'store' | 'profile' | 'key' | 'importNotes'>;

/** The store facts out of the active store (or any input that carries them), so no caller copies them field by field. */
export function storeFacts(from: StoreFacts): StoreFacts {
  return { store: from.store, profile: from.profile, key: from.key, importNotes: from.importNotes };
}
