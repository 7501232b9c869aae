import { arch, platform, release } from 'node:os';
import { join } from 'node:path';
import { SCENARIOS } from '../../../shared/sandbox/scenarios';
import { APP_IDENTITY } from '../../model/app-identity';
import type { CoreContext } from '../core-context';
import { rendererErrorLogger } from '../renderer-log';
import type { HandlerGroup } from '../handler-table';

/** How many renderer errors of one run go to app health (all of them, up to 20 a minute, go to the log). */
export const RENDERER_ERRORS_KEPT = 5;

/** The app itself: who it is, where it keeps things, settings, the demo, the renderer's errors, links. */
export function handlers(ctx: CoreContext) {
  const { options, workspace, settings, notices } = ctx;
  const demoStatus = () => {
    const sandbox = ctx.demo?.current();
    return sandbox
      ? {
          running: true,
          scenario: sandbox.scenario,
          scenarios: [...SCENARIOS],
          diagnosisStaleAfter: ctx.session.diagnosisStaleAfter(),
        }
      : null;
  };
  // The renderer's errors go to the log with their level, and the first few of a run are also kept for the
  // next report's app-health section (health.record logs them itself): a page stuck in an error loop
  // fills neither the report nor the ten kept events, where a crash of main must stay.
  let kept = 0;
  const logRendererError = rendererErrorLogger((message) => {
    if (kept >= RENDERER_ERRORS_KEPT) return ctx.log(message);
    kept += 1;
    ctx.health.record({ level: 'error', kind: 'renderer-error', message });
  });
  return {
    'app.info': async () => ({
      ...APP_IDENTITY,
      os: `${platform()} ${release()}`,
      arch: arch(),
      runtime: ctx.runtime,
    }),
    'app.paths': async () => {
      const active = await workspace.active().catch(() => null);
      return {
        dataDir: options.dataDir,
        logsDir: options.logsDir ?? null,
        bundlesDir: join(options.dataDir, 'bundles'),
        outboxDir: join(options.dataDir, 'outbox'),
        gatewayProxy: active ? await ctx.resolveProxy(active.profile.gatewayUrl) : 'DIRECT',
      };
    },
    // Handed out once: a notice shown is a notice read.
    'app.notices': async () => notices.splice(0, notices.length),
    'settings.get': async () => settings.get(),
    'settings.setLanguage': async ({ language }) => settings.update({ language }),
    'workspace.get': async () => {
      const active = await workspace.active().catch(() => null);
      return {
        activeStore: active?.summary ?? null,
        profile: active
          ? {
              name: active.profile.name,
              gatewayUrl: active.profile.gatewayUrl,
              cashierOrigin: active.profile.cashierOrigin,
              supportApiUrl: active.profile.supportApiUrl,
              extraCaCount: active.profile.extraCaCertificates.length,
            }
          : null,
        demo: demoStatus(),
      };
    },
    'demo.setScenario': async ({ scenario }) => {
      if (!ctx.demo) throw new Error('Demo mode is not running');
      const sandbox = await ctx.demo.start();
      if (sandbox.scenario !== scenario) ctx.session.markDiagnosisStale(scenario);
      sandbox.setScenario(scenario);
      return demoStatus()!;
    },
    'log.rendererError': async (input) => logRendererError(input),
    'shell.openExternal': async ({ url }) => {
      if (!options.openExternal) return { opened: false };
      await options.openExternal(url);
      return { opened: true };
    },
  } satisfies HandlerGroup;
}
