/**
 * The diagnostic bundle of protocol §6: previewed (redacted, staged) section by section, written as a
 * streaming zip with a manifest of per-member SHA-256, and read back by a reader that trusts nothing.
 */
export {
  previewBundle,
  BundlePreview,
  PreviewDisposedError,
  type BundleSources,
  type PreviewOptions,
  type StagedMember,
  type SectionInfo,
} from './preview';
export { previewView, type PreviewViewLimits } from './preview-view';
export { writeBundle, type WrittenBundle, type WriteOptions } from './writer';
export {
  openBundle,
  verifyBundle,
  unsafePathReason,
  DEFAULT_OPEN_LIMITS,
  type OpenLimits,
  type BundleVerification,
} from './reader';
export type { LogSource } from './log-source';
export { MANIFEST_PATH, REPORT_PATH, HAR_PATH } from './members';
