import { parseArgs } from 'node:util';
import { text } from '../../../shared/i18n/localized-text';
import { verifyBundle } from '../../bundle';
import { CliInputError, EXIT, say, type CliIo } from '../cli-io';

/** `bundle verify FILE`: 0 valid, 1 invalid (each reason printed), 2 no such file or bad arguments. */
export async function bundleCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'verify') {
    throw new CliInputError(
      text(
        `bundle：未知的子命令「${sub ?? ''}」。用法：bundle verify <诊断包.zip> [--json]`,
        `bundle: unknown subcommand "${sub ?? ''}". Usage: bundle verify <bundle.zip> [--json]`,
      ),
    );
  }
  const { values, positionals } = parseArgs({
    args: rest,
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length) {
    throw new CliInputError(
      text('用法：bundle verify <诊断包.zip> [--json]', 'Usage: bundle verify <bundle.zip> [--json]'),
    );
  }
  const result = await verifyBundle(file);
  if (result.problems.length === 1 && result.problems[0]!.code === 'FILE_UNREADABLE') {
    throw new CliInputError(
      text(
        `${file}：${result.problems[0]!.message['zh-CN']}`,
        `${file}: ${result.problems[0]!.message['en-US']}`,
      ),
    );
  }
  if (values.json) {
    io.out(
      JSON.stringify({
        valid: result.ok,
        file,
        bytes: result.bytes,
        report_id: result.manifest?.report_id ?? null,
        files: result.manifest?.files ?? [],
        redaction: result.manifest?.redaction ?? null,
        withheld: result.manifest?.withheld ?? [],
        problems: result.problems,
      }),
    );
  } else if (result.ok) {
    const m = result.manifest!;
    const replaced = Object.entries(m.redaction.rules).filter(([, n]) => n > 0);
    io.out(
      say(
        io,
        text(
          `✓ 诊断包完整：报告 ${m.report_id}，${m.files.length} 个文件与 manifest.json 一致。`,
          `✓ Bundle intact: report ${m.report_id}, ${m.files.length} files match manifest.json.`,
        ),
      ),
    );
    for (const f of m.files)
      io.out(`  ${f.path.padEnd(36)} ${String(f.bytes).padStart(10)}  ${f.sha256.slice(0, 16)}…`);
    io.out(
      say(
        io,
        text(
          `脱敏：${replaced.map(([r, n]) => `${r} ${n}`).join('，') || '无替换'}${m.withheld.length ? `；商户未提供：${m.withheld.join('、')}` : ''}`,
          `Redacted: ${replaced.map(([r, n]) => `${r} ${n}`).join(', ') || 'nothing'}${m.withheld.length ? `; withheld by the merchant: ${m.withheld.join(', ')}` : ''}`,
        ),
      ),
    );
  } else {
    io.out(say(io, text(`✗ 诊断包无效：${file}`, `✗ Invalid bundle: ${file}`)));
    for (const p of result.problems) io.out(`  [${p.code}] ${say(io, p.message)}`);
  }
  return result.ok ? EXIT.ok : EXIT.problemFound;
}
