import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';
import type {
  ConfigIssue,
  ConfigIssueCode,
  KeyRefSummary,
  MerchantKeySummary,
} from '../../shared/config/import-result';
import { capitalize, makeIssue } from './config-issue';
import { formatBytes } from './file-problem-messages';
import { canonicalPem, inspectPem, type PemBlock } from './pem-blocks';
import { readBoundedFile } from './read-bounded-file';
import { looksSecret, replaceControlChars } from './safe-display';
import type { SourcePosition } from './source-position';
import { firstInvalidUtf8 } from './text-decoding';

/**
 * key.parse: reads the merchant private key (inline PEM or a file next to store.json), tells apart
 * every way it commonly goes wrong, and reports its format and size. No message ever contains any of
 * the key: only labels, line numbers, sizes and the path.
 */

export type MerchantKeyRef = string | { file: string };

/** A real key file is a few KB; anything bigger is the wrong file. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/** Where the key was referenced, so issues point at store.json's line for merchantPrivateKey. */
export interface KeyIssueContext {
  /** Display name of store.json. */
  file: string;
  position?: SourcePosition;
}

export type MerchantKeyResult =
  | { ok: true; pem: string; summary: MerchantKeySummary; warnings: ConfigIssue[]; source: KeyRefSummary }
  | { ok: false; errors: ConfigIssue[]; source: KeyRefSummary };

interface Where {
  inline: boolean;
  file: string;
  field: string;
  position?: SourcePosition;
  /** How the key is named in messages: «私钥文件 keys/a.pem» or «「商户私钥」里的内容». */
  zh: string;
  en: string;
}

export async function loadMerchantKey(
  ref: MerchantKeyRef,
  baseDir: string | null,
  context: KeyIssueContext = { file: 'store.json' },
): Promise<MerchantKeyResult> {
  if (typeof ref === 'string') {
    const where: Where = {
      inline: true,
      file: context.file,
      field: '$.merchantPrivateKey',
      ...(context.position ? { position: context.position } : {}),
      zh: '「商户私钥」(merchantPrivateKey) 里的内容',
      en: 'the merchantPrivateKey text',
    };
    return finish(parseKeyText(ref, where), { source: 'inline' });
  }

  const written = typeof ref?.file === 'string' ? ref.file : '';
  const resolvedPath = isAbsolute(written) ? written : baseDir ? resolve(baseDir, written) : null;
  const source: KeyRefSummary = { source: 'file', file: safePath(written), resolvedPath };
  const shown = safePath(written);
  const where: Where = {
    inline: false,
    file: context.file,
    field: '$.merchantPrivateKey.file',
    ...(context.position ? { position: context.position } : {}),
    // Trailing space: Chinese text puts a space between a Latin path and the next word.
    zh: `私钥文件 ${shown} `,
    en: `the key file ${shown}`,
  };

  if (looksSecret(written)) {
    return fail(where, source, 'KEY_LOOKS_LIKE_PATH', {
      zh: '「私钥文件路径」(merchantPrivateKey.file) 里写的是私钥内容，而不是文件路径。请把私钥保存为 .pem 文件，这里只写它的路径，例如 "keys/merchant_private.pem"；或者直接把私钥写在 "merchantPrivateKey" 里。',
      en: 'merchantPrivateKey.file holds the key itself instead of a file path. Save the key as a .pem file and put only its path here, for example "keys/merchant_private.pem"; or put the key directly in "merchantPrivateKey".',
    });
  }
  if (resolvedPath === null) {
    return fail(where, source, 'KEY_FILE_BASE_UNKNOWN', {
      zh: `私钥写的是相对路径 ${shown}，但不知道 store.json 所在的文件夹，所以找不到它。请用“打开文件”选择 store.json（不要只粘贴内容），或改成完整路径。`,
      en: `The key is given as the relative path ${shown}, but the folder of store.json is unknown, so it cannot be found. Open store.json with "Open file" (rather than pasting its content), or use a full path.`,
    });
  }

  const read = await readBoundedFile(resolvedPath, MAX_KEY_FILE_BYTES);
  const quoted = JSON.stringify(resolvedPath);
  if (!read.ok) {
    const problem = read.problem;
    const hint = backslashHint(written);
    switch (problem.kind) {
      case 'not-found':
      case 'invalid-path':
        return fail(where, source, 'KEY_FILE_NOT_FOUND', {
          zh: `找不到私钥文件 ${shown}（按 store.json 所在的文件夹算，应在 ${quoted}）。请把私钥文件放到这个位置，或改正「私钥文件路径」(merchantPrivateKey.file)。${hint.zh}`,
          en: `The key file ${shown} was not found (counted from the folder of store.json, it should be at ${quoted}). Put the key file there, or correct merchantPrivateKey.file. ${hint.en}`,
        });
      case 'directory':
        return fail(where, source, 'KEY_FILE_IS_DIRECTORY', {
          zh: `${quoted} 是一个文件夹，不是私钥文件。请在路径里写上私钥文件的名字，例如 "keys/merchant_private.pem"。`,
          en: `${quoted} is a folder, not a key file. Put the key file's name in the path, for example "keys/merchant_private.pem".`,
        });
      case 'too-large':
        return fail(where, source, 'KEY_FILE_TOO_LARGE', {
          zh: `${where.zh}有 ${formatBytes(problem.bytes)}，私钥文件不会超过 ${formatBytes(MAX_KEY_FILE_BYTES)}，应该是指向了别的文件。请改正「私钥文件路径」。`,
          en: `${capitalize(where.en)} is ${formatBytes(problem.bytes)}; a key file is never over ${formatBytes(MAX_KEY_FILE_BYTES)}, so the path points at some other file. Please correct merchantPrivateKey.file.`,
        });
      case 'unreadable':
      case 'not-regular':
        return fail(where, source, 'KEY_FILE_UNREADABLE', {
          zh: `无法读取私钥文件 ${quoted}（${problem.kind === 'unreadable' ? problem.errno : '不是普通文件'}）。请检查你的电脑账户是否有权限打开它，或把它复制到 store.json 旁边的 keys 文件夹再试。`,
          en: `The key file ${quoted} cannot be read (${problem.kind === 'unreadable' ? problem.errno : 'not a regular file'}). Check that your computer account may open it, or copy it into a keys folder next to store.json and try again.`,
        });
    }
  }
  return finish(parseKeyBytes(read.bytes, where), source);
}

function finish(
  outcome:
    | { ok: true; pem: string; summary: MerchantKeySummary; warnings: ConfigIssue[] }
    | { ok: false; errors: ConfigIssue[] },
  source: KeyRefSummary,
): MerchantKeyResult {
  return { ...outcome, source };
}

type ParseOutcome =
  | { ok: true; pem: string; summary: MerchantKeySummary; warnings: ConfigIssue[] }
  | { ok: false; errors: ConfigIssue[] };

function parseKeyBytes(bytes: Uint8Array, where: Where): ParseOutcome {
  if (bytes.length === 0) return failParse(where, 'KEY_EMPTY', emptyText(where));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return failParse(where, 'KEY_BOM', bomText(where));
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return failParse(where, 'KEY_ENCODING', {
      zh: `${where.zh}是用 UTF-16（记事本里叫 “Unicode”）保存的，签名程序读不了。请用记事本打开，“另存为”时编码选“UTF-8”。`,
      en: `${capitalize(where.en)} was saved as UTF-16 (Notepad's "Unicode"), which signing tools cannot read. Open it in Notepad and "Save As" with Encoding "UTF-8".`,
    });
  }
  // DER: an ASN.1 SEQUENCE with a long-form length, the binary twin of PEM.
  if (bytes[0] === 0x30 && (bytes[1] === 0x82 || bytes[1] === 0x81)) {
    return failParse(where, 'KEY_BINARY', {
      zh: `${where.zh}是二进制（DER）格式，这里需要 PEM 文字格式（以 -----BEGIN PRIVATE KEY----- 开头）。请用密钥工具导出 PEM 格式，或运行 openssl pkey -inform DER -in 私钥.der -out 私钥.pem 转换。`,
      en: `${capitalize(where.en)} is in binary (DER) form; PEM text is needed (starting with -----BEGIN PRIVATE KEY-----). Export PEM from your key tool, or convert with: openssl pkey -inform DER -in key.der -out key.pem`,
    });
  }
  if (bytes.includes(0)) {
    return failParse(where, 'KEY_BINARY', {
      zh: `${where.zh}不是文字文件，不可能是 PEM 私钥。请确认路径指向的是私钥文件（通常叫 xxx_private.pem 或 xxx.key）。`,
      en: `${capitalize(where.en)} is not a text file, so it cannot be a PEM private key. Check that the path points at the key file (usually named like xxx_private.pem or xxx.key).`,
    });
  }
  if (firstInvalidUtf8(bytes) >= 0) {
    return failParse(where, 'KEY_ENCODING', {
      zh: `${where.zh}里有不是 UTF-8 的文字（私钥文件应只有英文字母、数字和 -----BEGIN/END----- 行）。请重新从密钥工具导出私钥文件。`,
      en: `${capitalize(where.en)} contains text that is not UTF-8 (a key file holds only letters, digits and the -----BEGIN/END----- lines). Export the key file again from your key tool.`,
    });
  }
  return parseKeyText(new TextDecoder('utf-8').decode(bytes), where);
}

/** Parses PEM text already in memory (the inline form, or a decoded key file). */
function parseKeyText(text: string, where: Where): ParseOutcome {
  if (text.startsWith('\ufeff')) return failParse(where, 'KEY_BOM', bomText(where));
  if (text.trim() === '') return failParse(where, 'KEY_EMPTY', emptyText(where));
  const pem = inspectPem(text);

  if (pem.blocks.length === 0 && !pem.unterminated) return notPem(text, where);
  if (pem.blocks.length > 1) {
    const labels = pem.blocks.map((b) => b.label).filter((l) => /^[A-Z0-9 ]{1,40}$/.test(l));
    return failParse(where, 'KEY_MULTIPLE_BLOCKS', {
      zh: `${where.zh}里有 ${pem.blocks.length} 段 PEM 内容（${labels.join('、')}），例如私钥和证书放在了一起。请只保留私钥那一段（从 -----BEGIN … PRIVATE KEY----- 到 -----END … PRIVATE KEY-----）。`,
      en: `${capitalize(where.en)} holds ${pem.blocks.length} PEM blocks (${labels.join(', ')}), for example a key and a certificate together. Keep only the private key block (from -----BEGIN … PRIVATE KEY----- to -----END … PRIVATE KEY-----).`,
    });
  }
  const block = pem.blocks[0];
  if (!block) {
    return failParse(where, 'KEY_CORRUPT', {
      zh: `${where.zh}缺少结尾的 -----END … PRIVATE KEY----- 行（或开头、结尾两行的类型不一致），可能复制时少了最后几行。请重新从密钥工具导出私钥，不要手动复制。`,
      en: `${capitalize(where.en)} is missing its closing -----END … PRIVATE KEY----- line (or its first and last lines do not match); the last lines may have been lost while copying. Export the key again from your key tool rather than copying it by hand.`,
    });
  }

  const labelProblem = checkLabel(block, where);
  if (labelProblem) return labelProblem;

  if (pem.junkLine !== null || pem.unterminated) {
    const line = pem.junkLine ?? block.beginLine;
    const position =
      pem.junkPosition === 'after' ? { zh: '之后', en: 'after' } : { zh: '之前', en: 'before' };
    const marker = pem.junkPosition === 'after' ? '-----END' : '-----BEGIN';
    return failParse(where, 'KEY_JUNK', {
      zh: `${where.zh}在 ${marker} 这一行${position.zh}还有多余的文字（第 ${line} 行）。签名程序只认从 -----BEGIN 到 -----END 的部分，请删掉其余内容后保存。`,
      en: `${capitalize(where.en)} has extra text ${position.en} the ${marker} line (line ${line}). Signing tools accept only the part from -----BEGIN to -----END; delete everything else and save.`,
    });
  }

  if (block.bodyHasJunk || !/^[A-Za-z0-9+/]+={0,2}$/.test(block.body) || block.body.length % 4 !== 0) {
    return failParse(where, 'KEY_CORRUPT', corruptText(where));
  }

  let key: KeyObject;
  try {
    key = createPrivateKey({ key: canonicalPem(block), format: 'pem' });
  } catch {
    // OpenSSL's message is not shown: it says nothing a shop owner can use.
    return failParse(where, 'KEY_CORRUPT', corruptText(where));
  }

  const algorithm = key.asymmetricKeyType;
  if (algorithm !== 'rsa') return failParse(where, 'KEY_NOT_RSA', notRsaText(where, key));

  const format = block.label === 'RSA PRIVATE KEY' ? 'pkcs1' : 'pkcs8';
  const modulusBits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const summary: MerchantKeySummary = {
    algorithm: 'rsa',
    format,
    modulusBits,
    publicKeyFingerprint: `SHA256:${createHash('sha256').update(spki).digest('base64')}`,
  };

  const warnings: ConfigIssue[] = [];
  if (pem.escapedNewlines) {
    warnings.push(
      keyIssue(where, 'KEY_ESCAPED_NEWLINES', 'warning', {
        zh: `${where.zh}里的换行被写成了文字「\\n」（多转义了一次）。本程序已按换行处理；别的工具可能不认，建议改用 { "file": "私钥文件.pem" }。`,
        en: `${capitalize(where.en)} has its line breaks written as the characters "\\n" (escaped twice). They were read as line breaks; other tools may not accept this, so consider { "file": "your-key.pem" } instead.`,
      }),
    );
  }
  if (format === 'pkcs1') {
    warnings.push(
      keyIssue(where, 'KEY_PKCS1', 'warning', {
        zh: `私钥是 PKCS#1 格式（-----BEGIN RSA PRIVATE KEY-----），可以正常使用。平台推荐 PKCS#8 格式；如果别的工具读不了，可以运行 openssl pkcs8 -topk8 -nocrypt -in 私钥.pem -out 私钥_pkcs8.pem 转换。`,
        en: 'The key is in PKCS#1 format (-----BEGIN RSA PRIVATE KEY-----) and works. The platform recommends PKCS#8; if another tool cannot read it, convert with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key_pkcs8.pem',
      }),
    );
  }
  if (modulusBits < 2048) {
    warnings.push(
      keyIssue(where, 'KEY_WEAK', 'warning', {
        zh: `私钥只有 ${modulusBits} 位，平台要求 RSA 私钥至少 2048 位，签名可能被拒绝。请生成新的 2048 位 RSA 密钥，并把新的公钥上传到商家后台。`,
        en: `The key is only ${modulusBits} bits; the platform requires RSA keys of at least 2048 bits and may reject signatures. Generate a new 2048-bit RSA key pair and upload the new public key to the platform backend.`,
      }),
    );
  }
  const exported = key.export({ type: format, format: 'pem' });
  return {
    ok: true,
    pem: typeof exported === 'string' ? exported : exported.toString('utf8'),
    summary,
    warnings,
  };
}

function checkLabel(block: PemBlock, where: Where): ParseOutcome | null {
  const label = block.label;
  if (label === 'ENCRYPTED PRIVATE KEY' || block.headers.some((h) => /^Proc-Type:.*ENCRYPTED/i.test(h))) {
    return failParse(where, 'KEY_ENCRYPTED', {
      zh: `${where.zh}设置了密码（是加密的私钥），诊断工具和支付平台的签名都不能使用加密私钥。请用密钥工具导出不加密的私钥，或运行 openssl pkey -in 加密私钥.pem -out 私钥.pem（会要求输入密码）。`,
      en: `${capitalize(where.en)} is protected by a password (an encrypted key), which neither this tool nor the platform's signing can use. Export an unencrypted key from your key tool, or run: openssl pkey -in encrypted.pem -out key.pem (it asks for the password).`,
    });
  }
  if (
    label === 'PRIVATE KEY' ||
    label === 'RSA PRIVATE KEY' ||
    label === 'EC PRIVATE KEY' ||
    label === 'DSA PRIVATE KEY'
  ) {
    return null; // EC and DSA parse below, so the message can name the curve.
  }
  if (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY' || label === 'SSH2 PUBLIC KEY') {
    return failParse(where, 'KEY_IS_PUBLIC', {
      zh: `${where.zh}是一把公钥，不是私钥。签名需要商户私钥（以 -----BEGIN PRIVATE KEY----- 或 -----BEGIN RSA PRIVATE KEY----- 开头）。公钥是上传给平台的那一半；私钥是生成密钥时保存在你电脑上的另一个文件。`,
      en: `${capitalize(where.en)} is a public key, not a private key. Signing needs the merchant private key (starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----). The public key is the half uploaded to the platform; the private key is the other file saved on your computer when the keys were generated.`,
    });
  }
  if (/CERTIFICATE/.test(label)) {
    return failParse(where, 'KEY_IS_CERTIFICATE', {
      zh: `${where.zh}是一个证书（或证书请求），不是私钥。请选择生成密钥时保存的私钥文件（以 -----BEGIN PRIVATE KEY----- 或 -----BEGIN RSA PRIVATE KEY----- 开头）。`,
      en: `${capitalize(where.en)} is a certificate (or certificate request), not a private key. Pick the private key file saved when the keys were generated (starting with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----).`,
    });
  }
  if (label === 'OPENSSH PRIVATE KEY') {
    return failParse(where, 'KEY_UNSUPPORTED_FORMAT', {
      zh: `${where.zh}是 OpenSSH 格式的私钥，这里需要 PEM 格式（PKCS#8 或 PKCS#1）。请从密钥工具重新导出，或运行 ssh-keygen -p -m PKCS8 -f 私钥文件 转换（会直接改写该文件，请先备份）。`,
      en: `${capitalize(where.en)} is an OpenSSH-format key; PEM (PKCS#8 or PKCS#1) is needed. Export it again from your key tool, or convert with: ssh-keygen -p -m PKCS8 -f keyfile (this rewrites the file; back it up first).`,
    });
  }
  const shownLabel = /^[A-Z0-9 ]{1,40}$/.test(label) ? label : '?';
  return failParse(where, 'KEY_UNSUPPORTED_FORMAT', {
    zh: `${where.zh}的类型是「${shownLabel}」，不是 RSA 私钥。请选择以 -----BEGIN PRIVATE KEY----- 或 -----BEGIN RSA PRIVATE KEY----- 开头的私钥文件。`,
    en: `${capitalize(where.en)} is of type "${shownLabel}", not an RSA private key. Pick the key file that starts with -----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----.`,
  });
}

const KEY_TYPE_NAMES: Record<string, { zh: string; en: string }> = {
  ec: { zh: 'EC（椭圆曲线）', en: 'EC (elliptic curve)' },
  ed25519: { zh: 'Ed25519', en: 'Ed25519' },
  ed448: { zh: 'Ed448', en: 'Ed448' },
  x25519: { zh: 'X25519', en: 'X25519' },
  x448: { zh: 'X448', en: 'X448' },
  dsa: { zh: 'DSA', en: 'DSA' },
  dh: { zh: 'DH', en: 'DH' },
  'rsa-pss': { zh: 'RSA-PSS（RSA 的一种受限变体）', en: 'RSA-PSS (a restricted RSA variant)' },
};

function notRsaText(where: Where, key: KeyObject): { zh: string; en: string } {
  const type = key.asymmetricKeyType ?? 'unknown';
  const name = (Object.hasOwn(KEY_TYPE_NAMES, type) ? KEY_TYPE_NAMES[type] : undefined) ?? {
    zh: type,
    en: type,
  };
  const curve = key.asymmetricKeyDetails?.namedCurve;
  const zhCurve = curve ? `（曲线 ${curve}）` : '';
  const enCurve = curve ? `, curve ${curve}` : '';
  return {
    zh: `${where.zh}是 ${name.zh} 类型的私钥${zhCurve}，不是 RSA 私钥。白条的签名方式 RSA2 需要 RSA 私钥（2048 位）。请确认选的是在开放平台登记的那把 RSA 私钥。`,
    en: `${capitalize(where.en)} is a private key of type ${name.en}${enCurve}, not RSA. Baitiao's RSA2 signing needs an RSA private key (2048 bits). Check that this is the RSA key registered with the open platform.`,
  };
}

/** No PEM markers at all: a path written as a string, a bare base64 key, or something else. */
function notPem(text: string, where: Where): ParseOutcome {
  const trimmed = text.trim();
  const compact = trimmed.replace(/\s+/g, '');
  if (where.inline && /^[^\s{}"]{1,260}$/.test(trimmed) && /([\\/]|\.(pem|key|txt)$)/i.test(trimmed)) {
    const shown = safePath(trimmed);
    return failParse(where, 'KEY_LOOKS_LIKE_PATH', {
      zh: `「商户私钥」里写的像是一个文件路径（${shown}），而不是私钥内容。文件路径要写成 { "file": ${JSON.stringify(shown)} }。`,
      en: `merchantPrivateKey looks like a file path (${shown}) rather than the key itself. A path must be written as { "file": ${JSON.stringify(shown)} }.`,
    });
  }
  if (compact.length >= 100 && /^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    const pkcs1 = /^MII[A-Za-z0-9+/]{5}AAK/.test(compact);
    const label = pkcs1 ? 'RSA PRIVATE KEY' : 'PRIVATE KEY';
    return failParse(where, 'KEY_BARE_BASE64', {
      zh: `${where.zh}只有一长串字母和数字，缺少开头的 -----BEGIN ${label}----- 和结尾的 -----END ${label}----- 两行。请在私钥前后各加上这一行（各占一行），或从密钥工具导出 PEM 格式的私钥文件。`,
      en: `${capitalize(where.en)} is only a long run of letters and digits, without the -----BEGIN ${label}----- line before it and the -----END ${label}----- line after it. Add those two lines (each on its own line), or export a PEM key file from your key tool.`,
    });
  }
  return failParse(where, 'KEY_NOT_PEM', {
    zh: `${where.zh}不是 PEM 格式的私钥。私钥应以 -----BEGIN PRIVATE KEY-----（或 -----BEGIN RSA PRIVATE KEY-----）开头，以对应的 -----END … 行结尾。请重新从密钥工具导出私钥。`,
    en: `${capitalize(where.en)} is not a PEM private key. A key starts with -----BEGIN PRIVATE KEY----- (or -----BEGIN RSA PRIVATE KEY-----) and ends with the matching -----END … line. Export the key again from your key tool.`,
  });
}

function emptyText(where: Where): { zh: string; en: string } {
  return {
    zh: `${where.zh}是空的。请重新从密钥工具导出私钥。`,
    en: `${capitalize(where.en)} is empty. Export the private key again from your key tool.`,
  };
}

function bomText(where: Where): { zh: string; en: string } {
  return {
    zh: `${where.zh}开头有一个看不见的 BOM 标记（记事本“UTF-8 带 BOM”保存时会加上），签名程序会因此读不出私钥。请用记事本打开，“另存为”时编码选“UTF-8”（不带 BOM）后保存。`,
    en: `${capitalize(where.en)} starts with an invisible BOM mark (Notepad adds it with "UTF-8 with BOM"), which stops signing tools from reading the key. Open it in Notepad and "Save As" with Encoding "UTF-8" (without BOM).`,
  };
}

function corruptText(where: Where): { zh: string; en: string } {
  return {
    zh: `${where.zh}的内容不完整或已损坏（可能复制时少了字符、多了空格或混入了其他文字）。请重新从密钥工具导出私钥文件，不要手动复制粘贴。`,
    en: `${capitalize(where.en)} is incomplete or damaged (characters may have been lost or added while copying). Export the key file again from your key tool rather than copying it by hand.`,
  };
}

/** Windows paths written with single backslashes turn into \n, \t... once JSON reads them. */
function backslashHint(path: string): { zh: string; en: string } {
  if (!/[\b\f\n\r\t]/.test(path)) return { zh: '', en: '' };
  return {
    zh: '路径里的「\\」在 JSON 里有特殊含义，被当成了别的字符：请把每个「\\」写成两个「\\\\」，或改用「/」，例如 "C:/keys/merchant_private.pem"。',
    en: 'The "\\" in the path has a special meaning in JSON and was read as another character: write each "\\" as "\\\\", or use "/", for example "C:/keys/merchant_private.pem".',
  };
}

/** A path as written, safe to show: printable and short. Paths are not secret; keys are kept out. */
function safePath(path: string): string {
  if (looksSecret(path)) return '…';
  const printable = replaceControlChars(path, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return printable.length > 200 ? `…${printable.slice(-199)}` : printable;
}

function keyIssue(
  where: Where,
  code: ConfigIssueCode,
  severity: 'error' | 'warning',
  text: { zh: string; en: string },
): ConfigIssue {
  return makeIssue({
    file: where.file,
    field: where.field,
    ...(where.position ? { position: where.position } : {}),
    code,
    severity,
    zh: text.zh,
    en: text.en,
  });
}

function failParse(where: Where, code: ConfigIssueCode, text: { zh: string; en: string }): ParseOutcome {
  return { ok: false, errors: [keyIssue(where, code, 'error', text)] };
}

function fail(
  where: Where,
  source: KeyRefSummary,
  code: ConfigIssueCode,
  text: { zh: string; en: string },
): MerchantKeyResult {
  return { ok: false, errors: [keyIssue(where, code, 'error', text)], source };
}
