import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { text } from '../../../shared/i18n/localized-text';
import type { OutboxItemView } from '../../../shared/report/outbox-view';
import { verifyBundle } from '../../bundle';
import { APP_IDENTITY } from '../../core/app-identity';
import { createOutbox } from '../../outbox';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';
import { formatIssue, loadStoreAndProfile } from '../config-input';

/**
 * The app's data folder, where Electron keeps it (userData), so the CLI and the app share one outbox.
 * BAITIAO_DOCTOR_DATA_DIR overrides it (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): string {
  if (env.BAITIAO_DOCTOR_DATA_DIR) return env.BAITIAO_DOCTOR_DATA_DIR;
  const home = env.HOME ?? homedir();
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_IDENTITY.productName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_IDENTITY.productName);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_IDENTITY.productName);
}

const STATE_TEXT: Record<OutboxItemView['state'], ReturnType<typeof text>> = {
  queued: text('排队中', 'queued'),
  'sending-report': text('正在提交报告', 'sending the report'),
  'uploading-bundle': text('正在上传诊断包', 'uploading the bundle'),
  delivered: text('已送达', 'delivered'),
  'failed-permanently': text('被拒绝', 'refused'),
};

/**
 * `submit`: queues the bundle in the outbox (durable before the first attempt), then delivers it with
 * retries until the intake accepts both the report and the bundle, or refuses them for good.
 * 0 delivered ({"ticket_id"} with --json), 1 refused or interrupted (it stays queued), 2 bad input.
 */
export async function submitCommand(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      bundle: { type: 'string' },
      store: { type: 'string' },
      platform: { type: 'string' },
      outbox: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.bundle) {
    throw new CliInputError(
      text('缺少参数：--bundle <诊断包.zip>。', 'Missing option: --bundle <bundle.zip>.'),
    );
  }
  const { store, profile } = await loadStoreAndProfile(io, values.store, values.platform);
  if (!store.keyPem) {
    const reasons = store.key.loaded ? [] : store.key.errors;
    throw new CliInputError(
      text(
        [
          '商户私钥未能读取，无法签名提交。',
          ...reasons.map((e) => formatIssue({ ...io, language: 'zh-CN' }, e)),
        ].join('\n'),
        [
          'The merchant private key could not be read, so nothing can be signed.',
          ...reasons.map((e) => formatIssue({ ...io, language: 'en-US' }, e)),
        ].join('\n'),
      ),
    );
  }
  const verification = await verifyBundle(values.bundle);
  if (!verification.ok || !verification.report) {
    const lines = (lang: 'zh-CN' | 'en-US') =>
      [`${values.bundle}:`, ...verification.problems.map((p) => `  [${p.code}] ${p.message[lang]}`)].join(
        '\n',
      );
    throw new CliInputError(text(lines('zh-CN'), lines('en-US')));
  }
  const report = verification.report.value;
  if (report.merchant_no !== store.value.merchantNo) {
    throw new CliInputError(
      text(
        `诊断包属于商户 ${report.merchant_no}，而 ${values.store} 是商户 ${store.value.merchantNo}。`,
        `The bundle is merchant ${report.merchant_no}'s, but ${values.store} is merchant ${store.value.merchantNo}'s.`,
      ),
    );
  }

  const dir = values.outbox ?? join(defaultDataDir(env), 'outbox');
  const outbox = createOutbox({
    dir,
    intake: {
      supportApiUrl: profile.supportApiUrl,
      extraCaCertificates: profile.extraCaCertificates,
      merchantNo: store.value.merchantNo,
      privateKeyPem: store.keyPem,
    },
  });
  try {
    let last = '';
    outbox.on((event) => {
      if (event.type !== 'item' || event.item.reportId !== report.report_id || values.json) return;
      const line = say(io, STATE_TEXT[event.item.state]);
      if (line !== last) io.err(`… ${line}`);
      last = line;
      if (event.item.lastError && event.item.state !== 'failed-permanently' && event.item.nextAttemptAt) {
        io.err(
          say(
            io,
            text(
              `  暂时失败（${event.item.lastError.status ?? event.item.lastError.code}），${event.item.nextAttemptAt} 重试`,
              `  temporary failure (${event.item.lastError.status ?? event.item.lastError.code}), retrying at ${event.item.nextAttemptAt}`,
            ),
          ),
        );
      }
    });
    await outbox.enqueue({ bundlePath: values.bundle });
    const [item] = await outbox.runUntilIdle({ reportIds: [report.report_id], signal: io.stopSignal });
    if (item?.state === 'delivered') {
      io.out(
        values.json
          ? JSON.stringify({ ticket_id: item.ticketId })
          : say(io, text(`已提交，工单号：${item.ticketId}`, `Submitted. Ticket: ${item.ticketId}`)),
      );
      return EXIT.ok;
    }
    if (item?.state === 'failed-permanently') {
      const f = item.failure;
      if (values.json) io.out(JSON.stringify({ ticket_id: item.ticketId, state: item.state, error: f }));
      io.err(
        say(
          io,
          text(
            `平台拒绝了这份报告（${f?.status ?? ''} ${f?.code ?? ''}）：${f?.message ?? ''}${f?.fields.length ? `；字段：${f.fields.join(', ')}` : ''}`,
            `The platform refused the report (${f?.status ?? ''} ${f?.code ?? ''}): ${f?.message ?? ''}${f?.fields.length ? `; fields: ${f.fields.join(', ')}` : ''}`,
          ),
        ),
      );
      return EXIT.problemFound;
    }
    if (values.json)
      io.out(JSON.stringify({ ticket_id: item?.ticketId ?? null, state: item?.state ?? null }));
    io.err(
      say(
        io,
        text(
          `已中断。报告仍在待发送队列（${dir}），再次运行本命令或打开应用会继续发送。`,
          `Interrupted. The report stays queued in ${dir}; run this again, or open the app, to carry on.`,
        ),
      ),
    );
    return EXIT.problemFound;
  } finally {
    outbox.close();
  }
}
