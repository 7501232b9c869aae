import { Collapse } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The one 「给客服看」 disclosure of a card: outcome codes, check IDs, raw library messages and other
 * words a shop owner does not need live here, folded, so a Chinese screen reads without them.
 * Rows with an empty value are left out; nothing at all renders when no row has one.
 */
export function SupportDetails({
  rows,
  testId = 'support-details',
}: {
  rows: readonly { label: string; value: ReactNode }[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const shown = rows.filter((r) => r.value !== null && r.value !== undefined && r.value !== '');
  if (shown.length === 0) return null;
  return (
    <Collapse
      ghost
      size="small"
      className="support-details"
      data-testid={testId}
      items={[
        {
          key: 'support',
          label: t('supportDetails.title'),
          children: (
            <dl className="support-details-list">
              {shown.map((row) => (
                <div key={row.label} className="support-details-row">
                  <dt>{row.label}</dt>
                  <dd lang="en">{row.value}</dd>
                </div>
              ))}
            </dl>
          ),
        },
      ]}
    />
  );
}
