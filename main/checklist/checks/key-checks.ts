import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { text } from '../../../shared/i18n/localized-text';
import { firstDifference, publicKeyFingerprint } from '../../signing';
import type { CheckContext } from '../check-context';
import type { CheckDefinition } from '../engine';
import { noVerdict } from '../gateway-facts';

const CLOUD_SYNC_FOLDERS =
  /(onedrive|dropbox|icloud|google ?drive|百度网盘|baidunetdisk|坚果云|nutstore|wps云盘)/i;

function readKey(pem: string): { key: KeyObject; format: 'PKCS#8' | 'PKCS#1' } {
  const key = createPrivateKey(pem);
  return { key, format: pem.includes('BEGIN RSA PRIVATE KEY') ? 'PKCS#1' : 'PKCS#8' };
}

const keyParse: CheckDefinition<CheckContext> = {
  id: 'key.parse',
  async run(ctx) {
    const { pem, problem } = ctx.key;
    const remediation = text(
      '请从商家后台或密钥工具重新导出商户私钥（PEM 格式，以 -----BEGIN PRIVATE KEY----- 开头），保存为 UTF-8 文本文件，再重新导入。',
      'Export the merchant private key again from the merchant back office or key tool (PEM, starting with -----BEGIN PRIVATE KEY-----), save it as a UTF-8 text file and import it again.',
    );
    if (!pem) {
      return {
        status: 'fail',
        summary: problem ?? text('没有找到商户私钥。', 'No merchant private key was found.'),
        remediation,
      };
    }
    try {
      const { key, format } = readKey(pem);
      if (key.asymmetricKeyType !== 'rsa') {
        return {
          status: 'fail',
          summary: text(
            `私钥类型是 ${key.asymmetricKeyType}，RSA2 签名需要 RSA 私钥。`,
            `The key is ${key.asymmetricKeyType}; RSA2 signing needs an RSA key.`,
          ),
          remediation,
          evidence: { type: key.asymmetricKeyType },
        };
      }
      const evidence = { format, type: 'rsa', bits: key.asymmetricKeyDetails?.modulusLength };
      if (format === 'PKCS#1') {
        return {
          status: 'warn',
          summary: text(
            '私钥是 PKCS#1 格式（BEGIN RSA PRIVATE KEY），可以用。',
            'The key is PKCS#1 (BEGIN RSA PRIVATE KEY); it works.',
          ),
          remediation: text(
            '可以正常签名。有的平台工具只认 PKCS#8，需要时可转换格式。',
            'Signing works. Some platform tools only accept PKCS#8; convert it if one asks.',
          ),
          evidence,
        };
      }
      return {
        status: 'pass',
        summary: text(
          '私钥可以读取，格式正确。',
          'The key is readable and in the right format (PKCS#8, RSA).',
        ),
        evidence,
      };
    } catch (error) {
      return {
        status: 'fail',
        summary: text(
          '私钥内容无法识别（不是有效的 PEM，或混入了多余字符）。',
          'The key content is not recognised (not valid PEM, or extra characters).',
        ),
        remediation,
        evidence: { error: (error as Error).message.split('\n')[0] },
      };
    }
  },
};

const keyStrength: CheckDefinition<CheckContext> = {
  id: 'key.strength',
  dependsOn: ['key.parse'],
  async run(ctx) {
    const bits = readKey(ctx.key.pem!).key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits >= 2048)
      return {
        status: 'pass',
        summary: text(`私钥长度 ${bits} 位，足够安全。`, `Key length ${bits} bits: strong enough.`),
        evidence: { bits },
      };
    return {
      status: 'fail',
      summary: text(
        `私钥只有 ${bits} 位，平台要求至少 2048 位。`,
        `The key has only ${bits} bits; the platform requires at least 2048.`,
      ),
      remediation: text(
        '请在商家后台生成一对新的 2048 位 RSA 密钥，把公钥上传到平台，再导入新的私钥。',
        'Generate a new 2048-bit RSA key pair in the merchant back office, upload the public key to the platform, and import the new private key.',
      ),
      evidence: { bits },
    };
  },
};

const keyFilePermissions: CheckDefinition<CheckContext> = {
  id: 'key.file-permissions',
  dependsOn: ['key.parse'],
  async run(ctx) {
    const path = ctx.key.path;
    if (!path) {
      return {
        status: 'pass',
        summary: text(
          '私钥保存在本应用的加密存储里，不是单独的文件。',
          'The key is kept in this app’s encrypted store, not in a loose file.',
        ),
      };
    }
    if (CLOUD_SYNC_FOLDERS.test(path)) {
      return {
        status: 'warn',
        summary: text(
          '私钥文件放在网盘同步文件夹里，会被上传到云端。',
          'The key file is in a cloud-synced folder, so it is uploaded to the cloud.',
        ),
        remediation: text(
          '请把私钥文件移到本机不同步的文件夹（例如 文档\\密钥），再重新导入。',
          'Move the key file to a local folder that is not synced, then import it again.',
        ),
        evidence: { path },
      };
    }
    if (process.platform !== 'win32') {
      const mode = (await stat(path)).mode & 0o777;
      if (mode & 0o004) {
        return {
          status: 'fail',
          summary: text(
            '这台电脑上的其他用户都能读取私钥文件。',
            'Every user on this computer can read the key file.',
          ),
          remediation: text(
            `请只允许自己读取：在终端运行 chmod 600 "${path}"。`,
            `Make it readable by you only: run chmod 600 "${path}" in a terminal.`,
          ),
          evidence: { path, mode: mode.toString(8) },
        };
      }
      return {
        status: 'pass',
        summary: text('私钥文件只有自己能读。', 'Only you can read the key file.'),
        evidence: { path, mode: mode.toString(8) },
      };
    }
    return {
      status: 'pass',
      summary: text('私钥文件不在网盘同步文件夹里。', 'The key file is not in a cloud-synced folder.'),
      evidence: { path },
    };
  },
};

const keySignRoundtrip: CheckDefinition<CheckContext> = {
  id: 'key.sign-roundtrip',
  dependsOn: ['key.parse'],
  async run(ctx) {
    const a = await ctx.gateway.configQuery();
    const skip = noVerdict(a);
    if (skip || !a.ok) return skip!;
    const body = a.result.body!;
    if (body.code === '10000') {
      return {
        status: 'pass',
        summary: text('平台接受了我们的签名。', 'The platform accepted our signature.'),
        evidence: { elapsedMs: a.result.timing.totalMs },
      };
    }
    if (body.sub_code === 'isv.invalid-signature') {
      const ours = a.result.stringToSign;
      const theirs = String((body.data as { verify_string?: unknown } | null)?.verify_string ?? '');
      const at = firstDifference(ours, theirs);
      const same = at === -1;
      return {
        status: 'fail',
        summary: same
          ? text(
              '平台验签失败，但双方的待签名字符串完全相同：说明平台登记的公钥和这把私钥不是一对。',
              'The platform rejected the signature although both strings to sign are identical: the public key registered with the platform does not belong to this private key.',
            )
          : text(
              `平台验签失败：双方的待签名字符串从第 ${at + 1} 个字符起不同。`,
              `The platform rejected the signature: the strings to sign differ from character ${at + 1}.`,
            ),
        remediation: same
          ? text(
              '请在商家后台重新上传与这把私钥配对的公钥，或导入与已登记公钥配对的私钥。',
              'Upload the public key that pairs with this private key in the merchant back office, or import the private key that pairs with the registered one.',
            )
          : text(
              '请求在途中被改动了（常见原因：代理或安全软件改写了内容、字符集不是 UTF-8）。请关闭代理后重试，并确认字符集为 UTF-8。',
              'The request was changed on its way (often a proxy or security software rewriting it, or a charset other than UTF-8). Turn off the proxy and try again, and make sure the charset is UTF-8.',
            ),
        evidence: {
          ourStringToSign: ours,
          gatewayVerifyString: theirs,
          firstDifferenceAt: at,
          marked: same
            ? null
            : {
                ours: `${ours.slice(0, at)}⟦${ours.slice(at, at + 1)}⟧${ours.slice(at + 1)}`,
                theirs: `${theirs.slice(0, at)}⟦${theirs.slice(at, at + 1)}⟧${theirs.slice(at + 1)}`,
              },
        },
      };
    }
    if (body.sub_code === 'isv.invalid-app-id') {
      return {
        status: 'fail',
        summary: text(
          '平台不认识这个应用 ID，或它不属于这个商户号。',
          'The platform does not know this app id, or it belongs to another merchant number.',
        ),
        remediation: text(
          '请核对店铺设置里的应用 ID 和商户号，与商家后台显示的一致。',
          'Check that the App ID and merchant number in the store settings match what the merchant back office shows.',
        ),
        evidence: { code: body.code, sub_code: body.sub_code },
      };
    }
    return {
      status: 'skip',
      summary: text(
        `平台没有判断签名（${body.sub_code ?? body.code}），见其他检查项。`,
        `The platform did not judge the signature (${body.sub_code ?? body.code}); see the other checks.`,
      ),
      evidence: { code: body.code, sub_code: body.sub_code, httpStatus: a.result.httpStatus },
    };
  },
};

const keyMatchesPlatform: CheckDefinition<CheckContext> = {
  id: 'key.matches-platform',
  dependsOn: ['key.parse'],
  async run(ctx) {
    const registered = await ctx.gateway.merchantConfig();
    const ours = publicKeyFingerprint(
      createPublicKey(ctx.key.pem!).export({ type: 'spki', format: 'pem' }).toString(),
    );
    if (!registered) {
      const a = await ctx.gateway.configQuery();
      return (
        noVerdict(a) ?? {
          status: 'skip',
          summary: text(
            '没能查到平台登记的配置，无法比较。',
            'Could not read the registered configuration, so nothing to compare.',
          ),
          evidence: { ours },
        }
      );
    }
    const evidence = { ours, registered: registered.public_key_fingerprint };
    if (registered.public_key_fingerprint === ours) {
      return {
        status: 'pass',
        summary: text(
          '这把私钥和平台登记的公钥是一对。',
          'This private key pairs with the public key registered on the platform.',
        ),
        evidence,
      };
    }
    return {
      status: 'fail',
      summary: text(
        '这把私钥和平台登记的公钥不是一对。',
        'This private key does not pair with the public key registered on the platform.',
      ),
      remediation: text(
        '请在商家后台上传这把私钥对应的公钥，或换用正确的私钥文件。',
        'Upload the matching public key in the merchant back office, or use the right private key file.',
      ),
      evidence,
    };
  },
};

const keyPlatformResponse: CheckDefinition<CheckContext> = {
  id: 'key.platform-response',
  async run(ctx) {
    const a = await ctx.gateway.configQuery();
    const skip = noVerdict(a);
    if (skip || !a.ok) return skip!;
    const evidence = { signatureValid: a.result.signatureValid, httpStatus: a.result.httpStatus };
    if (a.result.signatureValid === true) {
      return {
        status: 'pass',
        summary: text(
          '平台的应答签名有效，确实来自平台。',
          'The platform’s answers are validly signed: they really come from the platform.',
        ),
        evidence,
      };
    }
    return {
      status: 'fail',
      summary: text(
        '平台应答的签名对不上：可能平台公钥配置错了，或者应答在途中被篡改。',
        'The platform’s answer signature does not verify: the platform public key in the profile may be wrong, or the answer was tampered with on the way.',
      ),
      remediation: text(
        '请向平台客户经理确认平台公钥，并检查是否有代理或安全软件改写网络内容。',
        'Confirm the platform public key with your account manager, and check for a proxy or security software rewriting traffic.',
      ),
      evidence,
    };
  },
};

export const keyChecks = [
  keyParse,
  keyStrength,
  keyFilePermissions,
  keySignRoundtrip,
  keyMatchesPlatform,
  keyPlatformResponse,
];
