import { createPrivateKey } from 'node:crypto';
import type { PlatformProfile } from '../../shared/config/platform-profile';
import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import { MerchantConfigDataSchema } from '../../shared/protocol/gateway';
import { createGatewayClient, GatewayCallError } from '../gateway-client';
import { fingerprintOf } from './key-formats';

/**
 * What the platform has registered for the merchant, asked the only way the protocol offers:
 * merchant.config.query → public_key_fingerprint (§3.3). The query itself is signed with the store's key,
 * so a platform that holds another key refuses it with isv.invalid-signature: that answer is itself a
 * "no, the platform has a different key", and is reported as such.
 */
export type RegisteredKeyAnswer =
  | { kind: 'same'; ours: string; registered: string }
  | { kind: 'different'; ours: string; registered: string }
  | { kind: 'signature-refused'; ours: string; verifyString: string | null }
  | { kind: 'unavailable'; ours: string; reason: LocalizedText };

export interface RegisteredKeyQuery {
  profile: Pick<PlatformProfile, 'gatewayUrl' | 'platformPublicKey' | 'extraCaCertificates'>;
  store: { appId: string; merchantNo: string; charset: string };
  privateKeyPem: string;
  timeoutMs?: number;
}

export async function compareWithRegisteredKey(query: RegisteredKeyQuery): Promise<RegisteredKeyAnswer> {
  const ours = fingerprintOf(createPrivateKey(query.privateKeyPem));
  const client = createGatewayClient({
    profile: query.profile,
    store: { ...query.store, privateKeyPem: query.privateKeyPem },
    ...(query.timeoutMs ? { timeoutMs: query.timeoutMs } : {}),
  });
  try {
    const answer = await client.call('merchant.config.query', {});
    const body = answer.body;
    if (answer.signatureValid !== true) {
      return {
        kind: 'unavailable',
        ours,
        reason: text(
          '平台的应答没有有效签名，不能相信它登记的公钥。请检查 platform.json 里的平台公钥。',
          'The platform’s answer is not validly signed, so what it says is registered cannot be trusted. Check the platform public key in platform.json.',
        ),
      };
    }
    if (body?.sub_code === 'isv.invalid-signature') {
      const data = body.data as { verify_string?: unknown } | null;
      return {
        kind: 'signature-refused',
        ours,
        verifyString: typeof data?.verify_string === 'string' ? data.verify_string : null,
      };
    }
    const config = body?.code === '10000' ? MerchantConfigDataSchema.safeParse(body.data) : null;
    if (!config?.success) {
      return {
        kind: 'unavailable',
        ours,
        reason: text(
          `平台没有给出登记的配置（${body ? `${body.code} ${body.sub_code ?? ''}`.trim() : `HTTP ${answer.httpStatus}`}）。`,
          `The platform did not return the registered configuration (${body ? `${body.code} ${body.sub_code ?? ''}`.trim() : `HTTP ${answer.httpStatus}`}).`,
        ),
      };
    }
    const registered = config.data.public_key_fingerprint;
    return { kind: registered === ours ? 'same' : 'different', ours, registered };
  } catch (error) {
    if (!(error instanceof GatewayCallError)) throw error;
    return {
      kind: 'unavailable',
      ours,
      reason: text(
        `连不上平台网关（${error.message}）。请检查网络和 platform.json 里的 gatewayUrl。`,
        `Could not reach the platform gateway (${error.message}). Check the network and gatewayUrl in platform.json.`,
      ),
    };
  } finally {
    client.close();
  }
}
