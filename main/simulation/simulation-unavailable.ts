import type { SimulationUnavailable } from '../../shared/simulation/simulation-result';
import type { SimulationUnavailableError } from './cdp-transport';

/** What the checklist gets as ctx.simulation when no run was possible: the page checks skip with this reason. */
export function simulationUnavailable(error: SimulationUnavailableError): SimulationUnavailable {
  return { kind: 'simulation-unavailable', reason: error.reason, detail: error.message };
}
