export * from './sections';
export * from './redaction-rules';
export * from './symptom-form';
export * from './report-schema';
export * from './bundle-manifest';
export * from './bundle-view';
export * from './outbox-view';
export { reportJsonSchema } from './report-json-schema';
