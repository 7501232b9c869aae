import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/ipc/contract';
import { DEFAULT_LANGUAGE, LANGUAGES, resources } from './resources';

export { LANGUAGES, DEFAULT_LANGUAGE };

// Resources are bundled (two small JSON files), so init is synchronous and no backend is needed.
void i18n.use(initReactI18next).init({
  resources,
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: [...LANGUAGES],
  // React already escapes what it renders.
  interpolation: { escapeValue: false },
});

export const isLanguage = (value: string | undefined): value is Language =>
  (LANGUAGES as readonly string[]).includes(value ?? '');

export { i18n };
