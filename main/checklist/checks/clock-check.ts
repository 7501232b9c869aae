import { text } from '../../../shared/i18n/localized-text';
import { parseGatewayTimestamp } from '../../signing';
import type { CheckContext } from '../check-context';
import type { CheckDefinition } from '../engine';

/**
 * Skew from the gateway's server_time (GMT+8, second precision) or, failing that, its Date header.
 * The request's own duration is split in half, as NTP does, so a slow answer does not look like skew.
 */
export const localClock: CheckDefinition<CheckContext> = {
  id: 'local.clock',
  async run(ctx) {
    const a = await ctx.gateway.configQuery();
    if (!a.ok) return { status: 'skip', summary: a.reason, evidence: { kind: a.kind } };
    const serverTime = a.result.body?.server_time ? parseGatewayTimestamp(a.result.body.server_time) : null;
    const dateHeader = a.result.headers['date'];
    const platformTime = serverTime ?? (typeof dateHeader === 'string' ? new Date(dateHeader) : null);
    if (!platformTime || Number.isNaN(platformTime.getTime())) {
      return {
        status: 'skip',
        summary: text('平台没有告诉我们它的时间。', 'The platform did not tell us its time.'),
      };
    }
    const localAtAnswer = new Date(a.result.timing.startedAt).getTime() + a.result.timing.totalMs / 2;
    const skewSeconds = Math.round((localAtAnswer - platformTime.getTime()) / 1000);
    const tolerance = ctx.profile.clockSkewToleranceSeconds;
    const evidence = {
      skewSeconds,
      source: serverTime ? 'server_time' : 'Date',
      platformTime: platformTime.toISOString(),
      localTime: new Date(localAtAnswer).toISOString(),
      timeZone: ctx.machine.timeZone,
      toleranceSeconds: tolerance,
    };
    const direction = skewSeconds > 0 ? text('快', 'ahead of') : text('慢', 'behind');
    const howToFix = text(
      'Windows：右键任务栏右下角的时间 → 调整日期/时间 → 打开「自动设置时间」，再点「立即同步」。macOS：系统设置 → 通用 → 日期与时间 → 打开「自动设置日期与时间」。',
      'Windows: right-click the clock at the bottom right → Adjust date/time → turn on "Set time automatically", then "Sync now". macOS: System Settings → General → Date & Time → turn on "Set time and date automatically".',
    );
    const abs = Math.abs(skewSeconds);
    if (abs > tolerance) {
      return {
        status: 'fail',
        summary: text(
          `电脑时间比平台${direction['zh-CN']}了 ${abs} 秒，超过平台允许的 ${tolerance} 秒，签名会被拒绝。`,
          `This computer’s clock is ${abs} s ${direction['en-US']} the platform, over the ${tolerance} s it allows: signatures are refused.`,
        ),
        remediation: howToFix,
        evidence,
      };
    }
    if (abs > 60) {
      return {
        status: 'warn',
        summary: text(
          `电脑时间比平台${direction['zh-CN']}了 ${abs} 秒。`,
          `This computer’s clock is ${abs} s ${direction['en-US']} the platform.`,
        ),
        remediation: howToFix,
        evidence,
      };
    }
    return {
      status: 'pass',
      summary: text(`电脑时间准确（相差 ${abs} 秒）。`, `The clock is right (${abs} s off).`),
      evidence,
    };
  },
};
