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
] as const;
export const RedactionRuleSchema = z.enum(REDACTION_RULES);
export type RedactionRule = z.infer<typeof RedactionRuleSchema>;
