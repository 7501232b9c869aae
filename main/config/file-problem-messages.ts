import type { ConfigIssue } from '../../shared/config/import-result';
import { makeIssue, type DocumentKind } from './config-issue';
import type { FileReadProblem } from './read-bounded-file';
import type { BinaryFormat, DecodeProblem, TextEncoding } from './text-decoding';

/** Messages for a file that cannot be read, or whose bytes are not UTF-8 text. */

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export function fileReadIssue(
  problem: FileReadProblem,
  fullPath: string,
  file: string,
  doc: DocumentKind,
  limitBytes: number,
): ConfigIssue {
  const shown = JSON.stringify(fullPath.length > 300 ? `${fullPath.slice(0, 300)}…` : fullPath);
  switch (problem.kind) {
    case 'invalid-path':
      return makeIssue({
        file,
        code: 'INVALID_PATH',
        zh: `没有收到有效的文件路径。请重新选择 ${doc.typicalName} 文件。`,
        en: `No valid file path was given. Please pick the ${doc.typicalName} file again.`,
      });
    case 'not-found':
      return makeIssue({
        file,
        code: 'FILE_NOT_FOUND',
        zh: `找不到文件 ${shown}。请确认文件还在原来的位置（没有被移动、改名或删除），然后重新选择。`,
        en: `File not found: ${shown}. Check that the file is still where it was (not moved, renamed or deleted), then pick it again.`,
      });
    case 'unreadable':
      return makeIssue({
        file,
        code: 'FILE_UNREADABLE',
        zh: `没有权限读取文件 ${shown}（${problem.errno}）。请把它复制到“桌面”或“文档”文件夹后重新选择；如果它在 U 盘或网络盘上，请先复制到本机。`,
        en: `The file ${shown} cannot be read (${problem.errno}). Copy it to your Desktop or Documents folder and pick it again; if it is on a USB stick or network drive, copy it to this computer first.`,
      });
    case 'directory':
      return makeIssue({
        file,
        code: 'PATH_IS_DIRECTORY',
        zh: `${shown} 是一个文件夹，不是文件。请打开这个文件夹，选择里面的 ${doc.typicalName}。`,
        en: `${shown} is a folder, not a file. Open the folder and pick the ${doc.typicalName} inside it.`,
      });
    case 'not-regular':
      return makeIssue({
        file,
        code: 'NOT_A_REGULAR_FILE',
        zh: `${shown} 不是普通文件（可能是设备或管道），无法读取。请选择 ${doc.typicalName} 文件。`,
        en: `${shown} is not a regular file (perhaps a device or a pipe) and cannot be read. Please pick the ${doc.typicalName} file.`,
      });
    case 'too-large':
      return makeIssue({
        file,
        code: 'FILE_TOO_LARGE',
        zh: `文件有 ${formatBytes(problem.bytes)}，超过了 ${formatBytes(limitBytes)} 的上限，不可能是${doc.what.zh}。请确认选的是 ${doc.typicalName}。`,
        en: `The file is ${formatBytes(problem.bytes)}, over the ${formatBytes(limitBytes)} limit, so it cannot be ${doc.what.en}. Please check that you picked ${doc.typicalName}.`,
      });
  }
}

const BINARY_NAMES: Record<BinaryFormat, { zh: string; en: string; zhDo: string; enDo: string }> = {
  zip: {
    zh: 'ZIP 压缩包（或 Excel、Word 文档）',
    en: 'a ZIP archive (or an Excel or Word document)',
    zhDo: '如果是压缩包，请先解压，再选择里面的',
    enDo: 'If it is an archive, unzip it first and pick the file inside it:',
  },
  png: { zh: 'PNG 图片', en: 'a PNG image', zhDo: '请选择', enDo: 'Please pick' },
  jpeg: { zh: 'JPEG 图片', en: 'a JPEG image', zhDo: '请选择', enDo: 'Please pick' },
  gif: { zh: 'GIF 图片', en: 'a GIF image', zhDo: '请选择', enDo: 'Please pick' },
  pdf: { zh: 'PDF 文档', en: 'a PDF document', zhDo: '请选择', enDo: 'Please pick' },
  gzip: {
    zh: 'GZIP 压缩文件',
    en: 'a GZIP compressed file',
    zhDo: '请先解压，再选择里面的',
    enDo: 'Decompress it first and pick the file inside it:',
  },
  rar: {
    zh: 'RAR 压缩包',
    en: 'a RAR archive',
    zhDo: '请先解压，再选择里面的',
    enDo: 'Extract it first and pick the file inside it:',
  },
  '7z': {
    zh: '7z 压缩包',
    en: 'a 7z archive',
    zhDo: '请先解压，再选择里面的',
    enDo: 'Extract it first and pick the file inside it:',
  },
  'office-legacy': {
    zh: '旧版 Excel 或 Word 文档',
    en: 'an old-format Excel or Word document',
    zhDo: '请选择',
    enDo: 'Please pick',
  },
  executable: { zh: '程序文件', en: 'a program file', zhDo: '请选择', enDo: 'Please pick' },
  der: {
    zh: '二进制格式（DER）的密钥或证书',
    en: 'a key or certificate in binary (DER) form',
    zhDo: '请选择',
    enDo: 'Please pick',
  },
  unknown: {
    zh: '二进制文件（不是文字）',
    en: 'a binary file (not text)',
    zhDo: '请选择',
    enDo: 'Please pick',
  },
};

export function decodeIssue(problem: DecodeProblem, file: string, doc: DocumentKind): ConfigIssue {
  switch (problem.kind) {
    case 'empty':
      return makeIssue({
        file,
        code: 'EMPTY_FILE',
        zh: `文件是空的，没有任何内容。可能导出或保存没有完成，请重新获取 ${doc.typicalName}。${doc.redo.zh}`,
        en: `The file is empty. The export or save may not have finished; get ${doc.typicalName} again. ${doc.redo.en}`,
      });
    case 'binary': {
      const name = BINARY_NAMES[problem.format];
      return makeIssue({
        file,
        code: 'BINARY_FILE',
        zh: `这不是${doc.what.zh}，而是${name.zh}。${name.zhDo} ${doc.typicalName}。`,
        en: `This is not ${doc.what.en} but ${name.en}. ${name.enDo} ${doc.typicalName}.`,
      });
    }
    case 'utf32':
      return makeIssue({
        file,
        code: 'ENCODING_UTF32',
        zh: `文件是用 UTF-32 编码保存的，无法读取。请用记事本打开，选择“另存为”，在“编码”里选“UTF-8”后保存，再重新导入。`,
        en: `The file was saved as UTF-32, which cannot be read. Open it in Notepad, choose "Save As", set Encoding to "UTF-8", save, and import it again.`,
      });
    case 'utf16-invalid':
      return makeIssue({
        file,
        code: 'ENCODING_UTF16_INVALID',
        zh: `文件像是用 UTF-16（记事本里叫 “Unicode”）保存的，但内容不完整或已损坏。请用记事本打开，选择“另存为”，在“编码”里选“UTF-8”后保存；${doc.redo.zh}`,
        en: `The file looks saved as UTF-16 (Notepad's "Unicode") but is incomplete or damaged. Open it in Notepad, choose "Save As", set Encoding to "UTF-8" and save. ${doc.redo.en}`,
      });
    case 'gbk': {
      const sample = problem.sample ? `「${problem.sample}」` : '';
      const enSample = problem.sample ? ` (the text "${problem.sample}")` : '';
      return makeIssue({
        file,
        position: { line: problem.line, column: problem.column },
        code: 'ENCODING_GBK',
        zh: `这里的文字${sample}是用 GBK（Windows 里的 “ANSI”）编码保存的，不是 UTF-8，导入后中文会变成乱码。请用记事本打开这个文件，选择“另存为”，在“编码”里选“UTF-8”后保存，再重新导入。`,
        en: `The text here${enSample} was saved in GBK (Windows "ANSI"), not UTF-8, so Chinese characters would turn into garbage. Open the file in Notepad, choose "Save As", set Encoding to "UTF-8", save, and import it again.`,
      });
    }
    case 'not-utf8':
      return makeIssue({
        file,
        position: { line: problem.line, column: problem.column },
        code: 'ENCODING_NOT_UTF8',
        zh: `从这里开始的内容不是 UTF-8 编码的文字，文件可能已损坏或用了其他编码保存。请用记事本打开，选择“另存为”，在“编码”里选“UTF-8”后保存。${doc.redo.zh}`,
        en: `From here on the content is not UTF-8 text; the file may be damaged or saved in another encoding. Open it in Notepad, choose "Save As", set Encoding to "UTF-8" and save. ${doc.redo.en}`,
      });
  }
}

/** Accepted encodings that are still worth a word: other tools may choke on them. */
export function encodingWarning(encoding: TextEncoding, file: string): ConfigIssue | null {
  if (encoding === 'utf-8-bom') {
    return makeIssue({
      file,
      code: 'UTF8_BOM',
      severity: 'warning',
      zh: '文件开头有一个看不见的 BOM 标记（记事本“UTF-8 带 BOM”保存时会加上）。本程序已忽略它，不影响诊断；如果别的工具读取出错，请另存为“UTF-8”（不带 BOM）。',
      en: 'The file starts with an invisible BOM mark (Notepad adds it with "UTF-8 with BOM"). It was ignored and does not affect the diagnosis; if another tool fails to read the file, save it as plain "UTF-8" (without BOM).',
    });
  }
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    return makeIssue({
      file,
      code: 'ENCODING_UTF16',
      severity: 'warning',
      zh: '文件是用 UTF-16（记事本里叫 “Unicode”）保存的。本程序已自动识别并读取，但商家后台和其他工具可能读不了，建议用记事本“另存为”，在“编码”里选“UTF-8”保存。',
      en: 'The file was saved as UTF-16 (Notepad\'s "Unicode"). It was read correctly, but your merchant back office and other tools may not read it; we suggest "Save As" in Notepad with Encoding "UTF-8".',
    });
  }
  return null;
}
