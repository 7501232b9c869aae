import {
  CloudUploadOutlined,
  CopyOutlined,
  EyeOutlined,
  FileAddOutlined,
  FolderOpenOutlined,
  InboxOutlined,
  PlayCircleOutlined,
  SaveOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnosis } from '../../../../shared/diagnosis/diagnosis';
import { symptomOfOutcome } from '../../../../shared/report/symptom-from-outcome';
import { LoadingCard, ScreenHeader } from '../../ui/screen-parts';
import { useScreenRoute } from '../../app/use-screen-route';
import { useLocalized } from '../../i18n/use-localized';
import { doctor } from '../../ipc/doctor';
import { useWorkspace } from '../../workspace/workspace-context';
import { useDiagnosisSession } from '../diagnosis/diagnosis-session';
import { useDateTime } from '../diagnosis/format';
import { PreviewPanel } from './PreviewPanel';
import {
  exportReport,
  presetCategory,
  previewReport,
  startNewReport,
  submitReport,
  useReportSession,
} from './report-session';
import { diagnosisSummary } from './diagnosis-summary';
import { SymptomForm } from './SymptomForm';
import { useBytes } from './use-bytes';
import './report.css';
import { ErrorDetails } from '../../ui/ErrorDetails';

type Loaded<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; reason: string };

/**
 * 问题报告: what the merchant saw, in their words, on top of the last diagnosis; a preview of exactly
 * what would be sent, section by section; then 提交给平台客服 (queued durably, sent by the outbox) or
 * 导出诊断包 (a file to send any other way).
 */
export default function ReportScreen() {
  const { t } = useTranslation();
  const [, navigate] = useScreenRoute();
  const { state: workspace } = useWorkspace();
  const diagnosisSession = useDiagnosisSession();
  const session = useReportSession();
  const [last, setLast] = useState<Loaded<Diagnosis | null>>({ status: 'loading' });
  const [watchHasData, setWatchHasData] = useState(false);

  // Main's last diagnosis is what a report is built from; asked again whenever one finishes here.
  useEffect(() => {
    let current = true;
    doctor
      .invoke('diagnosis.last', undefined)
      .then((value) => current && setLast({ status: 'ready', value }))
      .catch(
        (error: unknown) =>
          current &&
          setLast({ status: 'failed', reason: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      current = false;
    };
  }, [diagnosisSession.finishedRuns]);

  useEffect(() => {
    let current = true;
    doctor
      .invoke('watch.status', undefined)
      .then((status) => current && setWatchHasData(status.lastSample !== null))
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, []);

  const store = workspace.workspace?.activeStore ?? null;
  const diagnosis = last.status === 'ready' && last.value && !last.value.cancelled ? last.value : null;
  const forThisStore = diagnosis !== null && store !== null && diagnosis.storeId === store.id;

  // 买家看到了什么 starts from what the diagnosis' buyer saw (the merchant's own choice is kept).
  const outcome = forThisStore ? diagnosis.outcome : null;
  useEffect(() => presetCategory(symptomOfOutcome(outcome)), [outcome]);
  const stale =
    session.preview !== null &&
    (session.previewedVersion !== session.draftVersion || session.previewedDiagnosisId !== diagnosis?.id);
  const busy = session.busy !== null;

  return (
    <Flex vertical gap="large" className="screen report-screen">
      <ScreenHeader title={t('report.title')} intro={t('report.intro')} />

      {last.status === 'loading' && <LoadingCard label={t('report.loading')} />}
      {last.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('report.failedLast')}
          description={<ErrorDetails reason={last.reason} />}
        />
      )}

      {last.status === 'ready' && diagnosisSession.phase === 'running' && (
        <Alert
          // A standing note, not news: antd would make it role="alert", read out over whatever is said.
          role="note"
          type="info"
          showIcon
          title={t('report.diagnosisRunning')}
          data-testid="report-diagnosis-running"
        />
      )}

      {last.status === 'ready' && diagnosisSession.phase !== 'running' && !forThisStore && (
        <Card data-testid="report-needs-diagnosis">
          <Empty
            description={
              <Flex vertical gap={4}>
                <Typography.Text strong>
                  {diagnosis
                    ? t('report.otherStore', { name: diagnosis.storeName })
                    : t('report.needDiagnosis')}
                </Typography.Text>
                <Typography.Text type="secondary">{t('report.needDiagnosisHint')}</Typography.Text>
              </Flex>
            }
          >
            <Button type="primary" icon={<PlayCircleOutlined />} onClick={() => navigate('home')}>
              {t('report.goDiagnose')}
            </Button>
          </Empty>
        </Card>
      )}

      {forThisStore && diagnosis && diagnosisSession.phase !== 'running' && (
        <>
          <BasedOn diagnosis={diagnosis} />
          {session.submitted && (
            <Alert
              type="success"
              showIcon
              title={t('report.submitted')}
              action={
                <Flex gap="small" wrap>
                  <Button size="small" icon={<InboxOutlined />} onClick={() => navigate('outbox')}>
                    {t('report.toOutbox')}
                  </Button>
                  <Button size="small" icon={<FileAddOutlined />} onClick={startNewReport}>
                    {t('report.newReport')}
                  </Button>
                </Flex>
              }
              data-testid="report-submitted"
            />
          )}
          <SymptomForm watchHasData={watchHasData} disabled={busy || session.submitted !== null} />
          <Flex gap="middle" align="center" wrap>
            <Button
              type={session.preview && !stale ? 'default' : 'primary'}
              size="large"
              icon={<EyeOutlined />}
              loading={session.busy === 'previewing'}
              // Busy with itself, it stays enabled (loading ignores clicks): disabled, it would drop focus.
              disabled={(busy && session.busy !== 'previewing') || session.submitted !== null}
              onClick={() => void previewReport(diagnosis.id)}
            >
              {session.preview ? t('report.previewAgain') : t('report.previewButton')}
            </Button>
            <Typography.Text type="secondary">{t('report.previewHint')}</Typography.Text>
          </Flex>
          <ErrorNote />
          <PreviewPanel diagnosisId={diagnosis.id} stale={stale} />
          {session.preview && <Actions stale={stale} />}
        </>
      )}
    </Flex>
  );
}

/** Which diagnosis the report carries, so the merchant knows what support will see. */
function BasedOn({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const localized = useLocalized();
  const dateTime = useDateTime();
  // 复制诊断摘要: a few plain lines to paste into a chat with support (or the platform's manager).
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(diagnosisSummary(diagnosis, t, localized, dateTime));
      void message.success(t('report.summary.copied'));
    } catch {
      void message.error(t('report.summary.copyFailed'));
    }
  };
  return (
    <Alert
      // A standing note, not news: antd would make it role="alert", read out over whatever is said.
      role="note"
      type="info"
      showIcon
      title={t('report.basedOn', { time: dateTime(diagnosis.finishedAt), store: diagnosis.storeName })}
      description={localized(diagnosis.verdict.headline)}
      action={
        <Button size="small" icon={<CopyOutlined />} onClick={() => void copy()} data-testid="copy-summary">
          {t('report.summary.copy')}
        </Button>
      }
      data-testid="report-based-on"
    />
  );
}

function ErrorNote() {
  const { t } = useTranslation();
  const { error } = useReportSession();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t(`report.failed.${error.kind}`)}
      description={<ErrorDetails reason={error.reason} />}
      data-testid="report-error"
    />
  );
}

/** The two ways out: to support through the outbox, or a file the merchant sends themselves. */
function Actions({ stale }: { stale: boolean }) {
  const { t } = useTranslation();
  const [, navigate] = useScreenRoute();
  const bytes = useBytes();
  const session = useReportSession();
  const { busy, exported, submitted } = session;
  const blocked = stale || busy !== null;

  const submit = async () => {
    const item = await submitReport();
    if (item) navigate('outbox');
  };

  // 打开所在文件夹: the zip beside the others in the file manager, ready to drag into WeChat.
  const [folderNote, setFolderNote] = useState<string | null>(null);
  const showFolder = async () => {
    if (!exported) return;
    const answer = await doctor
      .invoke('report.showExported', { reportId: exported.reportId })
      .catch(() => ({ shown: false }));
    setFolderNote(answer.shown ? null : t('report.actions.showFolderFailed'));
  };

  return (
    <Card title={<h2 className="card-title">{t('report.actions.title')}</h2>} data-testid="report-actions">
      <Flex vertical gap="middle">
        {stale && <Typography.Text type="warning">{t('report.actions.staleHint')}</Typography.Text>}
        <Flex gap="large" wrap>
          <Flex vertical gap="small" className="report-action">
            <Button
              type="primary"
              size="large"
              icon={<CloudUploadOutlined />}
              loading={busy === 'submitting'}
              disabled={(blocked && busy !== 'submitting') || submitted !== null}
              onClick={() => void submit()}
            >
              {t('report.actions.submit')}
            </Button>
            <Typography.Text type="secondary">{t('report.actions.submitHint')}</Typography.Text>
          </Flex>
          <Flex vertical gap="small" className="report-action">
            <Button
              size="large"
              icon={<SaveOutlined />}
              loading={busy === 'exporting'}
              disabled={blocked && busy !== 'exporting'}
              onClick={() => void exportReport()}
            >
              {t('report.actions.export')}
            </Button>
            <Typography.Text type="secondary">{t('report.actions.exportHint')}</Typography.Text>
          </Flex>
        </Flex>
        {exported && (
          <Alert
            type="success"
            showIcon
            title={t('report.actions.exported', { size: bytes(exported.bytes) })}
            description={
              <Flex vertical gap="small" align="start">
                <Typography.Text copyable={{ text: exported.path }} code data-testid="exported-path">
                  {exported.path}
                </Typography.Text>
                <Button
                  icon={<FolderOpenOutlined />}
                  onClick={() => void showFolder()}
                  data-testid="show-exported"
                >
                  {t('report.actions.showFolder')}
                </Button>
                {folderNote && <Typography.Text type="secondary">{folderNote}</Typography.Text>}
              </Flex>
            }
            data-testid="report-exported"
          />
        )}
      </Flex>
    </Card>
  );
}
