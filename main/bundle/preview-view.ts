import type { BundlePreviewView, PreviewPart } from '../../shared/report/bundle-view';
import type { BundlePreview, StagedMember } from './preview';
import { readStaged } from './staged-file';

export interface PreviewViewLimits {
  /** Text shown per member; the rest is summed up as "truncated". */
  maxTextBytes?: number;
  /** Pictures larger than this are listed without their pixels. */
  maxImageBytes?: number;
}

async function head(member: StagedMember, maxBytes: number): Promise<Buffer> {
  if (member.data) return member.data.subarray(0, maxBytes);
  return readStaged(member, Math.min(member.bytes, maxBytes));
}

/** Cuts before a UTF-8 sequence that the limit split, so the view never ends in a broken character. */
function wholeUtf8(bytes: Buffer): string {
  let end = bytes.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = bytes[end - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * The consent screen's data: per section, the members it adds with their exact text (or picture), and
 * the part of report.json it fills. Serializable (shared/report BundlePreviewViewSchema) for IPC.
 */
export async function previewView(
  preview: BundlePreview,
  limits: PreviewViewLimits = {},
): Promise<BundlePreviewView> {
  preview.assertLive();
  const maxText = limits.maxTextBytes ?? 256 * 1024;
  const maxImage = limits.maxImageBytes ?? 8 * 1024 * 1024;
  const part = async (m: StagedMember): Promise<PreviewPart> => {
    const isImage = m.mediaType.startsWith('image/');
    const shown = isImage ? (m.bytes <= maxImage ? m.bytes : 0) : Math.min(m.bytes, maxText);
    const bytes = shown > 0 ? await head(m, shown) : Buffer.alloc(0);
    return {
      path: m.path,
      mediaType: m.mediaType,
      bytes: m.bytes,
      sha256: m.sha256,
      text: isImage ? null : wholeUtf8(bytes),
      base64: isImage && shown > 0 ? bytes.toString('base64') : null,
      truncated: shown < m.bytes,
    };
  };
  const sections = [];
  for (const info of preview.sections) {
    const parts = [];
    for (const m of preview.members) if (m.section === info.section) parts.push(await part(m));
    sections.push({
      section: info.section,
      included: info.included,
      excludable: info.excludable,
      reportFragment: info.reportFragment,
      parts,
      redactions: info.redactions as Record<string, number>,
    });
  }
  return { reportId: preview.reportId, totalBytes: preview.totalBytes, sections, manifest: preview.manifest };
}
