import { Card, Flex, Select, Switch, Typography } from 'antd';
import { BuyerPicker } from '../../ui/BuyerPicker';
import { useTranslation } from 'react-i18next';
import type { WatchSettingsPatch } from '../../../../shared/watch/watch-api';
import type { WatchSettings } from '../../../../shared/watch/watch-settings';
import {
  INTERVAL_CHOICES,
  MIN_INTERVAL_SECONDS,
  MIN_SIMULATION_GAP_SECONDS,
  RETENTION_CHOICES,
  SIMULATION_CHOICES,
  useDuration,
  useNumber,
} from './format';

/** The choices, plus the saved value when it is none of them (set from the CLI or an older version). */
const withCurrent = (choices: readonly number[], current: number) =>
  choices.includes(current)
    ? [...choices]
    : [...choices, current].sort((a, b) => (a || Infinity) - (b || Infinity));

/** About how often a redirect runs: every Nth probe, but never sooner than the floor after the last one. */
export function simulationCadenceSeconds(
  settings: Pick<WatchSettings, 'intervalSeconds' | 'simulationEverySamples'>,
) {
  if (settings.simulationEverySamples === 0) return null;
  const rounds = Math.max(
    settings.simulationEverySamples,
    Math.ceil(MIN_SIMULATION_GAP_SECONDS / settings.intervalSeconds),
  );
  return rounds * settings.intervalSeconds;
}

export function useIntervalWords(): (seconds: number) => string {
  const { t } = useTranslation();
  return (seconds: number) =>
    seconds % 3600 === 0
      ? t('watch.settings.everyHours', { count: seconds / 3600 })
      : seconds % 60 === 0
        ? t('watch.settings.everyMinutes', { count: seconds / 60 })
        : t('watch.settings.everySeconds', { count: seconds });
}

/**
 * On/off and how often: each change is saved at once (main restarts the watch with it, which takes a
 * sample straight away). The floors are said in plain words next to the choices they limit.
 */
export function SettingsCard({
  settings,
  saving,
  onChange,
}: {
  settings: WatchSettings;
  saving: boolean;
  onChange: (patch: WatchSettingsPatch) => void;
}) {
  const { t } = useTranslation();
  const duration = useDuration();
  const number = useNumber();
  const every = useIntervalWords();
  const cadence = simulationCadenceSeconds(settings);

  return (
    <Card title={<h2 className="card-title">{t('watch.settings.title')}</h2>} data-testid="watch-settings">
      <Flex vertical gap="large">
        <Flex align="center" gap="middle" wrap>
          <Switch
            id="watch-enabled"
            checked={settings.enabled}
            loading={saving}
            disabled={saving}
            onChange={(enabled) => onChange({ enabled })}
            checkedChildren={t('watch.settings.on')}
            unCheckedChildren={t('watch.settings.off')}
            aria-describedby="watch-enabled-help"
            data-testid="watch-switch"
          />
          <Flex vertical gap={2}>
            <label htmlFor="watch-enabled" className="watch-switch-label">
              {t('watch.settings.switchLabel')}
            </label>
            <Typography.Text type="secondary" id="watch-enabled-help">
              {t('watch.settings.switchHelp')}
            </Typography.Text>
          </Flex>
        </Flex>

        <div className="watch-settings-grid">
          <Flex vertical gap={4}>
            <label htmlFor="watch-interval">{t('watch.settings.intervalLabel')}</label>
            <Select<number>
              id="watch-interval"
              value={settings.intervalSeconds}
              disabled={saving}
              onChange={(intervalSeconds) => onChange({ intervalSeconds })}
              options={withCurrent(INTERVAL_CHOICES, settings.intervalSeconds).map((value) => ({
                value,
                label: every(value),
              }))}
              aria-describedby="watch-interval-floor"
              data-testid="watch-interval"
            />
            <Typography.Text type="secondary" id="watch-interval-floor" data-testid="watch-interval-floor">
              {t('watch.settings.intervalFloor', { seconds: number(MIN_INTERVAL_SECONDS) })}
            </Typography.Text>
          </Flex>

          <Flex vertical gap={4}>
            <label htmlFor="watch-simulation">{t('watch.settings.simulationLabel')}</label>
            <Select<number>
              id="watch-simulation"
              value={settings.simulationEverySamples}
              disabled={saving}
              onChange={(simulationEverySamples) => onChange({ simulationEverySamples })}
              options={withCurrent(SIMULATION_CHOICES, settings.simulationEverySamples).map((value) => ({
                value,
                label:
                  value === 0
                    ? t('watch.settings.simulationNever')
                    : t('watch.settings.simulationEvery', { count: value }),
              }))}
              aria-describedby="watch-simulation-help"
              data-testid="watch-simulation-every"
            />
            <Typography.Text type="secondary" id="watch-simulation-help">
              {cadence === null
                ? t('watch.settings.simulationOffHelp')
                : t('watch.settings.simulationCadence', { duration: duration(cadence * 1000) })}{' '}
              {t('watch.settings.simulationFloor', { minutes: number(MIN_SIMULATION_GAP_SECONDS / 60) })}
            </Typography.Text>
          </Flex>

          <Flex vertical gap={4}>
            <label htmlFor="watch-retention">{t('watch.settings.retentionLabel')}</label>
            <Select<number>
              id="watch-retention"
              value={settings.retentionDays}
              disabled={saving}
              onChange={(retentionDays) => onChange({ retentionDays })}
              options={withCurrent(RETENTION_CHOICES, settings.retentionDays).map((value) => ({
                value,
                label: t('watch.settings.retentionDays', { count: value }),
              }))}
              aria-describedby="watch-retention-help"
            />
            <Typography.Text type="secondary" id="watch-retention-help">
              {t('watch.settings.retentionHelp')}
            </Typography.Text>
          </Flex>
        </div>

        <BuyerPicker
          id="watch-buyer"
          value={{ device: settings.device, network: settings.network }}
          disabled={saving || settings.simulationEverySamples === 0}
          onChange={(buyer) => onChange(buyer)}
          help={t('buyer.watchHelp')}
        />
      </Flex>
    </Card>
  );
}
