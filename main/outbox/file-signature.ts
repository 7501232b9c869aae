import { createHash, createSign, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';

/**
 * The §5 request signature over a file, streamed: SHA256withRSA of `timestamp\nnonce\n` + bytes + `\n`,
 * the same message main/signing's headerSignatureMessage builds, without holding the zip in memory. The
 * file's SHA-256 (Content-SHA256) comes from the same pass.
 */
export async function signFileForIntake(
  path: string,
  privateKey: KeyObject,
  header: { timestamp: string; nonce: string },
): Promise<{ signature: string; sha256: string; bytes: number }> {
  const signer = createSign('sha256');
  const hash = createHash('sha256');
  let bytes = 0;
  signer.update(`${header.timestamp}\n${header.nonce}\n`, 'utf8');
  for await (const chunk of createReadStream(path)) {
    const buffer = chunk as Buffer;
    signer.update(buffer);
    hash.update(buffer);
    bytes += buffer.length;
  }
  signer.update('\n', 'utf8');
  return { signature: signer.sign(privateKey).toString('base64'), sha256: hash.digest('hex'), bytes };
}
