import { App } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import type { Messages } from '../i18n/resources';
import { plainReason, rawReason } from '../ui/plain-error';
import { doctor } from './doctor';

/** A plain sentence saying what did not work, one per kind of call. */
export type FailureKey = Exclude<keyof Messages['errors'], 'detail'>;

/**
 * Calls main and, when it fails, tells the shop owner in plain words what did not work and what kind of
 * trouble it was (the technical reason is in main's log, never in the toast). Resolves to undefined on failure, so callers just check the value.
 *
 * The returned function never changes identity: effects that load data depend on it, and a new function
 * on every language change would make them load again (and a settings load changes the language).
 */
export function useDoctorCall() {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const latest = useRef({ message, t });
  useEffect(() => {
    latest.current = { message, t };
  }, [message, t]);

  return useCallback(
    async <C extends Channel>(
      channel: C,
      input: ChannelInput<C>,
      failure: FailureKey,
    ): Promise<ChannelOutput<C> | undefined> => {
      try {
        return await doctor.invoke(channel, input);
      } catch (error) {
        const { message: toast, t: translate } = latest.current;
        // The library's or system's own words stay out of a shop owner's sight (main logs them).
        const reason = translate(`errorReasons.${plainReason(rawReason(error))}`);
        void toast.error({
          key: `doctor-error-${failure}`,
          content: `${translate(`errors.${failure}`)} ${reason}`,
          duration: 8,
        });
        return undefined;
      }
    },
    [],
  );
}
