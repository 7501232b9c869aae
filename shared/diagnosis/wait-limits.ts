/**
 * How long one call to the platform's gateway may take before the app gives up on it (the gateway
 * client's and the simulated payment's own timeout), so the progress view can say how long at most
 * the request in hand may still keep it waiting.
 */
export const GATEWAY_CALL_TIMEOUT_MS = 10_000;
