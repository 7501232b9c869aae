// chrome-har ships no types; this is the one function the simulation calls.
declare module 'chrome-har' {
  export interface ChromeHarOptions {
    includeResourcesFromDiskCache?: boolean;
    includeTextFromResponseBody?: boolean;
  }
  export function harFromMessages(
    messages: readonly { method: string; params: unknown }[],
    options?: ChromeHarOptions,
  ): { log: { version: string; creator: Record<string, unknown>; pages: unknown[]; entries: unknown[] } };
}
