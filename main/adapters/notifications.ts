import { Notification } from 'electron';
import type { Language } from '../../shared/ipc/contract';
import type { WatchAlert } from '../../shared/watch/watch-incident';

/**
 * Shown notifications are held until closed: an unreferenced Notification can be collected before its click.
 * Electron does not promise a 'close' event for every one (docs/api/notification.md), so only the newest
 * few are held: a tray app left running for months must not keep every alert it ever showed.
 */
const shown = new Set<Notification>();
const HELD = 10;

/** How many notifications are held now (for tests). */
export const heldNotifications = (): number => shown.size;

/**
 * A watch alert as a desktop notification. The tracker already guarantees one 'failing' and one
 * 'recovered' per incident, so this shows every alert it is given. Failing is urgent (it stays on
 * screen where the OS allows); recovered is quiet, good news needs no sound.
 */
export function showWatchAlert(alert: WatchAlert, language: Language, onClick?: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({
    title: alert.title[language],
    body: alert.body[language],
    silent: alert.type === 'recovered',
    urgency: alert.type === 'failing' ? 'critical' : 'normal',
    timeoutType: alert.type === 'failing' ? 'never' : 'default',
  });
  shown.add(notification);
  for (const old of shown) if (shown.size > HELD) shown.delete(old);
  const release = () => shown.delete(notification);
  notification.on('close', release);
  notification.on('failed', release);
  notification.on('click', () => {
    release();
    onClick?.();
  });
  notification.show();
  return true;
}
