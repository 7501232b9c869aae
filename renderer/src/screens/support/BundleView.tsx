import { CheckCircleFilled, DownloadOutlined, ExclamationCircleFilled } from '@ant-design/icons';
import { Badge, Button, Card, Descriptions, Empty, Flex, Tabs, Typography, type TabsProps } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCopyable } from '../../ui/copy-labels';
import { z } from 'zod';
import { DiagnosisVerdictSchema } from '../../../../shared/diagnosis/verdict';
import { OutcomeCodeSchema } from '../../../../shared/protocol/outcome-codes';
import type { OpenedBundle } from '../../../../shared/report/bundle-view';
import { useLocalized } from '../../i18n/use-localized';
import { OutcomeLabel, SideBadge, VerdictStatusTag } from '../diagnosis/looks';
import { useDateTime } from '../diagnosis/format';
import { useBytes } from '../report/use-bytes';
import { reasonOf } from '../../app/external-store';
import { doctor } from '../../ipc/doctor';
import { BundleChecks } from './BundleChecks';
import { BundleEnvironment } from './BundleEnvironment';
import { BundleNetwork } from './BundleNetwork';
import { BundleSimulation } from './BundleSimulation';
import { plainReason } from '../../ui/plain-error';

/** The diagnosis summary the report's environment carries; read leniently (a bundle is foreign data). */
const DiagnosisFactsSchema = z.object({
  verdict: DiagnosisVerdictSchema.optional(),
  outcome: OutcomeCodeSchema.nullable().optional(),
});

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/**
 * A verified bundle, as support staff read it: tabs (结论 / 检查 / 模拟 / 网络 / 环境 / 日志) instead of one
 * long page, and 「保存 HAR」 for Chrome DevTools. The tab follows the bundle: a new bundle opens on 结论.
 */
export function BundleView({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  const failing = bundle.checks.filter((c) => c.status === 'fail' || c.status === 'error').length;
  const heading = useRef<HTMLHeadingElement>(null);
  // A bundle just opened scrolls into view with its heading focused (from the picker or the triage table).
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus({ preventScroll: true });
  }, [bundle.report.report_id]);
  const items: TabsProps['items'] = [
    {
      key: 'conclusion',
      label: t('bundleView.tabs.conclusion'),
      children: (
        <Flex vertical gap="large">
          <Verdict bundle={bundle} />
          <Symptom bundle={bundle} />
          <BundleFacts bundle={bundle} />
        </Flex>
      ),
    },
    {
      key: 'checks',
      label: (
        <span>
          {t('bundleView.tabs.checks')}
          {failing > 0 && <Badge count={failing} size="small" className="tab-badge" />}
        </span>
      ),
      children: <BundleChecks checks={bundle.checks} />,
    },
    {
      key: 'simulation',
      label: t('bundleView.tabs.simulation'),
      children: <BundleSimulation bundle={bundle} />,
    },
    { key: 'network', label: t('bundleView.tabs.network'), children: <BundleNetwork bundle={bundle} /> },
    {
      key: 'environment',
      label: t('bundleView.tabs.environment'),
      children: <BundleEnvironment bundle={bundle} />,
    },
    { key: 'logs', label: t('bundleView.tabs.logs'), children: <Logs bundle={bundle} /> },
  ];
  return (
    <Card
      data-testid="bundle-view"
      data-report-id={bundle.report.report_id}
      title={
        <h2 className="card-title" ref={heading} tabIndex={-1}>
          {t('support.facts.merchantNo')} {bundle.report.merchant_no}
        </h2>
      }
      extra={<SaveHar reportId={bundle.report.report_id} />}
    >
      <Tabs key={bundle.report.report_id} items={items} aria-label={t('bundleView.tabsLabel')} />
    </Card>
  );
}

/** 「保存 HAR」: main asks where in its own save dialog, then copies network.har as verified. */
function SaveHar({ reportId }: { reportId: string }) {
  const { t } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async () => {
    setSaving(true);
    setNote(null);
    try {
      const result = await doctor.invoke('bundle.saveHar', { reportId });
      setNote(
        result.saved
          ? { ok: true, text: t('bundleView.harSaved', { path: result.path }) }
          : { ok: false, text: t(`bundleView.harNotSaved.${result.reason}`) },
      );
    } catch (error) {
      // A plain sentence: the library's own words do not belong in this one-line note.
      setNote({ ok: false, text: t(`errorReasons.${plainReason(reasonOf(error))}`) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Flex align="center" gap="small" wrap justify="end">
      {note && (
        <Typography.Text role="status" data-testid="har-note" className="support-mono">
          {note.ok ? (
            <CheckCircleFilled className="icon-ok" aria-hidden />
          ) : (
            <ExclamationCircleFilled className="icon-warn" aria-hidden />
          )}{' '}
          {note.text}
        </Typography.Text>
      )}
      <Button
        icon={<DownloadOutlined />}
        loading={saving}
        onClick={() => void save()}
        title={t('bundleView.saveHarHint')}
        data-testid="save-har"
      >
        {t('bundleView.saveHar')}
      </Button>
    </Flex>
  );
}

function BundleFacts({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  const copyable = useCopyable();
  const dateTime = useDateTime();
  const bytes = useBytes();
  const { report } = bundle;
  const withheld = report.withheld;
  return (
    <Card title={<h2 className="card-title">{t('support.facts.title')}</h2>} data-testid="bundle-facts">
      <Flex vertical gap="middle">
        <Descriptions
          column={1}
          size="small"
          bordered
          styles={{ label: { width: 180 } }}
          items={[
            { key: 'verified', label: t('support.facts.verified'), children: t('support.facts.verifiedYes') },
            { key: 'created', label: t('support.facts.created'), children: dateTime(report.created_at) },
            {
              key: 'merchant',
              label: t('support.facts.merchantNo'),
              children: (
                <Typography.Text copyable={copyable(t('support.facts.merchantNo'))}>
                  {report.merchant_no}
                </Typography.Text>
              ),
            },
            {
              key: 'report',
              label: t('support.facts.reportId'),
              children: (
                <Typography.Text copyable={copyable(t('support.facts.reportId'))}>
                  {report.report_id}
                </Typography.Text>
              ),
            },
            {
              key: 'app',
              label: t('support.facts.app'),
              children: `${report.app.name} ${report.app.version} · ${report.app.os} ${report.app.arch} · ${report.app.locale}`,
            },
            {
              key: 'file',
              label: t('support.facts.file'),
              children: (
                <Typography.Text className="support-mono" copyable={copyable(t('support.facts.file'))}>
                  {bundle.path}
                </Typography.Text>
              ),
            },
            {
              key: 'size',
              label: t('support.facts.size'),
              children: t('support.facts.sizeValue', {
                size: bytes(bundle.bytes),
                files: bundle.manifest.files.length,
              }),
            },
          ]}
        />
        <Typography.Text type={withheld.length > 0 ? 'warning' : 'secondary'} data-testid="bundle-withheld">
          {withheld.length > 0
            ? t('support.facts.withheld', {
                sections: withheld.map((s) => t(`report.sections.${s}.name`)).join(t('report.list')),
              })
            : t('support.facts.nothingWithheld')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function Symptom({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const { symptom, contact } = bundle.report;
  const firstSeen = symptom.first_seen
    ? /^\d{4}-\d{2}-\d{2}$/.test(symptom.first_seen)
      ? symptom.first_seen
      : dateTime(symptom.first_seen)
    : t('support.symptom.unknown');
  const contactItems = contact
    ? (Object.entries(contact) as [string, string | undefined][]).filter(([, value]) => value)
    : [];
  return (
    <Card title={<h2 className="card-title">{t('support.symptom.title')}</h2>} data-testid="bundle-symptom">
      <Descriptions
        column={1}
        size="small"
        bordered
        styles={{ label: { width: 180 } }}
        items={[
          {
            key: 'category',
            label: t('report.form.category'),
            children: <span data-testid="bundle-category">{t(`report.categories.${symptom.category}`)}</span>,
          },
          {
            key: 'description',
            label: t('report.form.description'),
            children: (
              <Typography.Paragraph className="no-margin support-pre-line" data-testid="bundle-description">
                {symptom.description || t('support.symptom.none')}
              </Typography.Paragraph>
            ),
          },
          { key: 'firstSeen', label: t('report.form.firstSeen'), children: firstSeen },
          {
            key: 'frequency',
            label: t('report.form.frequency'),
            children: symptom.frequency
              ? t(`report.frequencies.${symptom.frequency}`)
              : t('support.symptom.unknown'),
          },
          {
            key: 'contact',
            label: t('report.sections.contact.name'),
            children:
              contactItems.length > 0 ? (
                <Flex vertical gap={2} data-testid="bundle-contact">
                  {contactItems.map(([field, value]) => (
                    <span key={field}>
                      {field === 'name' ||
                      field === 'phone' ||
                      field === 'email' ||
                      field === 'wechat' ||
                      field === 'preferred_time'
                        ? t(`support.contact.${field}`)
                        : field}
                      ：{value}
                    </span>
                  ))}
                </Flex>
              ) : (
                <Typography.Text type="secondary">{t('support.symptom.noContact')}</Typography.Text>
              ),
          },
        ]}
      />
    </Card>
  );
}

function Verdict({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const facts = DiagnosisFactsSchema.safeParse(record(bundle.report.environment).diagnosis);
  const verdict = facts.success ? facts.data.verdict : undefined;
  return (
    <Card title={<h2 className="card-title">{t('support.verdict.title')}</h2>} data-testid="bundle-verdict">
      {verdict ? (
        <Flex vertical gap="middle">
          <Flex align="center" gap="middle" wrap>
            <VerdictStatusTag status={verdict.status} />
            <Typography.Text strong data-testid="bundle-verdict-headline">
              {localized(verdict.headline)}
            </Typography.Text>
          </Flex>
          <Typography.Text>
            {t('support.verdict.firstAction')}
            {localized(verdict.firstAction)}
          </Typography.Text>
          <Flex gap="large" wrap>
            <SideBadge side={verdict.side} />
            {facts.success && facts.data.outcome !== undefined && (
              <Flex vertical gap={2}>
                <Typography.Text type="secondary">{t('diagnosis.verdict.outcome')}</Typography.Text>
                <OutcomeLabel outcome={facts.data.outcome} />
              </Flex>
            )}
          </Flex>
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('support.verdict.none')}</Typography.Text>
      )}
    </Card>
  );
}

function Logs({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  if (bundle.logs.length === 0) {
    return <Empty description={t('bundleView.noLogs')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  }
  return (
    <Flex vertical gap="small" data-testid="bundle-logs">
      <h3 className="support-subtitle">{t('support.logs.title')}</h3>
      <Flex vertical gap="small">
        {bundle.logs.map((log) => (
          <details key={log.path}>
            <summary>
              <code>{log.path}</code>
              {log.truncated && <span className="text-secondary"> {t('support.logs.truncated')}</span>}
            </summary>
            <pre className="evidence-json" tabIndex={0}>
              {log.text}
            </pre>
          </details>
        ))}
      </Flex>
    </Flex>
  );
}
