import { FileSearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeyConvertResult } from '../../../../shared/keys/key-tool-api';
import { useLocalized } from '../../i18n/use-localized';
import { useDoctorCall } from '../../ipc/use-doctor-call';

type KeyFormat = 'pkcs8' | 'pkcs1' | 'one-line';
const FORMATS: readonly KeyFormat[] = ['pkcs8', 'pkcs1', 'one-line'];

/**
 * Converts a key the merchant already has: main's open dialog picks it, a private key's result goes
 * through main's save dialog (never to the screen), a public key's is shown to copy.
 */
export function ConvertCard() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const call = useDoctorCall();
  const [to, setTo] = useState<KeyFormat>('pkcs8');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<KeyConvertResult | null>(null);

  const pick = async () => {
    setBusy(true);
    try {
      const answer = await call('keys.convert', { to }, 'convertKey');
      if (answer && !('cancelled' in answer && answer.cancelled)) setResult(answer);
    } finally {
      setBusy(false);
    }
  };
  const format = (f: KeyFormat) => t(`keys.convert.${f}`);

  return (
    <Card title={<h2 className="card-title">{t('keys.convert.title')}</h2>} data-testid="key-convert">
      <Flex vertical gap="middle">
        <Typography.Text type="secondary">{t('keys.convert.intro')}</Typography.Text>
        <Flex align="center" gap="small" wrap>
          <label htmlFor="key-convert-to">{t('keys.convert.toLabel')}</label>
          <Select<KeyFormat>
            id="key-convert-to"
            value={to}
            onChange={setTo}
            options={FORMATS.map((value) => ({ value, label: format(value) }))}
            style={{ minWidth: 140 }}
          />
          <Button icon={<FileSearchOutlined />} loading={busy} onClick={() => void pick()}>
            {t('keys.convert.pick')}
          </Button>
        </Flex>
        {result?.ok === true &&
          (result.kind === 'private' ? (
            <Alert
              type="success"
              showIcon
              title={t('keys.convert.privateDone', {
                file: result.fileName,
                from: format(result.from),
                to: format(result.to),
                saved: result.savedAs,
              })}
            />
          ) : (
            <Alert
              type="success"
              showIcon
              title={t('keys.convert.publicDone', {
                file: result.fileName,
                from: format(result.from),
                to: format(result.to),
              })}
              description={
                <Typography.Paragraph
                  className="key-public-text"
                  copyable={{ text: result.publicText ?? '' }}
                >
                  {result.publicText}
                </Typography.Paragraph>
              }
            />
          ))}
        {result?.ok === false && 'message' in result && (
          <Alert
            type="error"
            showIcon
            title={t('keys.convert.problem', { file: result.fileName, message: localized(result.message) })}
          />
        )}
      </Flex>
    </Card>
  );
}
