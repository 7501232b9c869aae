import { z } from 'zod';

/** §5 symptom categories, as the buyer saw it. */
export const SYMPTOM_CATEGORIES = [
  'PAGE_NOT_LOADING',
  'PAYMENT_FAILED_MESSAGE',
  'BLANK_OR_GARBLED_PAGE',
  'OTHER',
] as const;
export const SymptomCategorySchema = z.enum(SYMPTOM_CATEGORIES);
export type SymptomCategory = z.infer<typeof SymptomCategorySchema>;

export const SYMPTOM_FREQUENCIES = ['EVERY_TIME', 'OFTEN', 'SOMETIMES', 'ONCE', 'UNKNOWN'] as const;
export const SymptomFrequencySchema = z.enum(SYMPTOM_FREQUENCIES);
export type SymptomFrequency = z.infer<typeof SymptomFrequencySchema>;

/** A day (2026-11-20) or an instant with its offset: a merchant usually knows only the day. */
export const FirstSeenSchema = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const MAX_MERCHANT_SCREENSHOTS = 5;
export const MAX_MERCHANT_SCREENSHOT_BYTES = 8 * 1024 * 1024;

/** A picture the merchant attached (a buyer's phone screenshot): PNG or JPEG, as base64 so it crosses IPC. */
export const MerchantScreenshotSchema = z.object({
  name: z.string().max(200),
  mediaType: z.enum(['image/png', 'image/jpeg']),
  base64: z
    .string()
    .max(Math.ceil((MAX_MERCHANT_SCREENSHOT_BYTES * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/),
});
export type MerchantScreenshot = z.infer<typeof MerchantScreenshotSchema>;

/** What the symptom form collects, in the merchant's own words. */
export const SymptomFormSchema = z.object({
  category: SymptomCategorySchema,
  description: z.string().max(4000),
  firstSeen: FirstSeenSchema.nullable(),
  frequency: SymptomFrequencySchema.nullable(),
  screenshots: z.array(MerchantScreenshotSchema).max(MAX_MERCHANT_SCREENSHOTS).default([]),
});
export type SymptomForm = z.input<typeof SymptomFormSchema>;

/**
 * Contact details, only what the merchant chose to type in. Absent entirely unless given: the report's
 * `contact` is then null and no field of it is sent.
 */
export const ContactSchema = z
  .object({
    name: z.string().max(100).optional(),
    phone: z.string().max(40).optional(),
    email: z.string().max(200).optional(),
    wechat: z.string().max(100).optional(),
    preferredTime: z.string().max(200).optional(),
  })
  .strict();
export type Contact = z.infer<typeof ContactSchema>;
