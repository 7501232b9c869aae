import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { writeBundle, type WrittenBundle } from '../../../main/bundle';
import type { IntakeTarget } from '../../../main/outbox';
import { buildReport, reportApp } from '../../../main/report';
import type { Sandbox } from '../../../main/sandbox';

export const intakeOf = (sandbox: Sandbox): IntakeTarget => ({
  supportApiUrl: sandbox.profile.supportApiUrl,
  extraCaCertificates: sandbox.profile.extraCaCertificates,
  merchantNo: sandbox.store.merchantNo,
  privateKeyPem: sandbox.merchantPrivateKeyPem,
  platformPublicKey: sandbox.profile.platformPublicKey,
});

/**
 * A bundle for the sandbox merchant. `harBytes` of incompressible filler makes the upload take a while
 * (so a kill can land in the middle of it).
 */
export async function sandboxBundle(
  sandbox: Pick<Sandbox, 'store'>,
  dir: string,
  options: { harBytes?: number; merchantNo?: string } = {},
): Promise<WrittenBundle> {
  const draft = buildReport({
    merchantNo: options.merchantNo ?? sandbox.store.merchantNo,
    symptom: {
      category: 'PAYMENT_FAILED_MESSAGE',
      description: '支付失败，请稍后再试',
      firstSeen: null,
      frequency: 'OFTEN',
    },
    app: reportApp('zh-CN'),
    environment: {},
  });
  const filler = options.harBytes ?? 0;
  const har = {
    log: {
      version: '1.2' as const,
      creator: { name: 'test', version: '1' },
      pages: [],
      entries:
        filler > 0
          ? [
              {
                comment: randomBytes(Math.ceil(filler * 0.75))
                  .toString('base64')
                  .replace(/[+/=]/g, 'x'),
              },
            ]
          : [],
    },
  };
  return writeBundle({ ...draft, har: har as never, logs: [] }, join(dir, `${draft.report.report_id}.zip`), {
    workDir: dir,
  });
}
