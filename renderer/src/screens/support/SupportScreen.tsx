import {
  ArrowLeftOutlined,
  CloseOutlined,
  FileZipOutlined,
  FolderOpenOutlined,
  InboxOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Flex, Result, Spin, Typography } from 'antd';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleProblem } from '../../../../shared/report/bundle-view';
import { ScreenHeader } from '../../ui/screen-parts';
import { useLocalized } from '../../i18n/use-localized';
import { doctor, grantForDroppedFile } from '../../ipc/doctor';
import { BundleView } from './BundleView';
import { kindsOf } from './problem-kinds';
import { closeBundle, openBundle, openFolder, useSupportSession } from './support-session';
import { TriagePanel } from './TriagePanel';
import './support.css';
import { ErrorDetails } from '../../ui/ErrorDetails';

/**
 * 打开诊断包, for the platform's support staff: a bundle a merchant sent is verified first (every member
 * against the manifest's hash, no unsafe paths, no zip bomb) and shown only if it passes; otherwise
 * the screen says plainly why it was refused.
 */
export default function SupportScreen() {
  const { t } = useTranslation();
  const session = useSupportSession();
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState<string | null>(null);
  const [dropNote, setDropNote] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const { result, opening } = session;

  const pick = async () => {
    setPicking(true);
    setPickError(null);
    setDropNote(null);
    try {
      const picked = await doctor.invoke('stores.pickFile', { kind: 'bundle' });
      if (picked.file) await openBundle(picked.file);
    } catch (error) {
      setPickError(error instanceof Error ? error.message : String(error));
    } finally {
      setPicking(false);
    }
  };

  const onDrop = async (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    setPickError(null);
    const files = Array.from(event.dataTransfer.files);
    const file = files[0];
    if (!file) return;
    const grant = await grantForDroppedFile(file);
    if (!grant) {
      setDropNote(t('support.open.dropNoPath', { name: file.name }));
      return;
    }
    setDropNote(files.length > 1 ? t('support.open.dropOne', { name: file.name }) : null);
    void openBundle(grant);
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  const onDragLeave = (event: DragEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };

  return (
    <Flex vertical gap="large" className="screen support-screen">
      <ScreenHeader title={t('support.title')} intro={t('support.intro')} />

      <Card data-testid="support-open">
        <div
          className={`support-drop${dragging ? ' support-drop-active' : ''}`}
          onDrop={onDrop}
          onDragOver={onDragOver}
          onDragEnter={onDragOver}
          onDragLeave={onDragLeave}
          data-testid="bundle-drop-zone"
        >
          <Flex vertical align="center" gap="small">
            <InboxOutlined className="support-drop-icon" aria-hidden />
            <Typography.Text strong>{t('support.open.drop')}</Typography.Text>
            <Typography.Text type="secondary">{t('support.open.or')}</Typography.Text>
            <Flex gap="middle" wrap justify="center">
              <Button
                type="primary"
                icon={<FileZipOutlined />}
                loading={picking}
                disabled={opening}
                onClick={() => void pick()}
              >
                {t('support.open.pick')}
              </Button>
              <Button
                icon={<FolderOpenOutlined />}
                loading={session.triaging}
                disabled={opening}
                onClick={() => void openFolder()}
                title={t('triage.openFolderHint')}
                data-testid="triage-open-folder"
              >
                {t('triage.openFolder')}
              </Button>
              {(result || session.error) && !opening && (
                <Button icon={<CloseOutlined />} onClick={closeBundle}>
                  {t('support.open.close')}
                </Button>
              )}
            </Flex>
          </Flex>
        </div>
        {dropNote && (
          <Typography.Text type="warning" role="alert" data-testid="support-drop-note">
            {dropNote}
          </Typography.Text>
        )}
        {pickError && (
          <Alert
            type="error"
            showIcon
            title={t('support.open.pickFailed')}
            description={<ErrorDetails reason={pickError} />}
          />
        )}
      </Card>

      {session.triaging && (
        <Flex align="center" gap="middle" role="status" data-testid="triage-working">
          <Spin />
          <span>
            {session.triage ? t('triage.refreshing') : t('triage.working')}
            {session.triageProgress &&
              ` ${t('triage.progress', { verified: session.triageProgress.verified, found: session.triageProgress.found })}`}
          </span>
        </Flex>
      )}
      {session.triageError && (
        <Alert
          type="error"
          showIcon
          title={t('triage.failed')}
          description={<ErrorDetails reason={session.triageError} />}
          data-testid="triage-error"
        />
      )}
      {session.fromTriage && session.triage && (result || opening || session.error) && (
        <div>
          <Button icon={<ArrowLeftOutlined />} onClick={closeBundle} data-testid="triage-back">
            {t('triage.back')}
          </Button>
        </div>
      )}
      {session.triage && !result && !opening && !session.error && <TriagePanel view={session.triage} />}
      {opening && (
        <Flex align="center" gap="middle" role="status" data-testid="support-opening">
          <Spin />
          <span>{t('support.open.opening', { name: session.fileName ?? '' })}</span>
        </Flex>
      )}
      {session.error && (
        <Alert
          type="error"
          showIcon
          title={t('support.open.failed', { name: session.fileName ?? '' })}
          description={<ErrorDetails reason={session.error} />}
          data-testid="support-error"
        />
      )}
      {result && !result.ok && <Refused fileName={session.fileName ?? ''} problems={result.problems} />}
      {result?.ok && <BundleView bundle={result.bundle} />}
    </Flex>
  );
}

/** Why the bundle was refused: the kind of problem in plain words, what to do, then each finding. */
function Refused({ fileName, problems }: { fileName: string; problems: readonly BundleProblem[] }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const kinds = kindsOf(problems.map((problem) => problem.code));
  return (
    <Card data-testid="bundle-refused" data-kinds={kinds.join(' ')}>
      <Result
        status="error"
        icon={<StopOutlined />}
        title={t('support.refused.title', { name: fileName })}
        subTitle={t('support.refused.subtitle')}
      >
        <Flex vertical gap="middle">
          {kinds.map((kind) => (
            <Alert
              key={kind}
              type="error"
              showIcon
              title={t(`support.refused.kinds.${kind}.title`)}
              description={t(`support.refused.kinds.${kind}.hint`)}
              data-testid="bundle-refused-kind"
              data-kind={kind}
            />
          ))}
          <section aria-labelledby="bundle-problems-title">
            <h3 id="bundle-problems-title" className="support-subtitle">
              {t('support.refused.findings', { count: problems.length })}
            </h3>
            <ul className="support-problems">
              {problems.map((problem, index) => (
                <li key={index} data-testid="bundle-problem" data-code={problem.code}>
                  <span data-testid="bundle-problem-message">{localized(problem.message)}</span>
                  <br />
                  <Typography.Text type="secondary" className="support-mono">
                    {problem.path ? `${problem.code} · ${problem.path}` : problem.code}
                  </Typography.Text>
                </li>
              ))}
            </ul>
          </section>
        </Flex>
      </Result>
    </Card>
  );
}
