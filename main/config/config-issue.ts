import type { ConfigIssue, ConfigIssueCode } from '../../shared/config/import-result';
import type { SourcePosition } from './source-position';

/** Which document is being imported: the messages name it and say where to get a good copy. */
export interface DocumentKind {
  typicalName: 'store.json' | 'platform.json';
  what: { zh: string; en: string };
  /** Where a fresh copy comes from, ending the message when a hand fix is not obvious. */
  redo: { zh: string; en: string };
}

export const STORE_DOCUMENT: DocumentKind = {
  typicalName: 'store.json',
  what: { zh: '店铺支付配置文件', en: 'a store payment configuration' },
  redo: {
    zh: '如果不确定怎么改，请重新从商家后台导出 store.json。',
    en: 'If you are not sure how to fix it, export store.json again from your merchant back office.',
  },
};

export const PROFILE_DOCUMENT: DocumentKind = {
  typicalName: 'platform.json',
  what: { zh: '平台配置文件', en: 'a platform profile' },
  redo: {
    zh: '如果不确定怎么改，请向平台客户经理重新索取 platform.json。',
    en: 'If you are not sure how to fix it, ask your platform account manager for platform.json again.',
  },
};

export interface IssueInit {
  file: string;
  field?: string;
  position?: SourcePosition;
  code: ConfigIssueCode;
  severity?: 'error' | 'warning';
  /** The message body, after the "file, line, column" prefix that every message gets. */
  zh: string;
  en: string;
}

export function makeIssue(init: IssueInit): ConfigIssue {
  const { file, position } = init;
  const zhWhere = position
    ? `文件 ${file} 第 ${position.line} 行第 ${position.column} 列：`
    : `文件 ${file}：`;
  const enWhere = position ? `${file}, line ${position.line}, column ${position.column}: ` : `${file}: `;
  return {
    file,
    field: init.field ?? '$',
    ...(position ? { line: position.line, column: position.column } : {}),
    code: init.code,
    severity: init.severity ?? 'error',
    message: { 'zh-CN': zhWhere + init.zh, 'en-US': enWhere + init.en },
  };
}

export const MAX_ISSUES_PER_LIST = 50;

/**
 * Top to bottom through the file (issues without a place last), and at most 50: past that the file
 * is not a config at all, and a wall of messages helps nobody.
 */
export function orderAndCap(
  issues: ConfigIssue[],
  file: string,
  severity: 'error' | 'warning',
): ConfigIssue[] {
  const ordered = issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => {
      const lineA = a.issue.line ?? Number.MAX_SAFE_INTEGER;
      const lineB = b.issue.line ?? Number.MAX_SAFE_INTEGER;
      if (lineA !== lineB) return lineA - lineB;
      const colA = a.issue.column ?? 0;
      const colB = b.issue.column ?? 0;
      return colA !== colB ? colA - colB : a.index - b.index;
    })
    .map(({ issue }) => issue);
  if (ordered.length <= MAX_ISSUES_PER_LIST) return ordered;
  const kept = ordered.slice(0, MAX_ISSUES_PER_LIST - 1);
  const more = ordered.length - kept.length;
  kept.push(
    makeIssue({
      file,
      code: 'TOO_MANY_ISSUES',
      severity,
      zh: `还有 ${more} 个类似的问题没有列出。问题这么多，通常说明选错了文件，请确认这是正确的配置文件。`,
      en: `${more} more similar problems are not listed. So many problems usually means this is not the right file; please check you picked the correct configuration file.`,
    }),
  );
  return kept;
}

/** English messages often start with a field label ("merchant number (merchantNo) is missing"). */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
