import type { BundleProblemCode } from '../../../../shared/report/bundle-view';

/**
 * The reader's problem codes in the few kinds support staff act on: what went wrong with the file as a
 * whole, and so what to ask the merchant for. Every code has a kind (checked at compile time).
 */
export const PROBLEM_KINDS = ['unreadable', 'notZip', 'unsafePath', 'tooLarge', 'tampered'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

export const KIND_OF: Record<BundleProblemCode, ProblemKind> = {
  FILE_UNREADABLE: 'unreadable',
  NOT_A_ZIP: 'notZip',
  ENCRYPTED_ENTRY: 'notZip',
  UNSUPPORTED_COMPRESSION: 'notZip',
  FILE_TOO_LARGE: 'tooLarge',
  TOO_MANY_ENTRIES: 'tooLarge',
  ENTRY_TOO_LARGE: 'tooLarge',
  TOTAL_TOO_LARGE: 'tooLarge',
  RATIO_TOO_HIGH: 'tooLarge',
  UNSAFE_PATH: 'unsafePath',
  SYMLINK: 'unsafePath',
  DUPLICATE_ENTRY: 'tampered',
  CORRUPT_ENTRY: 'tampered',
  MANIFEST_MISSING: 'tampered',
  MANIFEST_INVALID: 'tampered',
  MEMBER_MISSING: 'tampered',
  MEMBER_NOT_IN_MANIFEST: 'tampered',
  SIZE_MISMATCH: 'tampered',
  HASH_MISMATCH: 'tampered',
  REPORT_MISSING: 'tampered',
  REPORT_INVALID: 'tampered',
  NAME_COLLISION: 'unsafePath',
  LOCAL_NAME_MISMATCH: 'unsafePath',
  DIRECTORY_WITH_DATA: 'tampered',
  NESTING_TOO_DEEP: 'tampered',
};

/** The kinds a refusal shows, most telling first (a bomb is named before the tampering it may cause). */
export const kindsOf = (codes: readonly BundleProblemCode[]): ProblemKind[] =>
  PROBLEM_KINDS.filter((kind) => codes.some((code) => KIND_OF[code] === kind));
