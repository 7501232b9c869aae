import type { RedactionRule } from './rules';

/**
 * What a name says about its value, for structured data (headers, cookies, query and form fields, JSON
 * members) and for `name=value` in free text. Allowlist first: a value is kept only when its name is on a
 * short list of names known to be harmless; a sensitive-looking name marks a credential (and its value is
 * then hunted in all free text); every other value becomes an alias with its name kept.
 *
 * Names are compared lower-case with `-`, `_`, `.` and spaces removed, so `X-Sign`, `x_sign` and `xSign`
 * are one name.
 */
export const normalizeFieldName = (name: string): string => name.toLowerCase().replace(/[-_.\s]/g, '');

/** Where a name was found: each place has its own short list of harmless names. */
export type NameContext = 'header' | 'param' | 'json';

const list = (names: string) => new Set(names.split(/\s+/).filter(Boolean).map(normalizeFieldName));

/** Response and request headers that carry no secret (values still go through the text rules). */
const HARMLESS_HEADERS = list(`
  accept accept-encoding accept-language accept-ranges age alt-svc cache-control connection
  content-encoding content-language content-length content-location content-security-policy content-type
  content-sha256 date etag expires host keep-alive last-modified location origin pragma priority referer
  referrer-policy retry-after server strict-transport-security transfer-encoding upgrade-insecure-requests
  user-agent vary via x-content-type-options x-frame-options x-xss-protection x-powered-by x-request-id
  x-platform-timestamp x-platform-nonce x-timestamp x-nonce idempotency-key
  access-control-allow-origin access-control-allow-methods access-control-allow-headers
  access-control-allow-credentials access-control-expose-headers access-control-max-age
  access-control-request-method access-control-request-headers
  cross-origin-opener-policy cross-origin-embedder-policy cross-origin-resource-policy timing-allow-origin
  sec-ch-ua sec-ch-ua-mobile sec-ch-ua-platform sec-fetch-dest sec-fetch-mode sec-fetch-site sec-fetch-user
  :authority :method :path :scheme :status
`);

/** Query, fragment and form fields of the payment flow that support needs and that identify no one. */
const HARMLESS_PARAMS = list(`
  charset method version format sign_type timestamp lang locale diagnostic out_trade_no amount total_amount
  currency installments app_id merchant_no notify_type
`);

/** JSON members of gateway and intake answers that support needs to read the fault. */
const HARMLESS_JSON = list(`
  code msg message sub_code sub_msg status error error_code errcode errmsg result success charset method
  version format sign_type timestamp server_time expires_at out_trade_no amount total_amount currency
  installments app_id merchant_no outcome state type
`);

const HARMLESS: Record<NameContext, ReadonlySet<string>> = {
  header: HARMLESS_HEADERS,
  param: HARMLESS_PARAMS,
  json: HARMLESS_JSON,
};

/** Exact names with a rule of their own (what the manifest counts them under, how the alias reads). */
const BY_NAME: Record<string, RedactionRule> = {};
const add = (rule: RedactionRule, names: string) => {
  for (const name of list(names)) BY_NAME[name] = rule;
};
add('signature', 'sign signature sig x-sign x-platform-signature');
add('authorization', 'authorization proxy-authorization');
add('cookie', 'cookie');
add('set-cookie', 'set-cookie');

/**
 * Sensitive-looking names, in the spirit of Sentry's `sensitive_fields`: any name containing one of these
 * (after normalizing) is a credential. `sid` only as a whole word or at the end (`phpsessid`, `x-sid`), so
 * `inside` and `consider` are not.
 */
const SENSITIVE =
  /secret|token|passw|passphrase|pwd|auth|session|sessid|cookie|sign|key|credential|ticket|private/;
const SID = /(?:^|[^a-z])sid(?:$|[^a-z])|sid$/;

/** Which credential rule a sensitive name falls under. */
function credentialRule(normalized: string): RedactionRule {
  const exact = BY_NAME[normalized];
  if (exact) return exact;
  if (normalized.includes('sign')) return 'signature';
  if (/secret|passw|passphrase|pwd|key|credential|private/.test(normalized)) return 'secret-field';
  return 'token';
}

export type NameVerdict =
  | { kind: 'harmless' }
  /** A credential: aliased whole and hunted in all free text. */
  | { kind: 'credential'; rule: RedactionRule }
  /** Neither: aliased whole (structured data), left to the text rules (free text). */
  | { kind: 'other' };

const HARMLESS_VERDICT: NameVerdict = { kind: 'harmless' };
const OTHER_VERDICT: NameVerdict = { kind: 'other' };
const seen: Record<NameContext, Map<string, NameVerdict>> = {
  header: new Map(),
  param: new Map(),
  json: new Map(),
};

/** Memoized: structured data asks about the same few names over and over. */
export function judgeName(name: string, context: NameContext): NameVerdict {
  const memo = seen[context];
  let verdict = memo.get(name);
  if (verdict) return verdict;
  const normalized = normalizeFieldName(name);
  if (HARMLESS[context].has(normalized)) verdict = HARMLESS_VERDICT;
  else if (BY_NAME[normalized] || SENSITIVE.test(normalized) || SID.test(name.toLowerCase()))
    verdict = { kind: 'credential', rule: credentialRule(normalized) };
  else verdict = OTHER_VERDICT;
  if (memo.size < 10_000) memo.set(name, verdict);
  return verdict;
}

/**
 * Fields of our own report whose names look sensitive but whose values are what support compares to find
 * a signing fault: fingerprints of public keys, the string that was signed, the verify string the gateway
 * echoed. None of them can be turned back into a key.
 */
const OWN_HARMLESS = list(`
  public_key_fingerprint fingerprint string_to_sign our_string_to_sign verify_string gateway_verify_string
  key_strength key_bits key_type sign_type signal signals authorized_domains authorized unauthorized
  authority
`);

const ownRules = new Map<string, RedactionRule | null>();

/** The credential rule for a name, or null: how our own report's fields are judged (no allowlist there). */
export function ruleForFieldName(name: string): RedactionRule | null {
  let rule = ownRules.get(name);
  if (rule !== undefined) return rule;
  const verdict = OWN_HARMLESS.has(normalizeFieldName(name)) ? null : judgeName(name, 'json');
  rule = verdict?.kind === 'credential' ? verdict.rule : null;
  if (ownRules.size < 10_000) ownRules.set(name, rule);
  return rule;
}

/** Names harmless in every context: our own report's fields named like this are never credentials. */
export const isHarmlessParam = (name: string): boolean => HARMLESS_PARAMS.has(normalizeFieldName(name));
