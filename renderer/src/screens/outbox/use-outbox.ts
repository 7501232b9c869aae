import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutboxItemView } from '../../../../shared/report/outbox-view';
import { doctor } from '../../ipc/doctor';

export type OutboxList =
  | { status: 'loading'; items: null }
  | { status: 'ready'; items: OutboxItemView[] }
  | { status: 'failed'; items: OutboxItemView[] | null; reason: string };

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The outbox as main keeps it, read again on every 'outbox' event (a step, a delivery, a ticket update).
 * Events come in bursts during a delivery: one read at a time, and one more after it if any came meanwhile.
 */
export function useOutbox(): {
  list: OutboxList;
  reload: () => void;
  /** An item main just answered with (retry, ticket poll): shown at once, before the next read. */
  replace: (item: OutboxItemView) => void;
} {
  const [list, setList] = useState<OutboxList>({ status: 'loading', items: null });
  const reading = useRef(false);
  const again = useRef(false);
  const alive = useRef(true);

  const reload = useCallback(() => {
    if (reading.current) {
      again.current = true;
      return;
    }
    reading.current = true;
    void (async () => {
      do {
        again.current = false;
        try {
          const items = await doctor.invoke('outbox.list', undefined);
          if (alive.current) setList({ status: 'ready', items });
        } catch (error) {
          if (alive.current)
            setList((previous) => ({ status: 'failed', items: previous.items, reason: reasonOf(error) }));
        }
      } while (again.current && alive.current);
      reading.current = false;
    })();
  }, []);

  useEffect(() => {
    alive.current = true;
    reload();
    const unsubscribe = doctor.on('outbox', () => reload());
    return () => {
      alive.current = false;
      unsubscribe();
    };
  }, [reload]);

  const replace = useCallback((item: OutboxItemView) => {
    setList((previous) =>
      previous.items
        ? {
            ...previous,
            items: previous.items.map((known) => (known.reportId === item.reportId ? item : known)),
          }
        : previous,
    );
  }, []);

  return { list, reload, replace };
}

/** Now, again every few seconds: "next try at …" turns into "sending" without an event. */
export function useNow(everyMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
