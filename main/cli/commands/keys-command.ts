import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { text } from '../../../shared/i18n/localized-text';
import {
  exportKey,
  generateMerchantKeyPair,
  KEY_BITS,
  KEY_FORMATS,
  KeyFileExistsError,
  writeKeyPairFiles,
  writeNewFile,
  type KeyBits,
  type KeyFormat,
} from '../../keys';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';
import { readKeyFile } from './keys-input';
import { keysMatchCommand } from './keys-match-command';
import { keysSignCommand } from './keys-sign-command';

const USAGE = text(
  [
    '用法：',
    '  baitiao-doctor keys generate --out 目录 [--bits 2048|4096]',
    '      生成新的密钥对：merchant_private.pem（PKCS#8，仅自己可读）、merchant_public.pem、merchant_public.txt（一行公钥，粘贴到商家后台）',
    '  baitiao-doctor keys convert 密钥文件 --to pkcs1|pkcs8|one-line --out 新文件 [--passphrase-file 密码文件]',
    '  baitiao-doctor keys match --private 私钥 --public 公钥              是一对：退出码 0；不是：1',
    '  baitiao-doctor keys match --store store.json --platform platform.json   与平台登记的公钥相同：0；不同：1',
    '  baitiao-doctor keys sign --store store.json --platform platform.json --method 接口 [--biz-content JSON] [--compare 文件]',
    '      显示待签名字符串和签名；--compare 与平台给出的字符串比较，指出第一个不同的字符（相同 0，不同 1）',
  ].join('\n'),
  [
    'Usage:',
    '  baitiao-doctor keys generate --out DIR [--bits 2048|4096]',
    '      a new key pair: merchant_private.pem (PKCS#8, owner-only), merchant_public.pem, merchant_public.txt (the one-line public key for the back office)',
    '  baitiao-doctor keys convert KEYFILE --to pkcs1|pkcs8|one-line --out NEWFILE [--passphrase-file FILE]',
    '  baitiao-doctor keys match --private KEY --public PUB                 a pair: exit 0; not: 1',
    '  baitiao-doctor keys match --store store.json --platform platform.json   same as registered: 0; different: 1',
    '  baitiao-doctor keys sign --store store.json --platform platform.json --method M [--biz-content JSON] [--compare FILE]',
    '      the string to sign and the signature; --compare names the first character that differs from the gateway’s (same 0, different 1)',
  ].join('\n'),
);

export async function keysCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'generate':
      return keysGenerate(rest, io);
    case 'convert':
      return keysConvert(rest, io);
    case 'match':
      return keysMatchCommand(rest, io);
    case 'sign':
      return keysSignCommand(rest, io);
    case '--help':
    case '-h':
    case 'help':
      io.out(say(io, USAGE));
      return EXIT.ok;
    case undefined:
      io.err(say(io, USAGE));
      return EXIT.badInput;
    default:
      throw new CliInputError(
        text(
          `keys：没有子命令「${sub}」。可用：generate、convert、match、sign。`,
          `keys: there is no subcommand "${sub}". Available: generate, convert, match, sign.`,
        ),
      );
  }
}

function refusedOverwrite(error: unknown): never {
  if (error instanceof KeyFileExistsError) {
    throw new CliInputError(
      text(
        `${error.path} 已经存在，不会覆盖（旧密钥可能是唯一的一份）。请换一个 --out，或先把旧文件移走。`,
        `${error.path} already exists and is not overwritten (the old key may be the only copy). Choose another --out, or move the old file away first.`,
      ),
    );
  }
  throw error;
}

async function keysGenerate(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, bits: { type: 'string', default: '2048' } },
    strict: true,
  });
  if (!values.out) {
    throw new CliInputError(text('缺少参数：--out <目录>。', 'Missing option: --out <DIR>.'));
  }
  const bits = Number(values.bits) as KeyBits;
  if (!KEY_BITS.includes(bits)) {
    throw new CliInputError(
      text(
        `--bits：只能是 2048 或 4096，不是「${values.bits}」。`,
        `--bits: 2048 or 4096, not "${values.bits}".`,
      ),
    );
  }
  const pair = await generateMerchantKeyPair(bits);
  const paths = await writeKeyPairFiles(resolve(values.out), pair).catch(refusedOverwrite);
  io.out(
    say(
      io,
      text(
        `私钥（只有你能读，不要发给任何人）：${paths.privatePath}`,
        `Private key (only you can read it; never send it to anyone): ${paths.privatePath}`,
      ),
    ),
  );
  io.out(say(io, text(`公钥：${paths.publicPath}`, `Public key: ${paths.publicPath}`)));
  io.out(
    say(
      io,
      text(
        `一行公钥（粘贴到平台商家后台的「应用公钥」处）：${paths.oneLinePath}`,
        `One-line public key (paste it where the platform’s back office asks for the application public key): ${paths.oneLinePath}`,
      ),
    ),
  );
  io.out(say(io, text(`公钥指纹：${pair.fingerprint}`, `Public key fingerprint: ${pair.fingerprint}`)));
  return EXIT.ok;
}

async function keysConvert(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      to: { type: 'string' },
      out: { type: 'string' },
      'passphrase-file': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const input = positionals[0];
  if (!input || positionals.length > 1 || !values.to || !values.out) {
    throw new CliInputError(
      text(
        '用法：keys convert 密钥文件 --to pkcs1|pkcs8|one-line --out 新文件',
        'Usage: keys convert KEYFILE --to pkcs1|pkcs8|one-line --out NEWFILE',
      ),
    );
  }
  if (!KEY_FORMATS.includes(values.to as KeyFormat)) {
    throw new CliInputError(
      text(
        `--to：只能是 pkcs1、pkcs8 或 one-line，不是「${values.to}」。`,
        `--to: pkcs1, pkcs8 or one-line, not "${values.to}".`,
      ),
    );
  }
  const key = await readKeyFile(input, input, values['passphrase-file']);
  const converted = exportKey(key, values.to as KeyFormat);
  const body = converted.endsWith('\n') ? converted : `${converted}\n`;
  await writeNewFile(resolve(values.out), body, key.kind === 'private').catch(refusedOverwrite);
  const kind = key.kind === 'private' ? text('私钥', 'private key') : text('公钥', 'public key');
  io.out(
    say(
      io,
      text(
        `已把${kind['zh-CN']}从 ${key.format} 转为 ${values.to}（${key.bits} 位）：${resolve(values.out)}${key.kind === 'private' ? '（不加密，仅自己可读）' : ''}`,
        `Converted the ${kind['en-US']} from ${key.format} to ${values.to} (${key.bits} bits): ${resolve(values.out)}${key.kind === 'private' ? ' (unencrypted, owner-only)' : ''}`,
      ),
    ),
  );
  return EXIT.ok;
}
