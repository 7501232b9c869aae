import type { Channel } from '../../../shared/ipc/contract';
import type { Messages } from '../i18n/resources';

/**
 * The app's routes: which screens there are, in which menu group and order, what each reads as it opens,
 * and how the URL hash (#/home) names one. Pure data and functions, no React and no IPC, so the shell,
 * the hooks and the tests can all import it (the components live in screens.tsx).
 */

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

export interface RouteDefinition {
  key: string;
  label: Exclude<keyof Messages['nav'], 'label' | 'groups'>;
  group: ScreenGroup;
  /** Reads the screen makes as it opens, asked early when the app starts on it (see readEarly). */
  firstReads?: readonly Channel[];
}

/** Every screen of the side menu, in menu order within its group. Adding a screen: a route here, a view in screens.tsx. */
export const ROUTES = [
  { key: 'home', label: 'home', group: 'diagnose', firstReads: ['diagnosis.last'] },
  { key: 'checklist', label: 'checklist', group: 'diagnose' },
  { key: 'simulation', label: 'simulation', group: 'diagnose' },
  { key: 'timings', label: 'timings', group: 'diagnose' },
  { key: 'report', label: 'report', group: 'diagnose' },
  { key: 'outbox', label: 'outbox', group: 'diagnose' },
  { key: 'history', label: 'history', group: 'diagnose' },
  { key: 'watch', label: 'watch', group: 'diagnose' },
  { key: 'explain', label: 'explain', group: 'manage' },
  { key: 'stores', label: 'stores', group: 'manage' },
  { key: 'keys', label: 'keys', group: 'manage' },
  { key: 'settings', label: 'settings', group: 'manage' },
  { key: 'support', label: 'support', group: 'support' },
] as const satisfies readonly RouteDefinition[];

export type ScreenKey = (typeof ROUTES)[number]['key'];
export type Route = RouteDefinition & { key: ScreenKey };
export const DEFAULT_SCREEN: ScreenKey = 'home';

const isScreenKey = (name: string): name is ScreenKey => ROUTES.some((route) => route.key === name);

/** The screen a #/name hash asks for; home for an empty or unknown one. */
export const screenOfHash = (hash: string): ScreenKey => {
  const name = hash.replace(/^#\/?/, '');
  return isScreenKey(name) ? name : DEFAULT_SCREEN;
};

/** The hash that opens a screen (what navigation writes to window.location.hash). */
export const hashOf = (screen: ScreenKey): string => `#/${screen}`;

export const routeOf = (screen: ScreenKey): Route => ROUTES.find((route) => route.key === screen)!;
