import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 13: one name per store field wherever the merchant reads it (form, errors, checklist, verdicts,
 * report, support mode), and one word for the shop's back office. The store.json importer's messages
 * (main/config/) are the exception: they speak the file's language (its keys, lines and quotes) on purpose.
 */
const ROOT = join(import.meta.dirname, '../../..');
const CJK = /[\u4e00-\u9fa5]/;

/** Words the screens must not use, each with the name they use instead. */
const FORBIDDEN: [RegExp, string][] = [
  [/应用编号/, '应用 ID'],
  [/异步通知/, '付款结果通知地址'],
  [/店铺后台|商户后台/, '商家后台'],
  [/(?<!付款结果)通知地址/, '付款结果通知地址'],
  [/(?<![「付款后])返回地址|(?<!付款后)返回的地址/, '付款后返回的地址'],
  [/\b(appId|app_id|merchantNo|notifyUrl|returnUrl)\b(?![）)])/, 'the field’s Chinese label'],
];

function zhStringsOfLocale(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walk = (node: unknown, path: string) => {
    if (typeof node === 'string') out.push({ where: `zh-CN.json ${path}`, text: node });
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(JSON.parse(readFileSync(join(ROOT, 'renderer/src/i18n/zh-CN.json'), 'utf8')), '');
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Chinese string literals in main/ and shared/ (the engine's own words); the importer and sandbox left out. */
function zhStringsOfSources(): { where: string; text: string }[] {
  const skipped = ['main/config/', 'main/sandbox/'];
  const files = [...sourceFiles(join(ROOT, 'main')), ...sourceFiles(join(ROOT, 'shared'))].filter(
    (file) => !skipped.some((dir) => relative(ROOT, file).startsWith(dir)),
  );
  const out: { where: string; text: string }[] = [];
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/'((?:[^'\\\n]|\\.)*)'|`((?:[^`\\]|\\.)*)`/g)) {
      // A template's ${…} is code, not words: ${ctx.store.notifyUrl} shows the address itself.
      const text = (match[1] ?? match[2] ?? '').replace(/\$\{[^}]*\}/g, '…');
      if (CJK.test(text)) out.push({ where: relative(ROOT, file), text });
    }
  }
  return out;
}

describe('store field names in what the merchant reads', () => {
  it('zh-CN uses one label per field and 商家后台, in the locale and in the engine’s own words', () => {
    const strings = [...zhStringsOfLocale(), ...zhStringsOfSources()];
    expect(strings.length).toBeGreaterThan(500);
    const found = strings.flatMap(({ where, text }) =>
      FORBIDDEN.filter(([pattern]) => pattern.test(text)).map(
        ([pattern, instead]) => `${where}: 「${text}」 matches ${pattern} — say ${instead}`,
      ),
    );
    expect(found).toEqual([]);
  });
});
