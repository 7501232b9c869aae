/**
 * The redaction rules the engine counts under (main/redaction/rules.ts), spelled out here because the
 * renderer cannot import main: each has plain words in report.redaction.rules. A rule this list does not
 * know yet is shown by its name rather than dropped.
 */
export const KNOWN_REDACTION_RULES = [
  'known-secret',
  'private-key-pem',
  'private-key-base64',
  'signature',
  'url-credentials',
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'secret-field',
  'id-card-cn',
  'bank-card',
  'mobile-cn',
  'email',
  'image-metadata',
] as const;
export type KnownRedactionRule = (typeof KNOWN_REDACTION_RULES)[number];

export const isKnownRule = (rule: string): rule is KnownRedactionRule =>
  (KNOWN_REDACTION_RULES as readonly string[]).includes(rule);

/** The rules that replaced anything, most replacements first. */
export const replacedRules = (counts: Record<string, number>): [string, number][] =>
  Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
