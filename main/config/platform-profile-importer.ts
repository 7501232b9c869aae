import { createPublicKey, X509Certificate } from 'node:crypto';
import type { ConfigIssue, PlatformImportResult } from '../../shared/config/import-result';
import { PlatformProfileSchema, type PlatformProfile } from '../../shared/config/platform-profile';
import { capitalize, makeIssue, PROFILE_DOCUMENT } from './config-issue';
import {
  displayFileName,
  finishWarnings,
  importDocumentBytes,
  internalIssue,
  readDocumentFile,
  type DocumentSpec,
} from './config-document';
import { PROFILE_FIELDS } from './field-catalog';
import { canonicalPem, inspectPem } from './pem-blocks';
import { locate, type SchemaContext } from './schema-issues';

/**
 * platform.json → a validated profile, or why not. Beyond the schema it refuses what would only fail
 * later and less clearly: the template's placeholder addresses and key, a public key that does not
 * parse or is not RSA, CA certificates that do not parse. Never throws.
 */

const PROFILE_SPEC: DocumentSpec<typeof PlatformProfileSchema> = {
  doc: PROFILE_DOCUMENT,
  catalog: PROFILE_FIELDS,
  schema: PlatformProfileSchema,
  privateKeyAt: null,
  misplacedKeyText: (segments) =>
    segments.length === 1 && segments[0] === 'platformPublicKey'
      ? {
          code: 'PROFILE_PUBLIC_KEY_IS_PRIVATE',
          zh: '「平台公钥」(platformPublicKey) 里放的是一把私钥。这里需要平台提供的公钥（以 -----BEGIN PUBLIC KEY----- 开头）；私钥不要放进 platform.json，也不要发给任何人。',
          en: 'platformPublicKey holds a private key. It needs the public key the platform provides (starting with -----BEGIN PUBLIC KEY-----); never put a private key in platform.json or send it to anyone.',
        }
      : null,
};

export async function loadPlatformProfileFile(path: string): Promise<PlatformImportResult> {
  try {
    const read = await readDocumentFile(path, PROFILE_DOCUMENT);
    if (!read.ok) return read;
    return parsePlatformProfile(read.bytes, read.file);
  } catch {
    return { ok: false, errors: [internalIssue(displayFileName(String(path), PROFILE_DOCUMENT))] };
  }
}

export function parsePlatformProfile(bytes: Uint8Array, fileName: string): PlatformImportResult {
  const file = displayFileName(fileName, PROFILE_DOCUMENT);
  try {
    const doc = importDocumentBytes(bytes, file, PROFILE_SPEC);
    if (!doc.ok) return doc;
    const errors: ConfigIssue[] = [];
    const warnings: ConfigIssue[] = [...doc.warnings];
    checkPlaceholderUrls(doc.context, doc.value, errors);
    checkPublicKey(doc.context, doc.value.platformPublicKey, errors);
    checkCaCertificates(doc.context, doc.value.extraCaCertificates, errors, warnings);
    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, value: doc.value, warnings: finishWarnings(warnings, file) };
  } catch {
    return { ok: false, errors: [internalIssue(file)] };
  }
}

/**
 * For a profile built in memory (the sandbox's): the same checks, with positions in its JSON form.
 * `sourceName` is what messages call it, e.g. "sandbox".
 */
export function checkPlatformProfileValue(value: unknown, sourceName: string): PlatformImportResult {
  let text: string | undefined;
  try {
    text = JSON.stringify(value, null, 2);
  } catch {
    text = undefined;
  }
  if (text === undefined)
    return { ok: false, errors: [internalIssue(displayFileName(sourceName, PROFILE_DOCUMENT))] };
  return parsePlatformProfile(new TextEncoder().encode(text), sourceName);
}

const URL_FIELDS = ['gatewayUrl', 'cashierOrigin', 'supportApiUrl'] as const;

/** The shipped template's hosts, and the RFC 2606 example domains: never a real platform. */
function isPlaceholderHost(host: string): boolean {
  return /(^|\.)example(-platform)?\.(cn|com|net|org)$/i.test(host) || /(^|\.)example$/i.test(host);
}

function checkPlaceholderUrls(ctx: SchemaContext, profile: PlatformProfile, errors: ConfigIssue[]): void {
  for (const field of URL_FIELDS) {
    let host: string;
    try {
      host = new URL(profile[field]).hostname;
    } catch {
      continue; // The schema already vouched for it; nothing more to say.
    }
    if (!isPlaceholderHost(host)) continue;
    errors.push(
      makeIssue({
        file: ctx.file,
        field: `$.${field}`,
        position: locate(ctx, [field]),
        code: 'PROFILE_PLACEHOLDER_URL',
        zh: `「${PROFILE_FIELDS[field]?.zh ?? field}」还是模板里的示例地址（${host}），不是真实的平台地址。请向平台客户经理索取正式的 platform.json，或让客户经理把真实地址填进来。`,
        en: `${capitalize(PROFILE_FIELDS[field]?.en ?? field)} is still the template's example address (${host}), not the real platform's. Ask your platform account manager for the real platform.json, or have them fill in the real address.`,
      }),
    );
  }
}

function checkPublicKey(ctx: SchemaContext, pemText: string, errors: ConfigIssue[]): void {
  const base = { file: ctx.file, field: '$.platformPublicKey', position: locate(ctx, ['platformPublicKey']) };
  const pem = inspectPem(pemText);
  const block = pem.blocks.find((b) => b.label === 'PUBLIC KEY');
  let type: string | undefined;
  try {
    if (!block || pem.blocks.length !== 1 || block.bodyHasJunk)
      throw new Error('not a single public key block');
    type = createPublicKey({ key: canonicalPem(block), format: 'pem' }).asymmetricKeyType;
  } catch {
    // Only a key that does not parse can be the template's placeholder (base64 may spell anything).
    errors.push(
      /REPLACE|PLACEHOLDER|替换|示例/i.test(pemText)
        ? makeIssue({
            ...base,
            code: 'PROFILE_PLACEHOLDER_KEY',
            zh: '「平台公钥」还是模板里的占位内容，不是真实的平台公钥，无法验证平台的应答。请向平台客户经理索取平台公钥（以 -----BEGIN PUBLIC KEY----- 开头），填进 platform.json。',
            en: "platformPublicKey is still the template's placeholder, not the platform's real public key, so the platform's answers cannot be verified. Ask your platform account manager for the platform public key (starting with -----BEGIN PUBLIC KEY-----) and put it in platform.json.",
          })
        : makeIssue({
            ...base,
            code: 'PROFILE_PUBLIC_KEY_INVALID',
            zh: '「平台公钥」的内容不完整或已损坏（或者里面不止一段 PEM），无法读取。请向平台客户经理重新索取平台公钥，完整复制从 -----BEGIN PUBLIC KEY----- 到 -----END PUBLIC KEY----- 的全部内容。',
            en: 'platformPublicKey is incomplete or damaged (or holds more than one PEM block) and cannot be read. Ask your platform account manager for the public key again and copy everything from -----BEGIN PUBLIC KEY----- to -----END PUBLIC KEY-----.',
          }),
    );
    return;
  }
  if (type !== 'rsa') {
    errors.push(
      makeIssue({
        ...base,
        code: 'PROFILE_PUBLIC_KEY_NOT_RSA',
        zh: `「平台公钥」是 ${type ?? '未知'} 类型的公钥，平台的应答签名（SHA256withRSA）需要 RSA 公钥。请向平台客户经理确认并重新索取平台公钥。`,
        en: `platformPublicKey is a ${type ?? 'unknown'} key, but the platform signs its answers with SHA256withRSA, which needs an RSA public key. Please check with your platform account manager and get the public key again.`,
      }),
    );
  }
}

function checkCaCertificates(
  ctx: SchemaContext,
  certificates: readonly string[],
  errors: ConfigIssue[],
  warnings: ConfigIssue[],
): void {
  certificates.forEach((pemText, index) => {
    const base = {
      file: ctx.file,
      field: `$.extraCaCertificates[${index}]`,
      position: locate(ctx, ['extraCaCertificates', index]),
    };
    const n = index + 1;
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(pemText);
    } catch {
      errors.push(
        makeIssue({
          ...base,
          code: 'PROFILE_CA_INVALID',
          zh: `第 ${n} 个额外信任的根证书（extraCaCertificates）内容不完整或已损坏，无法读取。请向提供它的人（平台客户经理或公司网管）重新索取。`,
          en: `Extra trusted root certificate no. ${n} (extraCaCertificates) is incomplete or damaged and cannot be read. Ask whoever provided it (your platform account manager or IT) for it again.`,
        }),
      );
      return;
    }
    if (Date.parse(cert.validTo) < Date.now()) {
      warnings.push(
        makeIssue({
          ...base,
          code: 'PROFILE_CA_EXPIRED',
          severity: 'warning',
          zh: `第 ${n} 个额外信任的根证书已于 ${cert.validTo} 过期，依赖它的连接会失败。请向提供它的人索取新证书。`,
          en: `Extra trusted root certificate no. ${n} expired on ${cert.validTo}; connections that rely on it will fail. Ask whoever provided it for a new one.`,
        }),
      );
    }
    if (!cert.ca) {
      warnings.push(
        makeIssue({
          ...base,
          code: 'PROFILE_CA_NOT_CA',
          severity: 'warning',
          zh: `第 ${n} 个额外信任的证书不是根证书（CA），放在这里通常不起作用。请确认拿到的是根证书。`,
          en: `Extra trusted certificate no. ${n} is not a CA (root) certificate, so it usually has no effect here. Check that you were given the root certificate.`,
        }),
      );
    }
  });
}
