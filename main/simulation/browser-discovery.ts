import { accessSync, constants, statSync } from 'node:fs';
import { win32 } from 'node:path';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';

/** The environment variable that names a browser when no --browser is given. */
export const BROWSER_ENV_VAR = 'BAITIAO_DOCTOR_BROWSER';

export type BrowserDiscovery =
  | { found: true; path: string; source: 'option' | 'env' | 'system' }
  | {
      found: false;
      /** The path given by --browser or the env var does not work: bad input rather than a missing browser. */
      givenPathBroken: boolean;
      reason: LocalizedText;
      searched: string[];
    };

export interface DiscoveryInput {
  /** --browser PATH */
  explicitPath?: string | null;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** Whether a path is an executable file; replaced in tests. */
  isExecutable?: (path: string) => boolean;
}

/**
 * Where Chrome, Edge and Chromium install themselves on each OS, most likely first. Only Chromium-based
 * browsers: the simulation speaks the Chrome DevTools Protocol.
 */
export function usualBrowserPaths(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
      (root): root is string => !!root,
    );
    const suffixes = [
      ['Google', 'Chrome', 'Application', 'chrome.exe'],
      ['Microsoft', 'Edge', 'Application', 'msedge.exe'],
      ['Chromium', 'Application', 'chrome.exe'],
    ];
    return suffixes.flatMap((suffix) => roots.map((root) => win32.join(root, ...suffix)));
  }
  if (platform === 'darwin') {
    const apps = [
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      'Chromium.app/Contents/MacOS/Chromium',
    ];
    const home = env.HOME;
    return [
      ...apps.map((app) => `/Applications/${app}`),
      ...(home ? apps.map((app) => `${home}/Applications/${app}`) : []),
    ];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/microsoft-edge-stable',
    '/opt/google/chrome/chrome',
    '/snap/bin/chromium',
  ];
}

function executableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** --browser PATH, else $BAITIAO_DOCTOR_BROWSER, else the usual install places of this OS. */
export function findBrowser(input: DiscoveryInput = {}): BrowserDiscovery {
  const env = input.env ?? process.env;
  const platform = input.platform ?? process.platform;
  const isExecutable = input.isExecutable ?? executableFile;

  const given = input.explicitPath?.trim()
    ? { path: input.explicitPath.trim(), source: 'option' as const, label: '--browser' }
    : env[BROWSER_ENV_VAR]?.trim()
      ? { path: env[BROWSER_ENV_VAR].trim(), source: 'env' as const, label: BROWSER_ENV_VAR }
      : null;
  if (given) {
    if (isExecutable(given.path)) return { found: true, path: given.path, source: given.source };
    return {
      found: false,
      givenPathBroken: true,
      searched: [given.path],
      reason: text(
        `${given.label} 指定的浏览器「${given.path}」不存在或不能运行。请给出 Chrome、Edge 或 Chromium 可执行文件的完整路径。`,
        `The browser given by ${given.label}, "${given.path}", does not exist or cannot be run. Give the full path of a Chrome, Edge or Chromium executable.`,
      ),
    };
  }

  const searched = usualBrowserPaths(platform, env);
  const path = searched.find((candidate) => isExecutable(candidate));
  if (path) return { found: true, path, source: 'system' };
  return {
    found: false,
    givenPathBroken: false,
    searched,
    reason: text(
      '这台电脑上没有找到 Chrome、Edge 或 Chromium 浏览器，所以没法模拟买家打开支付页面。请安装其中一个，或用 --browser 指定浏览器的位置。',
      'No Chrome, Edge or Chromium browser was found on this computer, so the buyer\u2019s payment page cannot be simulated. Install one, or give its location with --browser.',
    ),
  };
}
