import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/** The page was opened without the preload (e.g. in a plain browser): say so instead of crashing. */
export default function NoBridge() {
  const { t } = useTranslation();
  return (
    <Result
      className="full-screen"
      status="error"
      title={t('app.noBridge.title')}
      subTitle={t('app.noBridge.description')}
    />
  );
}
