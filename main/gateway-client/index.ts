export {
  createGatewayClient,
  DEFAULT_GATEWAY_TIMEOUT_MS,
  type GatewayClient,
  type GatewayClientOptions,
  type GatewayCallResult,
  type GatewayHealth,
  type GatewayHealthResult,
  type CallTiming,
} from './client';
export {
  GatewayCallError,
  classifyTransportError,
  transportErrorCode,
  type GatewayCallErrorKind,
} from './call-error';
export { buildSignedRequest, type EnvelopeInput } from './envelope';
export { browserServerIdentity, createProfileAgent, profileTrustedCas } from './tls-trust';
