import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConfigIssue } from '../../../../shared/config/import-result';
import { ErrorDetails } from '../../ui/ErrorDetails';
import { useLocalized } from '../../i18n/use-localized';
import { formMessage } from './form-words';
import { fieldOf, LABEL_KEYS, type FieldKey, type Outcome } from './store-form-model';
import { SavedStoreAlert } from './SavedStoreAlert';

/** What main said to the last save, under the form: what was not saved and why, or that it was. */
export function StoreFormOutcome({
  outcome,
  activeId,
}: {
  outcome: Outcome | null;
  activeId: string | null;
}) {
  const { t } = useTranslation();
  const unplaced =
    outcome?.kind === 'failed' ? outcome.errors.filter((issue) => fieldOf(issue) === null) : [];
  return (
    <div aria-live="polite">
      {outcome?.kind === 'failed' && (
        <Alert
          type="error"
          showIcon
          data-testid="store-form-errors"
          title={t('storeForm.failedTitle', { count: outcome.errors.length })}
          description={
            <Flex vertical gap="small">
              <span>{t('storeForm.failedHint')}</span>
              {unplaced.length > 0 && (
                <>
                  <span>{t('storeForm.otherIssues')}</span>
                  <FormIssueList issues={unplaced} testId="store-form-other-errors" />
                </>
              )}
            </Flex>
          }
        />
      )}
      {outcome?.kind === 'saved' && (
        <SavedStoreAlert
          testId="store-form-success"
          title={t('storeForm.success', { name: outcome.store.storeName })}
          nowActive={activeId === outcome.store.id ? t('storeForm.nowActive') : null}
          warningCount={outcome.warnings.length}
          warningsTitle={t('storeForm.warningsTitle', { count: outcome.warnings.length })}
          warnings={<FormIssueList issues={outcome.warnings} testId="store-form-warnings" />}
        />
      )}
      {outcome?.kind === 'broken' && (
        <Alert
          type="error"
          showIcon
          data-testid="store-form-broken"
          title={t('storeForm.callFailed')}
          description={<ErrorDetails reason={outcome.reason} />}
        />
      )}
    </div>
  );
}

/** Main's problems named by the form's own field labels (not a place in a file the owner never saw). */
function FormIssueList({ issues, testId }: { issues: readonly ConfigIssue[]; testId: string }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const label = (key: FieldKey) => t(`storeForm.fields.${LABEL_KEYS[key]}`);
  return (
    <ol className="issue-list" aria-label={t('storeForm.issueListLabel')} data-testid={testId}>
      {issues.map((issue, index) => {
        const key = fieldOf(issue);
        return (
          <li key={`${issue.field}-${issue.code}-${index}`} className="issue-item" data-testid="issue">
            <span className="issue-part">
              <span className="text-secondary">{t('storeForm.issueField')}</span>
              <span data-testid="issue-field">{key ? label(key) : t('storeForm.wholeForm')}</span>
            </span>
            <div className="issue-message" data-testid="issue-message">
              {formMessage(issue, key, t, localized)}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
