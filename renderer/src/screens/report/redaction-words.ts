import { REDACTION_RULES } from '../../../../shared/report/redaction-rules';

/**
 * The redaction rules the engine counts under, from shared/ (one list for main and the renderer); each has
 * plain words in report.redaction.rules. A rule the words do not know yet is shown by its name.
 */
export const KNOWN_REDACTION_RULES = REDACTION_RULES;
export type KnownRedactionRule = (typeof KNOWN_REDACTION_RULES)[number];

export const isKnownRule = (rule: string): rule is KnownRedactionRule =>
  (KNOWN_REDACTION_RULES as readonly string[]).includes(rule);

/** The rules that replaced anything, most replacements first. */
export const replacedRules = (counts: Record<string, number>): [string, number][] =>
  Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

/** The kinds an alias names (main/redaction/rules.ts ALIAS_LABEL); each has words in report.redaction.alias. */
const ALIAS_KINDS = [
  'SECRET',
  'PRIVATE-KEY',
  'SIGNATURE',
  'CREDENTIALS',
  'AUTHORIZATION',
  'COOKIE',
  'TOKEN',
  'ID-CARD',
  'BANK-CARD',
  'MOBILE',
  'EMAIL',
  'IMAGE-METADATA',
  'VALUE',
  'BLOB',
  'USER',
] as const;
export type AliasKind = (typeof ALIAS_KINDS)[number];
const isAliasKind = (kind: string): kind is AliasKind => (ALIAS_KINDS as readonly string[]).includes(kind);

const ALIAS = /REDACTED-([A-Z]+(?:-[A-Z]+)*)-(\d+)/g;

/**
 * The merchant reads aliases in their own words: REDACTED-MOBILE-1 shows as [手机号 1]. The bundle keeps
 * the ASCII form (valid in URLs, cookies and JSON, and what support staff search for).
 */
export const readableAliases = (text: string, word: (kind: AliasKind) => string): string =>
  text.replace(ALIAS, (whole, kind: string, n: string) =>
    isAliasKind(kind) ? `[${word(kind)} ${n}]` : whole,
  );

/** The fixed markers the probe and simulation sanitizers write (token=REDACTED, [REDACTED]); never an alias. */
const MARKER = /\[REDACTED\]|\bREDACTED\b(?!-[A-Z])/g;

/**
 * What a shop owner reads of engine text that passed a sanitizer: aliases as [手机号 1], and the fixed
 * markers as 「[已隐去]」, so no English code sits in a Chinese sentence (token=[已隐去] in an address).
 */
export const readableRedactions = (text: string, word: (kind: AliasKind) => string, hidden: string): string =>
  readableAliases(text, word).replace(MARKER, hidden);
