/** Bounds that keep one run's result small whatever the page does. */
export const CAPTURE_LIMITS = {
  events: 4000,
  subresources: 500,
  console: 200,
  exceptions: 100,
  textChars: 1000,
  documentBytes: 2 * 1024 * 1024,
} as const;
