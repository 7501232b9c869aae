import { z } from 'zod';

/**
 * What the merchant previews and may leave out, one checkbox each. `report` (the symptom and the
 * environment) is what gets filed, so it is always sent; every other section can be withheld.
 */
export const REPORT_SECTIONS = [
  'report',
  'checks',
  'simulation',
  'timings',
  'har',
  'screenshots',
  'logs',
  'contact',
  // The last crash or unhandled error of the app itself, when there was one (issue 15).
  'app-health',
] as const;
export const ReportSectionSchema = z.enum(REPORT_SECTIONS);
export type ReportSection = z.infer<typeof ReportSectionSchema>;

export const OPTIONAL_SECTIONS: readonly ReportSection[] = REPORT_SECTIONS.filter((s) => s !== 'report');
