import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import yauzl from 'yauzl';
import type { CheckResult } from '../../shared/checklist/check-result';
import { ManifestSchema, type BundleManifest } from '../../shared/report/bundle-manifest';
import type { BundleOpenResult, BundleProblem, OpenedBundle } from '../../shared/report/bundle-view';
import { ReportSchema, type Report } from '../../shared/report/report-schema';
import { HAR_PATH, LOGS_DIR, MANIFEST_PATH, REPORT_PATH, SCREENSHOTS_DIR } from './members';
import { JsonDepthGauge, JsonTooDeepError, MAX_JSON_DEPTH } from './json-depth';
import { problem } from './problems';
import { waterfallFromHar } from './waterfall';
import { ambiguities, decodeName, directoryCarriesData, isDirectory } from './zip-ambiguity';
import {
  drainEntry,
  LimitExceededError,
  openEntryStream,
  openZip,
  readAllEntries,
  TooManyEntriesError,
} from './zip-reading';

export interface OpenLimits {
  /** Size of the .zip file itself. */
  maxBundleBytes: number;
  maxEntries: number;
  /** Inflated size of one member. */
  maxEntryBytes: number;
  /** Inflated size of all members together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed, for members past ratioFloorBytes (small JSON compresses well and is harmless). */
  maxRatio: number;
  ratioFloorBytes: number;
  maxManifestBytes: number;
  maxReportBytes: number;
  /** network.har is parsed for the waterfall only up to this size. */
  maxHarParseBytes: number;
  maxScreenshotBytes: number;
  /** Log text shown per log. */
  maxLogTextBytes: number;
  maxWaterfallRows: number;
  /** How deep arrays and objects may nest in the JSON members (manifest, report, HAR). */
  maxJsonDepth: number;
}

export const DEFAULT_OPEN_LIMITS: OpenLimits = {
  maxBundleBytes: 64 * 1024 * 1024,
  maxEntries: 256,
  maxEntryBytes: 150 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
  maxManifestBytes: 1024 * 1024,
  maxReportBytes: 4 * 1024 * 1024,
  maxHarParseBytes: 64 * 1024 * 1024,
  maxScreenshotBytes: 16 * 1024 * 1024,
  maxLogTextBytes: 256 * 1024,
  maxWaterfallRows: 2000,
  maxJsonDepth: MAX_JSON_DEPTH,
};

export interface BundleVerification {
  ok: boolean;
  problems: BundleProblem[];
  /** Present once the manifest itself was readable and valid. */
  manifest: BundleManifest | null;
  /** report.json's exact bytes and parsed value, when it verified. */
  report: { bytes: Buffer; value: Report } | null;
  bytes: number;
}

interface Inspection extends BundleVerification {
  kept: Map<string, Buffer>;
}

/** Why a name is unsafe to extract anywhere, or null. Checked on the raw bytes and on the decoded name. */
export function unsafePathReason(name: string): string | null {
  if (name.length === 0) return 'empty name';
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return 'control character';
  }
  if (name.includes('\\')) return 'backslash';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.some((s) => s === '..')) return '".." segment';
  if (segments.some((s) => s === '' || s === '.')) return 'empty or "." segment';
  return null;
}

const isSymlink = (entry: yauzl.Entry): boolean =>
  ((entry.externalFileAttributes >>> 16) & 0o170000) === 0o120000;
/** Members whose nesting is measured while they inflate. */
const isJsonMember = (name: string): boolean => name.endsWith('.json') || name.endsWith('.har');

const zodReason = (issues: readonly { path: PropertyKey[]; message: string }[]): string =>
  issues
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '$'}: ${i.message}`)
    .join('; ');

/**
 * Checks a bundle the way a reader that trusts nothing must: the zip's structure (names, links, entry
 * counts), then every member inflated under hard caps and hashed against manifest.json. `keep` says
 * which members' bytes to hold on to (report.json always).
 */
async function inspect(
  path: string,
  limits: OpenLimits,
  keep: (name: string, bytes: number) => number,
): Promise<Inspection> {
  const fail = (
    problems: BundleProblem[],
    manifest: BundleManifest | null = null,
    bytes = 0,
  ): Inspection => ({
    ok: false,
    problems,
    manifest,
    report: null,
    bytes,
    kept: new Map(),
  });
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return fail([problem('FILE_UNREADABLE', { reason: 'not a regular file' })]);
    size = info.size;
  } catch (error) {
    return fail([
      problem('FILE_UNREADABLE', { reason: (error as NodeJS.ErrnoException).code ?? String(error) }),
    ]);
  }
  if (size > limits.maxBundleBytes) {
    return fail([problem('FILE_TOO_LARGE', { actual: size, limit: limits.maxBundleBytes })], null, size);
  }
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    return fail([problem('NOT_A_ZIP', { reason: (error as Error).message })], null, size);
  }
  try {
    if (zip.entryCount > limits.maxEntries) {
      return fail(
        [problem('TOO_MANY_ENTRIES', { actual: zip.entryCount, limit: limits.maxEntries })],
        null,
        size,
      );
    }
    let entries: yauzl.Entry[];
    try {
      entries = await readAllEntries(zip, limits.maxEntries);
    } catch (error) {
      if (error instanceof TooManyEntriesError) {
        return fail(
          [problem('TOO_MANY_ENTRIES', { actual: error.count, limit: limits.maxEntries })],
          null,
          size,
        );
      }
      return fail([problem('NOT_A_ZIP', { reason: (error as Error).message })], null, size);
    }

    // Structure: every entry is judged before any byte is inflated.
    const problems: BundleProblem[] = [];
    const files = new Map<string, yauzl.Entry>();
    const seen = new Set<string>();
    let declaredTotal = 0;
    for (const entry of entries) {
      const { raw, decoded } = decodeName(entry);
      const reason = unsafePathReason(raw) ?? unsafePathReason(decoded);
      if (reason) {
        problems.push(problem('UNSAFE_PATH', { path: decoded }));
        continue;
      }
      if (seen.has(decoded) || (raw !== decoded && seen.has(raw))) {
        problems.push(problem('DUPLICATE_ENTRY', { path: decoded }));
        continue;
      }
      seen.add(decoded);
      if (isSymlink(entry)) problems.push(problem('SYMLINK', { path: decoded }));
      else if (entry.isEncrypted()) problems.push(problem('ENCRYPTED_ENTRY', { path: decoded }));
      else if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        problems.push(problem('UNSUPPORTED_COMPRESSION', { path: decoded }));
      } else if (isDirectory(decoded)) {
        if (directoryCarriesData(entry)) problems.push(problem('DIRECTORY_WITH_DATA', { path: decoded }));
      } else {
        files.set(decoded, entry);
        declaredTotal += entry.uncompressedSize;
        if (entry.uncompressedSize > limits.maxEntryBytes) {
          problems.push(problem('ENTRY_TOO_LARGE', { path: decoded, limit: limits.maxEntryBytes }));
        } else if (
          entry.uncompressedSize > limits.ratioFloorBytes &&
          entry.uncompressedSize > Math.max(entry.compressedSize, 1) * limits.maxRatio
        ) {
          problems.push(problem('RATIO_TOO_HIGH', { path: decoded, limit: limits.maxRatio }));
        }
      }
    }
    if (declaredTotal > limits.maxTotalBytes)
      problems.push(problem('TOTAL_TOO_LARGE', { limit: limits.maxTotalBytes }));
    if (problems.length) return fail(problems, null, size);
    const ambiguity = await ambiguities(zip, entries);
    if (ambiguity.length) return fail(ambiguity, null, size);

    let inflatedTotal = 0;
    /** Inflates one member under the caps; a crossed cap or broken data is returned as the problem. */
    const read = async (
      name: string,
      entry: yauzl.Entry,
      maxKeep: number,
      maxBytes = limits.maxEntryBytes,
    ): Promise<{ bytes: number; sha256: string; data: Buffer | null } | BundleProblem> => {
      const hash = createHash('sha256');
      const gauge = isJsonMember(name) ? new JsonDepthGauge(limits.maxJsonDepth) : null;
      const chunks: Buffer[] = [];
      let keptBytes = 0;
      try {
        const stream = await openEntryStream(zip, entry);
        const bytes = await drainEntry(
          stream,
          {
            maxEntryBytes: maxBytes,
            remainingTotal: limits.maxTotalBytes - inflatedTotal,
            compressedSize: entry.compressedSize,
            maxRatio: limits.maxRatio,
            ratioFloorBytes: limits.ratioFloorBytes,
          },
          (chunk) => {
            gauge?.feed(chunk);
            hash.update(chunk);
            if (keptBytes < maxKeep) {
              chunks.push(chunk.subarray(0, maxKeep - keptBytes));
              keptBytes += Math.min(chunk.length, maxKeep - keptBytes);
            }
          },
        );
        inflatedTotal += bytes;
        if (bytes !== entry.uncompressedSize) {
          return problem('CORRUPT_ENTRY', {
            path: name,
            reason: 'its size differs from the one in the zip headers',
          });
        }
        return { bytes, sha256: hash.digest('hex'), data: maxKeep > 0 ? Buffer.concat(chunks) : null };
      } catch (error) {
        if (error instanceof JsonTooDeepError)
          return problem('NESTING_TOO_DEEP', { path: name, limit: error.limit });
        if (error instanceof LimitExceededError) {
          if (name === MANIFEST_PATH && error.kind === 'entry') {
            return problem('MANIFEST_INVALID', { reason: `larger than ${maxBytes} bytes` });
          }
          const code =
            error.kind === 'entry'
              ? 'ENTRY_TOO_LARGE'
              : error.kind === 'total'
                ? 'TOTAL_TOO_LARGE'
                : 'RATIO_TOO_HIGH';
          const limit = error.kind === 'total' ? limits.maxTotalBytes : error.limit;
          return problem(code, { path: name, limit });
        }
        return problem('CORRUPT_ENTRY', { path: name, reason: (error as Error).message });
      }
    };
    const isProblem = (r: unknown): r is BundleProblem => typeof r === 'object' && r !== null && 'code' in r;

    const manifestEntry = files.get(MANIFEST_PATH);
    if (!manifestEntry) return fail([problem('MANIFEST_MISSING')], null, size);
    // The manifest has its own small cap: it is inflated before anything is known about the rest.
    const manifestCap = Math.min(limits.maxEntryBytes, limits.maxManifestBytes);
    const manifestRead = await read(MANIFEST_PATH, manifestEntry, manifestCap, manifestCap);
    if (isProblem(manifestRead)) return fail([manifestRead], null, size);
    let manifestJson: unknown;
    try {
      manifestJson = JSON.parse(manifestRead.data!.toString('utf8'));
    } catch (error) {
      return fail(
        [problem('MANIFEST_INVALID', { reason: `not JSON (${(error as Error).message})` })],
        null,
        size,
      );
    }
    const parsed = ManifestSchema.safeParse(manifestJson);
    if (!parsed.success)
      return fail([problem('MANIFEST_INVALID', { reason: zodReason(parsed.error.issues) })], null, size);
    const manifest = parsed.data;
    const listed = new Map(manifest.files.map((f) => [f.path, f]));
    if (listed.size !== manifest.files.length || listed.has(MANIFEST_PATH)) {
      return fail(
        [problem('MANIFEST_INVALID', { reason: 'a path is listed twice, or the manifest lists itself' })],
        manifest,
        size,
      );
    }

    for (const name of files.keys()) {
      if (name !== MANIFEST_PATH && !listed.has(name))
        problems.push(problem('MEMBER_NOT_IN_MANIFEST', { path: name }));
    }
    for (const name of listed.keys())
      if (!files.has(name)) problems.push(problem('MEMBER_MISSING', { path: name }));

    const kept = new Map<string, Buffer>();
    for (const [name, entry] of files) {
      const expected = listed.get(name);
      if (!expected) continue;
      const maxKeep = name === REPORT_PATH ? limits.maxReportBytes : keep(name, expected.bytes);
      const result = await read(name, entry, maxKeep);
      if (isProblem(result)) {
        problems.push(result);
        // A crossed cap ends the reading: nothing more of a hostile file is inflated.
        if (result.code !== 'CORRUPT_ENTRY') return fail(problems, manifest, size);
        continue;
      }
      if (result.bytes !== expected.bytes) {
        problems.push(problem('SIZE_MISMATCH', { path: name, actual: result.bytes, limit: expected.bytes }));
      } else if (result.sha256 !== expected.sha256) {
        problems.push(problem('HASH_MISMATCH', { path: name }));
      } else if (result.data) {
        kept.set(name, result.data);
      }
    }

    let report: Inspection['report'] = null;
    if (!listed.has(REPORT_PATH)) problems.push(problem('REPORT_MISSING'));
    const reportBytes = kept.get(REPORT_PATH);
    if (reportBytes) {
      if (listed.get(REPORT_PATH)!.bytes > limits.maxReportBytes) {
        problems.push(problem('REPORT_INVALID', { reason: `larger than ${limits.maxReportBytes} bytes` }));
      } else {
        try {
          const result = ReportSchema.safeParse(JSON.parse(reportBytes.toString('utf8')));
          if (!result.success)
            problems.push(problem('REPORT_INVALID', { reason: zodReason(result.error.issues) }));
          else if (result.data.report_id !== manifest.report_id) {
            problems.push(problem('REPORT_INVALID', { reason: 'report_id differs from the manifest' }));
          } else report = { bytes: reportBytes, value: result.data };
        } catch (error) {
          problems.push(problem('REPORT_INVALID', { reason: `not JSON (${(error as Error).message})` }));
        }
      }
    }
    return {
      ok: problems.length === 0,
      problems,
      manifest,
      report: problems.length ? null : report,
      bytes: size,
      kept,
    };
  } finally {
    zip.close();
  }
}

/** Checks a bundle completely (structure, caps, every hash) without keeping more than report.json. */
export async function verifyBundle(
  path: string,
  limits: Partial<OpenLimits> = {},
): Promise<BundleVerification> {
  const { kept: _kept, ...verification } = await inspect(
    path,
    { ...DEFAULT_OPEN_LIMITS, ...limits },
    () => 0,
  );
  return verification;
}

/**
 * "Open bundle" for support staff: verifies everything, then returns what the screens show: the report,
 * its checks, the waterfall from network.har, the pictures and the start of each log. A bundle that fails
 * any check is refused with every problem found, each with its code and a message in both languages.
 */
export async function openBundle(path: string, limits: Partial<OpenLimits> = {}): Promise<BundleOpenResult> {
  const l = { ...DEFAULT_OPEN_LIMITS, ...limits };
  const result = await inspect(path, l, (name, bytes) => {
    if (name === HAR_PATH) return bytes <= l.maxHarParseBytes ? bytes : 0;
    if (name.startsWith(SCREENSHOTS_DIR)) return bytes <= l.maxScreenshotBytes ? bytes : 0;
    if (name.startsWith(LOGS_DIR)) return l.maxLogTextBytes;
    return 0;
  });
  if (!result.ok || !result.report || !result.manifest) {
    return { ok: false, problems: result.problems.length ? result.problems : [problem('REPORT_MISSING')] };
  }
  const manifest = result.manifest;
  const mediaType = (p: string) =>
    manifest.files.find((f) => f.path === p)?.media_type ?? 'application/octet-stream';
  let waterfall: OpenedBundle['waterfall'] = { rows: [], truncated: false, available: false };
  const har = result.kept.get(HAR_PATH);
  if (har) {
    try {
      waterfall = {
        ...waterfallFromHar(JSON.parse(har.toString('utf8')), l.maxWaterfallRows),
        available: true,
      };
    } catch {
      // A HAR that verified but does not parse shows no waterfall; the rest of the bundle still opens.
    }
  }
  const bundle: OpenedBundle = {
    path,
    bytes: result.bytes,
    manifest,
    report: result.report.value,
    checks: result.report.value.checks as CheckResult[],
    waterfall,
    screenshots: [...result.kept]
      .filter(([name]) => name.startsWith(SCREENSHOTS_DIR))
      .map(([name, data]) => ({ path: name, mediaType: mediaType(name), base64: data.toString('base64') })),
    logs: [...result.kept]
      .filter(([name]) => name.startsWith(LOGS_DIR))
      .map(([name, data]) => {
        const total = manifest.files.find((f) => f.path === name)?.bytes ?? data.length;
        return { path: name, text: data.toString('utf8'), truncated: total > data.length };
      }),
  };
  return { ok: true, bundle };
}
