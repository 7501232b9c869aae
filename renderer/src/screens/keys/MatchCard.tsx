import { FileSearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyMatchResult } from '../../../../shared/keys/key-tool-api';
import { useLocalized } from '../../i18n/use-localized';
import { useDoctorCall } from '../../ipc/use-doctor-call';

/** Is this private key the pair of this public key? Both picked in main's open dialog, one after the other. */
export function MatchCard() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const call = useDoctorCall();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<KeyMatchResult | null>(null);

  const pick = async () => {
    setBusy(true);
    try {
      const answer = await call('keys.match', undefined, 'matchKey');
      if (answer && !('cancelled' in answer && answer.cancelled)) setResult(answer);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={<h2 className="card-title">{t('keys.match.title')}</h2>} data-testid="key-match">
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t('keys.match.intro')}</Typography.Text>
        <div>
          <Button icon={<FileSearchOutlined />} loading={busy} onClick={() => void pick()}>
            {t('keys.match.pick')}
          </Button>
        </div>
        {result?.ok === true && (
          <Alert
            type={result.pair ? 'success' : 'error'}
            showIcon
            title={t(result.pair ? 'keys.match.pair' : 'keys.match.notPair', {
              private: result.privateFileName,
              public: result.publicFileName,
            })}
            description={t('keys.match.fingerprints', {
              ours: result.privateFingerprint,
              theirs: result.publicFingerprint,
            })}
          />
        )}
        {result?.ok === false && 'message' in result && (
          <Alert
            type="error"
            showIcon
            title={t('keys.match.problem', { file: result.fileName, message: localized(result.message) })}
          />
        )}
      </Flex>
    </Card>
  );
}
