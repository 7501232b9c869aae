import { KeyOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Diagnosis } from '../../../../shared/diagnosis/diagnosis';
import { useScreenRoute } from '../../app/use-screen-route';

/** The key checks whose failure a new key pair (uploaded to the platform) fixes. */
const FIXED_BY_NEW_KEY = new Set(['key.matches-platform', 'key.sign-roundtrip']);

/** True when the diagnosis says the platform does not verify with this store's key. */
export const needsNewKey = (diagnosis: Diagnosis): boolean =>
  diagnosis.checklist.results.some((r) => FIXED_BY_NEW_KEY.has(r.id) && r.status === 'fail');

/** The verdict's 「生成新的密钥」: shown only when a key check failed; opens the key tool. */
export function NewKeyAction({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const [, navigate] = useScreenRoute();
  if (!needsNewKey(diagnosis)) return null;
  return (
    <Button
      type="primary"
      icon={<KeyOutlined />}
      onClick={() => navigate('keys')}
      data-testid="verdict-new-key"
    >
      {t('keys.verdictAction')}
    </Button>
  );
}
