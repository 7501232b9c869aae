import type { PlatformImportResult, ShippedProfileInfo } from '../../shared/config/import-result';
import { text } from '../../shared/i18n/localized-text';
import { parsePlatformProfile } from './platform-profile-importer';
import productionTemplate from './profiles/production.json';

/**
 * Profiles that come with the app (protocol §1).
 *
 * - `sandbox` is not a file: main/sandbox generates it each time the embedded sandbox starts
 *   (`startSandbox()` returns `{ profile, store, ... }`), with loopback URLs, a fresh CA in
 *   `extraCaCertificates` and the sandbox platform's public key. Validate it with
 *   checkPlatformProfileValue(profile, 'sandbox').
 * - `production` is a template bundled into the build (imported, so no path lookup at run time):
 *   placeholder addresses on example-platform.cn and a placeholder public key. It fails to load, with
 *   messages saying what to ask the account manager for, until a filled-in platform.json is imported.
 */

const TEMPLATES: Readonly<Record<'production', string>> = {
  production: `${JSON.stringify(productionTemplate, null, 2)}\n`,
};

export function listShippedProfiles(): ShippedProfileInfo[] {
  return [
    {
      name: 'sandbox',
      origin: 'generated-at-run-time',
      description: text(
        '内置测试平台：在本机模拟白条支付平台，不会产生真实交易。每次启动测试平台时自动生成。',
        'Built-in test platform: simulates the Baitiao payment platform on this computer; no real payments. Generated each time the sandbox starts.',
      ),
    },
    {
      name: 'production',
      origin: 'bundled-template',
      description: text(
        '正式平台模板：网址和平台公钥需要由平台客户经理填写。请向客户经理索取填好的 platform.json 并导入。',
        'Production platform template: its addresses and platform public key are filled in by your platform account manager. Ask them for the completed platform.json and import it.',
      ),
    },
  ];
}

/** The bundled template, checked like any platform.json (it fails until the placeholders are replaced). */
export function loadShippedProfile(name: 'production'): PlatformImportResult {
  return parsePlatformProfile(new TextEncoder().encode(shippedProfileTemplateText(name)), `${name}.json`);
}

/** The template as text, for "save a copy for my account manager to fill in". */
export function shippedProfileTemplateText(name: 'production'): string {
  return TEMPLATES[name];
}
