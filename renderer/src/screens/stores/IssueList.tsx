import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConfigIssue } from '../../../../shared/config/import-result';
import { SupportDetails } from '../../ui/SupportDetails';
import { useLocalized } from '../../i18n/use-localized';

/**
 * Problems the importer found, each naming the file, the field and the place in the file, in words a
 * shop owner can act on. The problem codes are for support staff, folded in one 「给客服看」.
 */
export function IssueList({ issues, testId }: { issues: readonly ConfigIssue[]; testId: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();

  return (
    <>
      <ol className="issue-list" aria-label={t('stores.import.issue.listLabel')} data-testid={testId}>
        {issues.map((issue, index) => (
          <li
            key={`${issue.file}-${issue.field}-${issue.code}-${index}`}
            className="issue-item"
            data-testid="issue"
          >
            <Flex wrap gap="small" align="baseline" className="issue-where">
              <span className="issue-part">
                <span className="text-secondary">{t('stores.import.issue.file')}</span>
                <Typography.Text code data-testid="issue-file">
                  {issue.file}
                </Typography.Text>
              </span>
              <span className="issue-part">
                <span className="text-secondary">{t('stores.import.issue.field')}</span>
                {issue.field === '$' ? (
                  <span data-testid="issue-field">{t('stores.import.issue.wholeFile')}</span>
                ) : (
                  <Typography.Text code data-testid="issue-field">
                    {readablePath(issue.field)}
                  </Typography.Text>
                )}
              </span>
              {issue.line !== undefined && (
                <span data-testid="issue-position">
                  {issue.column !== undefined
                    ? t('stores.import.issue.lineColumn', { line: issue.line, column: issue.column })
                    : t('stores.import.issue.line', { line: issue.line })}
                </span>
              )}
            </Flex>
            <div className="issue-message" data-testid="issue-message">
              {localized(issue.message)}
            </div>
          </li>
        ))}
      </ol>
      {/* Problem codes are for support staff: one disclosure for the list. */}
      <SupportDetails
        testId="issue-codes"
        rows={[{ label: t('supportDetails.errorCode'), value: issues.map((i) => i.code).join(', ') }]}
      />
    </>
  );
}

/** `$.baitiao.installments[1]` reads as `baitiao.installments[1]`: the field as written in the file. */
const readablePath = (path: string) => path.replace(/^\$\.?/, '');
