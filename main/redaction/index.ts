/**
 * One redaction engine for everything that leaves the machine: the report, the HAR and the logs.
 * See engine.ts for how structured data is handled and rules.ts for the rule names the manifest counts.
 */
export { RedactionEngine, type RedactionEngineOptions, type RedactOptions } from './engine';
export { REDACTION_RULES, PERSONAL_DATA_RULES, ALIAS_PREFIX, type RedactionRule } from './rules';
export { luhnValid, idCardCheckValid, looksLikeCardNumber, derLooksLikePrivateKey } from './detectors';
export { stripImageMetadata, stripPngMetadata, stripJpegMetadata, InvalidImageError } from './image-metadata';
