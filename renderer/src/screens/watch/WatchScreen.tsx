import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WatchSettingsPatch } from '../../../../shared/watch/watch-api';
import type { WatchSettings } from '../../../../shared/watch/watch-settings';
import { LoadingCard, NoStoreNote, ScreenHeader } from '../../ui/screen-parts';
import { useWorkspace } from '../../workspace/workspace-context';
import { RANGES } from './chart-geometry';
import { ChartCard } from './ChartCard';
import type { Measure } from './HistoryChart';
import { IncidentList } from './IncidentList';
import { SettingsCard } from './SettingsCard';
import { StatusCard } from './StatusCard';
import { useWatchData, type ChartView } from './watch-data';
import './watch.css';
import { ErrorDetails } from '../../ui/ErrorDetails';
import { plainReason } from '../../ui/plain-error';

const DEFAULT_VIEW: ChartView = { granularity: 'hour', count: RANGES.hour[0] };

/**
 * 持续监测: the payment path checked every few minutes in the background (also from the tray with the
 * window closed), so the shop owner hears of a Baitiao failure before the buyers do. Turn it on and pick
 * how often; see what it is doing now, the success rate and timings over time with every failure marked
 * and its outcome code, and the incidents.
 */
export default function WatchScreen() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { state: workspace } = useWorkspace();
  const activeStoreId = workspace.workspace?.activeStore?.id ?? null;
  const [view, setView] = useState<ChartView>(DEFAULT_VIEW);
  const [measure, setMeasure] = useState<Measure>('gateway');
  const { status, chart, reload, update } = useWatchData(view, activeStoreId);
  const [saving, setSaving] = useState(false);
  const noStore = workspace.status === 'ready' && activeStoreId === null;

  const change = async (current: WatchSettings, patch: WatchSettingsPatch) => {
    setSaving(true);
    try {
      // The whole settings, not just the change: main's patch schema (WatchSettingsSchema.partial())
      // fills every key left out with its default under zod 4, so { enabled: true } alone would also
      // put the interval back to five minutes.
      const next = await update({ ...current, ...patch });
      const said =
        patch.enabled === false
          ? t('watch.toasts.off')
          : patch.enabled === true
            ? next.running
              ? t('watch.toasts.on')
              : t('watch.toasts.onNoStore')
            : next.running
              ? t('watch.toasts.savedRestarted')
              : t('watch.toasts.saved');
      void message.success({ key: 'watch-settings', content: said });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      void message.error({
        key: 'watch-settings',
        content: `${t('watch.errors.save')} ${t(`errorReasons.${plainReason(reason)}`)}`,
        duration: 8,
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Flex vertical gap="large" className="screen watch-screen">
      <ScreenHeader title={t('watch.title')} intro={t('watch.intro')} />

      {noStore && <NoStoreNote screen="watch" />}

      {status.state === 'loading' && <LoadingCard label={t('watch.loading')} />}
      {status.state === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={t('watch.errors.load')}
          description={<ErrorDetails reason={status.reason} />}
          action={
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('watch.chart.retry')}
            </Button>
          }
          data-testid="watch-error"
        />
      )}
      {status.state === 'ready' && (
        <>
          <SettingsCard
            settings={status.value.settings}
            saving={saving}
            onChange={(patch) => void change(status.value.settings, patch)}
          />
          <StatusCard status={status.value} />
        </>
      )}

      {chart && (
        <ChartCard
          chart={chart}
          view={view}
          onView={setView}
          measure={measure}
          onMeasure={setMeasure}
          onRetry={reload}
        />
      )}
      {chart?.state === 'ready' && <IncidentList incidents={chart.value.incidents} />}
    </Flex>
  );
}
