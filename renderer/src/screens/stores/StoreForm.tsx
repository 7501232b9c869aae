import { LockOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
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
  type FormInstance,
  type FormRule,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigIssue } from '../../../../shared/config/import-result';
import { AmountSchema, StoreConfigSchema } from '../../../../shared/config/store-config';
import type { StoreImportOutcome, StoreSummary } from '../../../../shared/ipc/contract';
import { useLocalized } from '../../i18n/use-localized';
import { formMessage } from './form-words';
import { doctor } from '../../ipc/doctor';
import { ProfileName } from '../../workspace/store-facts';

/** Every field of the form, named by its place in store.json (the key and the profile sit beside it). */
const FIELD_KEYS = [
  'environment',
  'storeName',
  'merchantNo',
  'appId',
  'storeUrl',
  'notifyUrl',
  'returnUrl',
  'charset',
  'baitiao.enabled',
  'baitiao.installments',
  'baitiao.sellerPaysFee',
  'testOrder.amount',
  'testOrder.subject',
  'privateKeyPem',
  'profileName',
] as const;
type FieldKey = (typeof FIELD_KEYS)[number];

const LABEL_KEYS = {
  environment: 'environment',
  storeName: 'storeName',
  merchantNo: 'merchantNo',
  appId: 'appId',
  storeUrl: 'storeUrl',
  notifyUrl: 'notifyUrl',
  returnUrl: 'returnUrl',
  charset: 'charset',
  'baitiao.enabled': 'baitiaoEnabled',
  'baitiao.installments': 'installments',
  'baitiao.sellerPaysFee': 'sellerPaysFee',
  'testOrder.amount': 'amount',
  'testOrder.subject': 'subject',
  privateKeyPem: 'privateKeyPem',
  profileName: 'profileName',
} as const satisfies Record<FieldKey, string>;

const INSTALLMENTS = [3, 6, 12, 24] as const;
const CHARSETS = ['UTF-8', 'GBK', 'GB18030'] as const;
const TEXT_FIELDS = [
  'storeName',
  'merchantNo',
  'appId',
  'storeUrl',
  'notifyUrl',
  'returnUrl',
  'charset',
] as const;
/** What the platform shows as the test order's title (data for the platform, not UI text). */
const TEST_ORDER_SUBJECT = '诊断测试订单';
/** The contract's limit on the pasted key. */
const KEY_MAX = 64 * 1024;

interface FormValues {
  environment: 'sandbox' | 'production';
  storeName?: string;
  merchantNo?: string;
  appId?: string;
  storeUrl?: string;
  notifyUrl?: string;
  returnUrl?: string;
  charset?: string;
  baitiao?: { enabled?: boolean; installments?: number[]; sellerPaysFee?: boolean };
  testOrder?: { amount?: string; subject?: string };
  privateKeyPem?: string;
  profileName?: string;
}

type Outcome =
  | { kind: 'failed'; errors: ConfigIssue[] }
  | { kind: 'saved'; store: StoreSummary; warnings: ConfigIssue[] }
  | { kind: 'broken'; reason: string };

/** A field's name path as the form knows it: baitiao.installments → ['baitiao', 'installments']. */
type FieldName = Parameters<FormInstance<FormValues>['setFields']>[0][number]['name'];
const namePath = (key: FieldKey) => key.split('.') as FieldName & string[];
const isFieldKey = (key: string): key is FieldKey => (FIELD_KEYS as readonly string[]).includes(key);

/**
 * `$.merchantNo` → merchantNo, `$.baitiao.installments[1]` → baitiao.installments, anything under
 * `$.merchantPrivateKey` → the pasted key; the profile's own problems (file "platform") → the profile.
 * Null for what belongs to no one field (the whole document, a field the form does not have).
 */
function fieldOf(issue: ConfigIssue): FieldKey | null {
  if (issue.file === 'platform') return 'profileName';
  const names: string[] = [];
  // Identifiers after a dot; indexes and quoted keys ([1], ["a b"]) are no field of the form.
  const path = issue.field.replace(/^\$/, '');
  for (const match of path.matchAll(/\.([A-Za-z_$][\w$]*)|\[[^\]]*\]/g)) {
    if (match[1] !== undefined) names.push(match[1]);
    else break;
  }
  if (names[0] === 'merchantPrivateKey') return 'privateKeyPem';
  for (let n = names.length; n > 0; n -= 1) {
    const key = names.slice(0, n).join('.');
    if (isFieldKey(key)) return key;
  }
  return null;
}

/** A saved store being edited: its fields as saved (never its key) and its platform profile. */
export interface EditingStore {
  id: string;
  name: string;
  config: Record<string, unknown>;
  profileName: string;
}

/** A saved store's fields as the form's values (the key field stays empty: empty keeps the key). */
function fromConfig(editing: EditingStore): FormValues {
  const c = editing.config as Partial<FormValues> & Record<string, unknown>;
  const text = (key: (typeof TEXT_FIELDS)[number]) => (typeof c[key] === 'string' ? (c[key] as string) : '');
  return {
    environment: c.environment === 'production' ? 'production' : 'sandbox',
    ...Object.fromEntries(TEXT_FIELDS.map((key) => [key, text(key)])),
    baitiao: c.baitiao,
    testOrder: c.testOrder,
    privateKeyPem: '',
    profileName: editing.profileName,
  };
}

/** The form as store.json fields, trimmed; an empty field is left out, so main says it is missing. */
function toConfig(values: FormValues): Record<string, unknown> {
  const config: Record<string, unknown> = { environment: values.environment };
  for (const key of TEXT_FIELDS) {
    const value = (values[key] ?? '').trim();
    if (value) config[key] = value;
  }
  config.baitiao = {
    enabled: values.baitiao?.enabled ?? false,
    installments: [...(values.baitiao?.installments ?? [])].sort((a, b) => a - b),
    sellerPaysFee: values.baitiao?.sellerPaysFee ?? false,
  };
  const testOrder: Record<string, string> = {};
  const amount = (values.testOrder?.amount ?? '').trim();
  const subject = (values.testOrder?.subject ?? '').trim();
  if (amount) testOrder.amount = amount;
  if (subject) testOrder.subject = subject;
  config.testOrder = testOrder;
  return config;
}

/** The keys of the fields a change touched: { baitiao: { installments } } → baitiao.installments. */
function changedKeys(changed: Record<string, unknown>, prefix = ''): FieldKey[] {
  return Object.entries(changed).flatMap(([name, value]) => {
    const key = `${prefix}${name}`;
    if (isFieldKey(key)) return [key];
    return value && typeof value === 'object' && !Array.isArray(value)
      ? changedKeys(value as Record<string, unknown>, `${key}.`)
      : [];
  });
}

/**
 * 手动填写: every store.json field as a form, the private key pasted as PEM text, and the platform
 * profile. Hints while typing are only reminders (warnings); main checks the whole form with the very
 * importer store.json goes through, and its answer is what counts: each problem is shown at its field,
 * the rest in a list, in the UI language. A saved store becomes the one in use.
 */
export function StoreForm({
  stores,
  demoRunning,
  activeId,
  onCreated,
  editing = null,
  onStopEditing,
}: {
  /** The stores listed (null while loading): the profiles they use can be chosen. */
  stores: readonly StoreSummary[] | null;
  demoRunning: boolean;
  /** The store in use, to say so when the one just saved became it. */
  activeId: string | null;
  onCreated(store: StoreSummary): void;
  /** A saved store to change in place, or null for a new one. */
  editing?: EditingStore | null;
  onStopEditing?(): void;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Fields changed since main's answer: its message there is about a value that is gone.
  const [edited, setEdited] = useState<ReadonlySet<FieldKey>>(new Set());

  // The sandbox while demo mode runs, and every profile a store here is checked against (an imported
  // platform.json's name); the sandbox's only while the sandbox runs, since nothing else answers for it.
  const profiles = useMemo(() => {
    const names = new Set<string>(demoRunning ? ['sandbox'] : []);
    for (const store of stores ?? []) {
      if (store.profileName !== 'sandbox' || demoRunning) names.add(store.profileName);
    }
    return [...names];
  }, [stores, demoRunning]);
  const defaultProfile = demoRunning ? 'sandbox' : profiles[0];
  const defaultEnvironment = demoRunning ? 'sandbox' : 'production';

  // Follow the defaults (demo mode, the list arriving) until the user picks.
  useEffect(() => {
    const current = form.getFieldValue('profileName') as string | undefined;
    if (!current || !profiles.includes(current)) form.setFieldValue('profileName', defaultProfile);
  }, [form, profiles, defaultProfile]);
  useEffect(() => {
    if (!form.isFieldTouched('environment')) form.setFieldValue('environment', defaultEnvironment);
  }, [form, defaultEnvironment]);

  const serverErrors = outcome?.kind === 'failed' ? outcome.errors : null;

  // Main's problems at their fields, as the form's own errors (aria-invalid, read with the field), and
  // again in the new language when the language changes.
  useEffect(() => {
    if (!serverErrors) return;
    const byField = new Map<FieldKey, string[]>();
    for (const issue of serverErrors) {
      const key = fieldOf(issue);
      if (!key || edited.has(key)) continue;
      byField.set(key, [...(byField.get(key) ?? []), formMessage(issue, key, t, localized)]);
    }
    // The typing hint there goes too: main's message says it better, and one is enough.
    form.setFields([...byField].map(([key, errors]) => ({ name: namePath(key), errors, warnings: [] })));
  }, [form, serverErrors, edited, localized, t]);

  // 修改 in the list: the form (mounted afresh for it, see StoresScreen) starts from the store as saved.
  useEffect(() => {
    if (editing) form.setFieldsValue(fromConfig(editing));
  }, [form, editing]);

  const onValuesChange = (changed: Record<string, unknown>) => {
    const keys = changedKeys(changed);
    if (!serverErrors || keys.length === 0) return;
    // Fields without rules are not validated again on change: their old error goes here.
    form.setFields(keys.map((key) => ({ name: namePath(key), errors: [] })));
    setEdited((before) => new Set([...before, ...keys]));
  };

  const save = async (values: FormValues) => {
    setSaving(true);
    setOutcome(null);
    setEdited(new Set());
    try {
      const answer: StoreImportOutcome = await doctor.invoke('stores.create', {
        config: toConfig(values),
        privateKeyPem: values.privateKeyPem ?? '',
        profileName: values.profileName ?? '',
        ...(editing ? { storeId: editing.id } : {}),
      });
      if (answer.ok) {
        setOutcome({ kind: 'saved', store: answer.store, warnings: answer.warnings });
        // The key leaves the form at once; the saved store is in the list above.
        form.resetFields();
        form.setFieldsValue({ environment: defaultEnvironment, profileName: defaultProfile });
        onStopEditing?.();
        onCreated(answer.store);
      } else {
        setOutcome({ kind: 'failed', errors: answer.errors });
        const first = answer.errors.map(fieldOf).find((key) => key !== null);
        if (first) {
          form.scrollToField(namePath(first), { block: 'center' });
          form.focusField(namePath(first));
        }
      }
    } catch (error) {
      setOutcome({ kind: 'broken', reason: error instanceof Error ? error.message : String(error) });
    } finally {
      setSaving(false);
    }
  };

  const clear = () => {
    onStopEditing?.();
    form.resetFields();
    form.setFieldsValue({ environment: defaultEnvironment, profileName: defaultProfile });
    setOutcome(null);
    setEdited(new Set());
  };

  // Hints while typing: warnings only (main decides), each from the shared store.json schema.
  const fits =
    (schema: { safeParse(value: unknown): { success: boolean } }, message: string): FormRule =>
    () => ({
      warningOnly: true,
      validator: (_rule, value: string | undefined) =>
        !value?.trim() || schema.safeParse(value.trim()).success
          ? Promise.resolve()
          : Promise.reject(new Error(message)),
    });
  const required: FormRule = {
    required: true,
    whitespace: true,
    warningOnly: true,
    message: t('storeForm.hints.required'),
  };
  const urlRules: FormRule[] = [
    required,
    {
      warningOnly: true,
      validator: (_rule, value: string | undefined) => {
        const text = value?.trim();
        if (!text) return Promise.resolve();
        if (!URL.canParse(text)) return Promise.reject(new Error(t('storeForm.hints.url')));
        return new URL(text).protocol === 'https:'
          ? Promise.resolve()
          : Promise.reject(new Error(t('storeForm.hints.notHttps')));
      },
    },
  ];
  const shape = StoreConfigSchema.shape;

  const label = (key: FieldKey) => t(`storeForm.fields.${LABEL_KEYS[key]}`);
  const item = (key: FieldKey) => ({
    name: namePath(key),
    label: label(key),
    'data-testid': 'store-form-field',
    'data-field': key,
  });

  const environment = Form.useWatch('environment', form);
  const profileName = Form.useWatch('profileName', form);
  const baitiaoEnabled = Form.useWatch(['baitiao', 'enabled'], form);
  const unplaced = serverErrors?.filter((issue) => fieldOf(issue) === null) ?? [];

  return (
    <Card
      title={
        <h2 className="card-title">
          {editing ? t('storeForm.editTitle', { name: editing.name }) : t('storeForm.title')}
        </h2>
      }
      data-testid="store-form"
      data-editing={editing?.id}
    >
      <Flex vertical gap="middle">
        <Typography.Paragraph type="secondary" className="no-margin">
          {editing ? t('storeForm.editIntro') : t('storeForm.intro')}
        </Typography.Paragraph>
        <Form<FormValues>
          form={form}
          name="store-form"
          layout="vertical"
          disabled={saving}
          // Every field of store.json is needed: no marks on some and not others.
          requiredMark={false}
          scrollToFirstError
          onFinish={(values) => void save(values)}
          onValuesChange={onValuesChange}
          initialValues={{
            environment: defaultEnvironment,
            charset: 'UTF-8',
            baitiao: { enabled: true, installments: [3, 6, 12], sellerPaysFee: false },
            testOrder: { amount: '', subject: TEST_ORDER_SUBJECT },
            profileName: defaultProfile,
          }}
        >
          <h3 className="import-step-title">{t('storeForm.sections.store')}</h3>
          <Form.Item {...item('environment')}>
            <Radio.Group
              options={(['sandbox', 'production'] as const).map((value) => ({
                value,
                label: t(`home.store.environments.${value}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            {...item('storeName')}
            rules={[required, fits(shape.storeName, t('storeForm.hints.storeName'))]}
          >
            <Input maxLength={200} placeholder={t('storeForm.placeholders.storeName')} />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                {...item('merchantNo')}
                extra={t('storeForm.extra.merchantNo')}
                rules={[required, fits(shape.merchantNo, t('storeForm.hints.merchantNo'))]}
              >
                <Input
                  inputMode="numeric"
                  autoComplete="off"
                  placeholder={t('storeForm.placeholders.merchantNo')}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                {...item('appId')}
                extra={t('storeForm.extra.appId')}
                rules={[required, fits(shape.appId, t('storeForm.hints.appId'))]}
              >
                <Input autoComplete="off" placeholder={t('storeForm.placeholders.appId')} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item {...item('storeUrl')} rules={urlRules}>
            <Input type="url" autoComplete="off" placeholder={t('storeForm.placeholders.storeUrl')} />
          </Form.Item>
          <Form.Item {...item('notifyUrl')} extra={t('storeForm.extra.notifyUrl')} rules={urlRules}>
            <Input type="url" autoComplete="off" placeholder={t('storeForm.placeholders.notifyUrl')} />
          </Form.Item>
          <Form.Item {...item('returnUrl')} extra={t('storeForm.extra.returnUrl')} rules={urlRules}>
            <Input type="url" autoComplete="off" placeholder={t('storeForm.placeholders.returnUrl')} />
          </Form.Item>
          <Form.Item
            {...item('charset')}
            extra={t('storeForm.extra.charset')}
            rules={[
              required,
              {
                warningOnly: true,
                validator: (_rule, value: string | undefined) =>
                  !value?.trim() || value.trim().toUpperCase() === 'UTF-8'
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('storeForm.hints.charset'))),
              },
            ]}
          >
            <AutoComplete options={CHARSETS.map((value) => ({ value }))} style={{ maxWidth: 240 }} />
          </Form.Item>

          <h3 className="import-step-title">{t('storeForm.sections.baitiao')}</h3>
          <Form.Item {...item('baitiao.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            {...item('baitiao.installments')}
            extra={t('storeForm.extra.installments')}
            rules={[
              {
                warningOnly: true,
                validator: (_rule, value: number[] | undefined) =>
                  value && value.length > 0
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('storeForm.hints.installments'))),
              },
            ]}
          >
            <Checkbox.Group
              options={INSTALLMENTS.map((n) => ({
                value: n,
                label: t('storeForm.installmentOption', { n }),
              }))}
            />
          </Form.Item>
          <Form.Item {...item('baitiao.sellerPaysFee')} valuePropName="checked">
            <Switch disabled={saving || baitiaoEnabled === false} />
          </Form.Item>

          <h3 className="import-step-title">{t('storeForm.sections.testOrder')}</h3>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                {...item('testOrder.amount')}
                extra={t('storeForm.extra.amount')}
                rules={[required, fits(AmountSchema, t('storeForm.hints.amount'))]}
              >
                <Input inputMode="decimal" placeholder={t('storeForm.placeholders.amount')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item
                {...item('testOrder.subject')}
                rules={[required, fits(shape.testOrder.shape.subject, t('storeForm.hints.subject'))]}
              >
                <Input maxLength={300} placeholder={t('storeForm.placeholders.subject')} />
              </Form.Item>
            </Col>
          </Row>

          <h3 className="import-step-title">{t('storeForm.sections.key')}</h3>
          <Alert
            type="info"
            showIcon
            icon={<LockOutlined />}
            title={t('storeForm.keyNote')}
            description={t('storeForm.keyNoteMore')}
            data-testid="store-form-key-note"
            style={{ marginBottom: 12 }}
          />
          <Form.Item
            {...item('privateKeyPem')}
            rules={[
              ...(editing ? [] : [required]),
              {
                warningOnly: true,
                validator: (_rule, value: string | undefined) =>
                  !value?.trim() || (value.includes('-----BEGIN') && value.includes('-----END'))
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('storeForm.hints.keyShape'))),
              },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 12 }}
              maxLength={KEY_MAX}
              spellCheck={false}
              autoComplete="off"
              placeholder={editing ? t('storeForm.keepKey') : t('storeForm.placeholders.privateKeyPem')}
              style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
            />
          </Form.Item>

          <h3 className="import-step-title">{t('storeForm.sections.platform')}</h3>
          <Form.Item
            {...item('profileName')}
            rules={[{ required: true, message: t('storeForm.hints.profile') }]}
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

          <Typography.Paragraph type="secondary">{t('storeForm.hintsNote')}</Typography.Paragraph>
          <Flex gap="middle" wrap>
            <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={saving}>
              {t('storeForm.submit')}
            </Button>
            <Button icon={<UndoOutlined />} onClick={clear}>
              {editing ? t('storeForm.cancelEdit') : t('storeForm.reset')}
            </Button>
          </Flex>
        </Form>

        <div aria-live="polite">
          {outcome?.kind === 'failed' && (
            <Alert
              type="error"
              showIcon
              data-testid="store-form-errors"
              title={t('storeForm.failedTitle', { count: outcome.errors.length })}
              description={
                <Flex vertical gap="small">
                  <span>{t('storeForm.failedHint')}</span>
                  {unplaced.length > 0 && (
                    <>
                      <span>{t('storeForm.otherIssues')}</span>
                      <FormIssueList issues={unplaced} label={label} testId="store-form-other-errors" />
                    </>
                  )}
                </Flex>
              }
            />
          )}
          {outcome?.kind === 'saved' && (
            <Alert
              type={outcome.warnings.length > 0 ? 'warning' : 'success'}
              showIcon
              data-testid="store-form-success"
              title={t('storeForm.success', { name: outcome.store.storeName })}
              description={
                <Flex vertical gap="small">
                  {activeId === outcome.store.id && <span>{t('storeForm.nowActive')}</span>}
                  {outcome.warnings.length > 0 && (
                    <>
                      <span>{t('storeForm.warningsTitle', { count: outcome.warnings.length })}</span>
                      <FormIssueList issues={outcome.warnings} label={label} testId="store-form-warnings" />
                    </>
                  )}
                </Flex>
              }
            />
          )}
          {outcome?.kind === 'broken' && (
            <Alert
              type="error"
              showIcon
              data-testid="store-form-broken"
              title={t('storeForm.callFailed')}
              description={t('storeForm.callFailedDetail', { reason: outcome.reason })}
            />
          )}
        </div>
      </Flex>
    </Card>
  );
}

/** Main's problems named by the form's own field labels (not a place in a file the owner never saw). */
function FormIssueList({
  issues,
  label,
  testId,
}: {
  issues: readonly ConfigIssue[];
  label(key: FieldKey): string;
  testId: string;
}) {
  const { t } = useTranslation();
  const localized = useLocalized();
  return (
    <ol className="issue-list" aria-label={t('storeForm.issueListLabel')} data-testid={testId}>
      {issues.map((issue, index) => {
        const key = fieldOf(issue);
        return (
          <li key={`${issue.field}-${issue.code}-${index}`} className="issue-item" data-testid="issue">
            <span className="issue-part">
              <span className="text-secondary">{t('storeForm.issueField')}</span>
              <span data-testid="issue-field">
                {key
                  ? label(key)
                  : issue.field === '$'
                    ? t('storeForm.wholeForm')
                    : issue.field.replace(/^\$\.?/, '')}
              </span>
            </span>
            <div className="issue-message" data-testid="issue-message">
              {formMessage(issue, key, t, localized)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
