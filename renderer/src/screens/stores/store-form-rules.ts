import type { FormRule } from 'antd';
import type { TFunction } from 'i18next';
import { AmountSchema, StoreConfigSchema } from '../../../../shared/config/store-config';
import type { FieldKey } from './store-form-model';

/**
 * The form's rules, checked as the owner types, in the form's own words (never the file's).
 *
 * Errors are exactly what main's importer refuses, from the very schema store.json goes through: a
 * field left empty, a merchant number or app ID of the wrong shape, an amount that is not yuan, no
 * installment ticked. What main accepts and a check only warns about later (an address that is not
 * https://, a character set other than UTF-8, a key that does not look like PEM — main says better
 * what is wrong with it) stays a yellow reminder that never blocks 保存店铺.
 */
export function fieldRules(t: TFunction, editing: boolean): Partial<Record<FieldKey, FormRule[]>> {
  const shape = StoreConfigSchema.shape;
  const required: FormRule = { required: true, whitespace: true, message: t('storeForm.hints.required') };
  const fits =
    (schema: { safeParse(value: unknown): { success: boolean } }, message: string): FormRule =>
    () => ({
      validator: (_rule, value: string | undefined) =>
        !value?.trim() || schema.safeParse(value.trim()).success
          ? Promise.resolve()
          : Promise.reject(new Error(message)),
    });
  const reminder = (test: (text: string) => boolean, message: string): FormRule => ({
    warningOnly: true,
    validator: (_rule, value: string | undefined) => {
      const text = value?.trim();
      return !text || test(text) ? Promise.resolve() : Promise.reject(new Error(message));
    },
  });
  const urlRules: FormRule[] = [
    required,
    reminder((text) => URL.canParse(text), t('storeForm.hints.url')),
    reminder(
      (text) => !URL.canParse(text) || new URL(text).protocol === 'https:',
      t('storeForm.hints.notHttps'),
    ),
  ];

  return {
    storeName: [required, fits(shape.storeName, t('storeForm.hints.storeName'))],
    merchantNo: [required, fits(shape.merchantNo, t('storeForm.hints.merchantNo'))],
    appId: [required, fits(shape.appId, t('storeForm.hints.appId'))],
    storeUrl: urlRules,
    notifyUrl: urlRules,
    returnUrl: urlRules,
    charset: [required, reminder((text) => text.toUpperCase() === 'UTF-8', t('storeForm.hints.charset'))],
    'baitiao.installments': [
      {
        validator: (_rule, value: number[] | undefined) =>
          value && value.length > 0
            ? Promise.resolve()
            : Promise.reject(new Error(t('storeForm.hints.installments'))),
      },
    ],
    'testOrder.amount': [required, fits(AmountSchema, t('storeForm.hints.amount'))],
    'testOrder.subject': [required, fits(shape.testOrder.shape.subject, t('storeForm.hints.subject'))],
    // Editing: an empty key keeps the saved one.
    privateKeyPem: [
      ...(editing ? [] : [{ ...required, message: t('storeForm.hints.keyRequired') }]),
      reminder(
        (text) => text.includes('-----BEGIN') && text.includes('-----END'),
        t('storeForm.hints.keyShape'),
      ),
    ],
    profileName: [{ required: true, message: t('storeForm.hints.profile') }],
  };
}
