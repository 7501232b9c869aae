// har-validator ships no types; this is the one call the tests make.
declare module 'har-validator' {
  export function har(data: unknown): Promise<unknown>;
}
