import { ClockCircleOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDateTime, useRelativeTime } from './format';

/** When the platform's risk-control restriction ends, in the UI language's date and words ("in 25 minutes"). */
export function CooldownNote({ until }: { until: Date }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const relative = useRelativeTime();
  // The moment the note was first shown: "in 25 minutes" does not tick on while the page is read.
  const [now] = useState(() => Date.now());
  const time = dateTime(until);
  return (
    <div className="verdict-cooldown" data-testid="risk-cooldown">
      <ClockCircleOutlined aria-hidden />
      <span>
        {until.getTime() > now
          ? t('diagnosis.verdict.cooldown', { time, relative: relative(until, new Date(now)) })
          : t('diagnosis.verdict.cooldownOver', { time })}
      </span>
    </div>
  );
}
