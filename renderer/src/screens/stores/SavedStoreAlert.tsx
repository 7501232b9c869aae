import { Alert, Flex } from 'antd';
import type { ReactNode } from 'react';

/**
 * A store saved (by the form or by an import): green, or yellow when it came with warnings; whether it is
 * now the store in use; then the warnings, listed in the words of the place they came from.
 */
export function SavedStoreAlert({
  testId,
  title,
  nowActive,
  warningCount,
  warningsTitle,
  warnings,
}: {
  testId: string;
  title: string;
  /** Shown when the saved store is now the active one; null otherwise. */
  nowActive: string | null;
  warningCount: number;
  warningsTitle: string;
  /** The warning list (form labels for the form, lines and columns for a file). */
  warnings: ReactNode;
}) {
  return (
    <Alert
      type={warningCount > 0 ? 'warning' : 'success'}
      showIcon
      data-testid={testId}
      title={title}
      description={
        <Flex vertical gap="small">
          {nowActive !== null && <span>{nowActive}</span>}
          {warningCount > 0 && (
            <>
              <span>{warningsTitle}</span>
              {warnings}
            </>
          )}
        </Flex>
      }
    />
  );
}
