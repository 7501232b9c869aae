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
 * Every screen of the side menu, in menu order. A screen is one folder under screens/<name>/ with a
 * default-exported component, loaded on first visit so the start-up bundle stays small.
 * Adding Simulation, Report or History is one entry here plus its folder.
 */
export interface ScreenDefinition {
  key: string;
  label: keyof Messages['nav'];
  icon: ReactNode;
  component: LazyExoticComponent<ComponentType>;
}

export const SCREENS = [
  {
    key: 'home',
    label: 'home',
    icon: <HomeOutlined />,
    component: lazy(() => import('../screens/home/HomeScreen')),
  },
  {
    key: 'checklist',
    label: 'checklist',
    icon: <SafetyCertificateOutlined />,
    component: lazy(() => import('../screens/checklist/ChecklistScreen')),
  },
  {
    key: 'simulation',
    label: 'simulation',
    icon: <CreditCardOutlined />,
    component: lazy(() => import('../screens/simulation/SimulationScreen')),
  },
  {
    key: 'timings',
    label: 'timings',
    icon: <DashboardOutlined />,
    component: lazy(() => import('../screens/timings/TimingsScreen')),
  },
  {
    key: 'watch',
    label: 'watch',
    icon: <EyeOutlined />,
    component: lazy(() => import('../screens/watch/WatchScreen')),
  },
  {
    key: 'history',
    label: 'history',
    icon: <HistoryOutlined />,
    component: lazy(() => import('../screens/history/HistoryScreen')),
  },
  {
    key: 'explain',
    label: 'explain',
    icon: <QuestionCircleOutlined />,
    component: lazy(() => import('../screens/explain/ExplainScreen')),
  },
  {
    key: 'report',
    label: 'report',
    icon: <FileTextOutlined />,
    component: lazy(() => import('../screens/report/ReportScreen')),
  },
  {
    key: 'outbox',
    label: 'outbox',
    icon: <InboxOutlined />,
    component: lazy(() => import('../screens/outbox/OutboxScreen')),
  },
  {
    key: 'stores',
    label: 'stores',
    icon: <ShopOutlined />,
    component: lazy(() => import('../screens/stores/StoresScreen')),
  },
  {
    key: 'support',
    label: 'support',
    icon: <FolderOpenOutlined />,
    component: lazy(() => import('../screens/support/SupportScreen')),
  },
  {
    key: 'settings',
    label: 'settings',
    icon: <SettingOutlined />,
    component: lazy(() => import('../screens/settings/SettingsScreen')),
  },
] as const satisfies readonly ScreenDefinition[];

export type ScreenKey = (typeof SCREENS)[number]['key'];
export const DEFAULT_SCREEN: ScreenKey = 'home';
