import { Card, Descriptions, Empty, Flex, Image, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { CheckGroup, CheckResult, CheckStatus } from '../../../../shared/checklist/check-result';
import { DiagnosisVerdictSchema } from '../../../../shared/diagnosis/verdict';
import { OutcomeCodeSchema } from '../../../../shared/protocol/outcome-codes';
import type { OpenedBundle } from '../../../../shared/report/bundle-view';
import type { Messages } from '../../i18n/resources';
import { useLocalized } from '../../i18n/use-localized';
import { STATUS_ORDER, statusRank, StatusTag } from '../checklist/status';
import { OutcomeLabel, SideBadge, VerdictStatusTag } from '../diagnosis/looks';
import { useDateTime } from '../diagnosis/format';
import { useBytes } from '../report/use-bytes';
import { BundleWaterfall } from './BundleWaterfall';

/** The checklist's sections, as the Checklist screen shows them (network and TLS together). */
const SECTIONS: readonly { key: keyof Messages['checklist']['sections']; groups: readonly CheckGroup[] }[] = [
  { key: 'cfg', groups: ['cfg'] },
  { key: 'key', groups: ['key'] },
  { key: 'platform', groups: ['platform'] },
  { key: 'network', groups: ['net', 'tls'] },
  { key: 'page', groups: ['page'] },
  { key: 'risk', groups: ['risk'] },
  { key: 'local', groups: ['local'] },
];

/** The diagnosis summary the report's environment carries; read leniently (a bundle is foreign data). */
const DiagnosisFactsSchema = z.object({
  verdict: DiagnosisVerdictSchema.optional(),
  outcome: OutcomeCodeSchema.nullable().optional(),
});

const isPlain = (value: unknown): value is string | number | boolean =>
  ['string', 'number', 'boolean'].includes(typeof value);

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** A verified bundle: its report (symptom, verdict, environment), checks, waterfall, pictures and logs. */
export function BundleView({ bundle }: { bundle: OpenedBundle }) {
  return (
    <Flex vertical gap="large" data-testid="bundle-view" data-report-id={bundle.report.report_id}>
      <BundleFacts bundle={bundle} />
      <Symptom bundle={bundle} />
      <Verdict bundle={bundle} />
      <Environment bundle={bundle} />
      <Checks checks={bundle.checks} />
      <Network bundle={bundle} />
      <Screenshots bundle={bundle} />
      <Logs bundle={bundle} />
    </Flex>
  );
}

function BundleFacts({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
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
              children: <Typography.Text copyable>{report.merchant_no}</Typography.Text>,
            },
            {
              key: 'report',
              label: t('support.facts.reportId'),
              children: <Typography.Text copyable>{report.report_id}</Typography.Text>,
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
                <Typography.Text className="support-mono" copyable>
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

function Environment({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  const environment = record(bundle.report.environment);
  const rows = (source: Record<string, unknown>, prefix = '') =>
    Object.entries(source)
      .filter(([, value]) => isPlain(value))
      .map(([key, value]) => ({
        key: `${prefix}${key}`,
        label: <code>{`${prefix}${key}`}</code>,
        children: <span className="support-mono">{String(value)}</span>,
      }));
  const items = [
    ...rows(environment),
    ...rows(record(environment.store), 'store.'),
    ...rows(record(environment.platform), 'platform.'),
  ];
  return (
    <Card
      title={<h2 className="card-title">{t('support.environment.title')}</h2>}
      data-testid="bundle-environment"
    >
      {items.length > 0 ? (
        <Descriptions column={1} size="small" bordered styles={{ label: { width: 220 } }} items={items} />
      ) : (
        <Typography.Text type="secondary">{t('support.environment.none')}</Typography.Text>
      )}
    </Card>
  );
}

function Checks({ checks }: { checks: readonly CheckResult[] }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const counts = new Map<CheckStatus, number>();
  for (const check of checks) counts.set(check.status, (counts.get(check.status) ?? 0) + 1);
  const sections = SECTIONS.map((section) => ({
    key: section.key,
    checks: checks
      .filter((check) => section.groups.includes(check.group))
      .sort((a, b) => statusRank(a.status) - statusRank(b.status)),
  })).filter((section) => section.checks.length > 0);

  return (
    <Card title={<h2 className="card-title">{t('support.checks.title')}</h2>} data-testid="bundle-checks">
      {checks.length === 0 ? (
        <Typography.Text type="secondary">{t('support.checks.none')}</Typography.Text>
      ) : (
        <Flex vertical gap="middle">
          <Flex gap="small" wrap>
            {STATUS_ORDER.filter(
              (status): status is CheckStatus => status !== 'running' && counts.has(status),
            ).map((status) => (
              <StatusTag key={status} status={status} count={counts.get(status)} />
            ))}
          </Flex>
          {sections.map((section) => (
            <section
              key={section.key}
              aria-labelledby={`bundle-checks-${section.key}`}
              data-testid="bundle-check-section"
            >
              <h3 id={`bundle-checks-${section.key}`} className="support-subtitle">
                {t(`checklist.sections.${section.key}`)}
              </h3>
              <ul className="support-checks">
                {section.checks.map((check) => (
                  <li
                    key={check.id}
                    data-testid="bundle-check"
                    data-check-id={check.id}
                    data-status={check.status}
                  >
                    <Flex align="center" gap="small" wrap>
                      <StatusTag status={check.status} />
                      <strong>{localized(check.title)}</strong>
                      <Typography.Text type="secondary" className="support-mono">
                        {check.id}
                      </Typography.Text>
                    </Flex>
                    <p className="no-margin">{localized(check.summary)}</p>
                    {check.remediation && check.status !== 'pass' && (
                      <p className="no-margin text-secondary">{localized(check.remediation)}</p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </Flex>
      )}
    </Card>
  );
}

function Network({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  const { waterfall } = bundle;
  return (
    <Card title={<h2 className="card-title">{t('support.waterfall.title')}</h2>} data-testid="bundle-network">
      {!waterfall.available || waterfall.rows.length === 0 ? (
        <Typography.Text type="secondary">{t('support.waterfall.none')}</Typography.Text>
      ) : (
        <BundleWaterfall rows={waterfall.rows} truncated={waterfall.truncated} />
      )}
    </Card>
  );
}

function Screenshots({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  const merchant = new Set(bundle.report.symptom.screenshots);
  return (
    <Card
      title={<h2 className="card-title">{t('support.screenshots.title')}</h2>}
      data-testid="bundle-screenshots"
    >
      {bundle.screenshots.length === 0 ? (
        <Empty description={t('support.screenshots.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <div className="support-shots">
          {bundle.screenshots.map((shot) => (
            <figure
              key={shot.path}
              className="support-shot"
              data-testid="bundle-screenshot"
              data-path={shot.path}
            >
              <Image
                src={`data:${shot.mediaType};base64,${shot.base64}`}
                alt={t('support.screenshots.alt', { path: shot.path })}
              />
              <figcaption>
                <strong>
                  {merchant.has(shot.path)
                    ? t('support.screenshots.merchant')
                    : t('support.screenshots.simulation')}
                </strong>
                <br />
                <span className="text-secondary support-mono">{shot.path}</span>
              </figcaption>
            </figure>
          ))}
        </div>
      )}
    </Card>
  );
}

function Logs({ bundle }: { bundle: OpenedBundle }) {
  const { t } = useTranslation();
  if (bundle.logs.length === 0) return null;
  return (
    <Card title={<h2 className="card-title">{t('support.logs.title')}</h2>} data-testid="bundle-logs">
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
    </Card>
  );
}
