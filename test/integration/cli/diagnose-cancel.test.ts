import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { runCli } from '../../../main/cli/run-cli';
import { startSandbox, writeSandboxFiles, type Sandbox, type SandboxFiles } from '../../../main/sandbox';

// Ctrl+C during `diagnose`: half a run proves nothing, so no verdict is printed and no bundle written; and the
// gateway that never answers (gateway-timeout) is not waited out: the cancel ends the run, not the deadline.

let sandbox: Sandbox;
let files: SandboxFiles;
const root = mkdtempSync(join(tmpdir(), 'bt-cancel-'));
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: 'gateway-timeout', onInternalError: () => {} });
  files = await writeSandboxFiles(sandbox, join(root, 'sandbox'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});

describe('diagnose, cancelled with Ctrl+C', () => {
  it('prints no verdict, writes no bundle, exit 1, and says why in the user’s language', async () => {
    const stop = new AbortController();
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (l) => out.push(l),
      // Interactive: progress lines arrive on stderr; the first one ("started") is the moment to press Ctrl+C.
      err: (l) => {
        err.push(l);
        if (l === 'started') setImmediate(() => stop.abort());
      },
      language: 'zh-CN',
      interactive: true,
      stopSignal: stop.signal,
    };
    const bundle = join(root, 'cancelled.zip');
    const code = await runCli(
      ['diagnose', '--store', files.storePath, '--platform', files.platformPath, '--out', bundle],
      io,
    );
    expect(stop.signal.aborted).toBe(true);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err.at(-1)).toBe('诊断已取消。结果不完整，所以这里不下结论，也没有生成诊断包；需要时请重新运行。');
    expect(existsSync(bundle)).toBe(false);
    expect(readdirSync(root).filter((name) => name.includes('cancelled'))).toEqual([]);
  });
});
