/**
 * Nonces the gateway has accepted. A nonce is remembered for twice the timestamp tolerance: any replay
 * older than that already fails the timestamp check, so the set stays small without letting replays in.
 */
export interface NonceRegistry {
  /** Records the nonce; false if it was seen within the window (a replay). */
  claim(nonce: string, nowMs: number): boolean;
}

export function createNonceRegistry(windowMs: number): NonceRegistry {
  const seen = new Map<string, number>();
  return {
    claim(nonce, nowMs) {
      for (const [old, at] of seen) {
        // Map iterates in insertion order, so the oldest come first.
        if (nowMs - at <= windowMs) break;
        seen.delete(old);
      }
      if (seen.has(nonce)) return false;
      seen.set(nonce, nowMs);
      return true;
    },
  };
}
