import yauzl from 'yauzl';
import type { BundleProblem } from '../../shared/report/bundle-view';
import { problem } from './problems';

/**
 * Zips that mean different things to different tools. Our reader reads the central directory; an unzip
 * tool on the support PC, or the file system it extracts into, may see something else. Each check here
 * finds one way the two can disagree, so a bundle we verified is the bundle anyone else extracts.
 */

/**
 * The name as a case-insensitive, normalization-insensitive file system would store it (Windows NTFS,
 * macOS APFS/HFS+): compatibility-normalized, case-folded both ways, trailing slash dropped. Two entries
 * with one key land on one file there, and which one wins depends on the tool.
 */
export function collisionKey(name: string): string {
  const bare = name.endsWith('/') ? name.slice(0, -1) : name;
  return bare.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

export interface NamedEntry {
  name: string;
  directory: boolean;
}

/**
 * Pairs of entries that would be one file on Windows or macOS (`report.json` and `REPORT.json`,
 * `café` composed and decomposed), and files whose name is a folder of another entry there
 * (`logs` beside `LOGS/x.log`). Folders merging with folders is harmless and not reported.
 * Exact duplicates are left to the caller (they are their own problem).
 */
export function nameCollisions(entries: readonly NamedEntry[]): { name: string; other: string }[] {
  const folders = new Map<string, string>();
  const addFolder = (name: string) => {
    const key = collisionKey(name);
    if (!folders.has(key)) folders.set(key, name);
  };
  for (const entry of entries) {
    if (entry.directory) addFolder(entry.name);
    const segments = entry.name.split('/');
    // Every parent folder a file implies, whether or not the zip lists it.
    for (let i = 1; i < segments.length; i++) addFolder(`${segments.slice(0, i).join('/')}/`);
  }
  const files = new Map<string, string>();
  const found: { name: string; other: string }[] = [];
  for (const entry of entries) {
    if (entry.directory) continue;
    const key = collisionKey(entry.name);
    const file = files.get(key);
    const folder = folders.get(key);
    if (file !== undefined && file !== entry.name) found.push({ name: entry.name, other: file });
    else if (folder !== undefined) found.push({ name: entry.name, other: folder });
    if (file === undefined) files.set(key, entry.name);
  }
  return found;
}

/**
 * A folder entry holds no bytes. Tools that extract it make a folder and drop whatever it carries;
 * others (or a careless viewer) read it. An empty deflate stream is 2 bytes (Java's zip writes one), so
 * 2 compressed bytes that inflate to nothing are still empty; nothing else is.
 */
export function directoryCarriesData(entry: yauzl.Entry): boolean {
  if (entry.uncompressedSize !== 0) return true;
  if (entry.compressedSize === 0) return false;
  return !(entry.compressionMethod === 8 && entry.compressedSize <= 2);
}

function decode(flags: number, raw: Buffer, extra: Buffer | null): string {
  let fields: yauzl.ExtraField[] = [];
  try {
    if (extra) fields = yauzl.parseExtraFields(extra);
  } catch {
    // A malformed extra field: the plain name is what tools fall back to.
    fields = [];
  }
  return yauzl.getFileNameLowLevel(flags, raw, fields, false);
}

/**
 * The local file header's name, when it differs from the central directory's. Streaming unzip tools
 * (and some extractors) go by the local header, so `logs/run.log` in the directory and `../a/run.log` in
 * the local header would be written somewhere else than what we checked. Raw bytes and the decoded name
 * (which may come from a Unicode Path extra field) must both agree.
 */
export async function localNameMismatch(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<string | null> {
  const local = await new Promise<yauzl.LocalFileHeader>((resolve, reject) =>
    zip.readLocalFileHeader(entry, {}, (error, header) => (error ? reject(error) : resolve(header))),
  );
  const localName = decode(local.generalPurposeBitFlag, local.fileName, local.extraField);
  const centralName = decode(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFieldRaw);
  if (Buffer.compare(local.fileName, entry.fileNameRaw) !== 0 || localName !== centralName) {
    return local.fileName.toString((local.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
  }
  return null;
}

export const isDirectory = (name: string): boolean => name.endsWith('/');

/** An entry's name as its raw bytes say (UTF-8 flag or not), and as unzip tools decode it. */
export function decodeName(entry: yauzl.Entry): { raw: string; decoded: string } {
  const rawBytes = entry.fileNameRaw;
  const raw = rawBytes.toString((entry.generalPurposeBitFlag & 0x800) !== 0 ? 'utf8' : 'latin1');
  // What other unzip tools may show instead (the Info-ZIP Unicode Path extra field wins there).
  const decoded = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, rawBytes, entry.extraFields, false);
  return { raw, decoded };
}

/**
 * Names other tools would read differently from us: two that are one file on Windows or macOS, and a
 * local header naming another file than the central directory. Only entries whose names already passed
 * the unsafe-path and duplicate checks reach here.
 */
export async function ambiguities(
  zip: yauzl.ZipFile,
  entries: readonly yauzl.Entry[],
): Promise<BundleProblem[]> {
  const problems: BundleProblem[] = [];
  const named = entries.map((entry) => {
    const { decoded } = decodeName(entry);
    return { name: decoded, directory: isDirectory(decoded), entry };
  });
  for (const { name, other } of nameCollisions(named)) {
    problems.push(problem('NAME_COLLISION', { path: name, other }));
  }
  for (const { name, entry } of named) {
    try {
      const local = await localNameMismatch(zip, entry);
      if (local !== null) problems.push(problem('LOCAL_NAME_MISMATCH', { path: name, other: local }));
    } catch (error) {
      problems.push(problem('CORRUPT_ENTRY', { path: name, reason: (error as Error).message }));
    }
  }
  return problems;
}
