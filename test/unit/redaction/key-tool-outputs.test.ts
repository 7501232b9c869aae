import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportKey, fingerprintOf } from '../../../main/keys';
import { RedactionEngine } from '../../../main/redaction';

/**
 * Every form the key tool (keys generate / convert, 密钥工具) can put a private key in, as it might end up
 * in a log line, a pasted support message or a JSON dump: the redaction engine must take each one out,
 * whether or not it knows the key. The fingerprint the tool shows stays readable.
 */
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const read = { kind: 'private' as const, key: privateKey };
const FORMS: Array<[string, string]> = [
  ['PKCS#8 PEM (keys generate, merchant_private.pem)', exportKey(read, 'pkcs8')],
  ['PKCS#1 PEM (keys convert --to pkcs1)', exportKey(read, 'pkcs1')],
  ['one line of PKCS#8 DER (keys convert --to one-line)', exportKey(read, 'one-line')],
  [
    'one line of PKCS#1 DER (what some SDKs take)',
    privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
  ],
];
const secretBody = (text: string) => text.replace(/-----[^-]+-----/g, '').replace(/\s/g, '');

describe('redaction of the key tool’s private key forms', () => {
  for (const known of [false, true]) {
    it.each(FORMS)(`%s ${known ? '(known to the engine)' : '(unknown)'}`, (_name, form) => {
      const engine = new RedactionEngine({ knownSecrets: known ? [exportKey(read, 'pkcs8')] : [] });
      const inputs = [
        `keys convert wrote: ${form}`,
        JSON.stringify({ merchantPrivateKey: form }),
        `log 2026-12-04T08:00:00Z key=${form.replace(/\n/g, '\\n')}`,
      ];
      for (const input of inputs) {
        const out = engine.text(input);
        expect(out).toMatch(/REDACTED-[A-Z-]+-\d+/);
        expect(out).not.toContain('PRIVATE KEY');
        // Not the body, and none of its 64-character PEM lines on their own either.
        const body = secretBody(form);
        expect(out).not.toContain(body.slice(40, 120));
        for (const line of form.split('\n').filter((l) => l.length >= 60)) expect(out).not.toContain(line);
      }
    });
  }

  it('leaves readable the fingerprint the key tool shows', () => {
    // (The public one line is not asserted: with the key known, the engine also hides the public key's
    // base64, which shares the modulus. Over-redaction, not a leak; told to the redaction owner.)
    const engine = new RedactionEngine({ knownSecrets: [exportKey(read, 'pkcs8')] });
    const shown = `公钥指纹 ${fingerprintOf(createPrivateKey(exportKey(read, 'pkcs8')))}`;
    expect(engine.text(shown)).toBe(shown);
  });
});
