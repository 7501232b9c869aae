/**
 * The simulated Baitiao redirect: a signed prepay, then a real Chromium through the cashier chain and back
 * to the store, classified into one §7 outcome code. Callers (checklist, CLI, IPC, the Electron adapter)
 * use only what is exported here. The Playwright launcher is a separate entry
 * (`./playwright-launcher`) so the app's main bundle never loads playwright-core.
 */
export {
  runSimulation,
  BUYER_VIEWPORT,
  DEFAULT_RETURN_LEG_TIMEOUT_MS,
  SLOW_RETURN_LEG_MS,
  type RunSimulationOptions,
} from './run-simulation';
export { runSimulationSeries, summarizeSeries } from './simulation-series';
export { simulationHar, type SimulationHar, type SimulationHarCreator } from './simulation-har';
export {
  SimulationUnavailableError,
  type BrowserLauncher,
  type BrowserSession,
  type CdpTransport,
  type SessionRequest,
  type SessionSource,
} from './cdp-transport';
export { findBrowser, usualBrowserPaths, BROWSER_ENV_VAR, type BrowserDiscovery } from './browser-discovery';
export { verifyChainWithProfileCas, type ChainVerdict } from './profile-chain-verifier';
export { analyzeCharset, declaredCharset, type CharsetInput } from './charset-analysis';
export { prepayAnswerOutcome, prepayTransportOutcome, type PrepayVerdict } from './prepay-outcome';
export { cashierFailure, chainFailure, matchesReturnUrl, type LegFailure } from './leg-verdicts';
export { simulationUnavailable } from './simulation-unavailable';
export type { SimulationStore } from './simulation-store';
export type { ScreenshotMode } from './page-actions';
export { buyersFor, deviceOutcome, leadingOutcome, phonesFirst } from './device-runs';
