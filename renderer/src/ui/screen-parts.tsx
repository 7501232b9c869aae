import { Button, Card, Empty, Flex, Skeleton, Typography, type EmptyProps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useScreenRoute } from '../app/use-screen-route';

/** The pieces every screen is built of, so they look and read the same on each. */

/** The screen's h1 and what it is for; what else belongs at the top comes as children. */
export function ScreenHeader({
  title,
  intro,
  children,
}: {
  title: ReactNode;
  intro: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div>
      <Typography.Title level={1} className="screen-title">
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" className="screen-intro">
        {intro}
      </Typography.Paragraph>
      {children}
    </div>
  );
}

/**
 * A skeleton while something loads, named for screen readers. A status, because a name on a plain div is
 * not allowed (axe: aria-prohibited-attr) and antd's Skeleton drops aria attributes given to it.
 */
export function LoadingPlaceholder({ label, rows }: { label: string; rows?: number }) {
  return (
    <div role="status" aria-busy aria-label={label}>
      <Skeleton active paragraph={rows === undefined ? true : { rows }} />
    </div>
  );
}

/** A card-sized placeholder while something loads. */
export function LoadingCard({ label }: { label: string }) {
  return (
    <Card>
      <LoadingPlaceholder label={label} />
    </Card>
  );
}

/** Nothing to show yet: what is missing in a line, the hint underneath, and a way on as children. */
export function EmptyNote({
  title,
  hint,
  children,
  ...rest
}: { title: ReactNode; hint: ReactNode; children?: ReactNode } & Omit<EmptyProps, 'description' | 'title'> & {
    'data-testid'?: string;
  }) {
  return (
    <Empty
      {...rest}
      description={
        <Flex vertical gap={4}>
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Text type="secondary">{hint}</Typography.Text>
        </Flex>
      }
    >
      {children}
    </Empty>
  );
}

/** The screens that work on the store in use, and so say so when there is none. */
export type StoreScreen = 'checklist' | 'timings' | 'simulation' | 'diagnosis' | 'history' | 'watch';

/** No store to work on yet: the way to the Stores screen to import one. */
export function NoStoreNote({ screen }: { screen: StoreScreen }) {
  const { t } = useTranslation();
  const [, navigate] = useScreenRoute();
  return (
    <EmptyNote title={t(`${screen}.noStore`)} hint={t(`${screen}.noStoreHint`)}>
      <Button type="primary" onClick={() => navigate('stores')}>
        {t(`${screen}.goToStores`)}
      </Button>
    </EmptyNote>
  );
}
