import { z } from 'zod';

/**
 * Text the engine produces for people (check titles, remediations, outcome explanations) carries both
 * languages, so a report or bundle reads right in either and the CLI can print the user's language.
 */
export const LocalizedTextSchema = z.object({ 'zh-CN': z.string(), 'en-US': z.string() });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export { text } from './text';
