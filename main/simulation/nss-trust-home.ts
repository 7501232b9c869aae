import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CERTUTIL_TIMEOUT_MS = 15_000;

/**
 * A throw-away home directory whose NSS database (`$HOME/.pki/nssdb`, where Chromium on Linux reads
 * locally trusted roots) holds the platform profile's extra CAs, trusted for TLS server authentication
 * only ("C,,"). Chromium launched with HOME pointing here verifies every certificate itself, expiry and
 * host name included, and trusts the profile CA for this browser process alone: nothing is added to the
 * user's or the system's trust, and the directory is deleted with the browser.
 */
export interface NssTrustHome {
  home: string;
  dispose(): Promise<void>;
}

/** certutil (Debian/Ubuntu: libnss3-tools, Fedora: nss-tools) on PATH, or null. */
export function findCertutil(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'certutil');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

export async function createNssTrustHome(caPems: readonly string[], certutil: string): Promise<NssTrustHome> {
  // The pid in the name lets the next start sweep it if this process is killed (kept-files/temp-sweep.ts).
  const home = await mkdtemp(join(tmpdir(), `baitiao-doctor-browser-${process.pid}-`));
  const dispose = () => rm(home, { recursive: true, force: true });
  try {
    const db = join(home, '.pki', 'nssdb');
    await mkdir(db, { recursive: true, mode: 0o700 });
    const dbArg = `sql:${db}`;
    await run(certutil, ['-N', '-d', dbArg, '--empty-password'], { timeout: CERTUTIL_TIMEOUT_MS });
    for (const [i, pem] of caPems.entries()) {
      // Parsed first so a broken PEM fails here with a clear message, not inside certutil.
      const ca = new X509Certificate(pem);
      const file = join(home, `profile-ca-${i}.pem`);
      await writeFile(file, ca.toString(), { mode: 0o600 });
      await run(
        certutil,
        ['-A', '-d', dbArg, '-n', `baitiao-doctor-profile-ca-${i}`, '-t', 'C,,', '-i', file],
        {
          timeout: CERTUTIL_TIMEOUT_MS,
        },
      );
    }
    return { home, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}
