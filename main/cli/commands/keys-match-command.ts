import { parseArgs } from 'node:util';
import { text } from '../../../shared/i18n/localized-text';
import { compareWithRegisteredKey, fingerprintOf, isKeyPair } from '../../keys';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';
import { loadStoreAndProfile } from '../config-input';
import { expectKind, readKeyFile } from './keys-input';

/**
 * `keys match`: a yes/no question, so 0 = yes, 1 = no. Either two files (is this private key the pair of
 * this public key?) or a store and its platform (does the platform have this store's key registered?).
 */
export async function keysMatchCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      private: { type: 'string' },
      public: { type: 'string' },
      'passphrase-file': { type: 'string' },
      store: { type: 'string' },
      platform: { type: 'string' },
    },
    strict: true,
  });
  const byFiles = values.private !== undefined || values.public !== undefined;
  const byPlatform = values.store !== undefined || values.platform !== undefined;
  if (byFiles === byPlatform) {
    throw new CliInputError(
      text(
        '用法：keys match --private 私钥 --public 公钥，或 keys match --store store.json --platform platform.json（二选一）。',
        'Usage: keys match --private KEY --public PUB, or keys match --store store.json --platform platform.json (one or the other).',
      ),
    );
  }
  return byFiles ? matchFiles(values, io) : matchPlatform(values, io);
}

async function matchFiles(
  values: { private?: string; public?: string; 'passphrase-file'?: string },
  io: CliIo,
): Promise<number> {
  if (!values.private || !values.public) {
    throw new CliInputError(
      text(
        `缺少参数：${!values.private ? '--private <私钥文件>' : '--public <公钥文件>'}。`,
        `Missing option: ${!values.private ? '--private <KEYFILE>' : '--public <PUBFILE>'}.`,
      ),
    );
  }
  const privateKey = await readKeyFile(values.private, '--private', values['passphrase-file']);
  expectKind(privateKey, 'private', values.private, '--private');
  const publicKey = await readKeyFile(values.public, '--public');
  expectKind(publicKey, 'public', values.public, '--public');
  const pair = isKeyPair(privateKey.key, publicKey.key);
  io.out(
    say(
      io,
      pair
        ? text('是一对：这把公钥就是这把私钥的公钥。', 'A pair: this public key belongs to this private key.')
        : text(
            '不是一对：这把公钥不属于这把私钥。用它验签会失败。',
            'Not a pair: this public key does not belong to this private key. Signatures will not verify with it.',
          ),
    ),
  );
  io.out(
    say(
      io,
      text(
        `私钥对应的公钥指纹：${fingerprintOf(privateKey.key)}`,
        `Private key’s public fingerprint: ${fingerprintOf(privateKey.key)}`,
      ),
    ),
  );
  io.out(
    say(
      io,
      text(
        `公钥指纹：${fingerprintOf(publicKey.key)}`,
        `Public key fingerprint: ${fingerprintOf(publicKey.key)}`,
      ),
    ),
  );
  return pair ? EXIT.ok : EXIT.problemFound;
}

async function matchPlatform(values: { store?: string; platform?: string }, io: CliIo): Promise<number> {
  const { store, profile } = await loadStoreAndProfile(io, values.store, values.platform);
  if (!store.key.loaded || store.keyPem === undefined) {
    throw new CliInputError(
      text(
        `${values.store}：没能读取商户私钥（见上面的说明），无法比较。`,
        `${values.store}: the merchant private key could not be read (see above), so there is nothing to compare.`,
      ),
    );
  }
  const answer = await compareWithRegisteredKey({
    profile,
    store: store.value,
    privateKeyPem: store.keyPem,
  });
  io.out(
    say(
      io,
      text(`本店私钥对应的公钥指纹：${answer.ours}`, `This store’s public key fingerprint: ${answer.ours}`),
    ),
  );
  switch (answer.kind) {
    case 'same':
      io.out(
        say(
          io,
          text(
            `平台登记的公钥指纹：${answer.registered}`,
            `Registered on the platform:        ${answer.registered}`,
          ),
        ),
      );
      io.out(
        say(
          io,
          text(
            '相同：平台登记的就是这把私钥的公钥。',
            'Same: the platform has this key’s public key registered.',
          ),
        ),
      );
      return EXIT.ok;
    case 'different':
      io.out(
        say(
          io,
          text(
            `平台登记的公钥指纹：${answer.registered}`,
            `Registered on the platform:        ${answer.registered}`,
          ),
        ),
      );
      io.out(
        say(
          io,
          text(
            '不同：平台登记的是另一把公钥。请把本店的公钥上传到商家后台（keys generate 写出的 merchant_public.txt），或换用与已登记公钥配对的私钥。',
            'Different: the platform has another public key registered. Upload this store’s public key in the back office (merchant_public.txt from keys generate), or use the private key that pairs with the registered one.',
          ),
        ),
      );
      return EXIT.problemFound;
    case 'signature-refused':
      io.out(
        say(
          io,
          text(
            '不同：平台拒绝了我们的签名（isv.invalid-signature），说明平台登记的公钥不是这把私钥的公钥。请把本店的公钥上传到商家后台，或换用与已登记公钥配对的私钥。',
            'Different: the platform refused our signature (isv.invalid-signature), so the public key it has registered is not this key’s. Upload this store’s public key in the back office, or use the private key that pairs with the registered one.',
          ),
        ),
      );
      return EXIT.problemFound;
    case 'unavailable':
      throw new CliInputError(answer.reason);
  }
}
