import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ScenarioSchema, SCENARIOS } from '../../../shared/sandbox/scenarios';
import { text } from '../../../shared/i18n/localized-text';
import { startSandbox, writeSandboxFiles } from '../../sandbox';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';

/** Standalone sandbox: the same platform the app embeds, for support staff and for trying the CLI. */
export async function sandboxCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: 'string', default: 'healthy' },
      dir: { type: 'string', default: 'baitiao-sandbox' },
      'port-base': { type: 'string', default: '8443' },
    },
    strict: true,
  });
  const scenario = ScenarioSchema.safeParse(values.scenario);
  if (!scenario.success) {
    throw new CliInputError(
      text(
        `--scenario：没有名为「${values.scenario}」的场景。可用：${SCENARIOS.join(', ')}`,
        `--scenario: there is no scenario "${values.scenario}". Available: ${SCENARIOS.join(', ')}`,
      ),
    );
  }
  const portBase = Number(values['port-base']);
  if (!Number.isInteger(portBase) || portBase < 0 || portBase > 65532) {
    throw new CliInputError(
      text(
        `--port-base：「${values['port-base']}」不是有效端口（0 表示随机端口，或 1–65532）。`,
        `--port-base: "${values['port-base']}" is not a valid port (0 for random ports, or 1–65532).`,
      ),
    );
  }
  const port = (offset: number) => (portBase === 0 ? 0 : portBase + offset);
  const sandbox = await startSandbox({
    scenario: scenario.data,
    ports: { gateway: port(0), cashier: port(1), support: port(2), store: port(3) },
  });
  try {
    const dir = resolve(values.dir);
    const files = await writeSandboxFiles(sandbox, dir);
    io.out(
      say(
        io,
        text(
          `沙箱平台已启动，场景：${sandbox.scenario}`,
          `Sandbox platform running, scenario: ${sandbox.scenario}`,
        ),
      ),
    );
    io.out(`platform.json: ${files.platformPath}`);
    io.out(`store.json:    ${files.storePath}`);
    io.out(`gateway:       ${sandbox.profile.gatewayUrl}`);
    io.out(`cashier:       ${sandbox.profile.cashierOrigin}`);
    io.out(`support:       ${sandbox.profile.supportApiUrl}`);
    io.out(`store:         ${sandbox.store.storeUrl}`);
    io.out(`back office:   ${sandbox.backOfficeUrl}`);
    io.out(say(io, text('按 Ctrl+C 停止。', 'Press Ctrl+C to stop.')));
    await new Promise<void>((done) => {
      if (io.stopSignal.aborted) return done();
      io.stopSignal.addEventListener('abort', () => done(), { once: true });
    });
  } finally {
    await sandbox.close();
  }
  return EXIT.ok;
}
