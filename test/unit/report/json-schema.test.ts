import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { IntakeReportSchema } from '../../../main/sandbox/intake-report-schema';
import { reportJsonSchema } from '../../../shared/report';
import { draft } from './fixtures';

const FILE = new URL('../../../shared/report/report.schema.json', import.meta.url);

describe('shared/report/report.schema.json', () => {
  it('is what the zod schema generates (UPDATE_REPORT_SCHEMA=1 rewrites it)', async () => {
    const generated = reportJsonSchema();
    if (process.env.UPDATE_REPORT_SCHEMA === '1') {
      const path = fileURLToPath(FILE);
      const options = (await prettier.resolveConfig(path)) ?? {};
      writeFileSync(FILE, await prettier.format(JSON.stringify(generated), { ...options, filepath: path }));
    }
    expect(
      JSON.parse(readFileSync(FILE, 'utf8')),
      'stale: run UPDATE_REPORT_SCHEMA=1 npx vitest run --project unit test/unit/report/json-schema.test.ts',
    ).toEqual(generated);
  });

  it('accepts a built report and refuses a broken one (ajv, draft 2020-12)', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(FILE, 'utf8')));
    const { report } = draft();
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...report, symptom: { ...report.symptom, category: 'BROKEN' } })).toBe(false);
    expect(validate({ ...report, report_id: 'not-a-uuid' })).toBe(false);
    const { merchant_no: _m, ...withoutMerchant } = report;
    expect(validate(withoutMerchant)).toBe(false);
  });

  it('has at least the fields of protocol §5, as the intake checks them', () => {
    expect(IntakeReportSchema.safeParse(draft().report).success).toBe(true);
    const schema = JSON.parse(readFileSync(FILE, 'utf8')) as { required: string[] };
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'report_id',
        'schema_version',
        'created_at',
        'merchant_no',
        'app',
        'symptom',
        'checks',
        'simulation',
        'timings',
        'environment',
        'contact',
      ]),
    );
  });
});
