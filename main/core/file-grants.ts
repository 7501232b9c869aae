import { randomBytes } from 'node:crypto';
import { basename, isAbsolute } from 'node:path';
import type { FileGrant } from '../../shared/ipc/contract';

/** How long a chosen file stays usable: long enough to fix a form and import again, short enough to lapse. */
export const FILE_GRANT_TTL_MS = 30 * 60 * 1000;
/** Grants kept at most; the oldest goes first (a renderer cannot grow the table without limit). */
const MAX_GRANTS = 64;

/** The grant is unknown, or has lapsed: the file must be chosen again. */
export class FileGrantError extends Error {
  constructor() {
    super('This file choice is unknown or has expired; choose the file again.');
  }
}

/**
 * The renderer never names a file. Main hands it a token for each file the user chose in main's own open
 * dialog, or dropped on the window (the preload asks Electron for the dropped file's path and registers
 * it here over its own channel); channels that read a file take the token and main looks the path up.
 * A compromised page can therefore reach only files the user picked or dropped in this session.
 */
export class FileGrants {
  private readonly grants = new Map<string, { path: string; expiresAt: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs: number = FILE_GRANT_TTL_MS,
  ) {}

  /** A token for a path main itself obtained (its dialog, or Electron's path of a dropped file). */
  grant(path: string): FileGrant {
    if (!isAbsolute(path)) throw new Error('a granted file path must be absolute');
    this.sweep();
    while (this.grants.size >= MAX_GRANTS) this.grants.delete(this.grants.keys().next().value!);
    const token = randomBytes(16).toString('hex');
    this.grants.set(token, { path, expiresAt: this.now() + this.ttlMs });
    return { token, name: basename(path) };
  }

  /** The path behind a token; throws FileGrantError for a token main did not issue or that lapsed. */
  path(token: string): string {
    this.sweep();
    const grant = this.grants.get(token);
    if (!grant) throw new FileGrantError();
    return grant.path;
  }

  private sweep(): void {
    const now = this.now();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(token);
  }
}
