import type { WatchExport } from '../../shared/watch/watch-export';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnosis } from '../../shared/diagnosis/diagnosis';
import type { LocalizedText } from '../../shared/i18n/localized-text';
import type { BundlePreviewView } from '../../shared/report/bundle-view';
import type { OutboxItemView } from '../../shared/report/outbox-view';
import type { ReportSection } from '../../shared/report/sections';
import type { Contact, SymptomForm } from '../../shared/report/symptom-form';
import type { BundlePreview } from '../bundle';
import { createOutbox, type IntakeTarget } from '../outbox';
import type { ActiveStore } from './store-workspace';
import type { AppHealth } from '../health/app-health';

export interface ReportServiceOptions {
  dataDir: string;
  runtime: string;
  language: () => string;
  lastDiagnosis: () => Diagnosis | null;
  active: () => Promise<ActiveStore | null>;
  /** Where the support intake is and how to sign for a merchant: from the stores this app holds. */
  intakeFor: (merchantNo: string) => Promise<IntakeTarget | null>;
  watchExport: (from: number, to: number) => Promise<WatchExport>;
  logFile: string | null;
  /** The last crash summary, offered as the report's app-health section and cleared once submitted. */
  appHealth?: AppHealth;
  onOutboxChange: (reportId: string) => void;
  /** A damaged outbox file was kept aside: the user is told once (app.notices). */
  onNotice?: (notice: LocalizedText) => void;
  log: (message: string) => void;
}

/**
 * The report screen's engine: a preview of exactly what leaves the machine (staged, redacted), then either
 * an exported bundle or a durable submission through the outbox, whose worker keeps sending in the
 * background until every report is delivered once, even across restarts.
 */
/** The bundle writer and the report's sources: loaded with the first report, not when the app starts. */
const reportEngine = async () => {
  const [bundle, report] = await Promise.all([
    import('../bundle'),
    import('../report/diagnosis-bundle-sources'),
  ]);
  return { ...bundle, diagnosisBundleSources: report.diagnosisBundleSources };
};

export function createReportService(options: ReportServiceOptions) {
  const bundlesDir = join(options.dataDir, 'bundles');
  const outbox = createOutbox({
    dir: join(options.dataDir, 'outbox'),
    intake: options.intakeFor,
    ...(options.onNotice ? { onNotice: options.onNotice } : {}),
  });
  const previews = new Map<string, BundlePreview>();
  outbox.on((event) => {
    if ('reportId' in event) options.onOutboxChange(event.reportId);
    else if (event.type === 'item') options.onOutboxChange(event.item.reportId);
  });

  // One background worker: it wakes on submission and otherwise every minute (retries, ticket polls).
  const stop = new AbortController();
  let wake: (() => void) | null = null;
  stop.signal.addEventListener('abort', () => wake?.(), { once: true });
  const worker = (async () => {
    while (!stop.signal.aborted) {
      try {
        await outbox.processOnce();
        await outbox.pollTickets(stop.signal);
      } catch (error) {
        options.log(`outbox: ${error instanceof Error ? error.message : String(error)}`);
      }
      const items = await outbox.list().catch(() => [] as OutboxItemView[]);
      const due = items
        .map((i) => (i.nextAttemptAt ? Date.parse(i.nextAttemptAt) - Date.now() : Number.POSITIVE_INFINITY))
        .reduce((a, b) => Math.min(a, b), 60_000);
      await new Promise<void>((resolve) => {
        // Closing may have begun while this pass ran: then there is nothing to wait for.
        if (stop.signal.aborted) return resolve();
        const timer = setTimeout(resolve, Math.max(250, Math.min(due, 60_000)));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();

  const dropPreviews = async () => {
    for (const p of previews.values()) await p.dispose();
    previews.clear();
  };

  return {
    async preview(input: {
      symptom: SymptomForm;
      contact?: Contact | null;
      exclude?: ReportSection[];
      watchWindow?: { from: number; to: number };
    }): Promise<BundlePreviewView> {
      const diagnosis = options.lastDiagnosis();
      if (!diagnosis) throw new Error('Run a diagnosis first (开始诊断): the report is built from it');
      const active = await options.active();
      if (!active || active.summary.id !== diagnosis.storeId) {
        throw new Error('The last diagnosis was for another store: run a diagnosis of this store first');
      }
      const watchHistory = input.watchWindow
        ? await options.watchExport(input.watchWindow.from, input.watchWindow.to).catch(() => undefined)
        : undefined;
      const { diagnosisBundleSources, previewBundle, previewView } = await reportEngine();
      const sources = diagnosisBundleSources({
        diagnosis,
        store: active.store,
        profile: active.profile,
        symptom: input.symptom,
        contact: input.contact ?? null,
        locale: options.language(),
        runtime: options.runtime,
        logs: options.logFile ? [{ name: 'app.log', file: options.logFile }] : [],
        privateKeyPem: active.key.pem,
        watchHistory,
        appHealth: options.appHealth?.summary() ?? null,
      });
      // Only the newest preview is kept: it is what the merchant is looking at and may send.
      await dropPreviews();
      const preview = await previewBundle(sources, { exclude: input.exclude ?? [] });
      previews.set(preview.reportId, preview);
      return previewView(preview);
    },

    async export(reportId: string) {
      const preview = previews.get(reportId);
      if (!preview) throw new Error('That preview is gone: preview the report again');
      mkdirSync(bundlesDir, { recursive: true });
      const { writeBundle } = await reportEngine();
      const written = await writeBundle(preview, join(bundlesDir, `baitiao-report-${reportId}.zip`));
      return { path: written.path, bytes: written.bytes, sha256: written.sha256 };
    },

    /** 打开所在文件夹: the exported zip of this report in the file manager, if it is there and one can. */
    async showExported(reportId: string, show: ((path: string) => void) | undefined) {
      const path = join(bundlesDir, `baitiao-report-${reportId}.zip`);
      if (!show || !existsSync(path)) return { shown: false };
      show(path);
      return { shown: true };
    },

    async submit(reportId: string): Promise<OutboxItemView> {
      const { path } = await this.export(reportId);
      const item = await outbox.enqueue({ bundlePath: path });
      // Once on its way, the same crash is not offered again.
      if (previews.get(reportId)?.sections.some((s) => s.section === 'app-health' && s.included))
        options.appHealth?.clear();
      wake?.();
      return item;
    },

    list: () => outbox.list(),
    async retryNow(reportId: string) {
      const item = await outbox.retryNow(reportId);
      wake?.();
      return item;
    },
    pollTicket: (reportId: string) => outbox.pollTicket(reportId),
    open: async (path: string) => (await reportEngine()).openBundle(path),

    async close() {
      stop.abort();
      await worker;
      await dropPreviews();
      outbox.close();
    },
  };
}
export type ReportService = ReturnType<typeof createReportService>;
