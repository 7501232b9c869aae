import {
  CreditCardOutlined,
  DashboardOutlined,
  EyeOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  HistoryOutlined,
  HomeOutlined,
  InboxOutlined,
  KeyOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { lazy, useState, type ComponentType, type ReactNode } from 'react';
import { readEarly } from '../ipc/doctor';
import { ROUTES, screenOfHash, type RouteDefinition, type ScreenKey } from './routes';

/** A screen's code, fetched on first visit (or ahead of it by preload), and the component showing it. */
interface LoadedOnDemand {
  component: ComponentType;
  /** Fetches the screen's code now; the same promise every time. */
  preload(): Promise<unknown>;
}

/**
 * A screen whose code loads on first visit. Once its code is here it renders directly: through
 * React.lazy alone, even code already fetched suspends on its first render, and React then holds the
 * reveal back for up to 300 ms (its Suspense throttle); that was most of the time to the first screen.
 */
function onDemand(load: () => Promise<{ default: ComponentType }>): LoadedOnDemand {
  let loaded: ComponentType | null = null;
  let loading: Promise<{ default: ComponentType }> | null = null;
  const preload = () =>
    (loading ??= load().then((module) => {
      loaded = module.default;
      return module;
    }));
  const Lazy = lazy(preload);
  function Screen() {
    // Chosen once per mount, so a screen that started through Lazy is not remounted when its code arrives.
    const [Direct] = useState(() => loaded);
    return Direct ? <Direct /> : <Lazy />;
  }
  return { component: Screen, preload };
}

export type ScreenDefinition = RouteDefinition & LoadedOnDemand & { key: ScreenKey; icon: ReactNode };

/**
 * Each route's view: its menu icon and its code, one folder under screens/<name>/ with a default-exported
 * component, loaded on first visit so the start-up bundle stays small (routes.ts says which screens there are).
 */
const VIEWS: Record<ScreenKey, { icon: ReactNode; load: () => Promise<{ default: ComponentType }> }> = {
  home: { icon: <HomeOutlined />, load: () => import('../screens/home/HomeScreen') },
  checklist: {
    icon: <SafetyCertificateOutlined />,
    load: () => import('../screens/checklist/ChecklistScreen'),
  },
  simulation: { icon: <CreditCardOutlined />, load: () => import('../screens/simulation/SimulationScreen') },
  timings: { icon: <DashboardOutlined />, load: () => import('../screens/timings/TimingsScreen') },
  report: { icon: <FileTextOutlined />, load: () => import('../screens/report/ReportScreen') },
  outbox: { icon: <InboxOutlined />, load: () => import('../screens/outbox/OutboxScreen') },
  history: { icon: <HistoryOutlined />, load: () => import('../screens/history/HistoryScreen') },
  watch: { icon: <EyeOutlined />, load: () => import('../screens/watch/WatchScreen') },
  explain: { icon: <QuestionCircleOutlined />, load: () => import('../screens/explain/ExplainScreen') },
  stores: { icon: <ShopOutlined />, load: () => import('../screens/stores/StoresScreen') },
  keys: { icon: <KeyOutlined />, load: () => import('../screens/keys/KeyToolScreen') },
  settings: { icon: <SettingOutlined />, load: () => import('../screens/settings/SettingsScreen') },
  support: { icon: <FolderOpenOutlined />, load: () => import('../screens/support/SupportScreen') },
};

/** Every screen of the side menu, in the routes' order, with its icon and its code loaded on demand. */
export const SCREENS: readonly ScreenDefinition[] = ROUTES.map((route) => ({
  ...route,
  icon: VIEWS[route.key].icon,
  ...onDemand(VIEWS[route.key].load),
}));

export const screenOf = (key: ScreenKey): ScreenDefinition => SCREENS.find((screen) => screen.key === key)!;

let firstScreen: Promise<unknown> | null = null;

/**
 * The screen the app opens on starts loading with the app, beside the start-up reads, and the app is
 * shown once both are here (SettingsGate), so the first screen appears whole rather than as a spinner.
 * Started by main.tsx before the first render (nothing is asked of main when this module is imported);
 * the same promise every time.
 */
export function startFirstScreen(hash: string = window.location.hash): Promise<unknown> {
  if (!firstScreen) {
    const screen = screenOf(screenOfHash(hash));
    readEarly(screen.firstReads ?? []);
    firstScreen = screen.preload().catch(() => undefined);
  }
  return firstScreen;
}
