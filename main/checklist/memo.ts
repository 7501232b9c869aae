/** A fact gathered once per run and shared by every check that needs it (one network call, not five). */
export function memo<T>(produce: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= produce());
}
