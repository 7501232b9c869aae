/** How long quitting waits for the core: an outbox write or a SQLite commit finishes well within it. */
export const CLOSE_BUDGET_MS = 5000;

/**
 * Waits for close() but at most `budgetMs`: quitting must not cut a write short, nor hang forever on a
 * stuck one. Resolves 'closed', 'timeout' or 'failed' (the error goes to onProblem); never rejects.
 */
export async function closeBounded(
  close: () => Promise<void>,
  onProblem: (message: string) => void,
  budgetMs = CLOSE_BUDGET_MS,
): Promise<'closed' | 'timeout' | 'failed'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), budgetMs);
  });
  const closing = close().then(
    () => 'closed' as const,
    (error: unknown) => {
      onProblem(`closing the core failed: ${error instanceof Error ? error.message : String(error)}`);
      return 'failed' as const;
    },
  );
  const outcome = await Promise.race([closing, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') onProblem(`closing the core took longer than ${budgetMs} ms; quitting anyway`);
  return outcome;
}
