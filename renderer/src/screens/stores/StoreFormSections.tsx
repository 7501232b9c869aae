import { LockOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
  type FormRule,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { ProfileName } from '../../workspace/store-facts';
import {
  CHARSETS,
  INSTALLMENTS,
  KEY_MAX,
  LABEL_KEYS,
  namePath,
  type FieldKey,
  type FormValues,
} from './store-form-model';

/**
 * The set-up form's sections, one component each (店铺, 白条分期, 测试订单, 商户私钥, 支付平台): they
 * render fields inside StoreForm's <Form>, which holds the values, the rules and what main said.
 */

export interface SectionProps {
  rules: Partial<Record<FieldKey, FormRule[]>>;
}

/** The props of a field's Form.Item: its name path, its one label, and where a test finds it. */
export function useFieldItem() {
  const { t } = useTranslation();
  return (key: FieldKey) => ({
    name: namePath(key),
    label: t(`storeForm.fields.${LABEL_KEYS[key]}`),
    'data-testid': 'store-form-field',
    'data-field': key,
  });
}

function SectionTitle({ children }: { children: string }) {
  return <h3 className="import-step-title">{children}</h3>;
}

export function StoreSection({ rules }: SectionProps) {
  const { t } = useTranslation();
  const item = useFieldItem();
  return (
    <>
      <SectionTitle>{t('storeForm.sections.store')}</SectionTitle>
      <Form.Item {...item('environment')}>
        <Radio.Group
          options={(['sandbox', 'production'] as const).map((value) => ({
            value,
            label: t(`home.store.environments.${value}`),
          }))}
        />
      </Form.Item>
      <Form.Item {...item('storeName')} rules={rules.storeName}>
        <Input maxLength={200} placeholder={t('storeForm.placeholders.storeName')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item {...item('merchantNo')} extra={t('storeForm.extra.merchantNo')} rules={rules.merchantNo}>
            <Input
              inputMode="numeric"
              autoComplete="off"
              placeholder={t('storeForm.placeholders.merchantNo')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item {...item('appId')} extra={t('storeForm.extra.appId')} rules={rules.appId}>
            <Input autoComplete="off" placeholder={t('storeForm.placeholders.appId')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item {...item('storeUrl')} rules={rules.storeUrl}>
        <Input type="url" autoComplete="off" placeholder={t('storeForm.placeholders.storeUrl')} />
      </Form.Item>
      <Form.Item {...item('notifyUrl')} extra={t('storeForm.extra.notifyUrl')} rules={rules.notifyUrl}>
        <Input type="url" autoComplete="off" placeholder={t('storeForm.placeholders.notifyUrl')} />
      </Form.Item>
      <Form.Item {...item('returnUrl')} extra={t('storeForm.extra.returnUrl')} rules={rules.returnUrl}>
        <Input type="url" autoComplete="off" placeholder={t('storeForm.placeholders.returnUrl')} />
      </Form.Item>
      <Form.Item {...item('charset')} extra={t('storeForm.extra.charset')} rules={rules.charset}>
        <AutoComplete options={CHARSETS.map((value) => ({ value }))} style={{ maxWidth: 240 }} />
      </Form.Item>
    </>
  );
}

export function BaitiaoSection({ rules, saving }: SectionProps & { saving: boolean }) {
  const { t } = useTranslation();
  const item = useFieldItem();
  const enabled = Form.useWatch<boolean | undefined>(['baitiao', 'enabled']);
  return (
    <>
      <SectionTitle>{t('storeForm.sections.baitiao')}</SectionTitle>
      <Form.Item {...item('baitiao.enabled')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item
        {...item('baitiao.installments')}
        extra={t('storeForm.extra.installments')}
        rules={rules['baitiao.installments']}
      >
        <Checkbox.Group
          options={INSTALLMENTS.map((n) => ({ value: n, label: t('storeForm.installmentOption', { n }) }))}
        />
      </Form.Item>
      <Form.Item {...item('baitiao.sellerPaysFee')} valuePropName="checked">
        <Switch disabled={saving || enabled === false} />
      </Form.Item>
    </>
  );
}

export function TestOrderSection({ rules }: SectionProps) {
  const { t } = useTranslation();
  const item = useFieldItem();
  return (
    <>
      <SectionTitle>{t('storeForm.sections.testOrder')}</SectionTitle>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item
            {...item('testOrder.amount')}
            extra={t('storeForm.extra.amount')}
            rules={rules['testOrder.amount']}
          >
            <Input inputMode="decimal" placeholder={t('storeForm.placeholders.amount')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={16}>
          <Form.Item {...item('testOrder.subject')} rules={rules['testOrder.subject']}>
            <Input maxLength={300} placeholder={t('storeForm.placeholders.subject')} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

export function KeySection({ rules, editing }: SectionProps & { editing: boolean }) {
  const { t } = useTranslation();
  const item = useFieldItem();
  return (
    <>
      <SectionTitle>{t('storeForm.sections.key')}</SectionTitle>
      <Alert
        type="info"
        showIcon
        icon={<LockOutlined />}
        title={t('storeForm.keyNote')}
        description={t('storeForm.keyNoteMore')}
        data-testid="store-form-key-note"
        style={{ marginBottom: 12 }}
      />
      <Form.Item {...item('privateKeyPem')} rules={rules.privateKeyPem}>
        <Input.TextArea
          autoSize={{ minRows: 4, maxRows: 12 }}
          maxLength={KEY_MAX}
          spellCheck={false}
          autoComplete="off"
          placeholder={editing ? t('storeForm.keepKey') : t('storeForm.placeholders.privateKeyPem')}
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
        />
      </Form.Item>
    </>
  );
}

export function PlatformSection({ rules, profiles }: SectionProps & { profiles: readonly string[] }) {
  const { t } = useTranslation();
  const item = useFieldItem();
  const environment = Form.useWatch<FormValues['environment'] | undefined>('environment');
  const profileName = Form.useWatch<string | undefined>('profileName');
  return (
    <>
      <SectionTitle>{t('storeForm.sections.platform')}</SectionTitle>
      <Form.Item
        {...item('profileName')}
        rules={rules.profileName}
        extra={
          <Flex vertical gap={2}>
            <span>{profiles.length > 0 ? t('storeForm.profileHint') : t('storeForm.noProfiles')}</span>
            <span data-testid="store-form-production-note">{t('storeForm.productionNote')}</span>
          </Flex>
        }
      >
        <Select<string>
          placeholder={t('storeForm.placeholders.profileName')}
          options={profiles.map((name) => ({ value: name, label: <ProfileName name={name} /> }))}
          style={{ maxWidth: 360 }}
        />
      </Form.Item>
      {environment === 'production' && profileName === 'sandbox' && (
        <Typography.Paragraph type="warning" data-testid="store-form-profile-mismatch">
          {t('storeForm.hints.productionSandbox')}
        </Typography.Paragraph>
      )}
    </>
  );
}
