import { spawnSync } from 'node:child_process';
import { createPublicKey } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processAlive, signFileForIntake, tryLock } from '../../../main/outbox';
import { writeFileAtomic } from '../../../main/fs/atomic-write';
import { verifyHeaderMessage } from '../../../main/signing';

const dir = mkdtempSync(join(tmpdir(), 'bt-lock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KEY = readFileSync(new URL('../signing/fixtures/test-merchant-pkcs8.pem', import.meta.url), 'utf8');

/** The pid of a process that has exited (and been reaped). */
const deadPid = (): number =>
  Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString());

describe('item locks', () => {
  const options = { staleAfterMs: 60_000, heartbeatMs: 10_000 };

  it('admits one holder; the lock is free again once released', async () => {
    const path = join(dir, 'a.lock');
    const first = await tryLock(path, options);
    expect(first).not.toBeNull();
    expect(await tryLock(path, options)).toBeNull();
    expect(await first!.held()).toBe(true);
    await first!.release();
    const again = await tryLock(path, options);
    expect(again).not.toBeNull();
    await again!.release();
    expect(readdirSync(dir).filter((n) => n.startsWith('a.lock'))).toEqual([]);
  });

  it('takes over the lock of a process that died (killed mid-upload)', async () => {
    const path = join(dir, 'b.lock');
    const pid = deadPid();
    expect(processAlive(pid)).toBe(false);
    writeFileSync(
      path,
      JSON.stringify({ pid, host: hostname(), token: 'dead', acquiredAt: new Date().toISOString() }),
    );
    const lock = await tryLock(path, options);
    expect(lock).not.toBeNull();
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    await lock!.release();
  });

  it('takes over a lock whose heartbeat stopped, and not a fresh one', async () => {
    const path = join(dir, 'c.lock');
    const info = { pid: 1, host: 'another-machine', token: 'far', acquiredAt: new Date().toISOString() };
    writeFileSync(path, JSON.stringify(info));
    expect(await tryLock(path, options)).toBeNull();
    const old = new Date(Date.now() - 5 * 60_000);
    utimesSync(path, old, old);
    const lock = await tryLock(path, options);
    expect(lock).not.toBeNull();
    await lock!.release();
  });

  it('knows when it has lost its lock', async () => {
    const path = join(dir, 'd.lock');
    const lock = await tryLock(path, options);
    writeFileSync(
      path,
      JSON.stringify({ pid: process.pid, host: hostname(), token: 'someone-else', acquiredAt: '' }),
    );
    expect(await lock!.held()).toBe(false);
    await lock!.release();
    // Not ours: left in place.
    expect(JSON.parse(readFileSync(path, 'utf8')).token).toBe('someone-else');
  });
});

describe('durable files', () => {
  it('replaces a file whole, leaving no temp files behind', async () => {
    const path = join(dir, 'state.json');
    await writeFileAtomic(path, '{"a":1}');
    await writeFileAtomic(path, '{"a":2}');
    expect(readFileSync(path, 'utf8')).toBe('{"a":2}');
    expect(readdirSync(dir).filter((n) => n.startsWith('state.json'))).toEqual(['state.json']);
  });

  it('signs a file streamed, exactly as the intake verifies the bytes (§5)', async () => {
    const path = join(dir, 'bundle.zip');
    const bytes = Buffer.alloc(300_000, 3);
    writeFileSync(path, bytes);
    const header = { timestamp: '1764151200', nonce: '0123456789abcdef0123456789abcdef' };
    const signed = await signFileForIntake(path, (await import('node:crypto')).createPrivateKey(KEY), header);
    expect(signed.bytes).toBe(bytes.length);
    expect(verifyHeaderMessage(bytes, { ...header, signature: signed.signature }, createPublicKey(KEY))).toBe(
      true,
    );
    expect(
      verifyHeaderMessage(Buffer.alloc(10), { ...header, signature: signed.signature }, createPublicKey(KEY)),
    ).toBe(false);
  });
});
