import { languageFromEnvironment } from './cli-io';
import { runCli } from './run-cli';

// The process entry of the CLI: wires stdout, stderr, Ctrl+C and the exit code to runCli.
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());

runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  language: languageFromEnvironment(process.env),
  interactive: process.stderr.isTTY === true,
  stopSignal: stop.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 3;
  },
);
