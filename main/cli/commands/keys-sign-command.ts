import { parseArgs } from 'node:util';
import { text } from '../../../shared/i18n/localized-text';
import { GATEWAY_METHODS, type GatewayMethod } from '../../../shared/protocol/gateway';
import { buildSignedRequest } from '../../gateway-client';
import { firstDifference } from '../../signing';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';
import { loadStoreAndProfile } from '../config-input';
import { readInputFile } from './keys-input';

/** How much of each string is shown either side of the first difference. */
const CONTEXT_CHARS = 24;

/**
 * `keys sign`: the exact §3.1 envelope we would send, its string to sign and signature. Nothing is sent.
 * With --compare, the string the gateway reported (verify_string, or from support) is set against ours
 * and the first differing character named: 0 when they are the same, 1 when not.
 */
export async function keysSignCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      store: { type: 'string' },
      platform: { type: 'string' },
      method: { type: 'string' },
      'biz-content': { type: 'string' },
      compare: { type: 'string' },
    },
    strict: true,
  });
  const method = GATEWAY_METHODS.find((m) => m === values.method);
  if (!method) {
    throw new CliInputError(
      text(
        `--method：${values.method ? `没有接口「${values.method}」` : '缺少接口名'}。可用：${GATEWAY_METHODS.join(', ')}`,
        `--method: ${values.method ? `there is no method "${values.method}"` : 'missing'}. Available: ${GATEWAY_METHODS.join(', ')}`,
      ),
    );
  }
  const bizContent = values['biz-content'] ?? '{}';
  try {
    JSON.parse(bizContent);
  } catch {
    throw new CliInputError(text('--biz-content：不是合法的 JSON。', '--biz-content: not valid JSON.'));
  }
  const compareWith =
    values.compare === undefined
      ? null
      : (await readInputFile(values.compare, '--compare')).replace(/\r?\n$/, '');
  // platform.json is read too: the same pair of files every store command takes, checked the same way.
  const { store } = await loadStoreAndProfile(io, values.store, values.platform);
  if (!store.key.loaded || store.keyPem === undefined) {
    throw new CliInputError(
      text(
        `${values.store}：没能读取商户私钥（见上面的说明），无法签名。`,
        `${values.store}: the merchant private key could not be read (see above), so nothing can be signed.`,
      ),
    );
  }
  const { requestFields, stringToSign } = buildSignedRequest(
    {
      appId: store.value.appId,
      merchantNo: store.value.merchantNo,
      charset: store.value.charset,
      method: method as GatewayMethod,
      // Sent and signed exactly as typed: re-serializing would change what the merchant asked about.
      bizContent,
      now: new Date(),
    },
    store.keyPem,
  );
  io.out(say(io, text('待签名字符串：', 'String to sign:')));
  io.out(stringToSign);
  io.out(say(io, text('签名（sign）：', 'Signature (sign):')));
  io.out(requestFields.sign);
  io.out(say(io, text('请求体：', 'Request body:')));
  io.out(JSON.stringify(requestFields));
  if (compareWith === null) return EXIT.ok;
  return printComparison(io, stringToSign, compareWith);
}

function printComparison(io: CliIo, ours: string, theirs: string): number {
  // Our string has this run's timestamp and nonce; only what comes from the store and the request is
  // comparable, so those two fields are lined up with the gateway's before looking for a difference.
  const aligned = alignVolatile(ours, theirs);
  const at = firstDifference(aligned, theirs);
  if (at === -1) {
    io.out(
      say(
        io,
        text(
          '与比较的字符串完全相同（时间戳和 nonce 除外）。',
          'Identical to the compared string (apart from timestamp and nonce).',
        ),
      ),
    );
    return EXIT.ok;
  }
  const show = (s: string) =>
    `${at > CONTEXT_CHARS ? '…' : ''}${s.slice(Math.max(0, at - CONTEXT_CHARS), at)}⟦${s.slice(at, at + 1) || '∅'}⟧${s.slice(at + 1, at + 1 + CONTEXT_CHARS)}`;
  io.out(
    say(
      io,
      text(
        `从第 ${at + 1} 个字符起不同（我们的「${describeChar(aligned, at, 'zh')}」，对方的「${describeChar(theirs, at, 'zh')}」）：`,
        `They differ from character ${at + 1} (ours ${describeChar(aligned, at, 'en')}, theirs ${describeChar(theirs, at, 'en')}):`,
      ),
    ),
  );
  io.out(`  ${say(io, text('我们：', 'ours:  '))}${show(aligned)}`);
  io.out(`  ${say(io, text('对方：', 'theirs:'))}${show(theirs)}`);
  return EXIT.problemFound;
}

function describeChar(s: string, at: number, language: 'zh' | 'en'): string {
  if (at >= s.length) return language === 'zh' ? '到此结束' : 'end of string';
  const code = s.codePointAt(at)!;
  return `${String.fromCodePoint(code)} U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Replaces our timestamp= and nonce= values with the compared string's, when it has them. */
function alignVolatile(ours: string, theirs: string): string {
  let aligned = ours;
  for (const field of ['timestamp', 'nonce']) {
    const pattern = new RegExp(`(^|&)${field}=([^&]*)`);
    const their = pattern.exec(theirs);
    if (their) aligned = aligned.replace(pattern, (_m, lead: string) => `${lead}${field}=${their[2]}`);
  }
  return aligned;
}
