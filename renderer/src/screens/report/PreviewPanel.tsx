import { EyeOutlined, FileOutlined, LockOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PreviewPart, SectionPreview } from '../../../../shared/report/bundle-view';
import type { ReportSection } from '../../../../shared/report/sections';
import { isKnownRule, readableAliases, replacedRules } from './redaction-words';
import { previewReport, setSectionIncluded, useReportSession } from './report-session';
import { useBytes } from './use-bytes';

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** A section's size as sent: its files, or (for sections that only fill report.json) its part of it. */
const sectionBytes = (section: SectionPreview) =>
  section.parts.length > 0
    ? section.parts.reduce((sum, part) => sum + part.bytes, 0)
    : section.reportFragment
      ? utf8Length(section.reportFragment)
      : 0;

/** "手机号 2 处已替换；签名 3 处已替换", or null when nothing was replaced. */
export function useRedactionWords(): (counts: Record<string, number>) => string | null {
  const { t } = useTranslation();
  return (counts) => {
    const replaced = replacedRules(counts);
    if (replaced.length === 0) return null;
    return replaced
      .map(([rule, count]) =>
        t('report.redaction.count', {
          what: isKnownRule(rule) ? t(`report.redaction.rules.${rule}`) : rule,
          count,
        }),
      )
      .join(t('report.redaction.separator'));
  };
}

/**
 * 预览将发送的内容, the VS Code issue reporter's way: every section with its own checkbox and exactly what
 * it sends, already redacted, with what was replaced in plain words. Changing a checkbox previews again.
 */
export function PreviewPanel({ diagnosisId, stale }: { diagnosisId: string; stale: boolean }) {
  const { t } = useTranslation();
  const bytes = useBytes();
  const redactionWords = useRedactionWords();
  const session = useReportSession();
  const { preview, busy } = session;
  if (!preview) return null;
  const withheld = preview.manifest.withheld;
  const overall = redactionWords(preview.manifest.redaction.rules);

  return (
    <Card
      title={<h2 className="card-title">{t('report.preview.title')}</h2>}
      data-testid="report-preview"
      data-report-id={preview.reportId}
      aria-busy={busy === 'previewing'}
    >
      <Flex vertical gap="middle">
        {stale && (
          <Alert
            // Said politely when it appears (after an edit), not as an alarm.
            role="status"
            type="warning"
            showIcon
            title={t('report.preview.stale')}
            action={
              <Button
                size="small"
                icon={<ReloadOutlined />}
                loading={busy === 'previewing'}
                onClick={() => void previewReport(diagnosisId)}
              >
                {t('report.preview.again')}
              </Button>
            }
            data-testid="preview-stale"
          />
        )}
        <Typography.Paragraph className="no-margin">{t('report.preview.intro')}</Typography.Paragraph>

        <div className="report-summary" data-testid="preview-summary">
          <Flex gap="large" wrap>
            <span data-testid="preview-total">
              {t('report.preview.total', {
                size: bytes(preview.totalBytes),
                files: preview.manifest.files.length,
              })}
            </span>
            <span className="text-secondary">
              <LockOutlined aria-hidden /> {overall ?? t('report.redaction.none')}
            </span>
          </Flex>
          <h3 className="report-subtitle">{t('report.preview.files')}</h3>
          <ul className="report-files" data-testid="manifest-files">
            {preview.manifest.files.map((file) => (
              <li key={file.path} data-path={file.path}>
                <FileOutlined aria-hidden /> <code>{file.path}</code>{' '}
                <span className="text-secondary">{bytes(file.bytes)}</span>
              </li>
            ))}
          </ul>
          <p className="no-margin" data-testid="manifest-withheld">
            {withheld.length > 0
              ? t('report.preview.withheld', {
                  sections: withheld.map((s) => t(`report.sections.${s}.name`)).join(t('report.list')),
                })
              : t('report.preview.nothingWithheld')}
          </p>
        </div>

        <ul className="report-sections">
          {preview.sections.map((section) => (
            <SectionView
              key={section.section}
              section={section}
              // The merchant's choice shows at once; the content follows when the new preview arrives.
              chosen={!session.exclude.includes(section.section)}
              // Toggling while a preview is made is fine (the newest preview wins), so the checkbox stays
              // enabled then: disabled, it would drop the keyboard's focus to <body>.
              busy={busy !== null && busy !== 'previewing'}
              onToggle={(included) => void setSectionIncluded(section.section, included, diagnosisId)}
              size={bytes(sectionBytes(section))}
              redactions={redactionWords(section.redactions)}
            />
          ))}
        </ul>
      </Flex>
    </Card>
  );
}

function SectionView({
  section,
  chosen,
  busy,
  onToggle,
  size,
  redactions,
}: {
  section: SectionPreview;
  chosen: boolean;
  busy: boolean;
  onToggle(included: boolean): void;
  size: string;
  redactions: string | null;
}) {
  const { t } = useTranslation();
  const name = t(`report.sections.${section.section}.name`);
  const empty = section.parts.length === 0 && !hasContent(section.reportFragment);
  return (
    <li
      className={`report-section${section.included ? '' : ' report-section-off'}`}
      data-testid="preview-section"
      data-section={section.section}
      data-included={section.included}
    >
      <Flex align="center" justify="space-between" gap="middle" wrap>
        <Checkbox
          checked={section.excludable ? chosen : true}
          disabled={!section.excludable || busy}
          onChange={(event) => onToggle(event.target.checked)}
          data-testid="section-checkbox"
        >
          <strong>{name}</strong>
          {!section.excludable && <span className="text-secondary"> {t('report.preview.alwaysSent')}</span>}
        </Checkbox>
        {section.included && !empty && <Tag>{t('report.preview.sectionSize', { size })}</Tag>}
      </Flex>
      <Typography.Text type="secondary">{t(`report.sections.${section.section}.what`)}</Typography.Text>
      {!section.included ? (
        <p className="report-section-note" data-testid="section-withheld">
          {t('report.preview.notSent')}
        </p>
      ) : empty ? (
        <p className="report-section-note" data-testid="section-empty">
          {t('report.preview.empty')}
        </p>
      ) : (
        <>
          <p className="report-section-note" data-testid="section-redactions">
            <LockOutlined aria-hidden />{' '}
            {redactions ??
              (section.section === 'contact' ? t('report.redaction.contact') : t('report.redaction.none'))}
          </p>
          <SectionContent section={section} />
        </>
      )}
    </li>
  );
}

const hasContent = (fragment: string | null) =>
  fragment !== null && !['null', '{}', '[]', '""'].includes(fragment.trim());

/**
 * Exactly what the section sends: its part of report.json, then its files, text as text and pictures as
 * pictures. Each behind its own toggle; what the merchant wrote (report, contact) and pictures start open.
 */
function SectionContent({ section }: { section: SectionPreview }) {
  const { t } = useTranslation();
  const readable = (text: string) => readableAliases(text, (kind) => t(`report.redaction.alias.${kind}`));
  const fragmentOpen: ReadonlySet<ReportSection> = new Set(['report', 'contact']);
  return (
    <Flex vertical gap={4}>
      {hasContent(section.reportFragment) && (
        <details className="report-content" open={fragmentOpen.has(section.section)}>
          <summary>
            {/* Named for its section: a list of identical summaries says nothing to a screen reader. */}
            <EyeOutlined aria-hidden />{' '}
            {t('report.preview.fragment', { section: t(`report.sections.${section.section}.name`) })}
          </summary>
          <pre className="evidence-json report-pre" tabIndex={0} data-testid="report-fragment">
            {readable(section.reportFragment ?? '')}
          </pre>
        </details>
      )}
      {section.parts.map((part) => (
        <PartView key={part.path} part={part} />
      ))}
    </Flex>
  );
}

function PartView({ part }: { part: PreviewPart }) {
  const { t } = useTranslation();
  const readable = (text: string) => readableAliases(text, (kind) => t(`report.redaction.alias.${kind}`));
  const bytes = useBytes();
  return (
    <details
      className="report-content"
      open={part.base64 !== null}
      data-testid="preview-part"
      data-path={part.path}
    >
      <summary>
        <EyeOutlined aria-hidden /> {t('report.preview.file')} <code>{part.path}</code>{' '}
        <span className="text-secondary">{bytes(part.bytes)}</span>
      </summary>
      {part.text !== null && (
        <>
          <pre className="evidence-json report-pre" tabIndex={0} data-testid="part-text">
            {readable(part.text)}
          </pre>
          {part.truncated && (
            <Typography.Text type="secondary" data-testid="part-truncated">
              {t('report.preview.truncated', {
                shown: bytes(utf8Length(part.text)),
                total: bytes(part.bytes),
              })}
            </Typography.Text>
          )}
        </>
      )}
      {part.base64 !== null && (
        <img
          className="report-part-image"
          src={`data:${part.mediaType};base64,${part.base64}`}
          alt={t('report.preview.imageAlt', { path: part.path })}
        />
      )}
      {part.text === null && part.base64 === null && (
        <Typography.Text type="secondary">{t('report.preview.notShown')}</Typography.Text>
      )}
    </details>
  );
}
