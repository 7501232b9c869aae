export {
  KEY_FORMATS,
  exportKey,
  fingerprintOf,
  isKeyPair,
  publicKeyOneLine,
  readKeyText,
  type KeyFormat,
  type ReadKey,
  type ReadKeyResult,
} from './key-formats';
export { KEY_BITS, generateMerchantKeyPair, type GeneratedKeyPair, type KeyBits } from './key-generation';
export { KEY_FILE_NAMES, KeyFileExistsError, writeKeyPairFiles, writeNewFile } from './key-files';
export {
  compareWithRegisteredKey,
  type RegisteredKeyAnswer,
  type RegisteredKeyQuery,
} from './registered-key-lookup';
