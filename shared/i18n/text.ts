import type { LocalizedText } from './localized-text';

/** Both languages of one text. Apart from the schema so code that only builds texts (the CLI's --help) loads no zod. */
export const text = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, 'en-US': en });
