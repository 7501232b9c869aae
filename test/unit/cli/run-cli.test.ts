import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli/run-cli';
import type { CliIo } from '../../../main/cli/cli-io';
import { languageFromEnvironment } from '../../../main/cli/cli-io';

function io(language: CliIo['language'] = 'zh-CN') {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (l: string) => out.push(l),
      err: (l: string) => err.push(l),
      language,
      stopSignal: new AbortController().signal,
    },
  };
}

describe('baitiao-doctor CLI', () => {
  it('--help lists the commands, in Chinese by default', async () => {
    const t = io();
    expect(await runCli(['--help'], t.io)).toBe(0);
    const text = t.out.join('\n');
    expect(text).toContain('用法');
    expect(text).toMatch(/^\s+sandbox /m);
  });

  it('--help in English when the environment asks for it', async () => {
    const t = io(languageFromEnvironment({ LANG: 'en_US.UTF-8' }));
    await runCli(['--help'], t.io);
    expect(t.out.join('\n')).toContain('Usage: baitiao-doctor');
  });

  it('an unknown command or option is bad input: exit 2 with a message', async () => {
    const t = io();
    expect(await runCli(['frobnicate'], t.io)).toBe(2);
    expect(t.err.join('\n')).toContain('frobnicate');
    const u = io('en-US');
    expect(await runCli(['sandbox', '--no-such-option'], u.io)).toBe(2);
    expect(u.err.join('\n')).toContain('--no-such-option');
  });

  it('an unknown scenario names the option and lists the valid ones', async () => {
    const t = io('en-US');
    expect(await runCli(['sandbox', '--scenario', 'nope'], t.io)).toBe(2);
    expect(t.err.join('\n')).toMatch(/--scenario.*"nope".*healthy/s);
  });
});
