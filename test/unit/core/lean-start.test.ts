import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/ipc/contract';
import { staticImports } from '../../../bench/support/static-imports';
import { startServices } from '../../../main/core/app-services';
import { GROUP_OF, HANDLER_GROUPS, type GroupName } from '../../../main/core/handler-table';
import { EventBus } from '../../../main/core/event-bus';
import { FileGrants } from '../../../main/core/file-grants';
import { TaskRegistry } from '../../../main/core/task-registry';

const REPO = join(import.meta.dirname, '../../..');

describe('the main process’s start path stays lean (issue 15)', () => {
  it('what main/index.ts loads before its window: no zod, engine, sandbox, reflect-metadata, updater or store', () => {
    const { files, packages } = staticImports(REPO, 'main/index.ts');
    // Electron and its log are all the packages; everything else is imported on first use.
    expect([...packages].sort()).toEqual(['electron', 'electron-log']);
    const heavy = files.filter((f) =>
      /^main\/(sandbox|simulation|checklist|diagnosis|probe|bundle|report|outbox|watch|config\/(?!key-vault)|keys|triage)|^shared\/ipc\/contract/.test(
        f,
      ),
    );
    expect(heavy).toEqual([]);
    // createAppCore itself: the services and every handler group are dynamic imports.
    const core = staticImports(REPO, 'main/core/app-core.ts');
    expect([...core.packages]).toEqual([]);
    expect(core.files.some((f) => /app-services|handler-table|handlers\//.test(f))).toBe(false);
  });

  it('the CLI’s own start (--help, --version) loads no package, zod included: commands are dynamic imports', () => {
    const cli = staticImports(REPO, 'main/cli/index.ts');
    expect([...cli.packages]).toEqual([]);
    expect(cli.files.some((f) => f.startsWith('shared/ipc/') || f === 'shared/i18n/localized-text.ts')).toBe(
      false,
    );
  });

  it('every channel of the contract has its handler in the group the table names', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bt-groups-'));
    const services = await startServices({
      options: { dataDir, demo: false },
      log: () => {},
      runtime: 'test',
      notices: [],
      events: new EventBus(),
      tasks: new TaskRegistry(),
      files: new FileGrants(),
      demo: null,
    });
    try {
      const provided = new Map<string, GroupName>();
      for (const [group, load] of Object.entries(HANDLER_GROUPS) as [
        GroupName,
        (typeof HANDLER_GROUPS)[GroupName],
      ][]) {
        const made: Record<string, unknown> = (await load()).handlers(services.context);
        for (const [channel, handler] of Object.entries(made))
          if (typeof handler === 'function') provided.set(channel, group);
      }
      for (const channel of CHANNEL_NAMES)
        expect([channel, provided.get(channel)]).toEqual([channel, GROUP_OF[channel]]);
      expect(provided.size).toBe(CHANNEL_NAMES.length);
    } finally {
      await services.close();
    }
  });
});
