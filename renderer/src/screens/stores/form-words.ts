import type { TFunction } from 'i18next';
import type { ConfigIssue } from '../../../../shared/config/import-result';
import type { LocalizedText } from '../../../../shared/i18n/localized-text';

/**
 * The set-up form speaks of its own fields, not of a JSON file: a field's problem found by the importer
 * (which store.json shares) is told in the form's words and labels — 「请填写这一项」, not 「缺少
 * merchantNo，请补上并加英文双引号」. Problems the form has no words for (a key that is a public key,
 * say) keep the importer's sentence without its place in a file and its JSON names.
 */
const FIELD_HINTS: Record<string, string> = {
  merchantNo: 'storeForm.hints.merchantNo',
  appId: 'storeForm.hints.appId',
  storeName: 'storeForm.hints.storeName',
  storeUrl: 'storeForm.hints.url',
  notifyUrl: 'storeForm.hints.url',
  returnUrl: 'storeForm.hints.url',
  charset: 'storeForm.hints.charset',
  'baitiao.installments': 'storeForm.hints.installments',
  'testOrder.amount': 'storeForm.hints.amount',
  'testOrder.subject': 'storeForm.hints.subject',
  profileName: 'storeForm.hints.profile',
};

export function formMessage(
  issue: ConfigIssue,
  field: string | null,
  t: TFunction,
  localized: (text: LocalizedText) => string,
): string {
  if (field && issue.code === 'FIELD_MISSING') {
    return field === 'privateKeyPem' ? t('storeForm.hints.keyRequired') : t('storeForm.hints.required');
  }
  const hint = field ? FIELD_HINTS[field] : undefined;
  if (hint && (issue.code === 'FIELD_INVALID_VALUE' || issue.code === 'FIELD_WRONG_TYPE')) {
    return t(hint as 'storeForm.hints.required');
  }
  return plainSentence(localized(issue.message));
}

/** The importer's sentence without «文件 x 第 3 行：» and without JSON names in brackets. */
export function plainSentence(message: string): string {
  return message
    .replace(/^(文件 )?[^\s：:]+( 第 \d+ 行(第 \d+ 列)?)?[：:]\s*/, (prefix) =>
      /[.\\/]|文件|key/.test(prefix) ? '' : prefix,
    )
    .replace(/\s?[（(][A-Za-z][\w.[\]]*[)）]\s?/g, '');
}
