import { z } from 'zod';
import { REPORT_SCHEMA_VERSION, ReportSchema } from './report-schema';

/**
 * The report schema as JSON Schema (draft 2020-12), for the platform's side and anyone without zod.
 * Checked in as shared/report/report.schema.json; test/unit/report/json-schema.test.ts fails when the file
 * and this output drift apart (and rewrites it with UPDATE_REPORT_SCHEMA=1).
 */
export function reportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(ReportSchema, { target: 'draft-2020-12', io: 'output' });
  return {
    $schema: generated.$schema,
    $id: `https://baitiao-doctor.invalid/schemas/report-v${REPORT_SCHEMA_VERSION}.json`,
    title: `Baitiao Doctor problem report, schema_version ${REPORT_SCHEMA_VERSION} (platform protocol §5)`,
    ...Object.fromEntries(Object.entries(generated).filter(([key]) => key !== '$schema')),
  };
}
