import { text } from '../../shared/i18n/localized-text';
import { APP_IDENTITY } from '../core/app-identity';
import { CliInputError, EXIT, say, type CliIo } from './cli-io';
import { bundleCommand, bundleHelp } from './commands/bundle-command';
import { checkCommand, checkHelp } from './commands/check-command';
import { diagnoseCommand, diagnoseHelp } from './commands/diagnose-command';
import { probeCommand, probeHelp } from './commands/probe-command';
import { sandboxCommand, sandboxHelp } from './commands/sandbox-command';
import { submitCommand, submitHelp } from './commands/submit-command';
import { watchCommand, watchHelp } from './commands/watch-command';
import { simulateCommand, simulateHelp } from './commands/simulate-command';
import { triageCommand, triageHelp } from './commands/triage-command';

interface Command {
  help: ReturnType<typeof text>;
  run(args: string[], io: CliIo): Promise<number>;
}

/** The command table: each later capability adds its command here. */
const COMMANDS: Record<string, Command> = {
  sandbox: { help: sandboxHelp, run: sandboxCommand },
  check: { help: checkHelp, run: checkCommand },
  diagnose: { help: diagnoseHelp, run: diagnoseCommand },
  probe: { help: probeHelp, run: probeCommand },
  watch: { help: watchHelp, run: watchCommand },
  simulate: { help: simulateHelp, run: simulateCommand },
  bundle: { help: bundleHelp, run: bundleCommand },
  submit: { help: submitHelp, run: (args, io) => submitCommand(args, io) },
  triage: { help: triageHelp, run: triageCommand },
};

function printHelp(io: CliIo): void {
  io.out(`${APP_IDENTITY.productName} (baitiao-doctor) ${APP_IDENTITY.version}`);
  io.out('');
  io.out(say(io, text('用法：baitiao-doctor <命令> [选项]', 'Usage: baitiao-doctor <command> [options]')));
  io.out('');
  io.out(say(io, text('命令：', 'Commands:')));
  for (const command of Object.values(COMMANDS)) io.out(`  ${say(io, command.help)}`);
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
  const command = COMMANDS[name];
  if (!command) {
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
  try {
    return await command.run(rest, io);
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
