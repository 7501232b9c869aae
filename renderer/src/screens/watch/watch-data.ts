import { useCallback, useEffect, useState } from 'react';
import type { WatchSettingsPatch, WatchStatus } from '../../../../shared/watch/watch-api';
import type { WatchChartData, WatchGranularity } from '../../../../shared/watch/watch-chart';
import { doctor } from '../../ipc/doctor';
import { chartWindow, localUtcOffsetMinutes } from './chart-geometry';

export interface ChartView {
  granularity: WatchGranularity;
  /** How many buckets back from the current one. */
  count: number;
}

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; reason: string } | { state: 'ready'; value: T };

export interface WatchData {
  status: Loaded<WatchStatus>;
  /** null while there is no store to chart. */
  chart: Loaded<WatchChartData> | null;
  /** Reads status and chart again. */
  reload: () => void;
  /** Saves a settings change; main restarts the watch with it and answers with the new status. */
  update: (patch: WatchSettingsPatch) => Promise<WatchStatus>;
}

/** Samples of one round (a probe, then maybe a redirect) and their alerts come close together: one read. */
const EVENT_DEBOUNCE_MS = 250;
/** While a round is in flight main has no next time yet; ask again until it has. */
const IN_FLIGHT_POLL_MS = 2_000;

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The watch status and the chart of the chosen view, read from main on entry, when the view or the
 * active store changes, after a settings change, and whenever main says a sample was taken or an alert
 * raised (the 'watch' event). Earlier answers that arrive late are dropped.
 */
export function useWatchData(view: ChartView, activeStoreId: string | null): WatchData {
  const [status, setStatus] = useState<Loaded<WatchStatus>>({ state: 'loading' });
  const [chart, setChart] = useState<Loaded<WatchChartData> | null>({ state: 'loading' });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    void (async () => {
      let storeId: string | null;
      try {
        const next = await doctor.invoke('watch.status', undefined);
        if (!current) return;
        setStatus({ state: 'ready', value: next });
        storeId = next.storeId;
      } catch (error) {
        if (current) setStatus({ state: 'failed', reason: reasonOf(error) });
        storeId = activeStoreId;
      }
      if (!current) return;
      if (!storeId) {
        setChart(null);
        return;
      }
      const now = Date.now();
      const utcOffsetMinutes = localUtcOffsetMinutes(now);
      const span = chartWindow(view.granularity, view.count, now, utcOffsetMinutes);
      try {
        const data = await doctor.invoke('watch.chart', {
          ...span,
          granularity: view.granularity,
          utcOffsetMinutes,
        });
        if (current) setChart({ state: 'ready', value: data });
      } catch (error) {
        if (current) setChart({ state: 'failed', reason: reasonOf(error) });
      }
    })();
    return () => {
      current = false;
    };
  }, [view.granularity, view.count, activeStoreId, generation]);

  // A sample or an alert: read again (once for a burst).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = doctor.on('watch', () => {
      clearTimeout(timer);
      timer = setTimeout(reload, EVENT_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [reload]);

  const running = status.state === 'ready' && status.value.running;
  const inFlight = running && status.state === 'ready' && status.value.nextSampleAt === null;
  useEffect(() => {
    if (!inFlight) return;
    const timer = setTimeout(reload, IN_FLIGHT_POLL_MS);
    return () => clearTimeout(timer);
  }, [inFlight, generation, reload]);

  const update = useCallback(
    async (patch: WatchSettingsPatch) => {
      const next = await doctor.invoke('watch.updateSettings', patch);
      setStatus({ state: 'ready', value: next });
      reload();
      return next;
    },
    [reload],
  );

  return { status, chart, reload, update };
}
