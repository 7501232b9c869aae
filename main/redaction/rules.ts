import type { RedactionRule } from '../../shared/report/redaction-rules';

/**
 * The rule names live in shared/report (the manifest counts under them, the screens name them); an alias
 * says which kind of thing was there (REDACTED-MOBILE-3), never what it was.
 */
export { REDACTION_RULES, type RedactionRule } from '../../shared/report/redaction-rules';

/** What an alias calls the value it stands for. */
export const ALIAS_LABEL: Record<RedactionRule, string> = {
  'known-secret': 'SECRET',
  'private-key-pem': 'PRIVATE-KEY',
  'private-key-base64': 'PRIVATE-KEY',
  signature: 'SIGNATURE',
  'url-credentials': 'CREDENTIALS',
  authorization: 'AUTHORIZATION',
  cookie: 'COOKIE',
  'set-cookie': 'COOKIE',
  token: 'TOKEN',
  'secret-field': 'SECRET',
  'id-card-cn': 'ID-CARD',
  'bank-card': 'BANK-CARD',
  'mobile-cn': 'MOBILE',
  email: 'EMAIL',
  'image-metadata': 'IMAGE-METADATA',
  value: 'VALUE',
  blob: 'BLOB',
  'os-user': 'USER',
};

export const ALIAS_PREFIX = 'REDACTED-';
/**
 * An alias, or the fixed markers the probe's capture-time sanitizer already wrote. These are never
 * aliased again: a second pass over redacted text changes nothing and counts nothing.
 */
export const ALREADY_REDACTED = /^(?:REDACTED-[A-Z-]+-\d+|REDACTED|\[REDACTED\])$/;

/** Rules about personal data rather than credentials: the contact section, given on purpose, skips these. */
export const PERSONAL_DATA_RULES: ReadonlySet<RedactionRule> = new Set([
  'mobile-cn',
  'email',
  'id-card-cn',
  'bank-card',
]);
