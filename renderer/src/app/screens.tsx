import {
  CreditCardOutlined,
  DashboardOutlined,
  EyeOutlined,
  FileTextOutlined,
  FolderOpenOutlined,
  HistoryOutlined,
  HomeOutlined,
  InboxOutlined,
  QuestionCircleOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Messages } from '../i18n/resources';

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

/**
 * Every screen of the side menu, in menu order within its group. A screen is one folder under
 * screens/<name>/ with a default-exported component, loaded on first visit so the start-up bundle stays
 * small. Adding a screen is one entry here plus its folder.
 */
const homeScreen = import('../screens/home/HomeScreen');

export interface ScreenDefinition {
  key: string;
  label: Exclude<keyof Messages['nav'], 'label' | 'groups'>;
  group: ScreenGroup;
  icon: ReactNode;
  component: LazyExoticComponent<ComponentType>;
}

export const SCREENS = [
  {
    key: 'home',
    label: 'home',
    group: 'diagnose',
    icon: <HomeOutlined />,
    // Home is the first screen of every start: its chunk is fetched as the app starts, beside the
    // settings read, rather than after it; it stays out of the start-up bundle (see BENCHMARKS.md).
    component: lazy(() => homeScreen),
  },
  {
    key: 'checklist',
    label: 'checklist',
    group: 'diagnose',
    icon: <SafetyCertificateOutlined />,
    component: lazy(() => import('../screens/checklist/ChecklistScreen')),
  },
  {
    key: 'simulation',
    label: 'simulation',
    group: 'diagnose',
    icon: <CreditCardOutlined />,
    component: lazy(() => import('../screens/simulation/SimulationScreen')),
  },
  {
    key: 'timings',
    label: 'timings',
    group: 'diagnose',
    icon: <DashboardOutlined />,
    component: lazy(() => import('../screens/timings/TimingsScreen')),
  },
  {
    key: 'report',
    label: 'report',
    group: 'diagnose',
    icon: <FileTextOutlined />,
    component: lazy(() => import('../screens/report/ReportScreen')),
  },
  {
    key: 'outbox',
    label: 'outbox',
    group: 'diagnose',
    icon: <InboxOutlined />,
    component: lazy(() => import('../screens/outbox/OutboxScreen')),
  },
  {
    key: 'history',
    label: 'history',
    group: 'diagnose',
    icon: <HistoryOutlined />,
    component: lazy(() => import('../screens/history/HistoryScreen')),
  },
  {
    key: 'watch',
    label: 'watch',
    group: 'diagnose',
    icon: <EyeOutlined />,
    component: lazy(() => import('../screens/watch/WatchScreen')),
  },
  {
    key: 'explain',
    label: 'explain',
    group: 'manage',
    icon: <QuestionCircleOutlined />,
    component: lazy(() => import('../screens/explain/ExplainScreen')),
  },
  {
    key: 'stores',
    label: 'stores',
    group: 'manage',
    icon: <ShopOutlined />,
    component: lazy(() => import('../screens/stores/StoresScreen')),
  },
  {
    key: 'settings',
    label: 'settings',
    group: 'manage',
    icon: <SettingOutlined />,
    component: lazy(() => import('../screens/settings/SettingsScreen')),
  },
  {
    key: 'support',
    label: 'support',
    group: 'support',
    icon: <FolderOpenOutlined />,
    component: lazy(() => import('../screens/support/SupportScreen')),
  },
] as const satisfies readonly ScreenDefinition[];

export type ScreenKey = (typeof SCREENS)[number]['key'];
export const DEFAULT_SCREEN: ScreenKey = 'home';
