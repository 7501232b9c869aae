import { describe, expect, it } from 'vitest';
import { BROWSER_ENV_VAR, findBrowser, usualBrowserPaths } from '../../../main/simulation';

const only =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('finding a browser', () => {
  it('--browser first, then the environment variable, then the usual places', () => {
    const env = { [BROWSER_ENV_VAR]: '/opt/edge/msedge' };
    const exists = only('/opt/chrome/chrome', '/opt/edge/msedge', '/usr/bin/chromium');
    expect(
      findBrowser({ explicitPath: '/opt/chrome/chrome', env, platform: 'linux', isExecutable: exists }),
    ).toEqual({
      found: true,
      path: '/opt/chrome/chrome',
      source: 'option',
    });
    expect(findBrowser({ env, platform: 'linux', isExecutable: exists })).toMatchObject({
      path: '/opt/edge/msedge',
      source: 'env',
    });
    expect(findBrowser({ env: {}, platform: 'linux', isExecutable: exists })).toMatchObject({
      path: '/usr/bin/chromium',
      source: 'system',
    });
  });

  it('a given path that does not work is bad input, named in both languages', () => {
    const answer = findBrowser({
      explicitPath: '/nope/chrome',
      env: {},
      platform: 'linux',
      isExecutable: () => false,
    });
    expect(answer).toMatchObject({ found: false, givenPathBroken: true, searched: ['/nope/chrome'] });
    if (answer.found) throw new Error('unreachable');
    expect(answer.reason['zh-CN']).toContain('/nope/chrome');
    expect(answer.reason['en-US']).toContain('--browser');
  });

  it('none anywhere: says so, and what was searched', () => {
    const answer = findBrowser({ env: {}, platform: 'linux', isExecutable: () => false });
    expect(answer).toMatchObject({ found: false, givenPathBroken: false });
    if (answer.found) throw new Error('unreachable');
    expect(answer.searched).toContain('/usr/bin/google-chrome');
    expect(answer.reason['en-US']).toMatch(/No Chrome, Edge or Chromium/);
  });

  it('knows where Chrome and Edge live on Windows and macOS', () => {
    const win = usualBrowserPaths('win32', {
      PROGRAMFILES: 'C:\\Program Files',
      'PROGRAMFILES(X86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local',
    });
    expect(win.some((p) => p.includes('Google') && p.endsWith('chrome.exe'))).toBe(true);
    expect(win.some((p) => p.includes('Program Files (x86)') && p.endsWith('msedge.exe'))).toBe(true);
    const mac = usualBrowserPaths('darwin', { HOME: '/Users/a' });
    expect(mac).toContain('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome');
    expect(mac).toContain('/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge');
  });
});
