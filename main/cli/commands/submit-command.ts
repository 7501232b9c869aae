import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { text } from '../../../shared/i18n/localized-text';
import { isUntrustedAnswerCode, type OutboxItemView } from '../../../shared/report/outbox-view';
import { verifyBundle } from '../../bundle';
import { APP_IDENTITY } from '../../model/app-identity';
import { diskErrorReason, isDiskError } from '../../kept-files';
import { createOutbox } from '../../outbox';
import { LOCAL_DAMAGE_CODES } from '../../outbox/item-parts';
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

/** Why an intake answer was not believed (§5), in the merchant's words. */
const UNTRUSTED_TEXT: Record<string, ReturnType<typeof text>> = {
  INTAKE_ANSWER_UNSIGNED: text(
    '自称平台客服的应答没有平台签名，不能相信：没有记下工单，也没有上传诊断包。',
    'The answer that claims to come from platform support carries no platform signature, so it was not believed: no ticket was recorded and nothing was uploaded.',
  ),
  INTAKE_SIGNATURE_INVALID: text(
    '自称平台客服的应答，签名和平台配置（platform.json）里的平台公钥对不上，不能相信：没有记下工单，也没有上传诊断包。',
    'The answer that claims to come from platform support is signed, but not with the platform public key in platform.json, so it was not believed: no ticket was recorded and nothing was uploaded.',
  ),
  UPLOAD_TARGET_FOREIGN: text(
    '平台客服的应答要求把诊断包上传到另一个网站（不在 supportApiUrl 的地址上），已拒绝，什么都没有上传。',
    "The support intake's answer asked for the bundle to go to another site than supportApiUrl's; refused, nothing was uploaded.",
  ),
};

/**
 * `submit`: queues the bundle in the outbox (durable before the first attempt), then delivers it with
 * retries until the intake accepts both the report and the bundle, or refuses them for good.
 * 0 delivered ({"ticket_id"} with --json), 1 refused or interrupted (it stays queued), 2 bad input.
 * An intake answer that is not believed (unsigned, wrongly signed, uploading elsewhere) ends the run at
 * once with exit 1: retrying against the same answerer changes nothing, and the report stays queued.
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
      platformPublicKey: profile.platformPublicKey,
    },
    onNotice: (notice) => io.err(say(io, notice)),
  });
  const stop = new AbortController();
  // Only an answer of this run stops it: an item queued earlier may still carry an older refusal.
  const startedAt = new Date().toISOString();
  const refusedNow = (error: OutboxItemView['lastError'] | undefined): boolean =>
    !!error && error.at >= startedAt && isUntrustedAnswerCode(error.code);
  const onStop = () => stop.abort();
  io.stopSignal.addEventListener('abort', onStop, { once: true });
  try {
    let last = '';
    outbox.on((event) => {
      if (event.type !== 'item' || event.item.reportId !== report.report_id) return;
      if (refusedNow(event.item.lastError)) stop.abort();
      if (values.json) return;
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
    const [item] = await outbox.runUntilIdle({ reportIds: [report.report_id], signal: stop.signal });
    const distrust = item?.state !== 'delivered' ? item?.lastError : null;
    if (item && distrust && refusedNow(distrust)) {
      if (values.json) io.out(JSON.stringify({ ticket_id: null, state: item.state, error: distrust }));
      io.err(say(io, UNTRUSTED_TEXT[distrust.code!]!));
      io.err(
        say(
          io,
          text(
            `报告仍在待发送队列（${dir}）。请确认 platform.json 是平台给的最新版本、网络上没有代理改动应答，然后再次运行本命令或打开应用继续发送。`,
            `The report stays queued in ${dir}. Check that platform.json is the platform's current one and that nothing on the network (a proxy) alters the answers, then run this again, or open the app, to carry on.`,
          ),
        ),
      );
      return EXIT.problemFound;
    }
    if (item?.state === 'delivered') {
      io.out(
        values.json
          ? JSON.stringify({ ticket_id: item.ticketId })
          : say(io, text(`已提交，工单号：${item.ticketId}`, `Submitted. Ticket: ${item.ticketId}`)),
      );
      return EXIT.ok;
    }
    if (item?.state === 'failed-permanently' && LOCAL_DAMAGE_CODES.has(item.failure?.code ?? '')) {
      // Our copy on this disk, not the platform: say so, and how to send it again.
      if (values.json)
        io.out(JSON.stringify({ ticket_id: item.ticketId, state: item.state, error: item.failure }));
      io.err(
        say(
          io,
          text(
            `待发送队列（${dir}）里这份报告的副本在这台电脑上损坏了，所以没有发送；这不是平台拒绝。用原来的诊断包再运行一次本命令即可重新发送（诊断包须与排队时的一致）。`,
            `The copy of this report in the outbox (${dir}) was damaged on this computer, so it was not sent; the platform did not refuse it. Run this command again with the original bundle to send it (it must be the same bundle that was queued).`,
          ),
        ),
      );
      return EXIT.problemFound;
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
  } catch (error) {
    if (!isDiskError(error)) throw error;
    // A full disk, a read-only folder, a HOME that is not there: nothing queued is lost, and the user can act.
    const where = (error as NodeJS.ErrnoException).path ?? dir;
    const reason = diskErrorReason(error);
    throw new CliInputError(
      text(
        `无法写入待发送队列 ${dir}（${where}：${reason['zh-CN']}）。已排队的报告都还在；诊断包 ${values.bundle} 没有改动。腾出空间或换一个可写的位置（--outbox 目录）后再运行一次。`,
        `Could not write to the outbox ${dir} (${where}: ${reason['en-US']}). Reports already queued are all still there; the bundle ${values.bundle} was not changed. Free some space or choose a writable place (--outbox DIR), then run this again.`,
      ),
    );
  } finally {
    io.stopSignal.removeEventListener('abort', onStop);
    outbox.close();
  }
}
