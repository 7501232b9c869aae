import { Collapse, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CheckResult, CheckStatus } from '../../../../shared/checklist/check-result';
import { useLocalized } from '../../i18n/use-localized';
import { STATUS_ORDER, statusRank, StatusTag } from '../checklist/status';

const needsAttention = (check: CheckResult) =>
  check.status === 'fail' || check.status === 'error' || check.status === 'warn';

/** 检查 tab: failed, broken and warning checks first, each with what to do; the rest folded below. */
export function BundleChecks({ checks }: { checks: readonly CheckResult[] }) {
  const { t } = useTranslation();
  if (checks.length === 0) {
    return <Typography.Text type="secondary">{t('support.checks.none')}</Typography.Text>;
  }
  const counts = new Map<CheckStatus, number>();
  for (const check of checks) counts.set(check.status, (counts.get(check.status) ?? 0) + 1);
  const sorted = [...checks].sort((a, b) => statusRank(a.status) - statusRank(b.status));
  const attention = sorted.filter(needsAttention);
  const rest = sorted.filter((check) => !needsAttention(check));
  return (
    <Flex vertical gap="middle" data-testid="bundle-checks">
      <Flex gap="small" wrap>
        {STATUS_ORDER.filter(
          (status): status is CheckStatus => status !== 'running' && counts.has(status),
        ).map((status) => (
          <StatusTag key={status} status={status} count={counts.get(status)} />
        ))}
      </Flex>
      <section aria-labelledby="bundle-checks-attention">
        <h3 id="bundle-checks-attention" className="support-subtitle">
          {t('bundleView.failingFirst', { count: attention.length })}
        </h3>
        {attention.length === 0 ? (
          <Typography.Text type="secondary">{t('bundleView.noFailing')}</Typography.Text>
        ) : (
          <CheckList checks={attention} />
        )}
      </section>
      {rest.length > 0 && (
        <Collapse
          items={[
            {
              key: 'rest',
              label: t('bundleView.passedFolded', { count: rest.length }),
              children: <CheckList checks={rest} />,
              forceRender: true,
            },
          ]}
        />
      )}
    </Flex>
  );
}

function CheckList({ checks }: { checks: readonly CheckResult[] }) {
  const localized = useLocalized();
  return (
    <ul className="support-checks">
      {checks.map((check) => (
        <li key={check.id} data-testid="bundle-check" data-check-id={check.id} data-status={check.status}>
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
  );
}
