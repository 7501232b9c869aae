import type { FormInstance } from 'antd';
import type { ConfigIssue } from '../../../../shared/config/import-result';
import type { StoreSummary } from '../../../../shared/ipc/contract';

/**
 * The set-up form's data: its fields named by their place in store.json (the key and the platform
 * profile beside them), the values it holds, and the way between those and what main takes and says.
 * No React here, so StoreForm and its sections share one description of the form.
 */

/** Every field of the form, named by its place in store.json (the key and the profile sit beside it). */
export const FIELD_KEYS = [
  'environment',
  'storeName',
  'merchantNo',
  'appId',
  'storeUrl',
  'notifyUrl',
  'returnUrl',
  'charset',
  'baitiao.enabled',
  'baitiao.installments',
  'baitiao.sellerPaysFee',
  'testOrder.amount',
  'testOrder.subject',
  'privateKeyPem',
  'profileName',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** Each field's label under storeForm.fields: one label per field, in the form and in its errors. */
export const LABEL_KEYS = {
  environment: 'environment',
  storeName: 'storeName',
  merchantNo: 'merchantNo',
  appId: 'appId',
  storeUrl: 'storeUrl',
  notifyUrl: 'notifyUrl',
  returnUrl: 'returnUrl',
  charset: 'charset',
  'baitiao.enabled': 'baitiaoEnabled',
  'baitiao.installments': 'installments',
  'baitiao.sellerPaysFee': 'sellerPaysFee',
  'testOrder.amount': 'amount',
  'testOrder.subject': 'subject',
  privateKeyPem: 'privateKeyPem',
  profileName: 'profileName',
} as const satisfies Record<FieldKey, string>;

export const INSTALLMENTS = [3, 6, 12, 24] as const;
export const CHARSETS = ['UTF-8', 'GBK', 'GB18030'] as const;
const TEXT_FIELDS = [
  'storeName',
  'merchantNo',
  'appId',
  'storeUrl',
  'notifyUrl',
  'returnUrl',
  'charset',
] as const;
/** What the platform shows as the test order's title (data for the platform, not UI text). */
export const TEST_ORDER_SUBJECT = '诊断测试订单';
/** The contract's limit on the pasted key. */
export const KEY_MAX = 64 * 1024;

export interface FormValues {
  environment: 'sandbox' | 'production';
  storeName?: string;
  merchantNo?: string;
  appId?: string;
  storeUrl?: string;
  notifyUrl?: string;
  returnUrl?: string;
  charset?: string;
  baitiao?: { enabled?: boolean; installments?: number[]; sellerPaysFee?: boolean };
  testOrder?: { amount?: string; subject?: string };
  privateKeyPem?: string;
  profileName?: string;
}

/** What main said to the last save. */
export type Outcome =
  | { kind: 'failed'; errors: ConfigIssue[] }
  | { kind: 'saved'; store: StoreSummary; warnings: ConfigIssue[] }
  /** The call itself failed: the raw reason is for support staff only. */
  | { kind: 'broken'; reason: string };

/** A field's name path as the form knows it: baitiao.installments → ['baitiao', 'installments']. */
export type FieldName = Parameters<FormInstance<FormValues>['setFields']>[0][number]['name'];
export const namePath = (key: FieldKey) => key.split('.') as FieldName & string[];
const isFieldKey = (key: string): key is FieldKey => (FIELD_KEYS as readonly string[]).includes(key);

/**
 * `$.merchantNo` → merchantNo, `$.baitiao.installments[1]` → baitiao.installments, anything under
 * `$.merchantPrivateKey` → the pasted key; the profile's own problems (file "platform") → the profile.
 * Null for what belongs to no one field (the whole document, a field the form does not have).
 */
export function fieldOf(issue: ConfigIssue): FieldKey | null {
  if (issue.file === 'platform') return 'profileName';
  const names: string[] = [];
  // Identifiers after a dot; indexes and quoted keys ([1], ["a b"]) are no field of the form.
  const path = issue.field.replace(/^\$/, '');
  for (const match of path.matchAll(/\.([A-Za-z_$][\w$]*)|\[[^\]]*\]/g)) {
    if (match[1] !== undefined) names.push(match[1]);
    else break;
  }
  if (names[0] === 'merchantPrivateKey') return 'privateKeyPem';
  for (let n = names.length; n > 0; n -= 1) {
    const key = names.slice(0, n).join('.');
    if (isFieldKey(key)) return key;
  }
  return null;
}

/** A saved store being edited: its fields as saved (never its key) and its platform profile. */
export interface EditingStore {
  id: string;
  name: string;
  config: Record<string, unknown>;
  profileName: string;
}

/** A saved store's fields as the form's values (the key field stays empty: empty keeps the key). */
export function fromConfig(editing: EditingStore): FormValues {
  const c = editing.config as Partial<FormValues> & Record<string, unknown>;
  const text = (key: (typeof TEXT_FIELDS)[number]) => (typeof c[key] === 'string' ? (c[key] as string) : '');
  return {
    environment: c.environment === 'production' ? 'production' : 'sandbox',
    ...Object.fromEntries(TEXT_FIELDS.map((key) => [key, text(key)])),
    baitiao: c.baitiao,
    testOrder: c.testOrder,
    privateKeyPem: '',
    profileName: editing.profileName,
  };
}

/** The form as store.json fields, trimmed; an empty field is left out, so main says it is missing. */
export function toConfig(values: FormValues): Record<string, unknown> {
  const config: Record<string, unknown> = { environment: values.environment };
  for (const key of TEXT_FIELDS) {
    const value = (values[key] ?? '').trim();
    if (value) config[key] = value;
  }
  config.baitiao = {
    enabled: values.baitiao?.enabled ?? false,
    installments: [...(values.baitiao?.installments ?? [])].sort((a, b) => a - b),
    sellerPaysFee: values.baitiao?.sellerPaysFee ?? false,
  };
  const testOrder: Record<string, string> = {};
  const amount = (values.testOrder?.amount ?? '').trim();
  const subject = (values.testOrder?.subject ?? '').trim();
  if (amount) testOrder.amount = amount;
  if (subject) testOrder.subject = subject;
  config.testOrder = testOrder;
  return config;
}

/** The keys of the fields a change touched: { baitiao: { installments } } → baitiao.installments. */
export function changedKeys(changed: Record<string, unknown>, prefix = ''): FieldKey[] {
  return Object.entries(changed).flatMap(([name, value]) => {
    const key = `${prefix}${name}`;
    if (isFieldKey(key)) return [key];
    return value && typeof value === 'object' && !Array.isArray(value)
      ? changedKeys(value as Record<string, unknown>, `${key}.`)
      : [];
  });
}
