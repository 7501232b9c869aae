import { text, type LocalizedText } from '../../shared/i18n/localized-text';
import type { BundleProblem, BundleProblemCode } from '../../shared/report/bundle-view';

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Details a message may quote; paths are shown escaped (see displayPath). */
export interface ProblemDetail {
  path?: string;
  /** The entry's other name (the one it collides with, or its local header's). */
  other?: string;
  limit?: number;
  actual?: number;
  reason?: string;
}

/** Zip names come from whoever made the file: control characters are shown as \\xNN, long names cut. */
export function displayPath(raw: string): string {
  let shown = '';
  for (const ch of raw) {
    const code = ch.codePointAt(0)!;
    shown += code < 0x20 || (code >= 0x7f && code <= 0x9f) ? `\\x${code.toString(16).padStart(2, '0')}` : ch;
  }
  return shown.length > 120 ? `${shown.slice(0, 120)}…` : shown;
}

/** For support staff: what is wrong with the file, and that it was not opened. */
const MESSAGES: Record<BundleProblemCode, (d: ProblemDetail) => LocalizedText> = {
  FILE_UNREADABLE: (d) =>
    text(
      `无法读取这个文件（${d.reason ?? '未知原因'}）。`,
      `The file cannot be read (${d.reason ?? 'unknown reason'}).`,
    ),
  FILE_TOO_LARGE: (d) =>
    text(
      `文件有 ${mib(d.actual ?? 0)}，超过诊断包上限 ${mib(d.limit ?? 0)}，未打开。`,
      `The file is ${mib(d.actual ?? 0)}, over the ${mib(d.limit ?? 0)} a bundle may be; not opened.`,
    ),
  NOT_A_ZIP: (d) =>
    text(
      `这不是一个 zip 诊断包（${d.reason ?? '无法识别的格式'}）。`,
      `This is not a zip bundle (${d.reason ?? 'unrecognized format'}).`,
    ),
  TOO_MANY_ENTRIES: (d) =>
    text(
      `压缩包里有 ${d.actual} 个条目，超过上限 ${d.limit}，未打开。`,
      `The zip holds ${d.actual} entries, more than the ${d.limit} allowed; not opened.`,
    ),
  UNSAFE_PATH: (d) =>
    text(
      `条目「${d.path}」的路径不安全（绝对路径、“..”、反斜杠或控制字符），会跳出诊断包所在的文件夹，已拒绝。`,
      `Entry "${d.path}" has an unsafe path (absolute, "..", backslash or control characters) that would climb out of the bundle's folder; refused.`,
    ),
  SYMLINK: (d) =>
    text(
      `条目「${d.path}」是符号链接，诊断包里不允许，已拒绝。`,
      `Entry "${d.path}" is a symbolic link, which a bundle never holds; refused.`,
    ),
  DUPLICATE_ENTRY: (d) =>
    text(
      `条目「${d.path}」出现了不止一次，无法确定哪一个是真的，已拒绝。`,
      `Entry "${d.path}" appears more than once, so which one is real cannot be told; refused.`,
    ),
  ENCRYPTED_ENTRY: (d) =>
    text(
      `条目「${d.path}」被加密了，诊断包不加密，已拒绝。`,
      `Entry "${d.path}" is encrypted; bundles never are. Refused.`,
    ),
  UNSUPPORTED_COMPRESSION: (d) =>
    text(
      `条目「${d.path}」使用了不支持的压缩方式，已拒绝。`,
      `Entry "${d.path}" uses an unsupported compression method; refused.`,
    ),
  ENTRY_TOO_LARGE: (d) =>
    text(
      `条目「${d.path}」解压后超过 ${mib(d.limit ?? 0)}，已停止解压并拒绝（可能是压缩炸弹）。`,
      `Entry "${d.path}" inflates past ${mib(d.limit ?? 0)}; inflating stopped and the bundle was refused (possibly a zip bomb).`,
    ),
  TOTAL_TOO_LARGE: (d) =>
    text(
      `诊断包解压后总大小超过 ${mib(d.limit ?? 0)}，已停止解压并拒绝（可能是压缩炸弹）。`,
      `The bundle inflates past ${mib(d.limit ?? 0)} in total; inflating stopped and it was refused (possibly a zip bomb).`,
    ),
  RATIO_TOO_HIGH: (d) =>
    text(
      `条目「${d.path}」的压缩比超过 ${d.limit}:1，已停止解压并拒绝（可能是压缩炸弹）。`,
      `Entry "${d.path}" inflates more than ${d.limit}:1; inflating stopped and the bundle was refused (possibly a zip bomb).`,
    ),
  CORRUPT_ENTRY: (d) =>
    text(
      `条目「${d.path}」已损坏，无法解压（${d.reason ?? ''}）。`,
      `Entry "${d.path}" is damaged and cannot be inflated (${d.reason ?? ''}).`,
    ),
  MANIFEST_MISSING: () =>
    text(
      '诊断包里没有 manifest.json，无法核对其中的文件。',
      'The bundle has no manifest.json, so its files cannot be checked.',
    ),
  MANIFEST_INVALID: (d) =>
    text(
      `manifest.json 不符合诊断包格式：${d.reason ?? ''}`,
      `manifest.json does not follow the bundle format: ${d.reason ?? ''}`,
    ),
  MEMBER_MISSING: (d) =>
    text(
      `manifest.json 列出了「${d.path}」，但诊断包里没有这个文件。`,
      `manifest.json lists "${d.path}", but the bundle does not hold it.`,
    ),
  MEMBER_NOT_IN_MANIFEST: (d) =>
    text(
      `诊断包里的「${d.path}」没有列在 manifest.json 中（可能被人加进去了）。`,
      `"${d.path}" is in the bundle but not listed in manifest.json (it may have been added).`,
    ),
  SIZE_MISMATCH: (d) =>
    text(
      `「${d.path}」有 ${d.actual} 字节，与 manifest.json 记录的 ${d.limit} 字节不符（文件被改动过）。`,
      `"${d.path}" is ${d.actual} bytes where manifest.json says ${d.limit} (the file was changed).`,
    ),
  HASH_MISMATCH: (d) =>
    text(
      `「${d.path}」的 SHA-256 与 manifest.json 记录的不一致（文件被改动过）。`,
      `The SHA-256 of "${d.path}" differs from the one in manifest.json (the file was changed).`,
    ),
  NAME_COLLISION: (d) =>
    text(
      `条目「${d.path}」和「${d.other}」在 Windows 或 macOS 上是同一个文件（只差大小写或字符写法），解压时一个会覆盖另一个，无法确定哪一个是真的，已拒绝。`,
      `Entries "${d.path}" and "${d.other}" are one and the same file on Windows or macOS (they differ only in letter case or in how a character is written), so one would overwrite the other when extracted; which one is real cannot be told. Refused.`,
    ),
  DIRECTORY_WITH_DATA: (d) =>
    text(
      `条目「${d.path}」是文件夹，却带着数据。文件夹不装数据，这些数据是藏起来的，已拒绝。`,
      `Entry "${d.path}" is a folder but carries data. Folders hold no data, so these bytes are hidden; refused.`,
    ),
  LOCAL_NAME_MISMATCH: (d) =>
    text(
      `条目「${d.path}」在压缩包的两处记录了不同的名字（另一处写的是「${d.other}」），别的解压工具可能把它解压成另一个文件，已拒绝。`,
      `Entry "${d.path}" is named differently in the two places a zip records names (the other says "${d.other}"), so another unzip tool may extract it as a different file; refused.`,
    ),
  NESTING_TOO_DEEP: (d) =>
    text(
      `「${d.path}」的数据嵌套超过 ${d.limit} 层，正常的诊断包远远到不了这么深，打开它会让查看器出错，已拒绝。`,
      `"${d.path}" nests its data more than ${d.limit} levels deep; real bundles come nowhere near that, and showing it would break the viewer. Refused.`,
    ),
  REPORT_MISSING: () => text('诊断包里没有 report.json。', 'The bundle has no report.json.'),
  REPORT_INVALID: (d) =>
    text(
      `report.json 不符合问题报告格式：${d.reason ?? ''}`,
      `report.json does not follow the report format: ${d.reason ?? ''}`,
    ),
};

export function problem(code: BundleProblemCode, detail: ProblemDetail = {}): BundleProblem {
  const shown = detail.path === undefined ? undefined : displayPath(detail.path);
  const other = detail.other === undefined ? undefined : displayPath(detail.other);
  return { code, message: MESSAGES[code]({ ...detail, path: shown, other }), path: shown ?? null };
}
