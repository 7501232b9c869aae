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
