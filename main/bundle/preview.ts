import { mkdtemp, rm } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleManifest } from '../../shared/report/bundle-manifest';
import { ReportSchema, type Report } from '../../shared/report/report-schema';
import { OPTIONAL_SECTIONS, type ReportSection } from '../../shared/report/sections';
import {
  huntHar,
  PERSONAL_DATA_RULES,
  REDACTION_RULES,
  RedactionEngine,
  type RedactionRule,
} from '../redaction';
import { InvalidImageError, stripImageMetadata } from '../redaction/image-metadata';
import { REPORT_MAX_BYTES, ReportTooLargeError, type BundleSources } from '../report';
import { writeRedactedHar } from './har-member';
import { readLogText } from './log-source';
import {
  APP_HEALTH_PATH,
  HAR_PATH,
  logMemberPath,
  MANIFEST_PATH,
  MEDIA_TYPES,
  REPORT_PATH,
  sectionOfMember,
} from './members';
import { readStaged, sha256Hex, StagedFileWriter, type StagedFileResult } from './staged-file';

/** Declared in main/report (beside the draft it extends); re-exported for the bundle's callers. */
export type { BundleSources };

function currentUserName(): string | null {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry (a container): home paths are still found by their shape.
    return null;
  }
}

export interface PreviewOptions {
  /** Sections the merchant unticked. `report` cannot be left out: it is what gets filed. */
  exclude?: readonly ReportSection[];
  /** Where redacted members are staged until written (default: the OS temp directory). */
  workDir?: string;
}

/** One member exactly as it will be written. Small ones are held in memory, the rest staged on disk. */
export interface StagedMember {
  path: string;
  mediaType: string;
  section: ReportSection;
  bytes: number;
  sha256: string;
  /** Pictures are stored, not deflated: they are compressed already. */
  compress: boolean;
  /** CRC-32 of the bytes (the zip's check value), computed as they were staged. */
  crc32: number;
  /** Where the bytes are: in memory (small members), in `file` (pictures), or only deflated (`deflated`). */
  data: Buffer | null;
  file: string | null;
  /** The deflated copy made while staging (on the thread pool, beside redaction), for the writer to copy. */
  deflated: StagedFileResult['deflated'];
}

/** The level members are deflated at while staged: `zip -6`'s. */
export const STAGED_DEFLATE_LEVEL = 6;

export interface SectionInfo {
  section: ReportSection;
  included: boolean;
  excludable: boolean;
  /** The section's part of report.json, pretty-printed as sent; null for member-only sections. */
  reportFragment: string | null;
  redactions: Partial<Record<RedactionRule, number>>;
}

export class PreviewDisposedError extends Error {
  constructor() {
    super('this bundle preview was disposed; make a new one');
  }
}

/**
 * What would leave the machine, already redacted, byte for byte: writeBundle writes exactly these members.
 * Holds a staging directory until disposed.
 */
export class BundlePreview {
  private disposed = false;

  constructor(
    readonly reportId: string,
    readonly createdAt: Date,
    /** manifest.json first, then report.json, network.har, screenshots/, logs/. */
    readonly members: readonly StagedMember[],
    readonly manifest: BundleManifest,
    readonly sections: readonly SectionInfo[],
    /** Attachments that could not be read (a broken picture): left out, and said so. */
    readonly warnings: readonly string[],
    private readonly stagingDir: string,
  ) {}

  get totalBytes(): number {
    return this.members.reduce((sum, m) => sum + m.bytes, 0);
  }

  member(path: string): StagedMember {
    this.assertLive();
    const found = this.members.find((m) => m.path === path);
    if (!found) throw new Error(`no member ${path} in this preview`);
    return found;
  }

  /** The exact bytes of a member (for the preview screen; large members are better read in part). */
  async read(path: string): Promise<Buffer> {
    const m = this.member(path);
    return m.data ?? readStaged(m);
  }

  assertLive(): void {
    if (this.disposed) throw new PreviewDisposedError();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    await rm(this.stagingDir, { recursive: true, force: true });
  }
}

const pretty = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function withoutScreenshotPaths(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutScreenshotPaths);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).map(([k, v]) => [
      k,
      k === 'path' && typeof v === 'string' && v.startsWith('screenshots/')
        ? null
        : withoutScreenshotPaths(v),
    ]),
  );
}

/** Counts made between two snapshots of the engine's tally. */
function delta(
  before: Partial<Record<RedactionRule, number>>,
  after: Partial<Record<RedactionRule, number>>,
): Partial<Record<RedactionRule, number>> {
  const out: Partial<Record<RedactionRule, number>> = {};
  for (const rule of REDACTION_RULES) {
    const d = (after[rule] ?? 0) - (before[rule] ?? 0);
    if (d > 0) out[rule] = d;
  }
  return out;
}

/**
 * Redacts everything the bundle would hold, in a fixed order (report, HAR, pictures, logs) with one engine,
 * so one value has one alias in every member, and stages the result. Sections in `exclude` are left out
 * entirely: their members are not made and their report fields are emptied (and listed in `withheld`).
 */
export async function previewBundle(
  sources: BundleSources,
  options: PreviewOptions = {},
): Promise<BundlePreview> {
  const exclude = new Set(options.exclude ?? []);
  if (exclude.has('report')) throw new Error('the report section is always sent; it cannot be left out');
  const included = (s: ReportSection) => !exclude.has(s);
  const withheld = OPTIONAL_SECTIONS.filter((s) => exclude.has(s));
  const draft = sources.report;
  const storeFacts = (draft.environment.store ?? null) as { app_id?: unknown } | null;
  const engine = new RedactionEngine({
    keep: [draft.merchant_no, typeof storeFacts?.app_id === 'string' ? storeFacts.app_id : ''],
    knownSecrets: sources.knownSecrets ?? [],
    osUserName: sources.osUserName === undefined ? currentUserName() : sources.osUserName,
  });
  // Learn the run's secrets from every source first: a cookie set in the HAR's last response is found in
  // the console text of the report, written before it.
  const { contact: _contact, ...learnable } = draft;
  engine.learn(learnable);
  if (sources.har) huntHar(engine, sources.har);
  const logTexts = included('logs')
    ? await Promise.all((sources.logs ?? []).map(async (log) => ({ log, text: await readLogText(log) })))
    : [];
  for (const { text } of logTexts) engine.learn(text);
  const sectionCounts = new Map<ReportSection, Partial<Record<RedactionRule, number>>>();
  const measured = async <T>(section: ReportSection, work: () => T | Promise<T>): Promise<T> => {
    const before = engine.counts();
    const result = await work();
    const d = delta(before, engine.counts());
    const merged = { ...(sectionCounts.get(section) ?? {}) };
    for (const [rule, n] of Object.entries(d))
      merged[rule as RedactionRule] = (merged[rule as RedactionRule] ?? 0) + n;
    sectionCounts.set(section, merged);
    return result;
  };

  const stagingDir = await mkdtemp(join(options.workDir ?? tmpdir(), 'baitiao-bundle-'));
  try {
    const screenshotsIncluded = included('screenshots');
    const report: Report = await measured('report', () => ({
      report_id: draft.report_id,
      schema_version: draft.schema_version,
      created_at: draft.created_at,
      merchant_no: draft.merchant_no,
      app: engine.json(draft.app),
      symptom: engine.json({
        ...draft.symptom,
        screenshots: screenshotsIncluded ? draft.symptom.screenshots : [],
      }),
      checks: [],
      simulation: null,
      timings: {},
      environment: engine.json(draft.environment),
      contact: null,
      withheld,
    }));
    if (included('checks')) report.checks = await measured('checks', () => engine.json(draft.checks));
    if (included('simulation') && draft.simulation) {
      const simulation = screenshotsIncluded ? draft.simulation : withoutScreenshotPaths(draft.simulation);
      report.simulation = await measured('simulation', () =>
        engine.json(simulation as Record<string, unknown>),
      );
    }
    if (included('timings')) report.timings = await measured('timings', () => engine.json(draft.timings));
    if (included('contact') && draft.contact) {
      // Given on purpose: the merchant's own phone and e-mail stay; credentials pasted there still go.
      report.contact = await measured('contact', () =>
        engine.json(draft.contact, { skip: PERSONAL_DATA_RULES }),
      );
    }
    const checkedReport = ReportSchema.parse(report);
    const reportBytes = Buffer.from(pretty(checkedReport), 'utf8');
    if (reportBytes.length > REPORT_MAX_BYTES) throw new ReportTooLargeError(reportBytes.length);

    const members: StagedMember[] = [
      {
        path: REPORT_PATH,
        mediaType: MEDIA_TYPES.json,
        section: 'report',
        bytes: reportBytes.length,
        sha256: sha256Hex(reportBytes),
        compress: true,
        crc32: crc32(reportBytes),
        data: reportBytes,
        file: null,
        deflated: null,
      },
    ];
    const stage = async (
      path: string,
      mediaType: string,
      compress: boolean,
      produce: (out: StagedFileWriter) => Promise<void>,
    ): Promise<void> => {
      const file = join(stagingDir, `member-${members.length}`);
      const out = new StagedFileWriter(file, compress ? STAGED_DEFLATE_LEVEL : null);
      try {
        await produce(out);
      } catch (error) {
        out.abort();
        throw error;
      }
      const staged = await out.close();
      members.push({
        path,
        mediaType,
        section: sectionOfMember(path),
        bytes: staged.bytes,
        sha256: staged.sha256,
        compress,
        crc32: staged.crc32,
        data: null,
        // A deflated member is staged only deflated (staged-file.ts).
        file: staged.deflated ? null : file,
        deflated: staged.deflated,
      });
    };

    if (included('har') && sources.har) {
      const har = sources.har;
      await measured('har', () =>
        stage(HAR_PATH, MEDIA_TYPES.har, true, (out) => writeRedactedHar(har, engine, out)),
      );
    }
    const warnings: string[] = [];
    if (screenshotsIncluded) {
      for (const shot of sources.screenshots) {
        let stripped;
        try {
          stripped = stripImageMetadata(shot.mediaType, shot.bytes);
        } catch (error) {
          if (!(error instanceof InvalidImageError)) throw error;
          warnings.push(`${shot.path}: ${error.message}; left out`);
          continue;
        }
        engine.note('image-metadata', stripped.removed);
        const counts = sectionCounts.get('screenshots') ?? {};
        counts['image-metadata'] = (counts['image-metadata'] ?? 0) + stripped.removed;
        sectionCounts.set('screenshots', counts);
        await stage(shot.path, shot.mediaType, false, (out) => out.write(stripped.bytes));
      }
    }
    if (included('app-health') && sources.appHealth) {
      const text = sources.appHealth;
      await measured('app-health', () =>
        stage(APP_HEALTH_PATH, MEDIA_TYPES.log, true, (out) => out.write(engine.text(text))),
      );
    }
    if (included('logs')) {
      const taken = new Set<string>([APP_HEALTH_PATH]);
      for (const { log, text } of logTexts) {
        const path = logMemberPath(log.name, taken);
        await measured('logs', () =>
          stage(path, MEDIA_TYPES.log, true, (out) => out.write(engine.text(text))),
        );
      }
    }

    const counts = engine.counts();
    const manifest: BundleManifest = {
      format: BUNDLE_FORMAT,
      version: BUNDLE_VERSION,
      created_at: checkedReport.created_at,
      app: { name: checkedReport.app.name, version: checkedReport.app.version },
      report_id: checkedReport.report_id,
      files: members.map((m) => ({
        path: m.path,
        bytes: m.bytes,
        sha256: m.sha256,
        media_type: m.mediaType,
      })),
      // Every rule is listed, zeros too: "ran and found nothing" is worth knowing.
      redaction: { rules: Object.fromEntries(REDACTION_RULES.map((r) => [r, counts[r] ?? 0])) },
      withheld,
    };
    const manifestBytes = Buffer.from(pretty(manifest), 'utf8');
    const all: StagedMember[] = [
      {
        path: MANIFEST_PATH,
        mediaType: MEDIA_TYPES.json,
        section: 'report',
        bytes: manifestBytes.length,
        sha256: sha256Hex(manifestBytes),
        compress: true,
        crc32: crc32(manifestBytes),
        data: manifestBytes,
        file: null,
        deflated: null,
      },
      ...members,
    ];

    const fragments: Record<ReportSection, unknown> = {
      report: {
        report_id: checkedReport.report_id,
        created_at: checkedReport.created_at,
        merchant_no: checkedReport.merchant_no,
        app: checkedReport.app,
        symptom: checkedReport.symptom,
        environment: checkedReport.environment,
      },
      checks: checkedReport.checks,
      simulation: checkedReport.simulation,
      timings: checkedReport.timings,
      contact: checkedReport.contact,
      har: undefined,
      screenshots: undefined,
      logs: undefined,
      'app-health': undefined,
    };
    // App health is offered only when there is something to send.
    const offered = OPTIONAL_SECTIONS.filter((s) => s !== 'app-health' || Boolean(sources.appHealth));
    const sections: SectionInfo[] = (['report', ...offered] as ReportSection[]).map((section) => ({
      section,
      included: included(section),
      excludable: section !== 'report',
      reportFragment:
        fragments[section] === undefined || !included(section) ? null : pretty(fragments[section]),
      redactions: sectionCounts.get(section) ?? {},
    }));
    return new BundlePreview(
      checkedReport.report_id,
      new Date(checkedReport.created_at),
      all,
      manifest,
      sections,
      warnings,
      stagingDir,
    );
  } catch (error) {
    await rm(stagingDir, { recursive: true, force: true });
    throw error;
  }
}
