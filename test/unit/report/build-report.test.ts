import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../../shared/report';
import { REPORT_MAX_BYTES } from '../../../main/report';
import { check, checklistRun, draft, makePng, simulation } from './fixtures';

describe('buildReport', () => {
  it('gathers §5: ids, app, symptom, checks, simulation, timings, environment, no contact unless given', () => {
    const { report, har } = draft();
    expect(ReportSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({
      schema_version: 1,
      created_at: '2026-11-26T10:00:00.000Z',
      merchant_no: '2088000000000001',
      symptom: {
        category: 'PAYMENT_FAILED_MESSAGE',
        description: '买家说点了白条就显示支付失败',
        first_seen: '2026-11-20',
        frequency: 'OFTEN',
        screenshots: [],
      },
      contact: null,
      withheld: [],
    });
    expect(report.report_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(report.checks).toHaveLength(1);
    expect(report.timings.probes).toHaveLength(1);
    // The probes' requests are in the HAR, not the report.
    expect(har?.log.entries).toHaveLength(2);
    expect(har?.log.version).toBe('1.2');
  });

  it('moves pictures out of the report: merchant attachments and the simulation screenshots become members', () => {
    const png = makePng();
    const { report, screenshots } = draft({
      symptom: {
        category: 'BLANK_OR_GARBLED_PAGE',
        description: '',
        firstSeen: null,
        frequency: null,
        screenshots: [{ name: 'a.png', mediaType: 'image/png', base64: png.toString('base64') }],
      },
    });
    expect(report.symptom.screenshots).toEqual(['screenshots/merchant-1.png']);
    expect(screenshots.map((s) => [s.path, s.source])).toEqual([
      ['screenshots/merchant-1.png', 'merchant'],
      ['screenshots/simulation-1-cashier.png', 'simulation'],
    ]);
    expect(screenshots[0]!.bytes.equals(png)).toBe(true);
    const shot = (report.simulation!.screenshots as Record<string, unknown>[])[0]!;
    expect(shot).toMatchObject({ base64: null, path: 'screenshots/simulation-1-cashier.png' });
    expect(JSON.stringify(report)).not.toContain(png.toString('base64').slice(0, 40));
  });

  it('keeps only the contact fields the merchant filled in', () => {
    expect(draft({ contact: { phone: ' 13800138000 ', email: '', name: '王老板' } }).report.contact).toEqual({
      phone: '13800138000',
      name: '王老板',
    });
    expect(draft({ contact: { email: '  ' } }).report.contact).toBeNull();
  });

  it('cuts free-form parts down until the report fits the intake (1 MiB)', () => {
    const huge = simulation();
    huge.console = Array.from({ length: 20_000 }, (_, i) => ({
      level: 'error',
      text: `line ${i} ${'x'.repeat(200)}`,
    }));
    const evidence = { dump: 'y'.repeat(3_000_000) };
    const { report } = draft({ simulation: huge, checks: checklistRun([check({ evidence })]) });
    const bytes = Buffer.byteLength(JSON.stringify(report, null, 2));
    expect(bytes).toBeLessThan(REPORT_MAX_BYTES);
    expect((report.simulation!.console as unknown[]).at(-1)).toMatch(/more omitted/);
    expect(String(report.checks[0]!.evidence.dump)).toMatch(/characters omitted/);
  });

  it('refuses a symptom form that breaks its schema', () => {
    expect(() =>
      draft({
        symptom: { category: 'NOPE' as never, description: '', firstSeen: 'yesterday', frequency: null },
      }),
    ).toThrow();
  });
});
