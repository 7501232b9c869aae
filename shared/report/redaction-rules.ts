import { z } from 'zod';

/**
 * The redaction rules, by the names the manifest counts them under (`redaction.rules`). Here in shared so
 * the report screens can name them too; main/redaction implements them.
 */
export const REDACTION_RULES = [
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
  /** A structured value (header, cookie, query, form field, JSON member) whose name is not known harmless. */
  'value',
  /** A long base64 or hex run in free text that no other rule explains. */
  'blob',
  /** The computer's user name, as it appears in home paths (C:\\Users\\<name>, /home/<name>). */
  'os-user',
] as const;
export const RedactionRuleSchema = z.enum(REDACTION_RULES);
export type RedactionRule = z.infer<typeof RedactionRuleSchema>;
