import { text } from '../../shared/i18n/text';
import { APP_IDENTITY } from '../model/app-identity';
import { sweepTempLeftovers } from '../kept-files/temp-sweep';
import { CliInputError, EXIT, say, type CliIo } from './cli-io';
import { COMMAND_HELP } from './command-help';

type Run = (args: string[], io: CliIo) => Promise<number>;

/**
 * The command table: each later capability adds its one line here and its help line to COMMAND_HELP (the
 * types insist on both). One dynamic import per command: `--help` and `--version` load no engine code, and a
 * command loads only its own part of it.
 */
const COMMANDS: Record<keyof typeof COMMAND_HELP, () => Promise<Run>> = {
  sandbox: () => import('./commands/sandbox-command').then((m) => m.sandboxCommand),
  check: () => import('./commands/check-command').then((m) => m.checkCommand),
  diagnose: () => import('./commands/diagnose-command').then((m) => m.diagnoseCommand),
  probe: () => import('./commands/probe-command').then((m) => m.probeCommand),
  watch: () => import('./commands/watch-command').then((m) => m.watchCommand),
  simulate: () => import('./commands/simulate-command').then((m) => m.simulateCommand),
  bundle: () => import('./commands/bundle-command').then((m) => m.bundleCommand),
  submit: () => import('./commands/submit-command').then((m) => m.submitCommand),
  triage: () => import('./commands/triage-command').then((m) => m.triageCommand),
  keys: () => import('./commands/keys-command').then((m) => m.keysCommand),
};

const isCommand = (name: string): name is keyof typeof COMMANDS => Object.hasOwn(COMMANDS, name);

function printHelp(io: CliIo): void {
  io.out(`${APP_IDENTITY.productName} (baitiao-doctor) ${APP_IDENTITY.version}`);
  io.out('');
  io.out(say(io, text('用法：baitiao-doctor <命令> [选项]', 'Usage: baitiao-doctor <command> [options]')));
  io.out('');
  io.out(say(io, text('命令：', 'Commands:')));
  for (const help of Object.values(COMMAND_HELP)) io.out(`  ${say(io, help)}`);
  io.out('');
  io.out(
    say(
      io,
      text(
        '退出码：0 一切正常；1 发现问题；2 输入有误。设置 LANG=en_US.UTF-8 可显示英文。',
        'Exit codes: 0 all good; 1 a problem was found; 2 bad input. Set LANG=zh_CN.UTF-8 for Chinese.',
      ),
    ),
  );
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    printHelp(io);
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out(APP_IDENTITY.version);
    return EXIT.ok;
  }
  if (!isCommand(name)) {
    io.err(
      say(
        io,
        text(
          `未知命令「${name}」。运行 baitiao-doctor --help 查看可用命令。`,
          `Unknown command "${name}". Run baitiao-doctor --help to see the commands.`,
        ),
      ),
    );
    return EXIT.badInput;
  }
  // What a killed earlier run left in the temp folder (its browser HOME, Playwright's scratch folder).
  await sweepTempLeftovers();
  try {
    const run = await COMMANDS[name]();
    return await run(rest, io);
  } catch (error) {
    if (error instanceof CliInputError) {
      io.err(say(io, error.text));
      return EXIT.badInput;
    }
    // parseArgs reports unknown or malformed options with this code; that is bad input too.
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      io.err(`${name}: ${error.message}`);
      return EXIT.badInput;
    }
    throw error;
  }
}
