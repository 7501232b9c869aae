import { useTranslation } from 'react-i18next';

/**
 * Typography's copyable, with a button that says what it copies: 「复制商户号」, not one of five
 * identical 「复制」 buttons. `what` is the field's own label, as shown beside it.
 */
export function useCopyable(): (what: string, text?: string) => { text?: string; tooltips: [string] } {
  const { t } = useTranslation();
  return (what, text) => ({
    ...(text === undefined ? {} : { text }),
    tooltips: [t('app.copyWhat', { what })],
  });
}
