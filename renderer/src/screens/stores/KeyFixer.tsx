import { FolderOpenOutlined, KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Input, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigIssue } from '../../../../shared/config/import-result';
import type { StoreImportOutcome, StoreSummary } from '../../../../shared/ipc/contract';
import { useLocalized } from '../../i18n/use-localized';
import { useDoctorCall } from '../../ipc/use-doctor-call';
import { plainSentence } from './form-words';

/** The contract's limit on a pasted key. */
const KEY_MAX = 64 * 1024;

/**
 * Gives a saved store its private key where the problem shows (after an import whose key did not load,
 * or 「更换私钥」 in the list): paste the PEM text or choose the key file. A key that does not load
 * keeps what was pasted and says why; one that loads makes the store the active one.
 */
export function KeyFixer({
  store,
  onFixed,
  testId = 'key-fixer',
}: {
  store: StoreSummary;
  onFixed(store: StoreSummary): void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const call = useDoctorCall();
  const fieldId = useId();
  const [pem, setPem] = useState('');
  const [saving, setSaving] = useState(false);
  const [errors, setErrors] = useState<readonly ConfigIssue[]>([]);

  const save = async (input: { privateKeyPem: string } | { keyFile: string }) => {
    setSaving(true);
    setErrors([]);
    try {
      const outcome: StoreImportOutcome | undefined = await call(
        'stores.setKey',
        { id: store.id, ...input },
        'setStoreKey',
      );
      if (!outcome) return;
      if (outcome.ok) {
        setPem('');
        onFixed(outcome.store);
      } else {
        setErrors(outcome.errors);
      }
    } finally {
      setSaving(false);
    }
  };

  const chooseFile = async () => {
    const picked = await call('stores.pickFile', { kind: 'key' }, 'pickFile');
    if (picked?.file) await save({ keyFile: picked.file.token });
  };

  return (
    <Flex vertical gap="small" data-testid={testId}>
      <label htmlFor={fieldId}>
        <Typography.Text strong>{t('stores.keyFix.label', { name: store.storeName })}</Typography.Text>
      </label>
      <Typography.Text type="secondary">{t('stores.keyFix.hint')}</Typography.Text>
      <Input.TextArea
        id={fieldId}
        value={pem}
        onChange={(event) => setPem(event.target.value)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        maxLength={KEY_MAX}
        spellCheck={false}
        autoComplete="off"
        placeholder={t('storeForm.placeholders.privateKeyPem')}
        status={errors.length > 0 ? 'error' : undefined}
        aria-invalid={errors.length > 0}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
        data-testid="key-fixer-text"
      />
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="key-fixer-errors"
          title={t('stores.keyFix.failed')}
          description={
            <ul className="plain-list">
              {errors.map((issue, index) => (
                <li key={`${issue.code}-${index}`}>{plainSentence(localized(issue.message))}</li>
              ))}
            </ul>
          }
        />
      )}
      <Flex gap="small" wrap>
        <Button
          type="primary"
          icon={<KeyOutlined />}
          loading={saving}
          disabled={!pem.trim()}
          onClick={() => void save({ privateKeyPem: pem })}
          data-testid="key-fixer-save"
        >
          {t('stores.keyFix.save')}
        </Button>
        <Button icon={<FolderOpenOutlined />} disabled={saving} onClick={() => void chooseFile()}>
          {t('stores.keyFix.chooseFile')}
        </Button>
      </Flex>
    </Flex>
  );
}
