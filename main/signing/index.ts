export { stringToSign, compareUtf8, type SignableValue } from './string-to-sign';
export { signRsa2, verifyRsa2 } from './rsa2';
export { gatewayTimestamp, parseGatewayTimestamp, newNonce, unixSeconds } from './gateway-time';
export {
  headerSignatureMessage,
  signHeaderMessage,
  verifyHeaderMessage,
  readHeaderSignature,
  PLATFORM_SIGNATURE_HEADERS,
  INTAKE_SIGNATURE_HEADERS,
  type HeaderSignature,
} from './header-signature';
export { publicKeyFingerprint } from './fingerprint';
export { firstDifference } from './first-difference';
