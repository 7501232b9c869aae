import type { RedactionRule } from './rules';

/**
 * Field and header names whose whole value is a credential, whatever it looks like: a `sign` field, an
 * Authorization header, a `password`. Names are compared lower-case with `-`, `_` and spaces removed, so
 * `X-Sign`, `x_sign` and `xSign` are one name.
 */
const BY_NAME: Record<string, RedactionRule> = {};
const add = (rule: RedactionRule, names: string[]) => {
  for (const name of names) BY_NAME[name] = rule;
};
add('signature', ['sign', 'signature', 'sig', 'xsign', 'xplatformsignature']);
add('authorization', ['authorization', 'proxyauthorization']);
add('cookie', ['cookie']);
add('set-cookie', ['setcookie']);
add('token', [
  'token',
  'tradetoken',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authtoken',
  'sessiontoken',
  'sessionid',
  'sid',
  'jsessionid',
  'phpsessid',
  'csrftoken',
  'xsrftoken',
  'xcsrftoken',
  'xxsrftoken',
  'apikey',
  'xapikey',
]);
add('secret-field', [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'clientsecret',
  'apisecret',
  'privatekey',
  'merchantprivatekey',
  'privatekeypem',
  'keypem',
]);

export const normalizeFieldName = (name: string): string => name.toLowerCase().replace(/[-_\s]/g, '');

const seen = new Map<string, RedactionRule | null>();

/** Memoized: structured data asks about the same few names over and over. */
export function ruleForFieldName(name: string): RedactionRule | null {
  let rule = seen.get(name);
  if (rule === undefined) {
    rule = BY_NAME[normalizeFieldName(name)] ?? null;
    if (seen.size < 10_000) seen.set(name, rule);
  }
  return rule;
}
