import type { Dayjs } from 'dayjs';
import type { BundlePreviewView } from '../../../../shared/report/bundle-view';
import type { OutboxItemView } from '../../../../shared/report/outbox-view';
import type { ReportSection } from '../../../../shared/report/sections';
import type {
  Contact,
  MerchantScreenshot,
  SymptomCategory,
  SymptomFrequency,
} from '../../../../shared/report/symptom-form';
import { createExternalStore, reasonOf } from '../../app/external-store';
import { doctor } from '../../ipc/doctor';

/**
 * The report screen's state lives outside the screen, for the whole renderer session (like the
 * diagnosis'): a merchant who looks something up on another screen comes back to the words they typed,
 * the sections they left out and the preview they were reading.
 */

export type ContactField = keyof Contact;
export const CONTACT_FIELDS: readonly ContactField[] = ['name', 'phone', 'email', 'wechat', 'preferredTime'];

export interface ReportDraft {
  category: SymptomCategory | null;
  description: string;
  /** When it started, as the date picker holds it (sent as ISO with the merchant's offset), or null. */
  firstSeen: Dayjs | null;
  firstSeenUnsure: boolean;
  frequency: SymptomFrequency | null;
  screenshots: MerchantScreenshot[];
  /** 愿意留下联系方式: unticked, nothing of `contact` is sent (the report's contact is null). */
  wantsContact: boolean;
  contact: Record<ContactField, string>;
  /** Attach the watch history of the last 24 hours. */
  attachWatch: boolean;
}

export type ReportError = { kind: 'preview' | 'export' | 'submit'; reason: string };

export interface ReportSession {
  draft: ReportDraft;
  /** Bumped on every change of the draft: a preview of an older version is no longer what would be sent. */
  draftVersion: number;
  /** Sections the merchant unticked. */
  exclude: ReportSection[];
  busy: 'previewing' | 'exporting' | 'submitting' | null;
  preview: BundlePreviewView | null;
  /** The draft version and the diagnosis the preview was made from. */
  previewedVersion: number | null;
  previewedDiagnosisId: string | null;
  /** Set once the merchant asked for a preview with something missing: the form then says what. */
  showErrors: boolean;
  exported: { reportId: string; path: string; bytes: number } | null;
  submitted: OutboxItemView | null;
  error: ReportError | null;
  /** 买家看到了什么 as picked from the diagnosis (the form says so while it is still that choice). */
  presetCategory: SymptomCategory | null;
}

export const WATCH_WINDOW_MS = 24 * 60 * 60 * 1000;

const emptyDraft = (): ReportDraft => ({
  category: null,
  description: '',
  firstSeen: null,
  firstSeenUnsure: false,
  frequency: null,
  screenshots: [],
  wantsContact: false,
  contact: { name: '', phone: '', email: '', wechat: '', preferredTime: '' },
  attachWatch: false,
});

const initial = (): ReportSession => ({
  draft: emptyDraft(),
  draftVersion: 0,
  exclude: [],
  busy: null,
  preview: null,
  previewedVersion: null,
  previewedDiagnosisId: null,
  showErrors: false,
  exported: null,
  submitted: null,
  error: null,
  presetCategory: null,
});

const store = createExternalStore<ReportSession>(initial());
const update = store.update;

export const useReportSession = store.useStore;
/** The session as it is now, outside React (the unit tests read it). */
export const reportSessionNow = store.get;

/** What the form still needs before a preview means anything. */
export function missingFields(draft: ReportDraft): ('category' | 'description')[] {
  const missing: ('category' | 'description')[] = [];
  if (draft.category === null) missing.push('category');
  if (draft.description.trim() === '') missing.push('description');
  return missing;
}

/** A change to the form: what was previewed is then no longer what would be sent. */
export function editDraft(change: Partial<ReportDraft>): void {
  update((previous) => ({
    draft: { ...previous.draft, ...change },
    draftVersion: previous.draftVersion + 1,
    exported: null,
  }));
}

/**
 * The diagnosis' answer to 买家看到了什么, chosen for the merchant while they have chosen nothing: a
 * choice of theirs is never overwritten.
 */
export function presetCategory(category: SymptomCategory | null): void {
  if (category === null || store.get().draft.category !== null) return;
  update((previous) => ({
    draft: { ...previous.draft, category },
    draftVersion: previous.draftVersion + 1,
    presetCategory: category,
  }));
}

export function editContact(field: ContactField, value: string): void {
  editDraft({ contact: { ...store.get().draft.contact, [field]: value } });
}

/** Only the fields the merchant filled in; null when they typed nothing or did not tick the box. */
function contactOf(draft: ReportDraft): Contact | null {
  if (!draft.wantsContact) return null;
  const given = CONTACT_FIELDS.flatMap((field) => {
    const value = draft.contact[field].trim();
    return value ? [[field, value] as const] : [];
  });
  return given.length > 0 ? (Object.fromEntries(given) as Contact) : null;
}

/** Previews answered out of order (quick clicks on the checkboxes): only the newest request counts. */
let previewSequence = 0;

/**
 * 预览将发送的内容: main stages exactly what would leave the machine, redacted, section by section, from
 * the last diagnosis. `diagnosisId` is the diagnosis the screen shows, so a newer one marks it stale.
 */
export async function previewReport(diagnosisId: string): Promise<void> {
  const { draft, exclude, draftVersion } = store.get();
  if (missingFields(draft).length > 0) {
    update({ showErrors: true });
    return;
  }
  const sequence = ++previewSequence;
  update({ busy: 'previewing', error: null, showErrors: false });
  const now = Date.now();
  try {
    const preview = await doctor.invoke('report.preview', {
      symptom: {
        category: draft.category!,
        description: draft.description.trim(),
        firstSeen: draft.firstSeenUnsure || !draft.firstSeen ? null : draft.firstSeen.format(),
        frequency: draft.frequency,
        screenshots: draft.screenshots,
      },
      contact: contactOf(draft),
      exclude,
      ...(draft.attachWatch ? { watchWindow: { from: now - WATCH_WINDOW_MS, to: now } } : {}),
    });
    if (sequence !== previewSequence) return;
    update({
      preview,
      previewedVersion: draftVersion,
      previewedDiagnosisId: diagnosisId,
      exported: null,
      submitted: null,
    });
  } catch (error) {
    if (sequence === previewSequence) update({ error: { kind: 'preview', reason: reasonOf(error) } });
  } finally {
    if (sequence === previewSequence) update({ busy: null });
  }
}

/** A section's checkbox: the preview is made again at once, so what is shown is always what is sent. */
export async function setSectionIncluded(
  section: ReportSection,
  included: boolean,
  diagnosisId: string,
): Promise<void> {
  update((previous) => ({
    exclude: included
      ? previous.exclude.filter((s) => s !== section)
      : [...previous.exclude.filter((s) => s !== section), section],
  }));
  await previewReport(diagnosisId);
}

/** 导出诊断包: the previewed bundle written to the bundles folder; the screen shows where. */
export async function exportReport(): Promise<void> {
  const { preview, busy } = store.get();
  if (!preview || busy) return;
  update({ busy: 'exporting', error: null });
  try {
    const written = await doctor.invoke('report.export', { reportId: preview.reportId });
    update({ exported: { reportId: preview.reportId, path: written.path, bytes: written.bytes } });
  } catch (error) {
    update({ error: { kind: 'export', reason: reasonOf(error) } });
  } finally {
    update({ busy: null });
  }
}

/** 提交给平台客服: written to the outbox before this resolves; the outbox sends it from there. */
export async function submitReport(): Promise<OutboxItemView | null> {
  const { preview, busy } = store.get();
  if (!preview || busy) return null;
  update({ busy: 'submitting', error: null });
  try {
    const item = await doctor.invoke('report.submit', { reportId: preview.reportId });
    update({ submitted: item });
    return item;
  } catch (error) {
    update({ error: { kind: 'submit', reason: reasonOf(error) } });
    return null;
  } finally {
    update({ busy: null });
  }
}

/** 写一份新报告: an empty form, every section ticked again. */
export function startNewReport(): void {
  previewSequence += 1;
  store.set(initial());
}
