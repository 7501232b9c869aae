import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  editContact,
  editDraft,
  exportReport,
  missingFields,
  presetCategory,
  previewReport,
  reportSessionNow,
  setSectionIncluded,
  startNewReport,
  submitReport,
  WATCH_WINDOW_MS,
} from '../../../renderer/src/screens/report/report-session';
import { fakeDoctor } from './fake-doctor';

let doctor: ReturnType<typeof fakeDoctor>;
beforeEach(() => {
  doctor = fakeDoctor();
  vi.stubGlobal('window', { doctor: doctor.api });
  startNewReport();
});
afterEach(() => vi.unstubAllGlobals());

const preview = (reportId: string) => ({ reportId, sections: [] });

describe('the report session (renderer logic, no browser)', () => {
  it('a preview with the form unfinished only shows what is missing; nothing is asked of main', async () => {
    expect(missingFields(reportSessionNow().draft)).toEqual(['category', 'description']);
    await previewReport('d1');
    expect(reportSessionNow().showErrors).toBe(true);
    expect(doctor.calls).toEqual([]);
    editDraft({ description: '   ' });
    expect(missingFields(reportSessionNow().draft)).toEqual(['category', 'description']);
  });

  it("the diagnosis' category is preset, but never over the merchant's own choice", () => {
    presetCategory('PAGE_NOT_LOADING');
    expect(reportSessionNow()).toMatchObject({ presetCategory: 'PAGE_NOT_LOADING', draftVersion: 1 });
    editDraft({ category: 'PAYMENT_FAILED_MESSAGE' });
    presetCategory('BLANK_OR_GARBLED_PAGE');
    expect(reportSessionNow().draft.category).toBe('PAYMENT_FAILED_MESSAGE');
    expect(reportSessionNow().draftVersion).toBe(2);
  });

  it('sends the trimmed form, only the contact fields filled in, and the last 24 h of watch history if ticked', async () => {
    editDraft({ category: 'PAGE_NOT_LOADING', description: '  付款页打不开  ', attachWatch: true });
    editContact('phone', ' 13800000000 ');
    editContact('name', '   ');
    // Not ticked: nothing of the contact goes.
    const first = previewReport('d1');
    const sent = doctor.answer('report.preview', preview('r1')) as Record<string, unknown>;
    await first;
    expect(sent).toMatchObject({ symptom: { description: '付款页打不开', firstSeen: null }, contact: null });
    const window = sent.watchWindow as { from: number; to: number };
    expect(window.to - window.from).toBe(WATCH_WINDOW_MS);

    editDraft({ wantsContact: true });
    const second = previewReport('d1');
    expect(doctor.answer('report.preview', preview('r2'))).toMatchObject({
      contact: { phone: '13800000000' },
    });
    await second;
    expect(reportSessionNow()).toMatchObject({
      preview: { reportId: 'r2' },
      previewedVersion: reportSessionNow().draftVersion,
      previewedDiagnosisId: 'd1',
      busy: null,
    });
  });

  it('previews answered out of order: only the newest one counts', async () => {
    editDraft({ category: 'PAGE_NOT_LOADING', description: 'x' });
    const older = setSectionIncluded('logs', false, 'd1');
    const newer = setSectionIncluded('logs', true, 'd1');
    expect(doctor.calls.map((c) => (c.input as { exclude: string[] }).exclude)).toEqual([['logs'], []]);
    const [olderCall, newerCall] = doctor.calls.splice(0, 2);
    newerCall!.resolve(preview('newer'));
    await newer;
    olderCall!.resolve(preview('older'));
    await older;
    expect(reportSessionNow().preview).toMatchObject({ reportId: 'newer' });
    expect(reportSessionNow().exclude).toEqual([]);
  });

  it('export and submit use the previewed report; a failure says which step and why', async () => {
    await exportReport();
    expect(doctor.calls).toEqual([]); // nothing previewed yet
    editDraft({ category: 'PAGE_NOT_LOADING', description: 'x' });
    const previewing = previewReport('d1');
    doctor.answer('report.preview', preview('r9'));
    await previewing;

    const exporting = exportReport();
    expect(reportSessionNow().busy).toBe('exporting');
    expect(doctor.answer('report.export', { path: '/bundles/r9.zip', bytes: 1234 })).toEqual({
      reportId: 'r9',
    });
    await exporting;
    expect(reportSessionNow().exported).toEqual({ reportId: 'r9', path: '/bundles/r9.zip', bytes: 1234 });

    const submitting = submitReport();
    doctor.fail('report.submit', 'disk full');
    expect(await submitting).toBeNull();
    expect(reportSessionNow()).toMatchObject({ busy: null, error: { kind: 'submit', reason: 'disk full' } });

    startNewReport();
    expect(reportSessionNow()).toMatchObject({ preview: null, exclude: [], error: null, draftVersion: 0 });
  });
});
