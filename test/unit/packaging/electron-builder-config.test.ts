import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// Packaging needs downloads this machine cannot make, so the configuration is checked against
// electron-builder's own published schema instead: a typo or a wrong type fails here, not at release.
const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'));
const config = parse(readFileSync('electron-builder.yml', 'utf8'));

describe('electron-builder.yml', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);

  it('validates against electron-builder’s configuration schema', () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check can fail: a misspelt key is refused', () => {
    expect(validate({ ...config, produtName: 'x' })).toBe(false);
  });

  it('ships the Windows installer first, with the product name and fuses locked down', () => {
    expect(config.productName).toBe('白条支付诊断助手');
    expect(config.win.target[0].target).toBe('nsis');
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });
});
