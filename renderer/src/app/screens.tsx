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
import type { Channel } from '../../../shared/ipc/contract';
import type { Messages } from '../i18n/resources';
import { readEarly } from '../ipc/doctor';

/**
 * The side menu's groups, in menu order: the shop owner's way through a payment problem first, then
 * the explanations and the set-up, and last what support staff use.
 */
export const SCREEN_GROUPS = [
  'diagnose',
  'manage',
  'support',
] as const satisfies readonly (keyof Messages['nav']['groups'])[];
export type ScreenGroup = (typeof SCREEN_GROUPS)[number];

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

export interface ScreenDefinition extends LoadedOnDemand {
  key: string;
  /** Reads the screen makes as it opens, asked early when the app starts on it (see readEarly). */
  firstReads?: readonly Channel[];
  label: Exclude<keyof Messages['nav'], 'label' | 'groups'>;
  group: ScreenGroup;
  icon: ReactNode;
}

/**
 * Every screen of the side menu, in menu order within its group. A screen is one folder under
 * screens/<name>/ with a default-exported component, loaded on first visit so the start-up bundle stays
 * small. Adding a screen is one entry here plus its folder.
 */
export const SCREENS = [
  {
    key: 'home',
    label: 'home',
    group: 'diagnose',
    icon: <HomeOutlined />,
    ...onDemand(() => import('../screens/home/HomeScreen')),
    firstReads: ['diagnosis.last'],
  },
  {
    key: 'checklist',
    label: 'checklist',
    group: 'diagnose',
    icon: <SafetyCertificateOutlined />,
    ...onDemand(() => import('../screens/checklist/ChecklistScreen')),
  },
  {
    key: 'simulation',
    label: 'simulation',
    group: 'diagnose',
    icon: <CreditCardOutlined />,
    ...onDemand(() => import('../screens/simulation/SimulationScreen')),
  },
  {
    key: 'timings',
    label: 'timings',
    group: 'diagnose',
    icon: <DashboardOutlined />,
    ...onDemand(() => import('../screens/timings/TimingsScreen')),
  },
  {
    key: 'report',
    label: 'report',
    group: 'diagnose',
    icon: <FileTextOutlined />,
    ...onDemand(() => import('../screens/report/ReportScreen')),
  },
  {
    key: 'outbox',
    label: 'outbox',
    group: 'diagnose',
    icon: <InboxOutlined />,
    ...onDemand(() => import('../screens/outbox/OutboxScreen')),
  },
  {
    key: 'history',
    label: 'history',
    group: 'diagnose',
    icon: <HistoryOutlined />,
    ...onDemand(() => import('../screens/history/HistoryScreen')),
  },
  {
    key: 'watch',
    label: 'watch',
    group: 'diagnose',
    icon: <EyeOutlined />,
    ...onDemand(() => import('../screens/watch/WatchScreen')),
  },
  {
    key: 'explain',
    label: 'explain',
    group: 'manage',
    icon: <QuestionCircleOutlined />,
    ...onDemand(() => import('../screens/explain/ExplainScreen')),
  },
  {
    key: 'stores',
    label: 'stores',
    group: 'manage',
    icon: <ShopOutlined />,
    ...onDemand(() => import('../screens/stores/StoresScreen')),
  },
  {
    key: 'keys',
    label: 'keys',
    group: 'manage',
    icon: <KeyOutlined />,
    ...onDemand(() => import('../screens/keys/KeyToolScreen')),
  },
  {
    key: 'settings',
    label: 'settings',
    group: 'manage',
    icon: <SettingOutlined />,
    ...onDemand(() => import('../screens/settings/SettingsScreen')),
  },
  {
    key: 'support',
    label: 'support',
    group: 'support',
    icon: <FolderOpenOutlined />,
    ...onDemand(() => import('../screens/support/SupportScreen')),
  },
] as const satisfies readonly ScreenDefinition[];

export type ScreenKey = (typeof SCREENS)[number]['key'];
export const DEFAULT_SCREEN: ScreenKey = 'home';

/** The screen a #/name hash asks for; home for an empty or unknown one. */
export const screenOfHash = (hash: string): ScreenKey =>
  SCREENS.find((screen) => screen.key === hash.replace(/^#\/?/, ''))?.key ?? DEFAULT_SCREEN;

/**
 * The screen the app opens on starts loading with the app, beside the start-up reads, and the app is
 * shown once both are here (SettingsGate), so the first screen appears whole rather than as a spinner.
 */
const firstScreen: ScreenDefinition = SCREENS.find(
  (screen) => screen.key === screenOfHash(window.location.hash),
)!;
readEarly(firstScreen.firstReads ?? []);
export const firstScreenLoaded: Promise<unknown> = firstScreen.preload().catch(() => undefined);
