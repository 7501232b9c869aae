/**
 * One redaction engine for everything that leaves the machine: the report, the HAR, the logs, and the
 * report body sent to the intake. See engine.ts for the order of work, structured.ts for the allowlist of
 * structured data, text-rules.ts for free text, and rules.ts for the rule names the manifest counts.
 */
export { RedactionEngine, type RedactionEngineOptions, type RedactOptions } from './engine';
export { huntHar } from './harvest';
export { REDACTION_RULES, PERSONAL_DATA_RULES, ALIAS_PREFIX, type RedactionRule } from './rules';
export { luhnValid, idCardCheckValid, looksLikeCardNumber, derLooksLikePrivateKey } from './detectors';
export { keyEncodings } from './known-secrets';
export { stripImageMetadata, stripPngMetadata, InvalidImageError, JpegNotSentError } from './image-metadata';
