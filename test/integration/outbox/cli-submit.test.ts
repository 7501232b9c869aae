import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../main/cli/cli-io';
import { defaultDataDir } from '../../../main/cli/commands/submit-command';
import { runCli } from '../../../main/cli/run-cli';
import { startSandbox, writeSandboxFiles, type Sandbox, type SandboxFiles } from '../../../main/sandbox';
import { sandboxBundle } from './support';

function capture(language: CliIo['language'] = 'en-US') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    language,
    stopSignal: new AbortController().signal,
  };
  return { io, out, err };
}

let sandbox: Sandbox;
let files: SandboxFiles;
const root = mkdtempSync(join(tmpdir(), 'bt-submit-'));
beforeAll(async () => {
  sandbox = await startSandbox({ onInternalError: () => {} });
  files = await writeSandboxFiles(sandbox, join(root, 'sandbox'));
});
afterAll(async () => {
  await sandbox.close();
  rmSync(root, { recursive: true, force: true });
});
beforeEach(() => sandbox.setScenario('healthy'));

let n = 0;
const submit = (bundle: string, extra: string[] = []) => [
  'submit',
  '--bundle',
  bundle,
  '--store',
  files.storePath,
  '--platform',
  files.platformPath,
  '--outbox',
  join(root, `outbox${(n += 1)}`),
  ...extra,
];

describe('baitiao-doctor submit', () => {
  it('prints {"ticket_id"} once the report and bundle are accepted (exit 0), through transient failures', async () => {
    const bundle = await sandboxBundle(sandbox, root);
    sandbox.intake.failNext(2, 503, 0);
    const t = capture();
    expect(await runCli(submit(bundle.path, ['--json']), t.io)).toBe(0);
    const printed = JSON.parse(t.out.join('\n')) as { ticket_id: string };
    expect(Object.keys(printed)).toEqual(['ticket_id']);
    const ticket = sandbox.intake.tickets.get(printed.ticket_id)!;
    expect(ticket.reportId).toBe(bundle.manifest.report_id);
    expect(sandbox.intake.uploads.get(printed.ticket_id)?.sha256).toBe(bundle.sha256);

    // The same bundle again (another outbox): the intake's idempotency gives back the same ticket.
    const again = capture('zh-CN');
    expect(await runCli(submit(bundle.path), again.io)).toBe(0);
    expect(again.out.join('\n')).toContain(`工单号：${printed.ticket_id}`);
    expect([...sandbox.intake.tickets.values()].filter((x) => x.reportId === ticket.reportId)).toHaveLength(
      1,
    );
  });

  it('exits 1 with the reason when the platform refuses for good (bad signature)', async () => {
    sandbox.setScenario('invalid-signature');
    const t = capture();
    expect(await runCli(submit((await sandboxBundle(sandbox, root)).path, ['--json']), t.io)).toBe(1);
    expect(JSON.parse(t.out.join('\n'))).toMatchObject({
      ticket_id: null,
      state: 'failed-permanently',
      error: { status: 401 },
    });
    expect(t.err.join('\n')).toMatch(/refused the report \(401 INVALID_SIGNATURE\)/);
  });

  it("exits 2 on bad input: missing option, not a bundle, another merchant's bundle", async () => {
    const missing = capture();
    expect(
      await runCli(['submit', '--store', files.storePath, '--platform', files.platformPath], missing.io),
    ).toBe(2);
    expect(missing.err.join('\n')).toContain('--bundle');

    const notZip = join(root, 'note.zip');
    writeFileSync(notZip, 'hello');
    const bad = capture();
    expect(await runCli(submit(notZip), bad.io)).toBe(2);
    expect(bad.err.join('\n')).toContain('NOT_A_ZIP');

    const foreign = await sandboxBundle(sandbox, root, { merchantNo: '2088999999999999' });
    const other = capture();
    expect(await runCli(submit(foreign.path), other.io)).toBe(2);
    expect(other.err.join('\n')).toContain('2088999999999999');
  });

  it('keeps its outbox where the app keeps its own (the data folder)', () => {
    expect(defaultDataDir({ BAITIAO_DOCTOR_DATA_DIR: '/data/bt' })).toBe('/data/bt');
    expect(defaultDataDir({ HOME: '/home/a' }, 'linux')).toBe('/home/a/.config/白条支付诊断助手');
    expect(defaultDataDir({ HOME: '/home/a', XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/白条支付诊断助手');
    expect(defaultDataDir({ HOME: '/Users/a' }, 'darwin')).toBe(
      '/Users/a/Library/Application Support/白条支付诊断助手',
    );
    expect(
      defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming', HOME: 'C:\\Users\\a' }, 'win32'),
    ).toContain('白条支付诊断助手');
  });
});
