import { readFileSync } from 'node:fs';
import yauzl from 'yauzl';
import type { BundleSources } from '../../../main/bundle';
import { draft, makePng } from '../report/fixtures';

export const KEY_PEM = readFileSync(
  new URL('../signing/fixtures/test-merchant-pkcs8.pem', import.meta.url),
  'utf8',
);

/** A full set of sources: report, HAR, a merchant picture with metadata, two logs, the key as a known secret. */
export function sources(): BundleSources {
  const png = makePng({ text: { Author: 'shop owner 13800138000' } });
  return {
    ...draft({
      symptom: {
        category: 'PAYMENT_FAILED_MESSAGE',
        description: '顾客 13900139000 反映支付失败',
        firstSeen: '2026-11-20',
        frequency: 'OFTEN',
        screenshots: [{ name: 'phone.png', mediaType: 'image/png', base64: png.toString('base64') }],
      },
      contact: { name: '王老板', phone: '13700137000' },
    }),
    logs: [
      { name: 'main.log', text: 'boot\nAuthorization: Bearer abcdefghijk\ncall 13900139000\n' },
      { name: 'renderer', text: 'ok\n' },
    ],
    knownSecrets: [KEY_PEM],
  };
}

/** Every member's bytes, read with yauzl directly (not through the reader under test). */
export async function unzipAll(path: string): Promise<Map<string, Buffer>> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  const members = new Map<string, Buffer>();
  const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
    const list: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      list.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(list)).once('error', reject);
    zip.readEntry();
  });
  for (const entry of entries) {
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    members.set(entry.fileName, Buffer.concat(chunks));
  }
  zip.close();
  return members;
}
