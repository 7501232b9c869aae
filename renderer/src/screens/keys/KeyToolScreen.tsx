import { Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { EmptyNote, LoadingCard, ScreenHeader } from '../../ui/screen-parts';
import { useScreenRoute } from '../../app/use-screen-route';
import { useWorkspace } from '../../workspace/workspace-context';
import { Button } from 'antd';
import { ConvertCard } from './ConvertCard';
import { GenerateCard } from './GenerateCard';
import { MatchCard } from './MatchCard';
import './keys.css';

/**
 * 「密钥工具」 (说明与设置): a new key pair for the store in use, and converting and matching keys the
 * merchant already has, the way the platforms' own key tools do.
 */
export default function KeyToolScreen() {
  const { t } = useTranslation();
  const { state } = useWorkspace();
  const [, navigate] = useScreenRoute();
  const store = state.workspace?.activeStore ?? null;

  return (
    <Flex vertical gap="large" className="screen key-tool-screen">
      <ScreenHeader title={t('keys.title')} intro={t('keys.intro')} />
      {state.status === 'loading' ? (
        <LoadingCard label={t('keys.generate.title')} />
      ) : store ? (
        <GenerateCard storeName={store.storeName} />
      ) : (
        <EmptyNote title={t('keys.noStore')} hint={t('keys.noStoreHint')}>
          <Button type="primary" onClick={() => navigate('stores')}>
            {t('keys.goToStores')}
          </Button>
        </EmptyNote>
      )}
      <ConvertCard />
      <MatchCard />
    </Flex>
  );
}
