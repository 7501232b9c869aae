import { TranslationOutlined } from '@ant-design/icons';
import { Flex, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/ipc/contract';
import { LANGUAGES } from '../i18n';
import { useLanguage } from './use-language';

/** The language picker; `id` tells two on one screen apart (the header's and the Settings screen's). */
export function LanguageSwitch({ id = 'language-switch' }: { id?: string }) {
  const { t } = useTranslation();
  const [language, changeLanguage] = useLanguage();
  const [saving, setSaving] = useState(false);

  const onChange = async (next: Language) => {
    if (saving) return;
    setSaving(true);
    try {
      await changeLanguage(next);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex align="center" gap="small">
      <TranslationOutlined aria-hidden />
      <label htmlFor={id}>{t('language.label')}</label>
      <Select<Language>
        id={id}
        value={language}
        // Busy, never disabled while saving: a disabled select drops the keyboard's focus to <body>.
        loading={saving}
        onChange={(next) => void onChange(next)}
        // Each language is named in itself, so it can be found whatever the UI shows now.
        options={LANGUAGES.map((value) => ({ value, label: t(`language.names.${value}`) }))}
        style={{ width: 128 }}
      />
    </Flex>
  );
}
