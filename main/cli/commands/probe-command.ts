import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { text } from '../../../shared/i18n/localized-text';
import { probeReportJson, probeReportLines, proxyFromEnvironment, runProbes } from '../../probe';
import { loadPlatformProfileFile } from '../../config';
import { CliInputError, EXIT, type CliIo } from '../cli-io';
import { issuesError } from '../config-input';

function positiveInt(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw new CliInputError(
      text(
        `${name}：「${raw}」不是 0 到 ${max} 之间的整数。`,
        `${name}: "${raw}" is not a whole number from 0 to ${max}.`,
      ),
    );
  }
  return n;
}

/**
 * curl -w, per hop and per phase, repeated with percentiles. Extra trusted roots come from a platform
 * profile (its extraCaCertificates) or a --cacert file; verification itself is never switched off.
 */
export async function probeCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      count: { type: 'string' },
      interval: { type: 'string' },
      platform: { type: 'string' },
      cacert: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const [url] = positionals;
  let parsed: URL | null;
  try {
    parsed = url ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  if (!parsed || !['https:', 'http:'].includes(parsed.protocol)) {
    throw new CliInputError(
      text(
        `URL：「${url ?? ''}」不是以 https:// 开头的完整网址。`,
        `URL: "${url ?? ''}" is not a full address starting with https://.`,
      ),
    );
  }
  const extraCaCertificates: string[] = [];
  if (values.platform) {
    const profile = await loadPlatformProfileFile(values.platform);
    if (!profile.ok) throw issuesError(profile.errors);
    extraCaCertificates.push(...profile.value.extraCaCertificates);
  }
  if (values.cacert) {
    const pem = await readFile(values.cacert, 'utf8').catch(() => null);
    if (!pem?.includes('-----BEGIN CERTIFICATE-----')) {
      throw new CliInputError(
        text(
          `--cacert：${values.cacert} 读不出 PEM 证书。`,
          `--cacert: ${values.cacert} holds no readable PEM certificate.`,
        ),
      );
    }
    extraCaCertificates.push(pem);
  }
  const count = positiveInt('--count', values.count, 5, 100) || 1;
  const intervalMs = positiveInt('--interval', values.interval, 1000, 60_000);
  const run = await runProbes({
    targets: [{ role: 'custom', url: parsed.href }],
    settings: { count, intervalMs },
    resolveProxy: proxyFromEnvironment(process.env),
    extraCaCertificates,
    signal: io.stopSignal,
    onProgress: (p) => {
      if (io.interactive && !values.json) io.err(`… ${p.done}/${p.total}`);
    },
  });
  if (values.json) io.out(JSON.stringify(probeReportJson(run)));
  else for (const line of probeReportLines(run, io.language)) io.out(line);
  return run.results.some((r) => r.outcome === 'failed') ? EXIT.problemFound : EXIT.ok;
}
