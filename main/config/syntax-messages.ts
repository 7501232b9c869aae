import type { ConfigIssue, ConfigIssueCode } from '../../shared/config/import-result';
import { makeIssue, type DocumentKind } from './config-issue';
import { formatJsonPath } from './json-path';
import { MAX_JSON_DEPTH, type JsonSyntaxError, type JsonSyntaxErrorKind } from './json-source-parser';
import type { LineIndex } from './source-position';

/** A JSON syntax error → what the owner sees: where, what went wrong, how to fix it in Notepad. */

const CODES: Record<JsonSyntaxErrorKind, ConfigIssueCode> = {
  empty: 'EMPTY_FILE',
  'looks-like-html': 'JSON_LOOKS_LIKE_HTML',
  'looks-like-pem': 'JSON_LOOKS_LIKE_PEM',
  'unexpected-end': 'JSON_UNEXPECTED_END',
  'missing-comma': 'JSON_MISSING_COMMA',
  'trailing-comma': 'JSON_TRAILING_COMMA',
  'missing-colon': 'JSON_MISSING_COLON',
  'missing-value': 'JSON_MISSING_VALUE',
  'fullwidth-punctuation': 'JSON_FULLWIDTH_PUNCTUATION',
  'invisible-character': 'JSON_INVISIBLE_CHARACTER',
  'single-quotes': 'JSON_SINGLE_QUOTES',
  'unquoted-key': 'JSON_UNQUOTED_KEY',
  'unquoted-text': 'JSON_UNQUOTED_TEXT',
  comment: 'JSON_COMMENT',
  'unterminated-string': 'JSON_UNTERMINATED_STRING',
  'pem-line-breaks': 'JSON_PEM_LINE_BREAKS',
  'control-character': 'JSON_CONTROL_CHARACTER',
  'invalid-escape': 'JSON_INVALID_ESCAPE',
  'invalid-number': 'JSON_INVALID_NUMBER',
  'invalid-literal': 'JSON_INVALID_LITERAL',
  'mismatched-bracket': 'JSON_MISMATCHED_BRACKET',
  'unexpected-character': 'JSON_UNEXPECTED_CHARACTER',
  'trailing-content': 'JSON_TRAILING_CONTENT',
  'too-deep': 'JSON_TOO_DEEP',
};

export function syntaxIssue(
  error: JsonSyntaxError,
  lines: LineIndex,
  file: string,
  doc: DocumentKind,
): ConfigIssue {
  const { zh, en } = describe(error, doc);
  return makeIssue({
    file,
    field: formatJsonPath(error.segments),
    position: lines.at(error.offset),
    code: CODES[error.kind],
    zh,
    en,
  });
}

function describe(error: JsonSyntaxError, doc: DocumentKind): { zh: string; en: string } {
  const found = error.found ?? '';
  const redo = doc.redo;
  switch (error.kind) {
    case 'empty':
      return {
        zh: `文件里只有空白，没有任何配置内容。可能导出或保存没有完成。${redo.zh}`,
        en: `The file contains only blank space, no configuration. The export or save may not have finished. ${redo.en}`,
      };
    case 'looks-like-html':
      return {
        zh: `这个文件的内容是网页（HTML），不是${doc.what.zh}。可能下载时保存成了错误页或登录页。${redo.zh}`,
        en: `This file contains a web page (HTML), not ${doc.what.en}. An error or login page may have been saved instead. ${redo.en}`,
      };
    case 'looks-like-pem':
      return {
        zh: `这是一个密钥或证书文件（PEM 格式），不是${doc.what.zh}。请选择 ${doc.typicalName}；私钥文件应在 store.json 里用 { "file": "私钥文件名.pem" } 引用。`,
        en: `This is a key or certificate file (PEM), not ${doc.what.en}. Please pick ${doc.typicalName}; a key file is referenced from store.json with { "file": "your-key.pem" }.`,
      };
    case 'unexpected-end': {
      const closer = error.expectedCloser ?? '}';
      const n = error.unclosed ?? 1;
      return {
        zh: `文件在这里就结束了，但还少了结尾的「${closer}」（有 ${n} 处括号没有闭合）。文件可能没有复制或保存完整。${redo.zh}`,
        en: `The file ends here, but the closing "${closer}" is missing (${n} bracket${n === 1 ? '' : 's'} left open). The file may have been cut off while copying or saving. ${redo.en}`,
      };
    }
    case 'missing-comma':
      return {
        zh: '这里少了一个逗号。上一项（通常在上一行末尾）和这一项之间要用英文逗号「,」隔开。请用记事本打开，检查这一行，在上一项末尾加上「,」，或重新导出文件。',
        en: 'A comma is missing here. The previous entry (usually at the end of the line above) and this one must be separated by a comma ",". Open the file in Notepad, check this line and add "," after the previous entry, or export the file again.',
      };
    case 'trailing-comma':
      return {
        zh: '这里多了一个逗号：最后一项后面不能再有逗号。请用记事本打开，删掉这个「,」。',
        en: 'There is one comma too many here: the last entry must not be followed by a comma. Open the file in Notepad and delete this ",".',
      };
    case 'missing-colon':
      return {
        zh: '字段名后面少了英文冒号「:」。应写成 "字段名": 值，例如 "charset": "UTF-8"。',
        en: 'A colon ":" is missing after the field name. It should read "name": value, for example "charset": "UTF-8".',
      };
    case 'missing-value':
      return {
        zh: `这里缺少值：在「${found}」前面应该有内容。文字要加英文双引号，例如 "UTF-8"。`,
        en: `A value is missing here, before "${found}". Text needs double quotes, for example "UTF-8".`,
      };
    case 'fullwidth-punctuation': {
      const suggestion = error.suggestion ?? '';
      if (suggestion === ' ') {
        return {
          zh: `这里有一个中文全角空格（${found}）。JSON 只认英文（半角）符号，请删掉它，需要时换成普通空格。`,
          en: `There is a full-width (Chinese) space here (${found}). JSON accepts only plain ASCII symbols; delete it, or use a normal space.`,
        };
      }
      return {
        zh: `这里用了中文（全角）标点「${found}」。JSON 只认英文（半角）标点，请切换到英文输入法，把它改成「${suggestion}」。`,
        en: `A Chinese (full-width) punctuation mark "${found}" is used here. JSON accepts only plain ASCII punctuation; switch to an English keyboard and change it to "${suggestion}".`,
      };
    }
    case 'invisible-character':
      return {
        zh: `这里有一个看不见的特殊字符（${found}），常见于从网页或聊天软件复制的内容。请删掉这一处的空白，再用键盘重新输入。`,
        en: `There is an invisible special character here (${found}), common in text copied from web pages or chat apps. Delete the blank space at this spot and retype it with the keyboard.`,
      };
    case 'single-quotes':
      return {
        zh: '这里用了单引号「\'」。JSON 里的文字和字段名都要用英文双引号「"」括起来。',
        en: 'A single quote "\'" is used here. In JSON, text and field names must be in double quotes (").',
      };
    case 'unquoted-key':
      return {
        zh: '字段名没有用英文双引号括起来。请写成 "字段名": 值，例如 "merchantNo": "2088123456789012"。',
        en: 'The field name is not in double quotes. Write "name": value, for example "merchantNo": "2088123456789012".',
      };
    case 'unquoted-text':
      return {
        zh: '这里的文字没有用英文双引号括起来。文字要写成 "文字" 的样子；只有数字、true、false 和 null 可以不加引号。',
        en: 'This text is not in double quotes. Text must be written "like this"; only numbers, true, false and null go without quotes.',
      };
    case 'comment':
      return {
        zh: 'JSON 文件里不能写注释（// 、/* */ 或 #）。请删除这段注释。',
        en: 'JSON files cannot contain comments (//, /* */ or #). Please delete this comment.',
      };
    case 'unterminated-string':
      return {
        zh: '从这里开始的文字缺少结尾的英文双引号「"」，文字不能换行。请在这段文字末尾补上「"」。',
        en: 'The text starting here has no closing double quote ("), and text cannot span lines. Add a " at the end of this text.',
      };
    case 'pem-line-breaks':
      return {
        zh: '私钥是直接粘贴进来的，里面的换行让文件无法读取。请把私钥保存成单独的 .pem 文件，在这里写 { "file": "私钥文件名.pem" }；或者把私钥里的每个换行都写成 \\n。',
        en: 'The private key was pasted in directly and its line breaks make the file unreadable. Save the key as a separate .pem file and write { "file": "your-key.pem" } here, or write each line break in the key as \\n.',
      };
    case 'control-character':
      return {
        zh: `文字里有一个不允许的控制字符（${found}，比如 Tab 制表符）。请删掉它，需要时换成空格。`,
        en: `The text contains a control character that is not allowed (${found}, such as a Tab). Delete it, or use a space.`,
      };
    case 'invalid-escape':
      return {
        zh: `反斜杠「\\」后面跟了「${found}」，JSON 不认识这种写法。如果这是 Windows 路径，请把每个「\\」写成两个「\\\\」（例如 C:\\\\keys\\\\merchant.pem），或改用「/」（例如 C:/keys/merchant.pem）。`,
        en: `A backslash "\\" followed by "${found}" is not valid JSON. If this is a Windows path, write each "\\" as "\\\\" (for example C:\\\\keys\\\\merchant.pem), or use "/" instead (for example C:/keys/merchant.pem).`,
      };
    case 'invalid-number':
      return {
        zh: '这里的数字写法不对（数字不能以 0 开头，不能带单位、空格或多个小数点）。金额和编号请写成带英文双引号的文字，例如 "199.00"、"2088123456789012"。',
        en: 'This number is not written correctly (no leading zeros, units, spaces or several decimal points). Write amounts and numbers like IDs as quoted text, for example "199.00" or "2088123456789012".',
      };
    case 'invalid-literal':
      return {
        zh: `这里应该写小写的 ${error.suggestion ?? 'true / false / null'}（JSON 区分大小写，不认 True、NULL、None 之类的写法）。`,
        en: `Write lower-case ${error.suggestion ?? 'true / false / null'} here (JSON is case-sensitive and does not accept True, NULL, None and the like).`,
      };
    case 'mismatched-bracket':
      return {
        zh: `括号没有对上：这里应该是「${error.expectedCloser ?? '}'}」，却是「${found}」。请检查 { } 和 [ ] 是否成对出现。`,
        en: `Brackets do not match: "${error.expectedCloser ?? '}'}" was expected here but "${found}" was found. Check that every { has its } and every [ has its ].`,
      };
    case 'unexpected-character':
      return {
        zh: `这里出现了不该有的字符「${found}」。请检查这一处是不是多打或打错了字。${redo.zh}`,
        en: `An unexpected character "${found}" is here. Check whether something was mistyped at this spot. ${redo.en}`,
      };
    case 'trailing-content':
      return {
        zh: `配置内容在这之前已经完整结束，这里开始是多余的内容「${found}」（可能粘贴了两次）。请删掉多余的部分。`,
        en: `The configuration is already complete before this point; what starts here ("${found}") is extra (perhaps pasted twice). Please delete the extra part.`,
      };
    case 'too-deep':
      return {
        zh: `这里的 { } 或 [ ] 嵌套超过了 ${MAX_JSON_DEPTH} 层，不可能是${doc.what.zh}。请确认选对了文件。`,
        en: `Brackets here are nested more than ${MAX_JSON_DEPTH} levels deep, which cannot be ${doc.what.en}. Please check you picked the right file.`,
      };
  }
}
