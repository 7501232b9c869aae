import {
  CloseOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  InboxOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Flex, Radio, Select, Typography } from 'antd';
import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigIssue } from '../../../../shared/config/import-result';
import type { FileGrant, StoreImportOutcome, StoreSummary } from '../../../../shared/ipc/contract';
import { grantForDroppedFile } from '../../ipc/doctor';
import { useDoctorCall } from '../../ipc/use-doctor-call';
import { IssueList } from './IssueList';
import { KeyFixer } from './KeyFixer';
import { SavedStoreAlert } from './SavedStoreAlert';

type ShippedProfile = 'sandbox' | 'production';
type PlatformSource = 'shipped' | 'file';

/** A file the user chose or dropped: main's token for it (the page never holds its path) and its name. */
type ChosenFile = FileGrant;

type Result =
  | { kind: 'failed'; errors: ConfigIssue[] }
  | { kind: 'imported'; store: StoreSummary; warnings: ConfigIssue[]; active: boolean };

/**
 * Import: store.json (dialog or drop) plus either platform.json or a shipped profile. Main imports all
 * or nothing; a failure lists every problem with its file, field and place, a success its warnings.
 */
export function ImportPanel({
  defaultProfile,
  activeId,
  onImported,
}: {
  defaultProfile: ShippedProfile;
  /** The store in use, to say so when the one just imported became it. */
  activeId: string | null;
  onImported(store: StoreSummary): void;
}) {
  const { t } = useTranslation();
  const call = useDoctorCall();
  const ids = useId();
  const [storeFile, setStoreFile] = useState<ChosenFile | null>(null);
  const [platformFile, setPlatformFile] = useState<ChosenFile | null>(null);
  const [source, setSource] = useState<PlatformSource>('shipped');
  // Follows the default (sandbox in demo mode) until the user picks one.
  const [profileChoice, setProfile] = useState<ShippedProfile | null>(null);
  const profile = profileChoice ?? defaultProfile;
  const [picking, setPicking] = useState<'store' | 'platform' | null>(null);
  const [importing, setImporting] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [dropNotes, setDropNotes] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);

  const choose = (kind: 'store' | 'platform', file: ChosenFile | null) => {
    if (kind === 'store') setStoreFile(file);
    else {
      setPlatformFile(file);
      if (file) setSource('file');
    }
    setResult(null);
    setMissing(null);
  };

  const pick = async (kind: 'store' | 'platform') => {
    setPicking(kind);
    try {
      const picked = await call('stores.pickFile', { kind }, 'pickFile');
      if (picked?.file) choose(kind, picked.file);
    } finally {
      setPicking(null);
    }
  };

  const onDrop = async (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const notes: string[] = [];
    let storeChosen: ChosenFile | null = null;
    for (const file of Array.from(event.dataTransfer.files)) {
      if (!/\.json$/i.test(file.name)) {
        notes.push(t('stores.import.dropNotJson', { name: file.name }));
        continue;
      }
      const grant = await grantForDroppedFile(file);
      if (!grant) {
        notes.push(t('stores.import.dropNoPath', { name: file.name }));
        continue;
      }
      const chosen = { token: grant.token, name: file.name };
      if (/platform/i.test(file.name)) choose('platform', chosen);
      else if (storeChosen) notes.push(t('stores.import.dropOneStore', { name: storeChosen.name }));
      else {
        storeChosen = chosen;
        choose('store', chosen);
      }
    }
    setDropNotes(notes);
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    // Moving over the zone's own children is not leaving it.
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };

  const submit = async () => {
    if (!storeFile) {
      setMissing(t('stores.import.needStore'));
      return;
    }
    if (source === 'file' && !platformFile) {
      setMissing(t('stores.import.needPlatform'));
      return;
    }
    setMissing(null);
    setResult(null);
    setImporting(true);
    try {
      const input =
        source === 'file' && platformFile
          ? { storeFile: storeFile.token, platformFile: platformFile.token }
          : { storeFile: storeFile.token, profileName: profile };
      const outcome: StoreImportOutcome | undefined = await call('stores.import', input, 'importStore');
      if (!outcome) return;
      if (outcome.ok) {
        setResult({
          kind: 'imported',
          store: outcome.store,
          warnings: outcome.warnings,
          active: outcome.active,
        });
        setStoreFile(null);
        setPlatformFile(null);
        setDropNotes([]);
        onImported(outcome.store);
      } else {
        setResult({ kind: 'failed', errors: outcome.errors });
      }
    } finally {
      setImporting(false);
    }
  };

  const busy = importing || picking !== null;

  return (
    <Card title={<h2 className="card-title">{t('stores.import.title')}</h2>} data-testid="import-panel">
      <Flex vertical gap="middle">
        <Typography.Paragraph type="secondary" className="no-margin">
          {t('stores.import.intro')}
        </Typography.Paragraph>

        <section aria-labelledby={`${ids}-store`} className="import-step">
          <h3 id={`${ids}-store`} className="import-step-title">
            {t('stores.import.storeFile')}
          </h3>
          <Flex align="center" gap="middle" wrap>
            <Button
              icon={<FolderOpenOutlined />}
              loading={picking === 'store'}
              disabled={busy && picking !== 'store'}
              onClick={() => void pick('store')}
            >
              {t('stores.import.chooseStore')}
            </Button>
            <ChosenFileLabel file={storeFile} onClear={() => choose('store', null)} testId="chosen-store" />
          </Flex>
        </section>

        <section aria-labelledby={`${ids}-platform`} className="import-step">
          <h3 id={`${ids}-platform`} className="import-step-title">
            {t('stores.import.platform')}
          </h3>
          <Radio.Group
            value={source}
            onChange={(event) => setSource(event.target.value as PlatformSource)}
            aria-labelledby={`${ids}-platform`}
          >
            <Flex vertical gap="small">
              <Flex align="center" gap="middle" wrap>
                <Radio value="shipped">{t('stores.import.platformSource.shipped')}</Radio>
                <Select<ShippedProfile>
                  value={profile}
                  onChange={setProfile}
                  disabled={source !== 'shipped'}
                  aria-label={t('stores.import.profileLabel')}
                  options={(['sandbox', 'production'] as const).map((value) => ({
                    value,
                    label: t(`home.profile.knownNames.${value}`),
                  }))}
                  style={{ minWidth: 240 }}
                />
              </Flex>
              <Flex align="center" gap="middle" wrap>
                <Radio value="file">{t('stores.import.platformSource.file')}</Radio>
                <Button
                  icon={<FolderOpenOutlined />}
                  loading={picking === 'platform'}
                  disabled={busy && picking !== 'platform'}
                  onClick={() => void pick('platform')}
                >
                  {t('stores.import.choosePlatform')}
                </Button>
                {source === 'file' && (
                  <ChosenFileLabel
                    file={platformFile}
                    onClear={() => choose('platform', null)}
                    testId="chosen-platform"
                  />
                )}
              </Flex>
            </Flex>
          </Radio.Group>
        </section>

        <div
          className={dragging ? 'drop-zone drop-zone-active' : 'drop-zone'}
          data-testid="drop-zone"
          role="group"
          aria-label={t('stores.import.dropTitle')}
          aria-describedby={`${ids}-drop-hint`}
          onDragEnter={onDragOver}
          onDragOver={onDragOver}
          onDragLeave={onDragLeave}
          onDrop={onDrop}
        >
          <InboxOutlined className="drop-zone-icon" aria-hidden />
          <div className="drop-zone-title">
            {dragging ? t('stores.import.dropActive') : t('stores.import.dropTitle')}
          </div>
          <div id={`${ids}-drop-hint`} className="text-secondary">
            {t('stores.import.dropHint')}
          </div>
        </div>

        {dropNotes.length > 0 && (
          <Alert
            type="warning"
            showIcon
            title={
              <ul className="plain-list">
                {dropNotes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            }
          />
        )}

        <Flex align="center" gap="middle" wrap>
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={importing}
            disabled={busy && !importing}
            onClick={() => void submit()}
          >
            {t('stores.import.submit')}
          </Button>
          {missing && (
            <Typography.Text type="danger" role="alert">
              {missing}
            </Typography.Text>
          )}
        </Flex>

        <div aria-live="polite">
          {result?.kind === 'failed' && (
            <Alert
              type="error"
              showIcon
              data-testid="import-errors"
              title={t('stores.import.failedTitle', { count: result.errors.length })}
              description={
                <Flex vertical gap="small">
                  <span>{t('stores.import.failedHint')}</span>
                  <IssueList issues={result.errors} testId="import-error-list" />
                </Flex>
              }
            />
          )}
          {result?.kind === 'imported' && !result.active && result.store.keyStatus === 'missing' && (
            // Saved aside, not in use: it cannot sign. The key is given right here.
            <Alert
              type="warning"
              showIcon
              data-testid="import-needs-key"
              title={t('stores.import.success', { name: result.store.storeName })}
              description={
                <Flex vertical gap="middle">
                  <span>{t('stores.import.notActive')}</span>
                  <IssueList issues={result.warnings} testId="import-warning-list" />
                  <KeyFixer
                    store={result.store}
                    onFixed={(store) => {
                      setResult({ kind: 'imported', store, warnings: [], active: true });
                      onImported(store);
                    }}
                  />
                </Flex>
              }
            />
          )}
          {result?.kind === 'imported' && (result.active || result.store.keyStatus !== 'missing') && (
            <SavedStoreAlert
              testId="import-success"
              title={t('stores.import.success', { name: result.store.storeName })}
              nowActive={activeId === result.store.id ? t('stores.import.nowActive') : null}
              warningCount={result.warnings.length}
              warningsTitle={t('stores.import.warningsTitle', { count: result.warnings.length })}
              warnings={<IssueList issues={result.warnings} testId="import-warning-list" />}
            />
          )}
        </div>
      </Flex>
    </Card>
  );
}

function ChosenFileLabel({
  file,
  onClear,
  testId,
}: {
  file: ChosenFile | null;
  onClear(): void;
  testId: string;
}) {
  const { t } = useTranslation();
  if (!file) return <Typography.Text type="secondary">{t('stores.import.noFile')}</Typography.Text>;
  return (
    <Flex align="center" gap={4} data-testid={testId}>
      <FileTextOutlined aria-hidden />
      <Typography.Text>{t('stores.import.chosen', { name: file.name })}</Typography.Text>
      <Button
        type="text"
        size="small"
        icon={<CloseOutlined />}
        onClick={onClear}
        aria-label={t('stores.import.removeFileLabel', { name: file.name })}
        title={t('stores.import.removeFile')}
      />
    </Flex>
  );
}
