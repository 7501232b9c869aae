import { useCallback, useSyncExternalStore } from 'react';
import { hashOf, screenOfHash, type ScreenKey } from './routes';

// The current screen lives in the URL hash (#/home), so a reload or a deep link lands on the same screen
// without a router library.
const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

const readScreen = (): ScreenKey => screenOfHash(window.location.hash);

export function useScreenRoute(): [ScreenKey, (next: ScreenKey) => void] {
  const screen = useSyncExternalStore(subscribe, readScreen);
  const navigate = useCallback((next: ScreenKey) => {
    window.location.hash = hashOf(next);
  }, []);
  return [screen, navigate];
}
