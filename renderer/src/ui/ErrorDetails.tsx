import { Flex } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { plainReason } from './plain-error';
import { SupportDetails } from './SupportDetails';

/**
 * Why a call failed, for an Alert's description: a plain sentence for the shop owner (what kind of
 * trouble, what to try), and the library's or system's own words folded in 「给客服看」.
 */
export function ErrorDetails({
  reason,
  code,
  before,
}: {
  reason: string;
  /** A code that came with it (an HTTP status, the intake's error code), for support too. */
  code?: string | number | null;
  before?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4} data-testid="error-details">
      {before}
      <span data-testid="error-plain-reason">{t(`errorReasons.${plainReason(reason)}`)}</span>
      <SupportDetails
        rows={[
          { label: t('supportDetails.errorCode'), value: code ?? null },
          { label: t('supportDetails.rawMessage'), value: reason },
        ]}
      />
    </Flex>
  );
}
