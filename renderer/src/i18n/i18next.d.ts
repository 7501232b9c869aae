import 'i18next';
import type { Messages } from './resources';

// Typed keys: t('home.titel') is a compile error, and so is a key missing from zh-CN.json.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}
