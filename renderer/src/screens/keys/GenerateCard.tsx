import { CheckCircleFilled, CopyOutlined, KeyOutlined, SaveOutlined, SyncOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckResult } from '../../../../shared/checklist/check-result';
import type { GeneratedKeyView } from '../../../../shared/keys/key-tool-api';
import { useLocalized } from '../../i18n/use-localized';
import { useDoctorCall } from '../../ipc/use-doctor-call';

/** The checks that say whether the platform verifies our signature with the key it has registered. */
const KEY_CHECKS = ['key.parse', 'key.sign-roundtrip', 'key.matches-platform'];
const DECIDING = ['key.sign-roundtrip', 'key.matches-platform'];

type Recheck = { status: 'idle' | 'running' } | { status: 'ok' } | { status: 'failed'; reason: string };

/**
 * 生成新的密钥, then the three steps a shop owner finishes the job with: copy the public key, paste it
 * where the back office asks for the 应用公钥, and check again. The private key is never on screen and
 * never on the clipboard; only 保存私钥文件 (main's save dialog) takes it out, when asked.
 */
export function GenerateCard({ storeName }: { storeName: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const call = useDoctorCall();
  const [generating, setGenerating] = useState(false);
  const [generated, setGenerated] = useState<GeneratedKeyView | null>(null);
  const [recheck, setRecheck] = useState<Recheck>({ status: 'idle' });
  const [savedAs, setSavedAs] = useState<string | null>(null);

  const generate = async () => {
    setGenerating(true);
    setRecheck({ status: 'idle' });
    setSavedAs(null);
    try {
      const view = await call('keys.generate', {}, 'generateKey');
      if (view) setGenerated(view);
    } finally {
      setGenerating(false);
    }
  };

  const runRecheck = async () => {
    setRecheck({ status: 'running' });
    const run = await call(
      'checklist.run',
      { taskId: `keys-${Date.now().toString(36)}`, only: KEY_CHECKS },
      'recheckKeys',
    );
    if (!run) return setRecheck({ status: 'idle' });
    const deciding = run.results.filter((r: CheckResult) => DECIDING.includes(r.id));
    const failing = deciding.find((r) => r.status !== 'pass' && r.status !== 'skip');
    const passed = deciding.some((r) => r.status === 'pass');
    setRecheck(
      !failing && passed
        ? { status: 'ok' }
        : { status: 'failed', reason: localized((failing ?? deciding[0] ?? run.results[0]!).summary) },
    );
  };

  const savePrivate = async () => {
    const answer = await call('keys.savePrivateKey', undefined, 'saveKey');
    // null: the merchant closed the dialog, or there is none here; nothing to say either way.
    if (answer?.savedAs) setSavedAs(answer.savedAs);
  };

  return (
    <Card title={<h2 className="card-title">{t('keys.generate.title')}</h2>} data-testid="key-generate">
      <Flex vertical gap="middle">
        <Typography.Paragraph>{t('keys.generate.intro', { store: storeName })}</Typography.Paragraph>
        <div>
          <Popconfirm
            title={t('keys.generate.confirmTitle')}
            description={<div className="key-confirm-text">{t('keys.generate.confirmText')}</div>}
            okText={t('keys.generate.confirmOk')}
            cancelText={t('keys.generate.cancel')}
            onConfirm={() => void generate()}
          >
            <Button
              type="primary"
              icon={<KeyOutlined />}
              loading={generating}
              data-testid="key-generate-button"
            >
              {generating ? t('keys.generate.working') : t('keys.generate.button')}
            </Button>
          </Popconfirm>
        </div>
        {generated && (
          <Flex vertical gap="middle" data-testid="key-generated">
            <Alert
              type="success"
              showIcon
              title={t('keys.generate.done', {
                where:
                  generated.keyStatus === 'keychain'
                    ? t('keys.generate.whereKeychain')
                    : t('keys.generate.whereMemory'),
              })}
            />
            <section aria-labelledby="key-step1">
              <h3 id="key-step1" className="key-step-title">
                {t('keys.generate.step1')}
              </h3>
              <label className="text-secondary" htmlFor="key-public-one-line">
                {t('keys.generate.publicKeyLabel')}
              </label>
              <pre id="key-public-one-line" className="key-public-text" data-testid="key-public-one-line">
                {generated.publicKeyOneLine}
              </pre>
              <Flex align="center" gap="middle" wrap>
                <Typography.Text
                  copyable={{
                    text: generated.publicKeyOneLine,
                    icon: [
                      <Button key="copy" icon={<CopyOutlined />} data-testid="key-copy-public">
                        {t('keys.generate.copy')}
                      </Button>,
                      <Button key="copied" icon={<CheckCircleFilled />}>
                        {t('keys.generate.copy')}
                      </Button>,
                    ],
                    tooltips: [false, t('keys.generate.copied')],
                  }}
                />
                <Typography.Text type="secondary" className="key-fingerprint">
                  {t('keys.generate.fingerprint', { fingerprint: generated.fingerprint })}
                </Typography.Text>
              </Flex>
            </section>
            <section aria-labelledby="key-step2">
              <h3 id="key-step2" className="key-step-title">
                {t('keys.generate.step2')}
              </h3>
              {generated.backOfficeUrl ? (
                <Flex vertical gap="small" align="start">
                  <Typography.Text>{t('keys.generate.whereToPasteDemo')}</Typography.Text>
                  <Button
                    onClick={() => void call('keys.openBackOffice', undefined, 'openBackOffice')}
                    data-testid="key-open-back-office"
                  >
                    {t('keys.generate.openBackOffice')}
                  </Button>
                  <Typography.Text type="secondary" className="key-fingerprint">
                    {t('keys.generate.backOfficeAddress', { url: generated.backOfficeUrl })}
                  </Typography.Text>
                </Flex>
              ) : (
                <Typography.Text>{t('keys.generate.whereToPaste')}</Typography.Text>
              )}
            </section>
            <section aria-labelledby="key-step3">
              <h3 id="key-step3" className="key-step-title">
                {t('keys.generate.step3')}
              </h3>
              <Button
                type="primary"
                icon={<SyncOutlined />}
                loading={recheck.status === 'running'}
                onClick={() => void runRecheck()}
                data-testid="key-recheck"
              >
                {recheck.status === 'running' ? t('keys.generate.rechecking') : t('keys.generate.recheck')}
              </Button>
              {recheck.status === 'ok' && (
                <Alert
                  className="key-recheck-result"
                  type="success"
                  showIcon
                  title={t('keys.generate.recheckOk')}
                  data-testid="key-recheck-ok"
                />
              )}
              {recheck.status === 'failed' && (
                <Alert
                  className="key-recheck-result"
                  type="error"
                  showIcon
                  title={t('keys.generate.recheckFailed', { reason: recheck.reason })}
                  description={t('keys.generate.recheckFailedHint')}
                  data-testid="key-recheck-failed"
                />
              )}
            </section>
            <Flex vertical gap="small" align="start">
              <Typography.Text type="secondary">{t('keys.generate.shopSystem')}</Typography.Text>
              <Button
                icon={<SaveOutlined />}
                onClick={() => void savePrivate()}
                data-testid="key-save-private"
              >
                {t('keys.generate.savePrivate')}
              </Button>
              {savedAs && (
                <Typography.Text type="success">
                  {t('keys.generate.saved', { name: savedAs })}
                </Typography.Text>
              )}
            </Flex>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
