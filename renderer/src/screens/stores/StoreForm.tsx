import { SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreImportOutcome, StoreSummary } from '../../../../shared/ipc/contract';
import { rawReason } from '../../ui/plain-error';
import { useLocalized } from '../../i18n/use-localized';
import { doctor } from '../../ipc/doctor';
import { formMessage } from './form-words';
import {
  changedKeys,
  fieldOf,
  fromConfig,
  namePath,
  TEST_ORDER_SUBJECT,
  toConfig,
  type EditingStore,
  type FieldKey,
  type FormValues,
  type Outcome,
} from './store-form-model';
import { fieldRules } from './store-form-rules';
import { StoreFormOutcome } from './StoreFormOutcome';
import {
  BaitiaoSection,
  KeySection,
  PlatformSection,
  StoreSection,
  TestOrderSection,
} from './StoreFormSections';

export type { EditingStore } from './store-form-model';

/**
 * 手动填写: every store.json field as a form, the private key pasted as PEM text, and the platform
 * profile. The form's rules check as the owner types (what the importer would refuse is an error that
 * keeps 保存店铺 from sending; what a check only warns about later is a reminder). Main then checks the
 * whole form with the very importer store.json goes through, and its answer is what counts: each problem
 * is shown at its field, the rest in a list, in the UI language. A saved store becomes the one in use.
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
  // The field main found the first problem in: focused once the form is enabled again (a disabled
  // input cannot take focus, so focusing it inside save() would drop focus to the page).
  const focusAfterSave = useRef<FieldKey | null>(null);

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
  const rules = useMemo(() => fieldRules(t, editing !== null), [t, editing]);

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

  // A new language: the fields' own messages again, in its words (main's are re-set just above).
  useEffect(() => {
    const fromMain = new Set(
      (serverErrors ?? []).map(fieldOf).filter((key): key is FieldKey => key !== null && !edited.has(key)),
    );
    const shown = form
      .getFieldsError()
      .filter((f) => f.errors.length + f.warnings.length > 0 && !fromMain.has(f.name.join('.') as FieldKey))
      .map((f) => f.name);
    if (shown.length > 0) void form.validateFields(shown).catch(() => undefined);
    // Only when the rules (the language) change, not on every answer of main.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form, rules]);

  // After a failed save, once the form is enabled again: the first field in error, in view and focused.
  useEffect(() => {
    const first = focusAfterSave.current;
    if (saving || !first) return;
    focusAfterSave.current = null;
    form.scrollToField(namePath(first), { block: 'center' });
    form.focusField(namePath(first));
  }, [form, saving]);

  // 修改 in the list: the form (mounted afresh for it, see StoresScreen) starts from the store as saved.
  useEffect(() => {
    if (editing) form.setFieldsValue(fromConfig(editing));
  }, [form, editing]);

  const onValuesChange = (changed: Record<string, unknown>) => {
    const keys = changedKeys(changed);
    if (!serverErrors || keys.length === 0) return;
    // Main's message there is about a value that is gone; the field's own rules (run on change) speak
    // again, and a field without rules is simply clear.
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
        focusAfterSave.current = answer.errors.map(fieldOf).find((key) => key !== null) ?? null;
      }
    } catch (error) {
      setOutcome({ kind: 'broken', reason: rawReason(error) });
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
          // A field the rules refuse: in view and focused (the form is enabled while they run).
          scrollToFirstError={{ block: 'center', focus: true }}
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
          <StoreSection rules={rules} />
          <BaitiaoSection rules={rules} saving={saving} />
          <TestOrderSection rules={rules} />
          <KeySection rules={rules} editing={editing !== null} />
          <PlatformSection rules={rules} profiles={profiles} />

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
        <StoreFormOutcome outcome={outcome} activeId={activeId} />
      </Flex>
    </Card>
  );
}
